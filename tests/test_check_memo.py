"""`make check` with nothing changed prints the last check's outcome at once; any change checks again."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import copy_project

from handbook.checks.validate import REPORT


def test_a_check_with_nothing_changed_answers_from_the_last_one_and_a_change_is_checked_again(tmp_path):
    copy, build = copy_project(tmp_path / "repo"), tmp_path / "build"
    env = {**os.environ, "HANDBOOK_BUILD_DIR": str(build)}

    def check() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "scripts/check.py"], cwd=copy, capture_output=True, text=True, env=env)

    first = check()
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    report = build / REPORT
    checked_at = report.stat().st_mtime_ns
    again = check()
    assert (again.returncode, again.stdout) == (0, first.stdout)
    assert report.stat().st_mtime_ns == checked_at, "nothing changed, yet the sources were validated again"

    page = copy / "docs" / "after.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nSee [the missing page](missing-page.md).\n", encoding="utf-8")
    broken = check()
    assert broken.returncode == 1 and "docs/after.en.md" in broken.stdout and "LINK-PAGE" in broken.stdout
    assert report.stat().st_mtime_ns != checked_at

    page.write_text(text, encoding="utf-8")  # taken back: the first outcome holds again
    assert (check().returncode, check().stdout) == (0, first.stdout)
    # A HANDBOOK_ switch of the environment counts too: with one more set, the sources are checked anew.
    checked_at = report.stat().st_mtime_ns
    env["HANDBOOK_SKIP_PRINT"] = "1"
    assert check().returncode == 0
    assert report.stat().st_mtime_ns != checked_at
