"""Desk sheets: phrase cards (one language, or Dutch fronts with English backs for duplex) and checklists.

Cards sit in a fixed grid of 90 x 65 mm on A4 with cut marks; their positions are computed here, so the back
of a card is the mirror image of its front and both can be checked in the PDF. Card text is never shrunk:
each card ends in an invisible marker whose laid-out position tells whether the text fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.pages.deck import DeckSection
from handbook.pages.directives import card_text
from handbook.sources.markdown_scan import without_links
from handbook.sources.model import Handbook
from handbook.sources.phrases import Card
from handbook.sources.settings import Language

PAGE_W, PAGE_H = 210.0, 297.0
CARD_W, CARD_H = 90.0, 65.0
COLUMNS, ROWS = 2, 4
GRID_X = (PAGE_W - COLUMNS * CARD_W) / 2
GRID_Y = (PAGE_H - ROWS * CARD_H) / 2
CARDS_PER_SHEET = COLUMNS * ROWS
FOOT_SPACE = 9.0  # the card number's band at the foot
MARK = 4.0  # length of a cut mark
MARK_GAP = 1.5  # distance between a cut mark and the card edge


@dataclass(frozen=True)
class Slot:
    x: float
    y: float


def slot(index: int, mirrored: bool = False) -> Slot:
    """Top-left corner (mm) of the card at `index` on its sheet; mirrored for the back of a duplex sheet."""
    column, row = index % COLUMNS, index // COLUMNS % ROWS
    if mirrored:
        column = COLUMNS - 1 - column
    return Slot(GRID_X + column * CARD_W, GRID_Y + row * CARD_H)


def cut_marks() -> str:
    """Short lines outside the grid, in line with every card edge."""
    lines: list[str] = []
    for i in range(COLUMNS + 1):
        x = GRID_X + i * CARD_W
        lines.append(f'<div class="mark v" style="left:{x:.2f}mm;top:{GRID_Y - MARK_GAP - MARK:.2f}mm"></div>')
        lines.append(f'<div class="mark v" style="left:{x:.2f}mm;top:{GRID_Y + ROWS * CARD_H + MARK_GAP:.2f}mm"></div>')
    for j in range(ROWS + 1):
        y = GRID_Y + j * CARD_H
        lines.append(f'<div class="mark h" style="top:{y:.2f}mm;left:{GRID_X - MARK_GAP - MARK:.2f}mm"></div>')
        lines.append(f'<div class="mark h" style="top:{y:.2f}mm;left:{GRID_X + COLUMNS * CARD_W + MARK_GAP:.2f}mm"></div>')
    return "".join(lines)


def end_marker_id(card: Card, lang: str) -> str:
    return f"end-{card.id}-{lang}"


def card_html(card: Card, number: int, total: int, lang: str, at: Slot, section: str = "") -> str:
    """One card; its foot names its section of the deck (if given) beside its number, to find it in the index."""
    foot = f'<span class="chapter">{escape(section)}</span> · {number}/{total}' if section else f"{number}/{total}"
    return (
        f'<article class="card" lang="{lang}" style="left:{at.x:.2f}mm;top:{at.y:.2f}mm">'
        f'<h2 class="title">{escape(card.title_in(lang))}</h2>{card_text(card, lang, "when")}'
        f'<span class="end" id="{end_marker_id(card, lang)}"></span>'
        f'<p class="number">{foot}</p></article>'
    )


def card_index(sections: list[DeckSection], numbers: dict[str, int], lang: str, heading: str) -> str:
    """A last A4 sheet that finds a card at a glance: every card's number and title under its section of the deck,
    in the deck's order (quick help's groups, then the chapters of the cards it does not show)."""
    groups: list[str] = []
    for section in sections:
        items = "".join(
            f'<li><span class="n">{numbers[card.id]}</span> {escape(card.title_in(lang))}</li>' for card in section.cards
        )
        groups.append(f'<div class="group"><h2>{escape(section.title)}</h2><ul>{items}</ul></div>')
    return f'<section class="sheet index" lang="{lang}"><h1>{escape(heading)}</h1>{"".join(groups)}</section>'


def _sheets(cards: list[Card]) -> list[list[tuple[int, Card]]]:
    numbered = list(enumerate(cards, 1))
    return [numbered[i : i + CARDS_PER_SHEET] for i in range(0, len(numbered), CARDS_PER_SHEET)]


def cards_body(
    cards: list[Card],
    front: str,
    back: str | None,
    instructions: str,
    sections: dict[str, list[DeckSection]] | None = None,
    index: dict[str, str] | None = None,
) -> str:
    """The sheets: fronts only, or each front followed by its mirrored back sheet; `cards` in the deck's order.

    Given the deck's sections per language (`sections`), each side of a card names its section at its foot in its
    own language; given the index headings per language (`index`), the set ends in an index sheet of all cards, in
    the duplex set a front and back like the cards."""
    total = len(cards)
    numbers = {card.id: number for number, card in enumerate(cards, 1)}
    named = {
        lang: {card.id: section.title for section in lang_sections for card in section.cards}
        for lang, lang_sections in (sections or {}).items()
    }
    pages: list[str] = []
    for sheet_number, sheet in enumerate(_sheets(cards)):
        first = sheet_number == 0
        on_front = named.get(front, {})
        fronts = "".join(card_html(c, n, total, front, slot(i), on_front.get(c.id, "")) for i, (n, c) in enumerate(sheet))
        note = f'<p class="instructions">{escape(instructions)}</p>' if first and back else ""
        alignment = '<div class="alignment"></div>' if first and back else ""
        pages.append(f'<section class="sheet">{cut_marks()}{alignment}{fronts}{note}</section>')
        if back:
            on_back = named.get(back, {})
            backs = "".join(
                card_html(c, n, total, back, slot(i, mirrored=True), on_back.get(c.id, "")) for i, (n, c) in enumerate(sheet)
            )
            pages.append(f'<section class="sheet back">{cut_marks()}{alignment}{backs}</section>')
    for lang in filter(None, (front, back)):
        if index and lang in index and sections and sections.get(lang):
            pages.append(card_index(sections[lang], numbers, lang, index[lang]))
    return "".join(pages)


def fit_limits(cards: list[Card], lang: str, source: str) -> tuple[tuple[str, float, Problem], ...]:
    """(end marker ID, lowest allowed position in mm, problem) for every card: checked after layout."""
    limits: list[tuple[str, float, Problem]] = []
    for index, card in enumerate(cards):
        at = slot(index % CARDS_PER_SHEET)
        problem = Problem(
            source,
            card.line,
            1,
            Code.CARD_TOO_LONG,
            f"card '{card.id}' does not fit its 90 x 65 mm card in its '{lang}' text",
            f"shorten the '{lang}' phrases or drop one; cards are never printed smaller",
            lang,
        )
        limits.append((end_marker_id(card, lang), at.y + CARD_H - FOOT_SPACE, problem))
    return tuple(limits)


def checklist_body(handbook: Handbook, language: Language, slugs: list[str]) -> str:
    """One page per checklist of the handbook (its task lists, in nav order), with a line for date and customer."""
    pages: list[str] = []
    for slug in slugs:
        page = handbook.page(slug, language.locale)
        if page is None:
            continue
        titles: dict[str | None, str] = {h.id: h.title for h in page.scan.headings if h.id}
        for tasklist in page.scan.tasklists:
            texts = [without_links(item.text) for item in tasklist.items]
            items = "".join(f'<li><span class="box"></span>{escape(text)}</li>' for text in texts)
            title = titles.get(tasklist.section_id, page.scan.title or slug)
            pages.append(
                f'<section class="checklist" data-section="{slug}#{tasklist.section_id}"><h1>{escape(title)}</h1>'
                f'<p class="chapter">{escape(page.scan.title or "")}</p>'
                f'<p class="fill">{escape(language.label("checklist_date"))} <span class="line"></span> '
                f'{escape(language.label("checklist_customer"))} <span class="line wide"></span></p>'
                f'<ul class="items">{items}</ul></section>'
            )
    return "".join(pages)
