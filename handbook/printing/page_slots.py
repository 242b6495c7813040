"""Page numbers written into a document that is already laid out, so that a handbook is laid out once.

The contents and the cross-references print the page of their target, which only a layout can tell. Laying the
whole document out a second time with the right numbers would double the cost of a handbook. Instead each number
is laid out as a guess of the same number of digits, in a slot as wide as that guess (the digits of both fonts
are equally wide and kerning is off, see handbook.css and `page_css`), and once the layout shows on which page
every target fell, the guessed digits are replaced in the laid-out text itself. A number needs another layout
only when it has more digits than its guess. One with fewer gives back the room it does not use: in the
contents column it moves right, in running text the rest of its line closes up to it, so that no gap is left
before the punctuation after it ("(p. 7)."); that line then ends a little earlier than it had to, in text that is
set ragged right. A reference printed on the page of its target loses its number the same way.

The guess comes from how far into the document the target stands, never from an earlier build: a guess with more
digits than the page narrows the room its line had, so a guess taken from whatever was built before
made the same document print differently after a cold build and after a rebuild. It only has to have the right
number of digits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from handbook.printing.laid_out import Anchors, Box, Document, LineBreak, TextBox

# Measured on the real handbook (A4, handbook.css): about 2,400 characters of chapter HTML and 3,700 of
# contents HTML fill a page, and a target lands up to a page before or after where that puts it. The guess leans
# late, as a number that turns out shorter than its guess only leaves a blank, while a longer one costs a layout.
BODY_HTML_PER_PAGE = 2400
CONTENTS_HTML_PER_PAGE = 3700
LEAN_LATE = 1.05
CONTENTS_END = "</nav>"
UNKNOWN_PAGE = "00"  # a slot's number before any guess: as wide as most page numbers
# The class of an element whose slots are one list of pages, as after a term in the index: a page it already
# prints is not printed again, with the separator its slot writes before the number.
PAGE_LIST = "page-list"


@dataclass
class Filled:
    """What writing the page numbers into a layout found."""

    too_wide: set[str] = field(default_factory=set[str])  # targets whose number has more digits than its slot
    on_own_page: set[str] = field(default_factory=set[str])  # targets of a reference printed on their own page
    repeated: set[str] = field(default_factory=set[str])  # targets whose page their page list printed already


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


@dataclass(frozen=True)
class Slot:
    """A page number in the laid-out document: its target, the page it is printed on, and its text box with the
    boxes that hold it, from the page box down (`path[-1]` is the text box)."""

    target: str
    page: int
    path: tuple[Box, ...]

    @property
    def box(self) -> TextBox:
        return cast("TextBox", self.path[-1])  # page_number_boxes ends every path at a text box


def _paths(box: Box, above: tuple[Box, ...] = ()) -> Iterator[tuple[Box, ...]]:
    """Every box under `box` (itself included) with the boxes above it, the contents numbers too: they are
    positioned absolutely, and WeasyPrint keeps them behind placeholders that pass everything on to them."""
    path = (*above, box)
    yield path
    for child in box.children:
        yield from _paths(child, path)


def page_number_boxes(document: Document) -> Iterator[Slot]:
    """Every page number the document prints: the `::after` text of a link that carries a `data-page` slot."""
    from weasyprint.formatting_structure import boxes  # pyright: ignore[reportMissingTypeStubs]

    for number, page in enumerate(document.pages, 1):
        for path in _paths(page._page_box):  # pyright: ignore[reportPrivateUsage] (no public way to the boxes)
            box = path[-1]
            if not isinstance(box, boxes.TextBox) or not (box.element_tag or "").endswith("::after"):
                continue
            element = box.element
            if element is not None and element.get("data-page") is not None:
                yield Slot(element.get("href", "").removeprefix("#"), number, path)


def _right_aligned(box: TextBox) -> bool:
    return box.style["text_align_all"] in ("right", "end")


def _narrow(path: tuple[Box, ...], by: float) -> None:
    """Make the last box of `path` narrower by `by`, with every inline box around it, and move what follows it on
    its line left by as much: the line reads as if laid out with the narrower text, and ends that much earlier."""
    from weasyprint.formatting_structure import boxes  # pyright: ignore[reportMissingTypeStubs]

    path[-1].width -= by
    for parent, child in zip(reversed(path[:-1]), reversed(path[1:]), strict=True):
        for sibling in parent.children[parent.children.index(child) + 1 :]:
            sibling.translate(-by)
        if isinstance(parent, boxes.LineBox):
            return  # the line keeps its width: it is the room the text had
        parent.width -= by


def _pseudo_element(path: tuple[Box, ...]) -> int:
    """Where in `path` the page number's `::after` pseudo-element starts: the box after it is its text, the one
    before it the link that carries the slot."""
    return next(index for index, box in enumerate(path) if (box.element_tag or "").endswith("::after"))


def _remove(path: tuple[Box, ...]) -> None:
    """Take a page number's `::after` box (the text box at the end of `path`, or the inline box of the
    pseudo-element around it) out of its line, closing the gap it leaves; no empty link is left behind: a link
    that was only its number (as in a page list) goes with it."""
    outer = _pseudo_element(path)
    _narrow(path[: outer + 1], path[outer].width)
    link = path[outer - 1]
    link.children.remove(path[outer])
    if not link.children:
        path[outer - 2].children.remove(link)


def _page_list(path: tuple[Box, ...]) -> Element | None:
    """The page list a slot's link stands in (an element of class PAGE_LIST around it), if any."""
    holder = path[_pseudo_element(path) - 2].element
    return holder if holder is not None and PAGE_LIST in (holder.get("class") or "").split() else None


def fill_page_numbers(document: Document, pages: dict[str, int]) -> Filled:
    """Write each target's page into its laid-out slots, as if the layout had known it.

    A number narrower than its slot (fewer digits than the guess) gives the room it does not use back: a
    right-aligned one (the contents column) moves right by it, any other closes up with the words after it on its
    line, so "(p. 7)." reads as typeset. A reference printed on its target's own page loses its page number: the
    reader sees the target already; so does a slot whose page its page list already prints ("34, 35", not
    "34, 34, 35"). The links and anchors of a page whose words moved are read again.
    """
    from weasyprint import anchors  # pyright: ignore[reportMissingTypeStubs]
    from weasyprint.text import line_break  # pyright: ignore[reportMissingTypeStubs]

    line_size = cast("LineBreak", line_break).line_size  # WeasyPrint ships no types: its line measure, typed once
    filled = Filled()
    moved: set[int] = set()
    listed: dict[Element, set[int]] = {}  # the pages each page list prints so far
    for slot in list(page_number_boxes(document)):
        box, page = slot.box, pages.get(slot.target)
        digits = re.search(r"\d+(?!.*\d)", box.text)
        if page is None or digits is None:
            continue
        if len(str(page)) > len(digits.group()):
            filled.too_wide.add(slot.target)
            continue
        if page == slot.page and not _right_aligned(box):
            _remove(slot.path)
            filled.on_own_page.add(slot.target)
            moved.add(slot.page)
            continue
        page_list = _page_list(slot.path)
        if page_list is not None and page in listed.setdefault(page_list, set()):
            _remove(slot.path)
            filled.repeated.add(slot.target)
            moved.add(slot.page)
            continue
        if page_list is not None:
            listed[page_list].add(page)
        text = box.text[: digits.start()] + str(page) + box.text[digits.end() :]
        if text == box.text:
            continue
        box.text = text
        # After layout WeasyPrint keeps only the text of a line's Pango layout; drawing rebuilds it from that.
        box.pango_layout.text = text
        box.pango_layout.reactivate(box.style)
        width, _ = line_size(box.pango_layout.get_first_line()[0], box.style)
        box.pango_layout.deactivate()
        if _right_aligned(box):
            box.position_x += box.width - width
            box.width = width
        elif width < box.width:
            _narrow(slot.path, box.width - width)
            moved.add(slot.page)
    gather = cast("Anchors", anchors).gather_anchors  # WeasyPrint ships no types: the one function, typed once
    for number in sorted(moved):
        page_of = document.pages[number - 1]
        page_of.anchors, page_of.links, page_of.bookmarks, page_of.forms = {}, [], [], {None: []}
        gather(page_of._page_box, page_of.anchors, page_of.links, page_of.bookmarks, page_of.forms)  # pyright: ignore[reportPrivateUsage] (no public way to the boxes)
    return filled


def printed_page_numbers(document: Document) -> dict[str, set[int]]:
    """The numbers the document prints for each target, read back from its laid-out text."""
    printed: dict[str, set[int]] = {}
    for slot in page_number_boxes(document):
        if digits := re.search(r"\d+(?!.*\d)", slot.box.text):
            printed.setdefault(slot.target, set()).add(int(digits.group()))
    return printed
