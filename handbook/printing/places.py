"""The folders a print document loads files from, written as names that are the same in every checkout.

A print document reaches its files by absolute `file:` URLs: the built site's images, the docs folder it is
based in, the font packages in the Python environment, the print code's own files (the print shop's colour
profile). Those URLs differ between two clones, between
`mkdocs build --site-dir X` and `make build`'s staging folder, and between virtual environments; the PDF does not.
Cache keys, the files a PDF loaded (kept with their digests) and the print-shop document ID are written with
each folder replaced by its name here, so a PDF made in one folder is reused in another while its inputs are
unchanged, and two clones of one commit write the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handbook.printing.fonts import font_files

SCHEME = "handbook-"  # `handbook-site:/`, `handbook-docs:/`, `handbook-font:/font_source_serif_pro/`
PRINT_CODE = Path(__file__).resolve().parent  # handbook/printing: the colour profile lives below it


@dataclass(frozen=True)
class Places:
    folders: tuple[tuple[str, str], ...] = ()  # (folder as a `file:` URL ending in `/`, its name), longest first

    def portable(self, text: str) -> str:
        """`text` with every folder's URL replaced by its name."""
        for url, name in self.folders:
            text = text.replace(url, name)
        return text

    def local(self, text: str) -> str:
        """`text` with every folder's name replaced by its URL in this checkout."""
        for url, name in self.folders:
            text = text.replace(name, url)
        return text


NO_PLACES = Places()  # URLs kept as they are: for documents that load no file of a checkout's own


def places(docs_dir: Path, site_dir: Path | None = None) -> Places:
    """The folders of this checkout's print documents; `site_dir` the site being built, whose images the
    handbooks show."""
    folders = {path.parent.as_uri() + "/": f"{SCHEME}font:/{path.parent.parent.name}/" for *_, path in font_files()}
    folders[docs_dir.resolve().as_uri() + "/"] = f"{SCHEME}docs:/"
    folders[PRINT_CODE.as_uri() + "/"] = f"{SCHEME}print:/"
    if site_dir is not None:
        folders[site_dir.resolve().as_uri() + "/"] = f"{SCHEME}site:/"
    return Places(tuple(sorted(folders.items(), key=lambda folder: -len(folder[0]))))
