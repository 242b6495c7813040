"""The print fonts served by the website itself, so screen and paper share one typeface without asking another
host for anything.

Each face is cut down to the characters the built pages contain (HarfBuzz) and compressed to WOFF2 (fontTools
with brotli); `font-display: optional` shows the text at once in a system font and uses a face only if it is there
within about 100 ms: a face that arrives later (a first visit on a slow phone) is kept for the next page instead
of being swapped in under the reader, which moved the text by a line (Lighthouse's layout shift up to 0.18 on the
home and phrase-cards pages). The faces have hashed names and are cached for a year. A cut face is kept in
the build folder under a digest of what it is made from, so a rebuild, or a live preview's save, does not cut
it again; the same inputs always give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from importlib.metadata import version
from pathlib import Path
from typing import Protocol, cast

from handbook.core.atomic import write_bytes
from handbook.printing.fonts import font_files

FONT_DIR = Path("assets") / "fonts"  # in the site; its stylesheet is `fonts.css`, listed under extra_css
CACHE = Path("cache") / "fonts"  # in the build folder (settings.build_dir)
# Always kept, whatever the pages hold: letters and signs that searches, numbers and names bring in.
# Every name an OpenType font may carry (family, copyright, licence, ...); HarfBuzz keeps only 0-6 by default.
STANDARD_NAME_IDS = range(26)
BASE_CHARACTERS = frozenset(chr(code) for code in range(0x20, 0x7F)) | frozenset("–—‘’“”…€·•×")


def used_characters(site_dir: Path) -> str:
    """Every character in the built HTML pages, with the base set, sorted: what the subset keeps."""
    found = set(BASE_CHARACTERS)
    for page in sorted(site_dir.rglob("*.html")):
        found.update(page.read_text(encoding="utf-8"))
    return "".join(sorted(c for c in found if c.isprintable() and c != "\ufeff"))


def face_name(family: str, weight: int, style: str) -> str:
    return f"{family.lower().replace(' ', '-')}-{weight}-{style}.woff2"


class _Blob(Protocol):
    data: bytes


class _Set(Protocol):
    def add(self, value: int) -> None: ...


class _SubsetInput(Protocol):
    unicode_set: _Set
    name_id_set: _Set
    flags: int


class _Subset(Protocol):
    blob: _Blob


class _SubsetFlags(Protocol):
    NO_HINTING: int
    DESUBROUTINIZE: int


class _Blobs(Protocol):
    def from_file_path(self, path: str) -> _Blob: ...


class _HarfBuzz(Protocol):
    """The module `uharfbuzz`, a compiled extension without types: the part that cuts a face, typed once."""

    Blob: _Blobs
    SubsetFlags: _SubsetFlags

    def Face(self, blob: _Blob) -> object: ...

    def SubsetInput(self) -> _SubsetInput: ...

    def subset(self, face: object, wanted: _SubsetInput) -> _Subset: ...


def subset_woff2(font: Path, characters: str) -> bytes:
    """`font` with only `characters` (and the layout features that join them), as WOFF2, without hinting.

    HarfBuzz cuts the face (about 20 times faster than fontTools' subsetter, which a cold build paid for every
    face); fontTools only writes the small result as WOFF2.
    """
    import uharfbuzz  # pyright: ignore[reportMissingTypeStubs]
    from fontTools.ttLib import TTFont  # pyright: ignore[reportMissingTypeStubs]

    harfbuzz = cast(_HarfBuzz, uharfbuzz)  # a compiled module without types: typed once, here
    face = harfbuzz.Face(harfbuzz.Blob.from_file_path(str(font)))
    wanted = harfbuzz.SubsetInput()
    for character in characters:
        wanted.unicode_set.add(ord(character))
    for name_id in STANDARD_NAME_IDS:  # the licence and its address (13, 14) among them
        wanted.name_id_set.add(name_id)
    wanted.flags = harfbuzz.SubsetFlags.NO_HINTING | harfbuzz.SubsetFlags.DESUBROUTINIZE
    cut = TTFont(io.BytesIO(harfbuzz.subset(face, wanted).blob.data), recalcTimestamp=False)
    cut.flavor = "woff2"
    out = io.BytesIO()
    cut.save(out, reorderTables=False)
    return out.getvalue()


def font_css(names: list[tuple[str, int, str, str]]) -> str:
    """`@font-face` rules for (family, weight, style, file name) in the same folder."""
    return "".join(
        f'@font-face {{ font-family: "{family}"; src: url("{name}") format("woff2"); font-weight: {weight}; '
        f"font-style: {style}; font-display: optional; }}\n"
        for family, weight, style, name in names
    )


def write_web_fonts(site_dir: Path, build_dir: Path) -> list[Path]:
    """Each print face cut to the site's characters into `site_dir/assets/fonts/`, and their stylesheet."""
    characters = used_characters(site_dir)
    out_dir, cache = site_dir / FONT_DIR, build_dir / CACHE
    out_dir.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    names: list[tuple[str, int, str, str]] = []
    written: list[Path] = []
    for family, weight, style, path in font_files():
        source = path.read_bytes()
        tools = f"{version('uharfbuzz')} {version('fonttools')}".encode()
        key = hashlib.sha256(tools + b"\0" + characters.encode() + b"\0" + source).hexdigest()
        kept = cache / f"{key}.woff2"
        if not kept.is_file():
            write_bytes(kept, subset_woff2(path, characters))
        name = face_name(family, weight, style)
        (out_dir / name).write_bytes(kept.read_bytes())
        names.append((family, weight, style, name))
        written.append(out_dir / name)
    (out_dir / "fonts.css").write_text(font_css(names), encoding="utf-8")
    return written
