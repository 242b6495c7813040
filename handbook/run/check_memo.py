"""`make check` with nothing changed answers at once: the last check's output, kept under a digest of everything
that decides it.

A check renders the whole website (about five seconds) to find the faults that exist only in rendered pages.
Its outcome depends on the handbook's files (sources, settings, code, locks), the git commit the translation
history is read from, the installed packages, the typesetting libraries of the system and the HANDBOOK_
switches. While none of those changed, the last outcome is the answer; any change to any of them, in any file,
runs the whole check again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from handbook.core.atomic import write_bytes
from handbook.core.git_history import git_output
from handbook.printing.report import read_json
from handbook.printing.typesetter import typesetter_versions

MEMO = Path("cache") / "check.json"  # in the build folder
# Folders that hold what builds and tools make, not what a check reads.
NOT_INPUTS = {".git", "site", "build", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"}


def _input_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d not in NOT_INPUTS and not d.startswith(".site-staging-"))
        found.extend(Path(folder, name) for name in sorted(files))
    return found


def checkout_digest(root: Path) -> str:
    """A digest of everything a check's outcome depends on."""
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            digest.update((part.encode("utf-8") if isinstance(part, str) else part) + b"\0")

    for path in _input_files(root):
        add(path.relative_to(root).as_posix(), path.read_bytes())
    add("commit", git_output(root, "rev-parse", "HEAD") or "no git")
    add("python", sys.version, sys.prefix)
    for folder in sorted({p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()}):
        add(folder, *sorted(name for name in os.listdir(folder) if name.endswith(".dist-info")))
    # The typesetter's packages and system libraries, as the print cache counts them: a card that fits under one
    # version of Pango may not under another.
    add(repr(sorted(typesetter_versions().items())))
    add(*sorted(f"{name}={value}" for name, value in os.environ.items() if name.startswith("HANDBOOK_")))
    return digest.hexdigest()


def remembered(build_dir: Path, digest: str) -> tuple[str, int] | None:
    """The last check's output and exit status, when it checked exactly these inputs."""
    memo = read_json(build_dir / MEMO)
    if memo.get("digest") != digest:
        return None
    output, status = memo.get("output"), memo.get("status")
    return (output, status) if isinstance(output, str) and isinstance(status, int) else None


def remember(build_dir: Path, digest: str, output: str, status: int) -> None:
    memo = {"digest": digest, "output": output, "status": status}
    (build_dir / MEMO).parent.mkdir(parents=True, exist_ok=True)
    write_bytes(build_dir / MEMO, (json.dumps(memo, ensure_ascii=False) + "\n").encode("utf-8"))
