"""Publishing a build: the site and its nginx configuration are swapped in together or not at all, from a staging
folder of the build's own, also when the build folder is on another filesystem, and one build at a time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import TOOLS_REQUIRED, copy_project

from handbook.run.build_lock import build_lock
from handbook.run.site_swap import PREFIX, SITE, publish, remove_abandoned, staging_area

SITE_ONLY = {"HANDBOOK_SKIP_PRINT": "1", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@pytest.fixture
def other_filesystem(tmp_path):
    """A fresh folder on another filesystem than `tmp_path` (a tmpfs), as HANDBOOK_BUILD_DIR may be."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        if TOOLS_REQUIRED:
            pytest.fail("no tmpfs at /dev/shm: cannot build across filesystems")
        pytest.skip("no tmpfs at /dev/shm on another filesystem than the tests' temporary folder")
    folder = Path(tempfile.mkdtemp(prefix="handbook-test-build-", dir=shm))
    yield folder
    shutil.rmtree(folder)


def script(copy: Path, name: str, build: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **SITE_ONLY, "HANDBOOK_BUILD_DIR": str(build), "PYTHONPATH": str(copy)}
    return subprocess.run([sys.executable, f"scripts/{name}"], cwd=copy, capture_output=True, text=True, env=env)


def leftovers(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith(PREFIX))


def test_publishing_swaps_the_whole_site_and_brings_its_server_configuration(tmp_path, other_filesystem):
    site, build = tmp_path / "site", other_filesystem
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    with staging_area(site) as staging:
        (staging / SITE).mkdir()
        (staging / SITE / "index.html").write_text("new", encoding="utf-8")
        (staging / "nginx-site.conf").write_text(f"root {site};\n", encoding="utf-8")
        publish(staging, site, build)
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (build / "nginx-site.conf").read_text(encoding="utf-8") == f"root {site};\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"], "nothing of the staging is left"


def test_only_the_staging_folders_of_killed_builds_are_cleared_away(tmp_path):
    site = tmp_path / "site"
    killed = Path(tempfile.mkdtemp(prefix=PREFIX, dir=tmp_path))
    (killed / SITE).mkdir()
    with staging_area(site) as running:  # a build of the same handbook into another build folder
        remove_abandoned(site)
        assert leftovers(tmp_path) == [running.name]
    assert leftovers(tmp_path) == []


def test_a_build_with_its_build_folder_on_another_filesystem_is_published_and_a_check_leaves_it_alone(tmp_path, other_filesystem):
    copy, build = copy_project(tmp_path / "handbook"), other_filesystem
    result = script(copy, "build.py", build)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert '<html lang="en"' in (copy / "site" / "en" / "index.html").read_text(encoding="utf-8")
    served = (build / "nginx-site.conf").read_text(encoding="utf-8")
    assert f"root {(copy / 'site').resolve()};" in served
    assert leftovers(copy) == []
    # A check renders the site too, into a temporary folder that no server serves.
    assert script(copy, "check.py", build).returncode == 0
    assert (build / "nginx-site.conf").read_text(encoding="utf-8") == served


def test_a_failed_build_or_a_check_keeps_the_server_configuration_of_the_published_site(tmp_path):
    copy, build = copy_project(tmp_path / "handbook"), tmp_path / "build"
    (copy / "site").mkdir()
    (copy / "site" / "index.html").write_text("previous", encoding="utf-8")
    build.mkdir()
    (build / "nginx-site.conf").write_text("previous", encoding="utf-8")
    page = copy / "docs" / "after.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [x](missing-page.md).\n", encoding="utf-8")
    for name in ("build.py", "check.py"):
        result = script(copy, name, build)
        assert result.returncode == 1 and "LINK-PAGE" in result.stdout + result.stderr, name
        assert (build / "nginx-site.conf").read_text(encoding="utf-8") == "previous", name
    assert (copy / "site" / "index.html").read_text(encoding="utf-8") == "previous"
    assert leftovers(copy) == []


def test_a_second_build_while_one_runs_stops_at_once_and_says_why(tmp_path):
    copy, build = copy_project(tmp_path / "handbook"), tmp_path / "build"
    with build_lock(build) as held:
        assert held
        result = script(copy, "build.py", build)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "another build" in result.stderr and str(build) in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (copy / "site").exists() and leftovers(copy) == []
