"""Replacing `site/` with a freshly built folder in two renames, so it is never half-written."""

from __future__ import annotations

import shutil
from pathlib import Path


def replace_site(staging: Path, site: Path) -> None:
    """Move `staging` to `site`; the old site is removed only after the new one is in place."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    if old.exists():
        shutil.rmtree(old)


def carry_over_missing(staging: Path, site: Path, pattern: str) -> list[str]:
    """Copy into `staging` the files of `site` matching `pattern` that the new build did not write.

    After a print failure the new website is published with the previous PDFs, not with none.
    """
    kept = []
    for previous in sorted(site.glob(pattern)):
        target = staging / previous.relative_to(site)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(previous, target)
            kept.append(target.relative_to(staging).as_posix())
    return kept
