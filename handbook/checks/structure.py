"""Section shapes across languages: the same paragraphs, list items and table cells in every translation.

A translation can be complete word for word and still leave a paragraph out, or a list item, or a table row:
nothing else notices, and `make translations-update` would record the gap as "in step". Each section (by its
ID) is compared with the default language's: how many paragraphs, list items and table cells it holds. The
problem is reported at the first unit where the two stop matching, in the translation.
"""

from __future__ import annotations

from handbook.codes import Code
from handbook.model import Handbook, Page
from handbook.problems import Problem

KINDS = {"paragraph": "paragraphs", "list item": "list items", "table cell": "table cells"}


def _shape(page: Page) -> dict[tuple[str | None, str], list[int]]:
    """(section ID, kind) -> the lines of that section's units of that kind, in order."""
    shape: dict[tuple[str | None, str], list[int]] = {}
    for paragraph in page.scan.paragraphs:
        shape.setdefault((paragraph.section_id, paragraph.kind), []).append(paragraph.line)
    for cell in page.scan.table_cells:
        shape.setdefault((cell.section_id, "table cell"), []).append(cell.line)
    return shape


def _section_line(page: Page, section: str | None) -> int:
    return next((h.line for h in page.scan.headings if h.id == section), page.body_line)


def check(handbook: Handbook) -> list[Problem]:
    problems = []
    default = handbook.settings.default_locale
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
                mine, other = ours.get((section, kind), []), theirs.get((section, kind), [])
                if len(mine) == len(other):
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
