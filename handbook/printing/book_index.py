"""The index at the back of the printed handbook: one language's terms in alphabetical order under letter headings,
each followed by the pages of the sections it names.

Its page numbers are page-number slots like the contents' (page_slots.py): each is the real page of its section,
written into the one layout. A term's sections are listed in the order they stand in the book, so its pages rise,
and the slots of one entry form a page list (PAGE_LIST), which prints a page two of them share once. Letters and
digits decide the order, not case, accents or a leading quote (`sort_key`): “ik heb al betaald” stands under I.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import groupby

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.printing.page_slots import PAGE_LIST, UNKNOWN_PAGE
from handbook.sources.index_terms import IndexTarget, IndexTerm, sort_key

INDEX_ID = "book-index"  # the index's heading, where the contents and the outline lead
DIGITS = "0–9"  # the letter heading of terms that start with a number ("112")


@dataclass(frozen=True)
class IndexEntry:
    """A line of the index: the term in the book's language and the sections it names."""

    term: str
    sections: tuple[IndexTarget, ...]


@dataclass(frozen=True)
class BookIndex:
    """One language's index as the print step assembles it."""

    title: str
    entries: tuple[IndexEntry, ...]  # in alphabetical order
    source: str  # the index file, as problems name it
    lang: str


def book_index(terms: Sequence[IndexTerm], lang: str, title: str, source: str) -> BookIndex:
    """The index of the handbook in `lang`: its terms in that language, sorted by `sort_key`."""
    entries = [IndexEntry(term.word_in(lang), term.targets) for term in terms]
    return BookIndex(title, tuple(sorted(entries, key=lambda entry: sort_key(entry.term))), source, lang)


def letter_of(term: str) -> str:
    """The letter heading a term stands under."""
    first = sort_key(term)[:1]
    return first.upper() if first.isalpha() else DIGITS


def _page_list(anchors: list[str]) -> str:
    """The page-number slots of one entry, with nothing between them: the slots write their separators (CSS)."""
    return "".join(f'<a data-page="{UNKNOWN_PAGE}" href="#{anchor}"></a>' for anchor in anchors)


def index_html(index: BookIndex, order: dict[str, int], problems: list[Problem]) -> str:
    """The index as the last section of the print document. `order` holds the position in the document of every ID
    (as prefixed there, `page--section`); a section it lacks is not printed, which is reported in `problems`."""
    groups: list[str] = []
    for letter, entries in groupby(index.entries, key=lambda entry: letter_of(entry.term)):
        lines: list[str] = []
        for entry in entries:
            anchors: list[str] = []
            for target in entry.sections:
                anchor = f"{target.page}--{target.anchor}"
                if anchor in order:
                    anchors.append(anchor)
                    continue
                message = f"index term '{entry.term}' leads to '{target.key}', which the handbook does not print"
                problems.append(Problem(index.source, target.line, target.col, Code.PRINT_LINK, message, "", index.lang))
            anchors.sort(key=order.__getitem__)
            pages = f'<span class="{PAGE_LIST}">{_page_list(anchors)}</span>'
            lines.append(f'<p class="index-entry">{escape(entry.term)}, {pages}</p>')
        groups.append(f'<section class="index-group"><h2 class="index-letter">{letter}</h2>{"".join(lines)}</section>')
    return (
        f'<section class="book-index"><h1 id="{INDEX_ID}">{escape(index.title)}</h1>'
        f'<div class="index-groups">{"".join(groups)}</div></section>'
    )
