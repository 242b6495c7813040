"""Gzip and Brotli copies beside every text file of the built site, for nginx's `gzip_static` and `brotli_static`.

A phone on a poor connection pays for every byte; compressing once at build time lets the server send the
smallest file without spending CPU per request. The copies are reproducible like the rest of the build: gzip
without a file name or time stamp, Brotli at a fixed quality, files visited in sorted order.

Brotli at its best quality costs about 20 ms per page and more for the theme's scripts, and most files are the
same after an author's edit: copies are kept in the build folder under a digest of the file they compress.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path
from typing import Protocol, cast

import brotli  # pyright: ignore[reportMissingTypeStubs]

from handbook.core.atomic import is_partial, write_bytes


class _Brotli(Protocol):
    """The module `brotli`, which ships no types: what the site's compression uses of it."""

    version: str
    MODE_TEXT: int

    def compress(self, string: bytes, mode: int = ..., quality: int = 11) -> bytes: ...


BROTLI = cast(_Brotli, brotli)  # typed once, here

# What browsers fetch as text; PDFs and images are compressed already. Source maps are for developer tools only.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"})
# Too small to gain anything once the headers are counted.
MIN_BYTES = 256
SUFFIXES = (".gz", ".br")
CACHE = Path("cache") / "compressed"  # in the build folder (settings.build_dir)
# Part of every cache key: a change to how files are compressed must compress them again.
METHOD = f"gzip-9 brotli-{BROTLI.version}-11-text".encode()


def compressed_copies(data: bytes) -> dict[str, bytes]:
    """The `.gz` and `.br` bodies of one file: the same bytes for the same input, on every machine."""
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": BROTLI.compress(data, quality=11, mode=BROTLI.MODE_TEXT),
    }


class CompressionCache:
    """Compressed copies kept from earlier builds; `prune` drops those no file of this build used."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.used: set[str] = set()

    def copies(self, data: bytes) -> dict[str, bytes]:
        key = hashlib.sha256(METHOD + b"\0" + data).hexdigest()
        self.used.add(key)
        kept = {suffix: self.directory / f"{key}{suffix}" for suffix in SUFFIXES}
        if all(path.is_file() for path in kept.values()):
            return {suffix: path.read_bytes() for suffix, path in kept.items()}
        bodies = compressed_copies(data)
        self.directory.mkdir(parents=True, exist_ok=True)
        for suffix, body in bodies.items():
            write_bytes(kept[suffix], body)
        return bodies

    def prune(self) -> None:
        for path in self.directory.glob("*"):
            if path.name.split(".")[0] not in self.used and not is_partial(path):
                path.unlink(missing_ok=True)


def text_files(site_dir: Path) -> list[Path]:
    """The site's text files, in sorted order."""
    return sorted(p for p in site_dir.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file())


def precompress(paths: list[Path], cache: CompressionCache | None = None) -> int:
    """Write `name.gz` and `name.br` beside each file that shrinks; returns how many files got copies."""
    count = 0
    for path in paths:
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        bodies = cache.copies(data) if cache else compressed_copies(data)
        smaller = {suffix: body for suffix, body in bodies.items() if len(body) < len(data)}
        for suffix, body in smaller.items():
            path.with_name(path.name + suffix).write_bytes(body)
        count += bool(smaller)
    return count
