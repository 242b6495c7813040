"""The translatable units of a page and of a phrase card: what a translator translates one by one.

A page's units are its title, headings, paragraphs, list and checklist items, table cells and box titles; a
card's are its title, its `when` and each phrase. The translation checks compare and test these units, and
the "% translated" figure counts them, so both always mean the same texts. Everything is read from the
page's scan (`handbook.markdown_scan`); table cells come from its text lines, which the scan keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.markdown_scan import LIST_MARKER, PageScan
from handbook.phrases import Card

TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
CELL = re.compile(r"(?:^|(?<=\|))([^|]*)(?=\||$)")


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


def _table_lines(lines: dict[int, str]) -> set[int]:
    """Lines of pipe tables: a row with `|` followed by a `---` rule, and the `|` rows after it."""
    found: set[int] = set()
    for number, raw in lines.items():
        if TABLE_RULE.match(raw) and "|" in raw and "|" in lines.get(number - 1, ""):
            found |= {number - 1, number}
            row = number + 1
            while "|" in lines.get(row, "") and lines[row].strip():
                found.add(row)
                row += 1
    return found


def _table_cells(lines: dict[int, str], table: set[int]) -> list[Unit]:
    cells = []
    for number in sorted(table):
        raw = lines[number]
        if TABLE_RULE.match(raw):
            continue
        for match in CELL.finditer(raw):
            text = match.group(1).strip()
            if text:
                cells.append(Unit("table cell", text, number, match.start(1) + _col(match.group(1), text)))
    return cells


def page_units(scan: PageScan, paragraph_words: int) -> list[Unit]:
    """Every unit of a page in file order; paragraphs of `paragraph_words` words or more are not short."""
    lines = dict(scan.text_lines)
    table = _table_lines(lines)
    units = [
        Unit("page title" if h.level == 1 else "heading", h.title, h.line, _col(lines.get(h.line, ""), h.title))
        for h in scan.headings
    ]
    units += [
        Unit("box title", box.title, box.line, _col(lines.get(box.line, ""), box.title))
        for box in scan.admonitions
        if (box.title or "").strip()
    ]
    units += [
        Unit("checklist item", item.text, item.line, _col(lines.get(item.line, ""), item.text))
        for tasklist in scan.tasklists
        for item in tasklist.items
        if item.text
    ]
    for paragraph in scan.paragraphs:
        if paragraph.line in table:
            continue
        raw = lines.get(paragraph.line, "")
        kind = "list item" if LIST_MARKER.match(raw) else "paragraph"
        short = kind == "list item" or len(paragraph.text.split()) < paragraph_words
        units.append(Unit(kind, paragraph.text, paragraph.line, _col(raw, paragraph.text), short))
    units += _table_cells(lines, table)
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
