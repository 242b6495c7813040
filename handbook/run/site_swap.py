"""Publishing a build whole: the site is built in a staging folder of its own beside `site/` and swapped in with
two renames, together with the server configuration made for it, so a reader never gets a half-written site
and nginx never gets the configuration of a site that was not published.

The staging folder sits next to `site/`, on the same filesystem, so the renames work wherever the build folder
is: with HANDBOOK_BUILD_DIR on a tmpfs, renaming a folder staged there onto `site/` failed (EXDEV). Its name is
new for every build, so two builds never write into one staging folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path

from handbook.core.atomic import copy_file
from handbook.sources.settings import SERVER_CONFIG

PREFIX = ".site-staging-"
SITE = "site"  # the staged site in its staging folder; the server configuration is written beside it


@contextlib.contextmanager
def _held(folder: Path, wait: bool) -> Generator[bool, None, None]:
    """The folder's own lock (flock on the folder), held for the block: whether it could be had."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        held = True
    except BlockingIOError:
        held = False
    try:
        yield held
    finally:
        os.close(handle)


@contextlib.contextmanager
def staging_area(site: Path) -> Generator[Path, None, None]:
    """A new folder beside `site` for one build, locked while it builds; removed, with whatever it still holds,
    when the build ends."""
    staging = Path(tempfile.mkdtemp(prefix=PREFIX, dir=site.parent))
    try:
        with _held(staging, wait=True):
            yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_abandoned(site: Path) -> None:
    """Remove the staging folders beside `site` of builds that were killed: those no running build holds (another
    build folder's build of the same handbook may be under way)."""
    for folder in site.parent.glob(PREFIX + "*"):
        with contextlib.suppress(FileNotFoundError), _held(folder, wait=False) as abandoned:  # or gone meanwhile
            if abandoned:
                shutil.rmtree(folder, ignore_errors=True)


def publish(staging: Path, site: Path, build_dir: Path) -> None:
    """Swap the site staged in `staging` in as `site`, then its server configuration into `build_dir`.

    The previous site moves into the staging folder and is removed with it."""
    if site.exists():
        site.rename(staging / "previous")
    (staging / SITE).rename(site)
    config = staging / SERVER_CONFIG
    if config.is_file():
        copy_file(config, build_dir / SERVER_CONFIG)  # the build folder may be on another filesystem


def carry_over_missing(staged: Path, site: Path, pattern: str) -> list[str]:
    """Copy into `staged` the files of `site` matching `pattern` that the new build did not write.

    After a print failure the new website is published with the previous PDFs, not with none.
    """
    kept: list[str] = []
    for previous in sorted(site.glob(pattern)):
        target = staged / previous.relative_to(site)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(previous, target)
            kept.append(target.relative_to(staged).as_posix())
    return kept
