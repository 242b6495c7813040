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
