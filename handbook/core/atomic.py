"""Files written whole under a temporary name of their own, beside their target, then renamed onto it.

Caches under build/ are shared by every process that builds this handbook: a live preview typesets the phrase
cards on each save while `make build` may be writing the same entry. With a fixed temporary name (`x.part`) one
process renamed the other's half-written file into place and the other's rename then failed. A name no other
process uses, in the target's own folder (so the rename is atomic), keeps each writer's file its own; a reader
sees the old file or the new one, never a torn one. The temporary file is made like any other file (the
umask's permissions), so a published PDF stays readable by the web server.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Generator
from pathlib import Path

SUFFIX = ".part"  # a file being written; whoever cleans a folder leaves these to their writer


def is_partial(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(SUFFIX)


@contextlib.contextmanager
def replacing(target: Path) -> Generator[Path, None, None]:
    """A fresh path beside `target` to write to: renamed onto `target` when the block ends normally, removed
    when it raises."""
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}{SUFFIX}")
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    with replacing(target) as partial:
        partial.write_bytes(data)


def copy_file(source: Path, target: Path) -> None:
    """`source` copied onto `target`, which may be on another filesystem."""
    with replacing(target) as partial:
        shutil.copyfile(source, partial)
