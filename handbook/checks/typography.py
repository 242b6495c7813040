"""The typography both editions keep, checked where an author types it: in the pages and on the phrase cards.

Curly quotes and apostrophes, one ellipsis character, a times sign in sizes ("90 × 65 mm") and a no-break space
after "art." and before the code's letters ("art. 6:162 BW"), so a legal article's number never starts a line of
its own in print, nor its code a line without it. Markdown's own syntax is not
text and is left out before a line is read: code, link addresses, attribute lists, HTML tags and the quoted title
of a box. AUTHORING.md, "Typing the handbook's characters", says how to type each one.
"""

from __future__ import annotations

import re

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.markdown_scan import BOX_MARKER, INLINE_CODE
from handbook.sources.model import Handbook
from handbook.translations.translation_units import card_units

# (pattern, what was typed, what to type instead)
RULES = (
    (re.compile(r'"'), "a straight double quote", "type curly quotes: “…”"),
    (re.compile(r"(?<=[^\W\d_])'|'(?=[^\W\d_])"), "a straight apostrophe or quote", "type ’ (or ‘…’ around a term)"),
    (re.compile(r"\.\.\."), "three full stops", "type the ellipsis …"),
    (re.compile(r"(?<=\d) ?x ?(?=\d)"), "an x in a size", "type ×, with spaces: 90 × 65 mm"),
    (re.compile(r"\bart\. (?=\d)"), "a plain space after “art.”", "type a no-break space after “art.”"),
    (re.compile(r"(?<=[\d)]) (?=(?:BW|Sr)\b)"), "a plain space before “BW” or “Sr”", "type a no-break space before it"),
)
# Markdown syntax on a text line besides code, blanked (same length, so columns stay true) before the rules read it.
SYNTAX = re.compile(
    r"\]\([^)]*\)"  # a link's address
    r"|\{[^}]*\}"  # an attribute list: {#id}, {lang=nl}, {.class}
    r"|<[^>]*>"  # an HTML tag
)
BOX_TITLE = re.compile(r'"([^"]*)"')


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def faults_in(text: str) -> list[tuple[int, str, str]]:
    """(column, what was typed, what to type) of every fault in one line of text."""
    if BOX_MARKER.match(text):
        # A box's opening line is Markdown but for the words of its title: `!!! tip "Tip"` (anything after the
        # title is BOX-FORMAT's to report).
        title = BOX_TITLE.search(text)
        start, end = title.span(1) if title else (0, 0)
        text = " " * start + text[start:end] + " " * (len(text) - end)
    visible = SYNTAX.sub(_blank, INLINE_CODE.sub(_blank, text))
    found = [(match.start() + 1, typed, fix) for pattern, typed, fix in RULES for match in pattern.finditer(visible)]
    return sorted(found)


def check(handbook: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    for langs in handbook.pages.values():
        for page in langs.values():
            for lineno, line in page.scan.text_lines:
                for col, typed, fix in faults_in(line):
                    problems.append(page.problem(lineno, col, Code.TYPOGRAPHY, typed, fix))
    for card in handbook.cards:
        for unit in card_units(card):
            for lang, (line, col) in unit.places.items():
                for at, typed, fix in faults_in(unit.texts.get(lang, "")):
                    message = f"{typed} in card '{card.id}', {unit.field}"
                    problems.append(Problem(handbook.cards_path, line, col + at, Code.TYPOGRAPHY, message, fix, lang))
    return problems
