"""Soft hyphens in the website's table cells, so a phone breaks a long word where it may be split.

On a phone a table's columns share the screen's width (the contact log, the kinds of threat, the useful numbers),
and a column is often narrower than its longest word ("Geschillencommissie"). Browsers hyphenate by themselves only
where they hold a dictionary for the language, which many do not (Chromium on Linux, for one), and then cut the
word anywhere without a hyphen. Marking the places with the print edition's own patterns makes every browser split
the word where a reader expects it, with a hyphen. Only the page that is served changes: the search index and the
print edition read the page before this step.
"""

from __future__ import annotations

import re
from functools import cache

from handbook.printing.hyphenation import use_hyphenation_dictionaries
from handbook.website.html_text import with_text_changed

SOFT_HYPHEN = "\u00ad"
# a cell of a table written in Markdown (tables with a class are the handbook's own, laid out by their own rules)
_CELL = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.DOTALL)
_PLAIN_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_TAG_OR_CODE = re.compile(r"(<code\b.*?</code>|<[^>]+>|&[#\w]+;)", re.DOTALL)
# only a word longer than a narrow phone column holds is worth marking; shorter ones move to the next line whole
_LONG_WORD = re.compile(r"[^\W\d_]{10,}")


@cache
def _hyphenator(lang: str):
    import pyphen

    use_hyphenation_dictionaries()
    return pyphen.Pyphen(lang=lang, left=3, right=3)


def with_table_hyphens(html: str, lang: str) -> str:
    """The page with soft hyphens in the long words of its Markdown tables' cells (text only: never inside a tag,
    an entity or code)."""
    hyphenator = _hyphenator(lang)

    def words(text: str) -> str:
        return _LONG_WORD.sub(lambda word: hyphenator.inserted(word.group(), hyphen=SOFT_HYPHEN), text)

    def cell(match: re.Match[str]) -> str:
        return match.group(1) + with_text_changed(match.group(2), _TAG_OR_CODE, words) + match.group(3)

    return _PLAIN_TABLE.sub(lambda table: _CELL.sub(cell, table.group()), html)
