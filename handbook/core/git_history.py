"""Reading the handbook's git history the same way on every machine.

Git writes file contents and commit data as the bytes it stores (UTF-8 here) and quotes non-ASCII file names
unless told not to; Python decodes a child's output with the locale's encoding. Under a non-UTF-8 locale a
section's old text came out garbled and a page named `café.nl.md` was not recognised, so output is read as
UTF-8 explicitly and names unquoted.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_output(root: Path, *args: str) -> str | None:
    """What `git args` prints when run in `root`; None without git, outside a repository or on a git error."""
    command = ["git", "-c", "core.quotepath=off", *args]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, encoding="utf-8", errors="replace", check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None
