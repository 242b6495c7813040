"""A copy of the handbook's project folder, to change and build without touching the checkout.

The tests' copies and the planted-bug run take it from here, so what a copy leaves out is decided once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# What a copy leaves out: environments, builds and caches. `__pycache__` as a whole: while one process copies the
# project, another's import may be writing a bytecode file there under a temporary name
# (`x.pyc.139982712076464`) that is gone before the copy reaches it.
LEFT_OUT = shutil.ignore_patterns(".venv", "site", "build", ".git", "node_modules", ".pytest_cache", "__pycache__")


def copy_project(source: Path, target: Path) -> Path:
    """`source` (a project folder) copied to `target`, which must not exist yet, without what LEFT_OUT names."""
    shutil.copytree(source, target, ignore=LEFT_OUT)
    return target
