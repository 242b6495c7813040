"""The desk sheet on paper: one A4 page with the route, the escalation ladder and the key phrases.

It hangs beside the phone and is read at arm's length, so its text is 11 pt and its smallest labels 9 pt (desk.css),
and nothing is shrunk to make it fit. The sheet is one box the size of the printable area; each part ends in an invisible
marker, and a marker laid out below the box is an error at that part's source line, as for a card too long.
"""

from __future__ import annotations

import re
from html import escape

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.pages.desk import DeskList, DeskSheet
from handbook.sources.markdown_scan import MARKDOWN_LINK
from handbook.sources.settings import Language

# The printable box, in mm from the top of the page; desk.css places `.desk` on exactly these lines.
SHEET_TOP, SHEET_BOTTOM = 12.0, 285.0
STRONG = re.compile(r"\*\*(.+?)\*\*")


def inline_html(markdown: str) -> str:
    """An item's inline Markdown as HTML: a link prints as its text in bold (it leads nowhere on paper)."""
    text = escape(markdown, quote=False)
    return STRONG.sub(r"<strong>\1</strong>", MARKDOWN_LINK.sub(r"<strong>\1</strong>", text))


def end_marker_id(part: str, lang: str) -> str:
    return f"desk-end-{part}-{lang}"


def _numbered(part: str, found: DeskList, lang: str) -> str:
    items = "".join(f"<li>{inline_html(item)}</li>" for item in found.items)
    return (
        f'<h2>{escape(found.title)}</h2><ol class="{part}">{items}</ol><span class="end" id="{end_marker_id(part, lang)}"></span>'
    )


def _group_label(label: str) -> str:
    # Run in before the group's first situation, not a heading of its own: a heading's line would push the last
    # key phrases off the page.
    return f'<span class="group">{escape(label)}</span> ' if label else ""


def desk_body(sheet: DeskSheet, language: Language) -> str:
    lang = sheet.lang
    phrases = "".join(
        f'<li><span class="from">{_group_label(group.label) if index == 0 else ""}{escape(phrase.card_title)}</span> '
        f'<span class="say">{escape(phrase.text)}</span></li>'
        for group in sheet.groups
        for index, phrase in enumerate(group.phrases)
    )
    return (
        f'<section class="desk"><p class="site">{escape(language.site_name)}</p>'
        f"<h1>{escape(language.label('desk_title'))}</h1>"
        f"{_numbered('route', sheet.route, lang)}{_numbered('ladder', sheet.ladder, lang)}"
        f'<h2>{escape(language.label("desk_phrases"))}</h2><ul class="phrases">{phrases}</ul>'
        f'<span class="end" id="{end_marker_id("phrases", lang)}"></span></section>'
    )


def desk_limits(sheet: DeskSheet) -> tuple[tuple[str, float, Problem], ...]:
    """(end marker ID, lowest allowed position in mm, problem) for each part of the sheet: checked after layout."""
    parts = [
        ("route", sheet.route.path, sheet.route.line, f"'{sheet.route.title}'"),
        ("ladder", sheet.ladder.path, sheet.ladder.line, f"'{sheet.ladder.title}'"),
        ("phrases", sheet.phrases_path, sheet.phrases_line, "the key phrases (`desk: true`)"),
    ]
    return tuple(
        (
            end_marker_id(part, sheet.lang),
            SHEET_BOTTOM,
            Problem(
                path,
                line,
                1,
                Code.DESK_TOO_LONG,
                f"the desk sheet does not fit one A4 page in '{sheet.lang}': it runs off the page in {what}",
                "shorten the route, the escalation ladder or the key phrases; the sheet is never printed smaller",
                sheet.lang,
            ),
        )
        for part, path, line, what in parts
    )
