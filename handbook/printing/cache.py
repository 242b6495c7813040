"""What the previous build printed: its PDFs, reused while their inputs are unchanged.

Authors rebuild all day, usually after editing one page in one language: the other language's handbook and
the desk sheets have not changed and need not be typeset again. A document that did change is typeset from its
own inputs only: its page numbers are not guessed from the old ones (page_slots.py), so a PDF is the same
whatever was built before, and a kept one is exactly what typesetting its key's inputs gives.

Each PDF keeps its last few versions, each under the digest of its inputs: an author who tries a card line and
takes it back, or switches between two branches, gets the earlier PDF back instead of typesetting it again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from handbook.core.atomic import copy_file, write_bytes
from handbook.printing.places import NO_PLACES, Places
from handbook.printing.report import read_json
from handbook.printing.resources import unchanged
from handbook.printing.typeset import PDF_OPTIONS, PrintJob, PrintResult
from handbook.printing.typesetter import typesetter_versions

STORE = Path("cache") / "print"  # in the build folder (settings.build_dir)
KEPT_VERSIONS = 4  # per PDF: the ones used most recently stay


@functools.cache
def code_digest() -> str:
    """A digest of the handbook package's own code and stylesheets.

    Page numbers, tagging and the layout loop live in code, not in the document: a change there must typeset
    again, or a build would publish the PDFs the old code made.
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".css") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def inputs_digest(*parts: str) -> str:
    """A digest of what a PDF is made from, with the typesetter's versions and the print code; the files it loads
    are not in it: they are the ones the typesetter fetched, kept with their digests beside the PDF."""
    digest = hashlib.sha256()
    typesetter = repr(sorted(typesetter_versions().items()))
    for part in (typesetter, code_digest(), repr(sorted(PDF_OPTIONS.items())), *parts):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def input_key(job: PrintJob, places: Places = NO_PLACES) -> str:
    """The cache key of a finished print job: its document and settings, its folders named by `places`."""
    return inputs_digest(job.name, job.variant, places.portable(job.base_url), repr(job.fit_limits), places.portable(job.html))


def mark_used(pdf: Path) -> None:
    """A kept PDF's time is when it was last kept or restored, which ranks the versions (its entry's time stays the
    time kept). Set from the clock to the nanosecond: the file system's own stamp may give two versions kept in
    the same few milliseconds the same time."""
    now = time.time_ns()
    os.utime(pdf, ns=(now, now))


@dataclass(frozen=True)
class PreviousPrint:
    """The kept PDFs, a folder per PDF (`handbook-nl/` for handbook-nl.pdf) holding a version per key, the PDF and
    its entry; the files each one loaded are named by `places`, so that another checkout finds its own."""

    directory: Path
    places: Places = NO_PLACES

    def _version(self, name: str, key: str) -> tuple[Path, Path]:
        """The kept PDF of this name and key, and its entry."""
        folder = self.directory / Path(name).stem
        return folder / f"{key[:32]}.pdf", folder / f"{key[:32]}.json"

    def kept_at(self, name: str, key: str) -> float:
        """When this version was kept (its entry's time), as wall time."""
        return self._version(name, key)[1].stat().st_mtime

    def restore(self, name: str, key: str, out_dir: Path) -> PrintResult | None:
        """The previous PDF copied into `out_dir` when it was made from the same inputs, else None."""
        started = time.perf_counter()
        kept, entry_path = self._version(name, key)
        entry = read_json(entry_path)
        loaded = entry.get("loaded")
        if entry.get("key") != key or not kept.is_file() or not isinstance(loaded, dict):
            return None
        digests = cast("dict[str, str]", loaded)  # as keep() wrote it: URL -> digest
        if not unchanged({self.places.local(url): digest for url, digest in digests.items()}):
            return None
        try:
            copy_file(kept, out_dir / name)
            mark_used(kept)
        except FileNotFoundError:  # another build dropped this version just now
            return None
        anchors = entry.get("anchor_pages")
        return PrintResult(
            name,
            pages=int(cast("int", entry.get("pages", 0))),  # as keep() wrote it: a number
            seconds=time.perf_counter() - started,
            anchor_pages=cast("dict[str, int]", anchors) if isinstance(anchors, dict) else {},
        )

    def keep(self, job: PrintJob, key: str, result: PrintResult, out_dir: Path) -> None:
        """Store the PDF, then its entry: each written whole under a temporary name and renamed, the entry
        last, so a build killed halfway leaves an entry that names no PDF or an old one, never a torn file.
        Then only the versions used most recently stay."""
        kept, entry_path = self._version(job.name, key)
        kept.parent.mkdir(parents=True, exist_ok=True)
        entry_path.unlink(missing_ok=True)
        copy_file(out_dir / job.name, kept)
        mark_used(kept)
        entry = {
            "key": key,
            "loaded": {self.places.portable(url): digest for url, digest in result.loaded.items()},
            "pages": result.pages,
            "anchor_pages": result.anchor_pages,
        }
        write_bytes(entry_path, (json.dumps(entry, indent=1, sort_keys=True) + "\n").encode("utf-8"))
        self._drop_old_versions(kept.parent)

    def _drop_old_versions(self, folder: Path) -> None:
        def last_used(pdf: Path) -> float:
            try:
                return pdf.stat().st_mtime
            except FileNotFoundError:  # dropped by another build meanwhile
                return 0.0

        versions = sorted(folder.glob("*.pdf"), key=last_used, reverse=True)
        for old in versions[KEPT_VERSIONS:]:
            old.with_suffix(".json").unlink(missing_ok=True)  # the entry first: no entry names a missing PDF
            old.unlink(missing_ok=True)
