"""Finds a word the typesetter left alone on a line in the middle of a paragraph, so no such page reaches a printer.

WeasyPrint 70 (with Debian's Pango) now and then breaks a line of body text far too early: the line before is
full, the next word stands alone, and the paragraph goes on at full width below it ("… dat de review niet / van /
een klant komt …"). The break depends on the words around it, the fonts and the column, so it cannot be
predicted from the source: it is found in the laid-out pages and reported at the heading of the section it is
in, where rewording the sentence makes it go away. Lines that end short on purpose are left alone: a paragraph's
last line, a line ended by a line break (an address in a template), and the cells of a table, whose narrow
columns break short all the time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import cast

from handbook.printing.laid_out import Box, Document, TextBox

# A line narrower than this share of its paragraph's width, with more of the paragraph after it, is a stray one.
# Justified text never comes near it; a full line holds about 90 characters, a stray one a word or two.
NARROW = 0.25
# Where a stray line is looked for: running text. Headings, table cells and the contents lay out by other rules.
RUNNING_TEXT = {"p", "li", "dd", "blockquote"}
HEADINGS = {"h1", "h2", "h3", "h4"}


@dataclass(frozen=True)
class StrayLine:
    page: int  # printed page number, counted from 1
    text: str  # what the line holds
    section: str  # the ID of the heading the paragraph comes after ("" before the first)


def _is_line(box: Box) -> bool:
    return type(box).__name__ == "LineBox"


def _text(box: Box) -> str:
    if type(box).__name__ == "TextBox":
        return cast(TextBox, box).text
    return "".join(_text(child) for child in getattr(box, "children", []))


def _ends_with_break(line: Box) -> bool:
    """Whether the line ends at a `<br>`, which WeasyPrint lays out as an empty inline box at the line's end."""
    return bool(line.children) and line.children[-1].element_tag == "br"


def _right_edge(box: Box) -> float:
    edges = [child.position_x + child.width for child in box.children if _text(child).strip()]
    return max(edges, default=box.position_x)


def _walk(box: Box, section: list[str], in_table: bool = False) -> Iterator[tuple[Box, list[Box], str]]:
    """Each block of running text with its lines, in reading order, with the section it is in."""
    tag = box.element_tag or ""
    if tag in HEADINGS and box.element is not None and box.element.get("id"):
        section[0] = box.element.get("id") or ""
    in_table = in_table or tag in ("td", "th", "table")
    children = getattr(box, "children", [])
    lines = [child for child in children if _is_line(child)]
    if lines and not in_table and tag in RUNNING_TEXT:
        yield box, lines, section[0]
    for child in children:
        if not _is_line(child):
            yield from _walk(child, section, in_table)


def stray_lines(document: Document) -> list[StrayLine]:
    """Every line of running text that holds only a scrap of its paragraph while the paragraph goes on below it."""
    found: list[StrayLine] = []
    section = [""]
    for number, page in enumerate(document.pages, 1):
        root = page._page_box  # pyright: ignore[reportPrivateUsage] (no public way to the boxes)
        for block, lines, in_section in _walk(root, section):
            width = block.width
            for line, after in pairwise(lines):
                text = _text(line)
                if _ends_with_break(line) or not text.strip() or not _text(after).strip():
                    continue
                if _right_edge(line) - line.position_x < NARROW * width:
                    found.append(StrayLine(number, " ".join(text.split()), in_section))
    return found
