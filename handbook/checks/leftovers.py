"""Leftovers of CMSs and translation tools, unrendered templates, placeholder alt texts and unsafe HTML.

One of the source articles carried `<span class="translation_missing" ...>Main Image Alt</span>`; this whole
class of fault is searched for in the Markdown sources and again in the built HTML.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.model import Handbook, Page
from handbook.sources.new_page import PLACEHOLDER

KNOWN_DIRECTIVES = {"phrases", "phrase-cards", "downloads", "print-shop-downloads", "link-index", "translation-status"}
NEW_PAGE_TEXTS = tuple(text for texts in PLACEHOLDER.values() for text in texts)
LEFTOVER_PATTERNS = (
    (re.compile(r"translation_missing", re.IGNORECASE), "translation-system class `translation_missing`"),
    (re.compile(r"translation missing:?", re.IGNORECASE), "text 'translation missing'"),
    (re.compile(r"\b[a-z]{2}(?:[-_][A-Z]{2})?(?:\.[a-z][a-z0-9_]*){3,}\b"), "i18n key"),
    (re.compile(r"\{\{.*?\}\}|\{%.*?%\}|%\{\w+\}|\$\{\w+\}"), "unrendered template variable"),
    (re.compile(r"\b(?:TODO|TRANSLATE|FIXME|TBD)\b"), "author marker"),
    (re.compile(r"\bmain image alt\b|\blorem ipsum\b", re.IGNORECASE), "placeholder text"),
    # The sentences `make new-page` writes, so a new chapter is not published before it is written.
    (re.compile("|".join(map(re.escape, NEW_PAGE_TEXTS))), "placeholder of `make new-page`"),
)
# Text that each reportable leftover of a built page contains, for a gate of plain substring searches: a built
# page holds the whole navigation (over 100 KB per page in a handbook 20x this one's size, so the work grows with
# the square of its size) and the patterns above, searched in full, cost about 18 ms per such page where these
# cost about 2. Matched against the page as written (`CASED`) or lower-cased, as the patterns ignore case
# or not. The i18n-key pattern has none: in built HTML its matches are asset names, not reported.
CASED_NEEDLES = ("{{", "{%", "%{", "${", "TODO", "TRANSLATE", "FIXME", "TBD", *NEW_PAGE_TEXTS)
FOLDED_NEEDLES = ("translation_missing", "translation missing", "main image alt", "lorem ipsum")
PLACEHOLDER_ALT = re.compile(
    r"^\s*(?:|image|img|alt|alt text|picture|photo|afbeelding|foto|placeholder|"
    r"main image alt|image alt)\s*$",
    re.IGNORECASE,
)
CODE_ELEMENT = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
UNSAFE_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "form", "meta", "link", "style"}
EVENT_ATTRIBUTE = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
SCRIPT_URL_IN_ATTRIBUTE = re.compile(r"=\s*[\"']?\s*(?:javascript|vbscript):", re.IGNORECASE)


def leftovers_in_line(text: str, skip_directives: bool) -> list[tuple[int, str, str]]:
    """(column, kind, matched text) for every leftover in one line."""
    found: list[tuple[int, str, str]] = []
    for pattern, kind in LEFTOVER_PATTERNS:
        for match in pattern.finditer(text):
            if skip_directives and kind == "unrendered template variable" and match.group(0).startswith("{%"):
                continue  # directives are checked by name below
            found.append((match.start() + 1, kind, match.group(0)))
    return found


def check_page_sources(handbook: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    card_ids = {card.id for card in handbook.cards}
    # A card file that does not read is one problem (INPUT-YAML); every card it names is not another.
    cards_readable = not any(
        p.path == handbook.cards_path and p.code in (Code.INPUT_YAML, Code.INPUT_ENCODING) for p in handbook.input_problems
    )
    for langs in handbook.pages.values():
        for page in langs.values():
            for lineno, line in page.scan.text_lines:
                for col, kind, text in leftovers_in_line(line, skip_directives=True):
                    problems.append(
                        page.problem(lineno, col, Code.LEFTOVER, _message(kind, text), "remove it or write the real text")
                    )
            for line, col in page.scan.open_comments:
                problems.append(
                    page.problem(
                        line,
                        col,
                        Code.COMMENT_OPEN,
                        "HTML comment is never closed: the rest of the page is hidden from readers",
                        "end it with `-->`",
                    )
                )
            for stray in page.scan.stray_directives:
                problems.append(
                    page.problem(
                        stray.line,
                        stray.col,
                        Code.DIRECTIVE,
                        f"'{stray.text[:60]}' is not a paragraph of its own: it would be shown as text",
                        "put the directive alone on its line, with a blank line above and below it",
                    )
                )
            for directive in page.scan.directives:
                if directive.name not in KNOWN_DIRECTIVES:
                    problems.append(
                        page.problem(
                            directive.line,
                            directive.col,
                            Code.DIRECTIVE,
                            f"unknown directive '{directive.name}'",
                            "known: " + ", ".join(sorted(KNOWN_DIRECTIVES)),
                        )
                    )
                elif directive.name == "phrases" and directive.argument not in card_ids and cards_readable:
                    close = difflib.get_close_matches(directive.argument, sorted(card_ids), n=1, cutoff=0.6)
                    problems.append(
                        page.problem(
                            directive.line,
                            directive.col,
                            Code.DIRECTIVE,
                            f"no phrase card '{directive.argument}'",
                            f"did you mean `{close[0]}`?" if close else f"card IDs are in {handbook.cards_path}",
                        )
                    )
            for link in page.scan.links:
                if link.is_image and PLACEHOLDER_ALT.match(link.text):
                    problems.append(
                        page.problem(
                            link.line,
                            link.col,
                            Code.PLACEHOLDER_ALT,
                            f"image '{link.target}' has placeholder alt text '{link.text}'",
                            "describe the image",
                        )
                    )
                if SCRIPT_URL.match(link.target) and not link.is_image:
                    problems.append(
                        page.problem(
                            link.line, link.col, Code.UNSAFE_HTML, f"link to script URL '{link.target[:40]}'", "remove it"
                        )
                    )
            for tag in page.scan.html_tags:
                if (
                    tag.name in UNSAFE_TAGS
                    or EVENT_ATTRIBUTE.search(tag.attributes)
                    or SCRIPT_URL_IN_ATTRIBUTE.search(tag.attributes)
                ):
                    problems.append(
                        page.problem(
                            tag.line,
                            tag.col,
                            Code.UNSAFE_HTML,
                            f"raw HTML <{tag.name}{tag.attributes[:40]}> can run code or change the page",
                            "remove it; write Markdown",
                        )
                    )
    return problems


def _may_hold_leftover(html: str) -> bool:
    if any(needle in html for needle in CASED_NEEDLES):
        return True
    folded = html.lower()
    return any(needle in folded for needle in FOLDED_NEEDLES)


def _message(kind: str, text: str) -> str:
    return f"{kind}: '{text[:60]}'"


def page_output_problems(html: str, handbook: Handbook, page: Page, lang: str, problems: list[Problem]) -> list[Problem]:
    """`check_output_html` for one page of the model, given the sources' `problems`: a leftover or directive the
    sources already report is not reported again. When no card could be read (the card file's one problem),
    every phrase box of the page is that problem's, not one more per page."""
    known = frozenset(p.message for p in problems if p.code == Code.LEFTOVER)
    directives = {(p.path, p.line) for p in problems if p.code == Code.DIRECTIVE}
    unreadable = (Code.INPUT_YAML, Code.INPUT_ENCODING)
    if any(p.path == handbook.cards_path and p.code in unreadable for p in problems):
        directives |= {(page.path, d.line) for d in page.scan.directives if d.name == "phrases"}
    return check_output_html(html, page.path, lang, page.scan.text_lines, known, frozenset(directives))


def check_output_html(
    html: str,
    path: str,
    lang: str,
    source_lines: Sequence[tuple[int, str]] = (),
    known: frozenset[str] = frozenset(),
    directive_places: frozenset[tuple[str, int]] = frozenset(),
) -> list[Problem]:
    """Leftovers in one built page; `path` is the source page the HTML came from, `source_lines` its
    (line number, text) pairs, where a leftover is looked for to report it at its own line.

    `known` holds the messages of the LEFTOVER problems the sources already have: a run with problems still
    renders its pages, where such a leftover shows again, often on every page (a heading in the navigation).
    `directive_places` are the (path, line) of directives the sources already report (DIRECTIVE): their text
    is left visible in the page and is not reported twice. Any other directive text in a page is a fault."""
    if not _may_hold_leftover(html):
        return []  # the common case
    problems: list[Problem] = []
    # Code is shown as written on purpose (an example of a directive): blanked out, lines kept.
    shown = CODE_ELEMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), html)
    for lineno, line in enumerate(shown.split("\n"), 1):
        for _col, kind, text in leftovers_in_line(line, skip_directives=False):
            if kind == "i18n key":
                continue  # dotted names are common in built HTML (asset paths); sources are checked for them
            if _message(kind, text) in known:
                continue
            line_in_source, col = next(
                ((number, found + 1) for number, source in source_lines if (found := source.find(text)) >= 0), (1, 1)
            )
            if (path, line_in_source) in directive_places:
                continue
            problems.append(
                Problem(
                    path,
                    line_in_source,
                    col,
                    Code.OUTPUT_LEFTOVER,
                    f"built HTML line {lineno} contains {kind} '{text[:60]}'",
                    "fix the page or the template that produced it",
                    lang,
                )
            )
    return problems
