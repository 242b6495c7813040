"""Completes the structure tree of WeasyPrint's tagged PDFs where PDF/UA-1 asks for more than WeasyPrint 70 writes.

WeasyPrint sets the document's /Lang but no /Lang for an element with its own `lang` attribute, so a screen
reader reads a Dutch title on an English page, or the English backs of the duplex cards, with the document's
rules. While WeasyPrint writes a PDF, `recorded_text_languages` notes the language of every piece of text it marks
(the same computed `lang` it hyphenates with); `finish_structure` then opens the PDF with pikepdf and puts /Lang
on the highest structure elements whose text is all in another language. The document's /Lang is left as it is.
It also gives each table header cell its /Scope (column headers in the table head, row headers elsewhere).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    import pikepdf

    from handbook.printing.laid_out import Style


class _TaggedBox(Protocol):
    style: Style


class _PageStream(Protocol):
    """A page's content stream as WeasyPrint writes it: its marked boxes, with each one's tag and MCID."""

    _tags: dict[_TaggedBox, dict[str, int]]


AddTags = Callable[[object, object, object, list[_PageStream]], None]


class _PdfWriter(Protocol):
    """The module `weasyprint.pdf`, as far as the language recording patches it."""

    add_tags: AddTags


@contextlib.contextmanager
def recorded_text_languages() -> Generator[list[list[str]], None, None]:
    """While WeasyPrint writes a PDF in this process: per page, the language of each marked content (by MCID)."""
    import weasyprint.pdf  # pyright: ignore[reportMissingTypeStubs]

    writer = cast(_PdfWriter, weasyprint.pdf)  # WeasyPrint ships no types: the one function patched, typed once
    original = writer.add_tags
    pages: list[list[str]] = []

    def add_tags(pdf: object, document: object, pdf_version: object, page_streams: list[_PageStream]) -> None:
        pages.clear()  # one PDF per use
        for stream in page_streams:
            tags = stream._tags  # pyright: ignore[reportPrivateUsage] (WeasyPrint keeps a stream's marks only there)
            marked = sorted((kid["mcid"], (box.style["lang"] or "").lower()) for box, kid in tags.items())
            pages.append([lang for _, lang in marked])
        return original(pdf, document, pdf_version, page_streams)

    writer.add_tags = add_tags
    try:
        yield pages
    finally:
        writer.add_tags = original


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    import pikepdf

    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def finish_structure(path: Path, languages: list[list[str]]) -> int:
    """Write /Lang on other-language structure elements and /Scope on header cells; the number of /Lang written."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        document_lang = str(pdf.Root.get("/Lang", "")).lower()
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        content: dict[tuple[int, int], set[str]] = {}

        def language_of(page: int | None, mcid: int) -> str:
            runs = languages[page] if page is not None and page < len(languages) else []
            lang = runs[mcid] if mcid < len(runs) else ""
            return lang or document_lang

        def collect(element: pikepdf.Object) -> set[str]:
            """The languages of all text under an element, remembered per element."""
            found: set[str] = set()
            page = pages.get(element.Pg.objgen) if "/Pg" in element else None
            for kid in _kids(element):
                if isinstance(kid, int):
                    found.add(language_of(page, kid))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    found.add(language_of(pages.get(kid.Pg.objgen) if "/Pg" in kid else page, int(kid.MCID)))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    found |= collect(kid)
            content[element.objgen] = found
            if element.get("/S") == "/TH":
                attributes = element.get("/A")
                if isinstance(attributes, pikepdf.Dictionary) and attributes.get("/O") == "/Table":
                    in_head = element.get("/P") is not None and element.P.get("/P", pikepdf.Dictionary()).get("/S") == "/THead"
                    attributes.Scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
            return found

        marked = 0

        def mark(element: pikepdf.Object) -> None:
            nonlocal marked
            found = content.get(element.objgen, set())
            if len(found) == 1 and document_lang not in found:
                element.Lang = pikepdf.String(next(iter(found)))
                marked += 1
                return
            for kid in _kids(element):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    mark(kid)

        tree = pdf.Root.get("/StructTreeRoot")
        if tree is not None:
            for top in _kids(tree):
                collect(top)
                mark(top)
        pdf.save(path, deterministic_id=True)  # two builds of the same PDF stay byte-identical
    return marked
