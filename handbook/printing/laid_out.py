"""What the print code reads and writes of WeasyPrint's laid-out documents, as types.

WeasyPrint ships no types: these protocols name the few attributes the print code uses of its objects, and each
WeasyPrint object is cast to one of them where it enters the handbook's code (`render`, `page_slots`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TypedDict, cast
from xml.etree.ElementTree import Element


class Style(TypedDict):
    """The computed style values the print code reads (WeasyPrint's style has many more)."""

    lang: str | None
    text_align_all: str


class Box(Protocol):
    """A laid-out box: a block, a line, an inline element or a run of text (an absolutely positioned one behind
    a placeholder that passes everything on to it)."""

    element_tag: str | None
    element: Element | None
    style: Style
    children: list[Box]
    position_x: float
    width: float

    def descendants(self, placeholders: bool = False) -> Iterator[object]: ...

    def translate(self, dx: float = 0, dy: float = 0, ignore_floats: bool = False) -> None: ...


class PangoLayout(Protocol):
    text: str

    def reactivate(self, style: Style) -> None: ...

    def deactivate(self) -> None: ...

    def get_first_line(self) -> tuple[object, int | None]: ...


class TextBox(Box, Protocol):
    """A laid-out run of text: a line's piece of one element."""

    text: str
    pango_layout: PangoLayout


class Page(Protocol):
    anchors: dict[str, tuple[float, float]]  # each anchor's (x, y) in CSS pixels from the page's top left
    links: list[object]
    bookmarks: list[object]
    forms: dict[object, list[object]]
    _page_box: Box


class Document(Protocol):
    pages: list[Page]

    def write_pdf(self, target: Path | str | None = None, **options: object) -> bytes | None: ...


class LineBreak(Protocol):
    """The module `weasyprint.text.line_break`."""

    def line_size(self, line: object, style: Style) -> tuple[float, float]: ...  # (width, height) of a laid-out line


class Anchors(Protocol):
    """The module `weasyprint.anchors`."""

    def gather_anchors(
        self,
        box: Box,
        anchors: dict[str, tuple[float, float]],
        links: list[object],
        bookmarks: list[object],
        forms: dict[object, list[object]],
    ) -> None: ...  # a page's anchors, links, bookmarks and form fields, read from its boxes' positions


class _Source(Protocol):
    def render(self) -> Document: ...


def render(html: str, base_url: str, url_fetcher: object = None) -> Document:
    """The document laid out by WeasyPrint (imported here, on first use)."""
    from weasyprint import HTML  # pyright: ignore[reportMissingTypeStubs]

    from handbook.printing.hyphenation import use_hyphenation_dictionaries

    use_hyphenation_dictionaries()

    return cast(_Source, HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)).render()
