"""Page numbers written into a document that is already laid out, so that a handbook is laid out once.

The contents and the cross-references print the page of their target, which only a layout can tell. Laying the
whole document out a second time with the right numbers would double the cost of a handbook. Instead each number
is laid out as a guess of the same number of digits, in a slot as wide as that guess (the digits of both fonts
are equally wide and kerning is off, see handbook.css and `page_css`), and once the layout shows on which page
every target fell, the guessed digits are replaced in the laid-out text itself: no line moves. A number needs
another layout only when it has more digits than its guess; one with fewer leaves the rest of its slot blank.

The guess comes from how far into the document the target stands, never from an earlier build: a guess with more
digits than the page leaves its blank in the PDF (a wider link), so a guess taken from whatever was built before
made the same document print differently after a cold build and after a rebuild. It only has to have the right
number of digits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from handbook.printing.laid_out import Document, LineBreak, TextBox

# Measured on the real handbook (A4, handbook.css): about 2,400 characters of chapter HTML and 3,700 of
# contents HTML fill a page, and a target lands up to a page before or after where that puts it. The guess leans
# late, as a number that turns out shorter than its guess only leaves a blank, while a longer one costs a layout.
BODY_HTML_PER_PAGE = 2400
CONTENTS_HTML_PER_PAGE = 3700
LEAN_LATE = 1.05
CONTENTS_END = "</nav>"


def estimated_pages(html: str, targets: set[str]) -> dict[str, int]:
    """A first guess of each target's page from its position in the document: cover, contents, then chapters."""
    contents_start = html.find("<body")
    contents_end = html.find(CONTENTS_END, contents_start)
    if contents_start < 0 or contents_end < 0:
        return {}
    first_chapter_page = 2 + (contents_end - contents_start) // CONTENTS_HTML_PER_PAGE + 1
    guesses: dict[str, int] = {}
    for target in targets:
        offset = html.find(f'id="{target}"', contents_end)
        if offset >= 0:
            estimate = first_chapter_page + (offset - contents_end) / BODY_HTML_PER_PAGE
            guesses[target] = math.ceil(estimate * LEAN_LATE) + 1
    return guesses


def page_number_boxes(document: Document) -> Iterator[tuple[str, TextBox]]:
    """(target ID, laid-out text box) of every page number the document prints: the `::after` text of a link
    that carries a `data-page` slot."""
    from weasyprint.formatting_structure import boxes  # pyright: ignore[reportMissingTypeStubs]

    for page in document.pages:
        # The contents numbers are positioned absolutely: WeasyPrint keeps them behind placeholders.
        for box in page._page_box.descendants(placeholders=True):  # pyright: ignore[reportPrivateUsage] (no public way to the boxes)
            if not isinstance(box, boxes.TextBox):
                continue
            box = cast("TextBox", box)  # WeasyPrint ships no types: its text box as handbook.printing.laid_out names it
            if not (box.element_tag or "").endswith("::after"):
                continue
            element = box.element
            if element is not None and element.get("data-page") is not None:
                yield element.get("href", "").removeprefix("#"), box


def _right_aligned(box: TextBox) -> bool:
    return box.style["text_align_all"] in ("right", "end")


def fill_page_numbers(document: Document, pages: dict[str, int]) -> set[str]:
    """Write each target's page into its laid-out slots; the targets whose number does not fit its slot.

    A right-aligned number (the contents column) moves right by the room it does not use; any other keeps its
    left edge, so the words after it stay where the layout put them.
    """
    from weasyprint.text import line_break  # pyright: ignore[reportMissingTypeStubs]

    line_size = cast("LineBreak", line_break).line_size  # WeasyPrint ships no types: its line measure, typed once
    too_wide: set[str] = set()
    for target, box in page_number_boxes(document):
        page = pages.get(target)
        digits = re.search(r"\d+(?!.*\d)", box.text)
        if page is None or digits is None:
            continue
        if len(str(page)) > len(digits.group()):
            too_wide.add(target)
            continue
        text = box.text[: digits.start()] + str(page) + box.text[digits.end() :]
        if text == box.text:
            continue
        box.text = text
        # After layout WeasyPrint keeps only the text of a line's Pango layout; drawing rebuilds it from that.
        box.pango_layout.text = text
        if _right_aligned(box):
            box.pango_layout.reactivate(box.style)
            width, _ = line_size(box.pango_layout.get_first_line()[0], box.style)
            box.pango_layout.deactivate()
            box.position_x += box.width - width
            box.width = width
    return too_wide


def printed_page_numbers(document: Document) -> dict[str, set[int]]:
    """The numbers the document prints for each target, read back from its laid-out text."""
    printed: dict[str, set[int]] = {}
    for target, box in page_number_boxes(document):
        digits = re.search(r"\d+(?!.*\d)", box.text)
        if digits:
            printed.setdefault(target, set()).add(int(digits.group()))
    return printed
