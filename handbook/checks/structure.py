"""Section shapes across languages: the same paragraphs, list items and table cells in every translation.

A translation can be complete word for word and still leave a paragraph out, or a list item, or a table row:
nothing else notices, and `make translations-update` would record the gap as "in step". Each section (by its
ID) is compared with the default language's: how many paragraphs, list items and table cells it holds. The
problem is reported at the first unit where the two stop matching, in the translation. A section that already
has a problem in either language (a box or checklist left out, a paragraph in the wrong language, a link that
leads nowhere) is left to that problem: one slip, one report. So is a section changed in one language only since
translations.lock: it is TRANSLATION-STALE's, an error or, with `translation_lag: notice`, a notice to readers
while the translation catches up.
"""

from __future__ import annotations

import re

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.model import Handbook, Page
from handbook.translations.translation_lock import LOCK_FILE, read_lock_file, section_states

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?")
KINDS = {"paragraph": "paragraphs", "list item": "list items", "table cell": "table cells"}


def _shape(page: Page) -> dict[tuple[str | None, str], list[int]]:
    """(section ID, kind) -> the lines of that section's units of that kind, in order."""
    shape: dict[tuple[str | None, str], list[int]] = {}
    for paragraph in page.scan.paragraphs:
        if paragraph.in_box or not IMAGE.sub("", paragraph.text).strip():
            continue  # a box left out is BOX-PARITY's; a picture on its own has no words to translate
        shape.setdefault((paragraph.section_id, paragraph.kind), []).append(paragraph.line)
    for cell in page.scan.table_cells:
        shape.setdefault((cell.section_id, "table cell"), []).append(cell.line)
    return shape


def _section_line(page: Page, section: str | None) -> int:
    return next((h.line for h in page.scan.headings if h.id == section), page.body_line)


def _section_span(page: Page, section: str | None) -> tuple[int, int]:
    """The file lines from the section's heading to the next heading with an ID."""
    starts = [h.line for h in page.scan.headings if h.id]
    first = next((h.line for h in page.scan.headings if h.id == section), 1)
    return first, next((line for line in starts if line > first), 10**9)


def _has_problem(page: Page, section: str | None, earlier: list[Problem]) -> bool:
    first, end = _section_span(page, section)
    return any(p.path == page.path and first <= p.line < end for p in earlier)


def check(handbook: Handbook, earlier: list[Problem]) -> list[Problem]:
    """SECTION-PARITY for every section; `earlier` are the other checks' problems, which take precedence."""
    problems: list[Problem] = []
    default = handbook.settings.default_locale
    records = read_lock_file(handbook.settings.root / LOCK_FILE)
    stale = {(s.slug, s.id) for s in section_states(handbook, records) if s.state == "stale"}
    for langs in handbook.pages.values():
        reference = langs.get(default)
        if reference is None:
            continue
        theirs = _shape(reference)
        shared = set(reference.scan.section_ids)
        for page in langs.values():
            if page is reference:
                continue
            ours = _shape(page)
            ids = shared & set(page.scan.section_ids)  # a section missing on one side is ID-PARITY's
            for section, kind in sorted({key for key in {**theirs, **ours} if key[0] in ids}, key=str):
                if (page.slug, section) in stale:
                    continue
                mine, other = ours.get((section, kind), []), theirs.get((section, kind), [])
                if len(mine) == len(other) or any(_has_problem(p, section, earlier) for p in (page, reference)):
                    continue
                where = mine[len(other)] if len(mine) > len(other) else (mine[-1] if mine else _section_line(page, section))
                there = (
                    f"{reference.path}:{other[len(mine)] if len(other) > len(mine) else other[-1]}" if other else reference.path
                )
                problems.append(
                    page.problem(
                        where,
                        1,
                        Code.SECTION_PARITY,
                        f"section '{section}' has {len(mine)} {KINDS[kind]} here, {len(other)} in {reference.path}"
                        f" (first difference: {there})",
                        "translate unit for unit: the same paragraphs, list items and table rows in every language",
                    )
                )
    return problems
