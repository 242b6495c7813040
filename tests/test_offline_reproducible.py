"""The build needs no network once set up, and the same commit always builds to the same bytes, in any folder."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TOOLS_REQUIRED, copy_project


def tree_differences(left, right) -> list[str]:
    left_files = sorted(p.relative_to(left) for p in left.rglob("*") if p.is_file())
    right_files = sorted(p.relative_to(right) for p in right.rglob("*") if p.is_file())
    if left_files != right_files:
        return [f"file lists differ: {set(left_files) ^ set(right_files)}"]
    return [str(p) for p in left_files if not filecmp.cmp(left / p, right / p, shallow=False)]


def network_cut_off() -> list[str]:
    """The command prefix that runs a build with no network: `unshare -n` (root)."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode != 0:
        if TOOLS_REQUIRED:
            pytest.fail("`unshare -n` is not available in CI (it needs root)")
        pytest.skip("`unshare -n` needs root: cannot cut the network off here")
    return [unshare, "-n"]


def test_sitemap_is_dated_from_the_last_commit_not_the_clock(built_site):
    stamp = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True, text=True).stdout
    if not stamp.strip():
        pytest.skip("not a git checkout")
    assert f"<lastmod>{stamp.strip()}</lastmod>" in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def clone(folder: Path) -> Path:
    """The project as a clone of one commit has it, with its own virtual environment's path (a link to this one)."""
    copy = copy_project(folder)
    committed = "2026-11-01T10:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.test", "GIT_AUTHOR_DATE": committed}
    env |= {"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.test", "GIT_COMMITTER_DATE": committed}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "handbook"]):
        subprocess.run(["git", *command], cwd=copy, env=env, check=True, capture_output=True)
    (copy / ".venv").symlink_to(Path(sys.prefix))
    return copy


def test_two_clones_in_different_folders_one_offline_build_the_same_bytes_and_print_cache(tmp_path):
    """Each clone typesets from scratch in its own build folder; the first has no network at all."""
    offline = network_cut_off()
    clones = [clone(tmp_path / "first" / "handbook"), clone(tmp_path / "second place" / "lastige klanten")]
    for copy, prefix in zip(clones, (offline, []), strict=True):
        env = {**os.environ, "HANDBOOK_BUILD_DIR": str(copy / "build"), "PYTHONPATH": str(copy)}
        env |= {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        command = [*prefix, str(copy / ".venv" / "bin" / "python"), "scripts/build.py"]
        result = subprocess.run(command, cwd=copy, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr[-3000:]
    first, second = clones
    assert len(list((first / "site" / "downloads").glob("*.pdf"))) >= 7
    assert tree_differences(first / "site", second / "site") == []
    # The kept PDFs with their keys and recorded files: a build in either folder reuses the other's.
    assert tree_differences(first / "build" / "cache" / "print", second / "build" / "cache" / "print") == []
