"""Gzip and Brotli copies beside every text file of the built site, for nginx's `gzip_static` and `brotli_static`.

A phone on a poor connection pays for every byte; compressing once at build time lets the server send the
smallest file without spending CPU per request. The copies are reproducible like the rest of the build: gzip
without a file name or time stamp, Brotli at a fixed quality, files visited in sorted order.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

# What browsers fetch as text; PDFs and images are compressed already. Source maps are for developer tools only.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"})
# Too small to gain anything once the headers are counted.
MIN_BYTES = 256


def compressed_copies(data: bytes) -> dict[str, bytes]:
    """The `.gz` and `.br` bodies of one file: the same bytes for the same input, on every machine."""
    return {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=11, mode=brotli.MODE_TEXT),
    }


def text_files(site_dir: Path) -> list[Path]:
    """The site's text files, in sorted order."""
    return sorted(p for p in site_dir.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file())


def precompress(paths: list[Path]) -> int:
    """Write `name.gz` and `name.br` beside each file that shrinks; returns how many files got copies."""
    count = 0
    for path in paths:
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        smaller = {suffix: body for suffix, body in compressed_copies(data).items() if len(body) < len(data)}
        for suffix, body in smaller.items():
            path.with_name(path.name + suffix).write_bytes(body)
        count += bool(smaller)
    return count
