"""The edition date printed on covers: the date of the last commit, never the clock, so builds reproduce."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from handbook.core.git_history import git_output

MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "en": "January February March April May June July August September October November December".split(),
}


def last_commit_timestamp(root: Path) -> int | None:
    """The committer time of HEAD; SOURCE_DATE_EPOCH when there is no git history (a source tarball)."""
    out = (git_output(root, "log", "-1", "--format=%ct") or "").strip()
    stamp = out or os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(stamp) if stamp.isdigit() else None


def last_commit_date(root: Path) -> dt.date | None:
    stamp = last_commit_timestamp(root)
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).date() if stamp is not None else None


def format_edition(date: dt.date | None, locale: str) -> str:
    if date is None:
        return ""
    return f"{date.day} {MONTHS.get(locale, MONTHS['en'])[date.month - 1]} {date.year}"


def last_changed(root: Path, folder: str) -> dict[str, dt.date]:
    """The date of the last commit that touched each file under `folder`, by its path relative to `root`, as the
    pages name theirs: the handbook may be a subfolder of its repository."""
    out = git_output(root, "log", "--format=%ct", "--name-only", "--relative", "--", folder) or ""
    dates: dict[str, dt.date] = {}
    current = None
    for line in out.split("\n"):
        if line.isdigit():
            current = dt.datetime.fromtimestamp(int(line), tz=dt.UTC).date()
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates
