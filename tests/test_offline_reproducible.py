"""The build needs no network once set up, and the same commit always builds to the same bytes."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, TOOLS_REQUIRED


def tree_differences(left, right) -> list[str]:
    left_files = sorted(p.relative_to(left) for p in left.rglob("*") if p.is_file())
    right_files = sorted(p.relative_to(right) for p in right.rglob("*") if p.is_file())
    if left_files != right_files:
        return [f"file lists differ: {set(left_files) ^ set(right_files)}"]
    return [str(p) for p in left_files if not filecmp.cmp(left / p, right / p, shallow=False)]


def test_offline_build_gives_byte_identical_site_and_pdfs(built_site, tmp_path):
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode != 0:
        if TOOLS_REQUIRED:
            pytest.fail("`unshare -n` is not available in CI (it needs root)")
        pytest.skip("`unshare -n` needs root: cannot cut the network off here")
    offline = tmp_path / "site"
    command = [unshare, "-n", sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(offline)]
    # Typeset from scratch: the other build may have reused PDFs and page numbers from an earlier one.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_FRESH_PRINT": "1"}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (offline / "downloads" / "handbook-nl.pdf").exists()
    assert tree_differences(built_site, offline) == []


def test_sitemap_is_dated_from_the_last_commit_not_the_clock(built_site):
    stamp = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True, text=True).stdout
    if not stamp.strip():
        pytest.skip("not a git checkout")
    assert f"<lastmod>{stamp.strip()}</lastmod>" in (built_site / "sitemap.xml").read_text(encoding="utf-8")
