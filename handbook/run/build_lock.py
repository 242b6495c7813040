"""One `make build` at a time per build folder.

A build reads back the reports it wrote into build/ (print.json, validation.json) and swaps its site in as
`site/`; a second build started meanwhile would overwrite those reports and swap its own site in or out halfway.
The lock is the operating system's (flock), so it is released when its holder ends, however it ends.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Generator
from pathlib import Path

LOCK_FILE = ".build.lock"


@contextlib.contextmanager
def build_lock(build_dir: Path) -> Generator[bool, None, None]:
    """Hold the build folder's lock for the block: True, or False at once when another build holds it."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / LOCK_FILE, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = True
        except BlockingIOError:
            held = False
        yield held
