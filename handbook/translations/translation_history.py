"""Where a stale section's old text and the date of its change come from: the page's versions in git.

`translations.lock` keeps only fingerprints (see `handbook.translations.translation_lock`). For a section that changed in one
language, this walks back through the commits of that language's file until the section's text has the
recorded fingerprint again: that version is the old text, and the next newer one is when it changed (today,
when the change is not committed yet). Only stale sections are looked up, so a build in step runs no git.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from handbook.core.git_history import git_output
from handbook.sources.markdown_scan import scan_markdown
from handbook.sources.model import split_front_matter
from handbook.translations.translation_lock import fingerprint, page_sections

MAX_VERSIONS = 50  # how far back to look for the recorded text


@dataclass(frozen=True)
class Change:
    old_text: str | None  # normalised; None when not found
    changed_on: dt.date | None  # the commit that changed it; None when not found
    why_missing: str = ""  # "no git history" or "not in the last N versions"


def _section_in(text: str, section_id: str) -> str | None:
    _meta, body, body_line, _problems = split_front_matter(text.replace("\r\n", "\n"), "")
    scan = scan_markdown(body, body_line)
    return next((s.text for s in page_sections(body, scan.headings, body_line) if s.id == section_id), None)


def find_change(root: Path, path: str, section_id: str, recorded: str, today: dt.date) -> Change:
    """The recorded text of `path`'s section and the date it changed; `path` is relative to `root`."""
    log = git_output(root, "log", f"-{MAX_VERSIONS}", "--format=%H %ct", "--", path)
    if not log:
        return Change(None, None, "old text unknown: no git history of this file")
    newer_date: dt.date | None = today  # the working tree's version
    for line in log.splitlines():
        commit, stamp = line.split()
        text = git_output(root, "show", f"{commit}:./{path}")
        section = _section_in(text, section_id) if text is not None else None
        if section is not None and fingerprint(section) == recorded:
            return Change(section, newer_date)
        newer_date = dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date()
    return Change(None, None, f"old text unknown: not in the last {MAX_VERSIONS} commits of this file")
