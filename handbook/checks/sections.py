"""Section IDs: explicit on every heading, well-formed, unique per page, the same in every language.

Links from wikis and between languages rely on these IDs, so they are checked before anything links to them.
"""

from __future__ import annotations

import re
import unicodedata

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.model import Handbook, Page

ID_FORMAT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MISPLACED_ID = re.compile(r"\{:?\s*#[^}]*\}")
SUGGESTION_WORDS = 5


def suggested_id(text: str) -> str:
    """An ID in the handbook's form (lowercase words joined by hyphens) made from a title or a malformed ID."""
    plain = unicodedata.normalize("NFKD", MISPLACED_ID.sub("", text)).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"([a-z])([A-Z])", r"\1-\2", plain)
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(words[:SUGGESTION_WORDS]) or "section"


def _id_for(handbook: Handbook, slug: str, lang: str, index: int, title: str) -> str:
    """The ID to propose for the heading at `index`: the other language's ID for it, or one from the English title."""
    for other in handbook.pages.get(slug, {}).values():
        if other.lang != lang and index < len(other.scan.headings) and (other_id := other.scan.headings[index].id):
            return other_id
    english = handbook.page(slug, "en")
    if english is not None and index < len(english.scan.headings):
        title = english.scan.headings[index].title
    return suggested_id(title)


def _missing_id_message(handbook: Handbook, page: Page, index: int, title: str) -> tuple[str, str]:
    if MISPLACED_ID.search(title):
        return (
            f"heading '{title}' has its ID in the middle of the line",
            "`{#id}` must be the last thing on the heading line",
        )
    proposal = _id_for(handbook, page.slug, page.lang, index, title)
    return f"heading '{title}' has no ID", f"end the line with `{{#{proposal}}}`, the same ID in every language"


def check(handbook: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    for slug, langs in sorted(handbook.pages.items()):
        for page in langs.values():
            seen: dict[str, int] = {}
            if page.scan.title is None:
                problems.append(
                    page.problem(page.body_line, 1, Code.TITLE_MISSING, "page has no `#` title", "start it with `# Title {#id}`")
                )
            for index, heading in enumerate(page.scan.headings):
                if heading.id is None:
                    problems.append(
                        page.problem(
                            heading.line, heading.col, Code.ID_MISSING, *_missing_id_message(handbook, page, index, heading.title)
                        )
                    )
                    continue
                if not ID_FORMAT.match(heading.id):
                    problems.append(
                        page.problem(
                            heading.line,
                            heading.col,
                            Code.ID_FORMAT,
                            f"section ID '{heading.id}' is not lowercase English words joined by hyphens",
                            f"use `{{#{suggested_id(heading.id)}}}`, the same in every language",
                        )
                    )
                if heading.id in seen:
                    problems.append(
                        page.problem(
                            heading.line,
                            heading.col,
                            Code.ID_DUPLICATE,
                            f"section ID '{heading.id}' is already used at {page.path}:{seen[heading.id]}",
                            "give one of the two headings another ID",
                        )
                    )
                seen.setdefault(heading.id, heading.line)
        problems.extend(_parity(handbook, slug))
    return problems


def _proposed(handbook: Handbook, page: Page) -> list[str]:
    """The IDs ID-MISSING proposes for the page's headings without one."""
    headings = page.scan.headings
    return [_id_for(handbook, page.slug, page.lang, i, h.title) for i, h in enumerate(headings) if h.id is None]


def _parity(handbook: Handbook, slug: str) -> list[Problem]:
    """Every language of a page defines the same IDs as the default language, in the same order."""
    langs = handbook.pages[slug]
    reference = langs.get(handbook.settings.default_locale)
    if reference is None:
        return []
    expected = reference.scan.section_ids
    problems: list[Problem] = []
    for page in langs.values():
        if page is reference:
            continue
        actual = page.scan.section_ids
        # An ID left off a heading is ID-MISSING there, with this very ID to add: not a second problem here.
        left_off_there, left_off_here = _proposed(handbook, reference), _proposed(handbook, page)
        theirs = [heading for heading in reference.scan.headings if heading.id]
        ours = [heading for heading in page.scan.headings if heading.id]
        for index, heading in enumerate(ours):
            if heading.id not in expected and heading.id not in left_off_there:
                there = theirs[index] if index < len(theirs) else None
                where = f"; there, {reference.path}:{there.line} has '{there.id}'" if there else ""
                problems.append(
                    page.problem(
                        heading.line,
                        heading.col,
                        Code.ID_PARITY,
                        f"section ID '{heading.id}' is not in {reference.path}{where}",
                        "use the same ID in every language",
                    )
                )
        for heading in reference.scan.headings:
            if heading.id and heading.id not in actual and heading.id not in left_off_here:
                problems.append(
                    page.problem(
                        1,
                        1,
                        Code.ID_PARITY,
                        f"section '{heading.id}' of {reference.path}:{heading.line} is missing here",
                        f"add a heading with `{{#{heading.id}}}`",
                    )
                )
        common = [heading for heading in ours if heading.id in expected]
        in_order = [theirs_heading for theirs_heading in theirs if theirs_heading.id in actual]
        moved = next(((a, b) for a, b in zip(common, in_order, strict=False) if a.id != b.id), None)
        if moved:
            ours_heading, there = moved
            problems.append(
                page.problem(
                    ours_heading.line,
                    ours_heading.col,
                    Code.ID_PARITY,
                    f"sections are in a different order than in {reference.path}: there, line {there.line} has"
                    f" '{there.id}' at this place",
                    "keep the same order in every language",
                )
            )
    return problems
