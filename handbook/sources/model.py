"""The one model of the handbook: every page in every language, its front matter and scan, and the cards.

Built once per build from `docs/`; the checks, the page rendering hooks and the print step all read it, so
they can never disagree about what a page contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.core.yaml_lines import YamlError, load_located, plain
from handbook.sources.index_terms import INDEX_FILE, IndexTerm, load_index_terms
from handbook.sources.markdown_scan import PageScan, scan_markdown
from handbook.sources.phrases import Card, load_cards
from handbook.sources.settings import Settings

PAGE_NAME = re.compile(r"^(?P<slug>.+)\.(?P<lang>[a-z]{2}(?:[-_][A-Za-z]{2,4})?)\.md$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
YAML_LINE_BREAK = re.compile("[\x85\u2028\u2029]")  # line breaks to YAML, ordinary characters to Markdown
CARDS_FILE = "phrases.yml"
DATA_FILES = (CARDS_FILE, INDEX_FILE)  # the handbook's own data under docs/: read here, neither pages nor assets
SOURCES_PAGE = "sources"  # the page whose section IDs are the article IDs pages cite under `sources:`


@dataclass
class Page:
    slug: str
    lang: str
    path: str  # as printed in problems, relative to the repository
    meta: dict[str, object]
    scan: PageScan
    body_line: int  # file line of the first body line, after the front matter
    body: str = ""  # the Markdown after the front matter, as read: section texts come from it
    meta_readable: bool = True  # False when the front matter has a problem: `meta` is then empty, not the author's

    @property
    def body_lines(self) -> int:
        """How many lines the body has: places the scan's lines in the body MkDocs renders."""
        return len(self.body.split("\n"))

    @property
    def sources(self) -> list[str]:
        """The article IDs of `sources:` in the front matter, as a list whatever was written (`tissink`, `[a, b]`).

        The check reports IDs that are not articles; the footer renders the same list, never a string's letters."""
        cited = self.meta.get("sources")
        if cited is None or cited == "":
            return []
        keys = cast(list[object], cited) if isinstance(cited, list) else [cited]  # a YAML list: its items are any values
        return [str(key) for key in keys]

    def problem(self, line: int, col: int, code: Code, message: str, fix: str = "") -> Problem:
        """A problem at `line:col` of this page, in its language."""
        return Problem(self.path, line, col, code, message, fix, self.lang)


@dataclass
class Handbook:
    settings: Settings
    pages: dict[str, dict[str, Page]] = field(default_factory=dict[str, dict[str, Page]])  # slug -> locale -> page
    cards: list[Card] = field(default_factory=list[Card])
    cards_path: str = ""
    index_terms: list[IndexTerm] = field(default_factory=list[IndexTerm])  # the printed handbook's index
    index_path: str = ""
    # Every other file under docs/ (images, styles), docs-relative: what a page may link besides pages.
    assets: frozenset[str] = frozenset()
    input_problems: list[Problem] = field(default_factory=list[Problem])

    def page(self, slug: str, lang: str) -> Page | None:
        return self.pages.get(slug, {}).get(lang)

    def page_for_file(self, src_uri: str, lang: str) -> Page | None:
        """The page MkDocs builds from `src_uri` (`conversation.en.md`, or `conversation.md` as the i18n plugin
        may name it) in `lang`."""
        match = PAGE_NAME.match(src_uri)
        return self.page(match.group("slug") if match else src_uri.removesuffix(".md"), lang)

    def cards_problem(self, line: int, col: int, code: Code, message: str, fix: str = "", lang: str = "") -> Problem:
        """A problem at `line:col` of the card file; `lang` when it concerns one language's text."""
        return Problem(self.cards_path, line, col, code, message, fix, lang)

    def card(self, card_id: str) -> Card | None:
        return next((card for card in self.cards if card.id == card_id), None)


def split_front_matter(text: str, display_path: str) -> tuple[dict[str, object], str, int, list[Problem]]:
    """Return (meta, body, first body line, problems) for one page's text."""
    match = FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---\n"):
            return (
                {},
                text,
                1,
                [
                    Problem(
                        display_path,
                        1,
                        1,
                        Code.INPUT_FRONT_MATTER,
                        "front matter is not closed",
                        "end it with a line `---`",
                    )
                ],
            )
        return {}, text, 1, []
    body_line = match.group(0).count("\n") + 1
    front = match.group(1) or ""
    separator = YAML_LINE_BREAK.search(front)
    if separator:
        # YAML breaks a line at these, so a key around one would be lost or changed without a word.
        line = front.count("\n", 0, separator.start()) + 2
        col = separator.start() - (front.rfind("\n", 0, separator.start()) + 1) + 1
        name = f"U+{ord(separator.group(0)):04X}"
        message = f"front matter holds an invisible line break ({name}), which YAML reads as a new line"
        return (
            {},
            text[match.end() :],
            body_line,
            [Problem(display_path, line, col, Code.INPUT_FRONT_MATTER, message, "delete it")],
        )
    try:
        located = load_located(match.group(1) or "")
    except YamlError as error:
        return (
            {},
            text[match.end() :],
            body_line,
            [Problem(display_path, error.line + 1, error.col, Code.INPUT_FRONT_MATTER, str(error))],
        )
    meta = plain(located)
    if not isinstance(meta, dict):
        return (
            {},
            text[match.end() :],
            body_line,
            [Problem(display_path, 2, 1, Code.INPUT_FRONT_MATTER, "front matter must be `key: value` lines")],
        )
    # plain() of a located mapping has str keys (yaml_lines turns every key into text)
    return cast(dict[str, object], meta), text[match.end() :], body_line, []


def read_page_text(path: Path, display_path: str) -> tuple[str | None, Problem | None]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, Problem(
            display_path,
            line,
            col,
            Code.INPUT_ENCODING,
            "file is not valid UTF-8",
            "save it as UTF-8 (it looks like Latin-1 or Windows-1252)",
        )


def list_assets(docs_dir: Path) -> frozenset[str]:
    """Every file under docs/ that is neither a page nor a data file nor hidden, docs-relative."""
    found: set[str] = set()
    for path in docs_dir.rglob("*"):
        relative = path.relative_to(docs_dir).as_posix()
        hidden = any(part.startswith(".") for part in relative.split("/"))
        if path.is_file() and path.suffix != ".md" and path.name not in DATA_FILES and not hidden:
            found.add(relative)
    return frozenset(found)


def load_handbook(settings: Settings) -> Handbook:
    """Read every page, the card file and the index terms under `settings.docs_dir`."""
    handbook = Handbook(settings)
    handbook.input_problems.extend(settings.problems)  # refused `extra:` values and switches, read with the settings
    for path in sorted(settings.docs_dir.rglob("*.md")):
        display = settings.relative(path)
        relative = path.relative_to(settings.docs_dir).as_posix()
        match = PAGE_NAME.match(relative)
        if not match or match.group("lang") not in settings.locales:
            handbook.input_problems.append(
                Problem(
                    display,
                    1,
                    1,
                    Code.PAGE_NO_LANGUAGE,
                    "page name has no language suffix",
                    f"rename it to `{relative[:-3]}.{settings.default_locale}.md` and add the other languages",
                )
            )
            continue
        text, problem = read_page_text(path, display)
        if problem:
            handbook.input_problems.append(problem)
            continue
        assert text is not None  # read_page_text gives the text or the problem that stops it
        meta, body, body_line, problems = split_front_matter(text, display)
        handbook.input_problems.extend(problems)
        scan = scan_markdown(body, body_line)
        page = Page(match.group("slug"), match.group("lang"), display, meta, scan, body_line, body, not problems)
        handbook.pages.setdefault(page.slug, {})[page.lang] = page
    handbook.assets = list_assets(settings.docs_dir)
    cards_file = settings.docs_dir / CARDS_FILE
    handbook.cards_path = settings.relative(cards_file)
    handbook.cards, problems = load_cards(cards_file, handbook.cards_path, settings.locales)
    handbook.input_problems.extend(problems)
    index_file = settings.docs_dir / INDEX_FILE
    handbook.index_path = settings.relative(index_file)
    redirects = settings.section_redirects
    handbook.index_terms, problems = load_index_terms(index_file, handbook.index_path, settings.locales, redirects)
    handbook.input_problems.extend(problems)
    return handbook
