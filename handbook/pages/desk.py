"""The desk sheet's content per language: the conversation route, the escalation ladder and the key phrases.

Nothing on the sheet is written for it. The route and the ladder are the numbered lists of two sections of the
handbook, the key phrases are the phrases marked `desk: true` in the card file, grouped and ordered as the deck
of cards (`deck.py`: quick help's groups, then chapters), under the names the cards carry at their foot; all are
read from the one model, so the sheet never says something else than the handbook. A missing
source is a problem at its line, found by validation before anything is printed, never an empty sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.pages.deck import deck_sections
from handbook.sources.model import Handbook

ROUTE = ("conversation", "route")  # (page, section ID) of the route's numbered list
LADDER = ("boundaries", "escalation-ladder")


@dataclass(frozen=True)
class DeskList:
    title: str  # the section's heading
    items: tuple[str, ...]  # each item's inline Markdown
    path: str
    line: int  # the heading's line: where an author shortens the list


@dataclass(frozen=True)
class DeskPhrase:
    card_title: str
    text: str


@dataclass(frozen=True)
class DeskGroup:
    label: str  # the deck section's name: the urgent label, a group of quick help's list, or a chapter's title
    phrases: tuple[DeskPhrase, ...]


@dataclass(frozen=True)
class DeskSheet:
    lang: str
    route: DeskList
    ladder: DeskList
    groups: tuple[DeskGroup, ...]
    phrases_path: str
    phrases_line: int  # the first card with a key phrase


def has_desk_sheet(handbook: Handbook) -> bool:
    """A handbook with a conversation route has a desk sheet; a small one without (a test handbook) has none.

    Once the route's page exists, every other source of the sheet is required and checked."""
    return ROUTE[0] in handbook.pages


def _numbered_section(handbook: Handbook, slug: str, section_id: str, lang: str) -> tuple[DeskList | None, Problem | None]:
    page = handbook.page(slug, lang)
    if page is None:
        path = handbook.settings.relative(handbook.settings.docs_dir / f"{slug}.{lang}.md")
        suggestion = f"create it with a section `{{#{section_id}}}`"
        return None, Problem(path, 1, 1, Code.DESK_SOURCE, f"the desk sheet needs page '{slug}'", suggestion, lang)
    heading = next((h for h in page.scan.headings if h.id == section_id), None)
    if heading is None:
        title = next((h for h in page.scan.headings if h.level == 1), None)
        return None, page.problem(
            title.line if title else page.body_line,
            1,
            Code.DESK_SOURCE,
            f"no section `{{#{section_id}}}` for the desk sheet",
            f"add a heading ending in `{{#{section_id}}}` with a numbered list under it",
        )
    found = page.scan.ordered_list(section_id)
    if found is None:
        return None, page.problem(
            heading.line,
            heading.col,
            Code.DESK_SOURCE,
            f"section '{section_id}' has no numbered list for the desk sheet",
            "write its steps as `1. ...`, `2. ...` under the heading",
        )
    return DeskList(heading.title, tuple(item.text for item in found.items), page.path, heading.line), None


def _grouped(handbook: Handbook, lang: str) -> tuple[DeskGroup, ...]:
    """The key phrases in the deck's sections and order, each section under the name its cards carry at their foot."""
    groups = (
        DeskGroup(
            section.title,
            tuple(
                DeskPhrase(card.title_in(lang), card.phrases[index].get(lang, ""))
                for card in section.cards
                for index in card.desk
            ),
        )
        for section in deck_sections(handbook, lang)
    )
    return tuple(group for group in groups if group.phrases)


def desk_sheet(handbook: Handbook, lang: str) -> tuple[DeskSheet | None, list[Problem]]:
    """The sheet in one language, or None and the problems of its missing sources."""
    route, route_problem = _numbered_section(handbook, *ROUTE, lang)
    ladder, ladder_problem = _numbered_section(handbook, *LADDER, lang)
    problems = [problem for problem in (route_problem, ladder_problem) if problem]
    marked = [card for card in handbook.cards if card.desk]
    unread = any(  # the file's own problem is the one to fix: its phrases are unknown, not unmarked
        p.path == handbook.cards_path and p.code in (Code.INPUT_YAML, Code.INPUT_ENCODING) for p in handbook.input_problems
    )
    if not marked and not unread:
        problems.append(
            handbook.cards_problem(
                handbook.cards[0].line if handbook.cards else 1,
                1,
                Code.DESK_SOURCE,
                "no phrase is marked `desk: true` for the desk sheet",
                "add `desk: true` beside `nl:` and `en:` of each key phrase",
            )
        )
    if problems or not marked or route is None or ladder is None:  # a missing list comes with its problem
        return None, problems
    return DeskSheet(lang, route, ladder, _grouped(handbook, lang), handbook.cards_path, marked[0].line), []


def check(handbook: Handbook) -> list[Problem]:
    """Every missing source of the desk sheet, in every language."""
    if not has_desk_sheet(handbook):
        return []
    return [problem for lang in handbook.settings.locales for problem in desk_sheet(handbook, lang)[1]]
