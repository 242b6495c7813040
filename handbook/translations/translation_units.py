"""The translatable units of a page and of a phrase card: what a translator translates one by one.

A page's units are its title, headings, paragraphs, list and checklist items, table cells and box titles; a
card's are its title, its `when` and each phrase. The translation checks compare and test these units, and
the "% translated" figure counts them, so both always mean the same texts. Everything is read from the
page's scan (`handbook.sources.markdown_scan`).
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.sources.markdown_scan import PageScan
from handbook.sources.phrases import Card


@dataclass(frozen=True)
class Unit:
    kind: str  # "page title", "heading", "paragraph", "list item", "checklist item", "table cell", "box title"
    text: str
    line: int
    col: int
    short: bool = True  # judged with the page's other short texts, not on its own


def _col(raw: str, text: str) -> int:
    found = raw.find(text[:20]) if text else -1
    return found + 1 if found >= 0 else len(raw) - len(raw.lstrip()) + 1


def page_units(scan: PageScan, paragraph_words: int) -> list[Unit]:
    """Every unit of a page in file order; paragraphs of `paragraph_words` words or more are not short."""
    lines = dict(scan.text_lines)
    units = [
        Unit("page title" if h.level == 1 else "heading", h.title, h.line, _col(lines.get(h.line, ""), h.title))
        for h in scan.headings
    ]
    units += [
        Unit("box title", box.title, box.line, _col(lines.get(box.line, ""), box.title))
        for box in scan.admonitions
        if box.title and box.title.strip()
    ]
    units += [
        Unit("checklist item", item.text, item.line, _col(lines.get(item.line, ""), item.text))
        for tasklist in scan.tasklists
        for item in tasklist.items
        if item.text
    ]
    for paragraph in scan.paragraphs:
        raw = lines.get(paragraph.line, "")
        short = paragraph.kind == "list item" or len(paragraph.text.split()) < paragraph_words
        units.append(Unit(paragraph.kind, paragraph.text, paragraph.line, _col(raw, paragraph.text), short))
    units += [Unit("table cell", cell.text, cell.line, cell.col) for cell in scan.table_cells]
    return sorted(units, key=lambda unit: (unit.line, unit.col))


@dataclass(frozen=True)
class CardUnit:
    field: str  # "title", "when", "phrase 2"
    texts: dict[str, str]
    places: dict[str, tuple[int, int]]  # locale -> (line, col) of the text in the card file


def card_units(card: Card) -> list[CardUnit]:
    units = [CardUnit("title", card.title, card.places.get("title", {}))]
    if card.when:
        units.append(CardUnit("when", card.when, card.places.get("when", {})))
    units += [CardUnit(f"phrase {n}", texts, card.places.get(f"phrase {n}", {})) for n, texts in enumerate(card.phrases, 1)]
    return units
