"""Links, images and literal Markdown in the HTML each page actually renders to, mapped back to source lines.

The line scanner (`markdown_scan`) sees the link forms it knows; whatever it misses (reference-style links,
raw HTML `<a>`, `<img srcset>`, `<area>`, links a directive or the front matter produced) reaches the reader
all the same. This check reads the built content of every page with an HTML parser, resolves each URL a
reader can click or see against the built site, and reports what did not apply (a reference without a
definition, an attribute list shown as text) at the source line it came from. Problems the source checks
already report at the same place are left to them: they give the better suggestions.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.addresses import page_address, slug_of_path
from handbook.sources.markdown_scan import all_indexes
from handbook.sources.model import Handbook, Page

if TYPE_CHECKING:
    from handbook.printing.document import RenderedPage

URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
}
GENERATED = {"links.json"}  # written by the build after the pages (see handbook.website.site_output)
NO_TEXT = {"code", "pre", "kbd", "samp", "script", "style"}
# Elements inside a line of text: the text around them is one run for the literal checks, so a list item that
# starts with bold or a link (`- **Stop** now` after a line of text) is seen as the text Python-Markdown shows.
INLINE = {
    "a",
    "abbr",
    "b",
    "br",
    "cite",
    "code",
    "em",
    "i",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "u",
}
# The first words of a literal list item, without its marker: what the source has even where it adds markup.
FIRST_WORDS = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(\w[\w ]{3,15})")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:")
# `[text][name]`, `[name][]` or `[name]`: a use of the definition `[name]: target` (names ignore case).
REFERENCE_USE = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\](?:\[([^\[\]]*)\])?")
# Markdown that did not apply and reaches the reader as text: (pattern, code, message, fix).
LITERALS = (
    (
        re.compile(r"\[[^\[\]\n]+\]\[[^\[\]\n]*\]"),
        Code.LINK_REFERENCE,
        "reference link '{text}' has no definition: it shows as text",
        "add a line `[name]: page.md` below the paragraph, or write `[text](page.md)`",
    ),
    (
        re.compile(r"\[[^\[\]\n]+\][ \t]+\([^()\s]*\)"),
        Code.MARKDOWN_LITERAL,
        "'{text}' is not a link: the space between `]` and `(` shows it as text",
        "remove the space",
    ),
    (
        re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}|\{:[^{}\n]*\}"),
        Code.MARKDOWN_LITERAL,
        "attribute list '{text}' did not apply: it shows as text",
        "put `{#id}` last on the heading line, and `{: .class}` right after the element it styles",
    ),
    # Python-Markdown, unlike CommonMark, starts no list or table inside a paragraph: with no blank line
    # before it, it is shown as text. Only what follows a line break inside the text counts (group 1).
    (
        re.compile(r"(?<=\n)[ \t]*((?:[-*+]|\d{1,3}[.)])[ \t]+\S[^\n]{0,40})"),
        Code.MARKDOWN_LITERAL,
        "list item '{text}' shows as text: the list follows a line of text with no blank line between",
        "put a blank line before the list (and indent a nested list by 4 spaces)",
    ),
    (
        re.compile(r"(?<=\n)[ \t]*(\|?[ \t]*:?-{3,}:?[ \t]*\|[^\n]*)"),
        Code.MARKDOWN_LITERAL,
        "table rule '{text}' shows as text: the table follows a line of text with no blank line between",
        "put a blank line before the table",
    ),
)


@dataclass
class PageOutput:
    """What one page's rendered content offers and asks for: its IDs, the URLs in it and its literal text."""

    ids: set[str] = field(default_factory=set[str])
    urls: list[str] = field(default_factory=list[str])
    other_language_urls: set[str] = field(default_factory=set[str])  # links marked with `lang`: into it on purpose
    texts: list[str] = field(default_factory=list[str])


class _Reader(HTMLParser):
    def __init__(self, output: PageOutput):
        super().__init__(convert_charrefs=True)
        self.output = output
        self.skip = 0  # depth inside code, pre and other elements whose text is meant literally
        self.run: list[str] = []  # the text of the current run, across inline elements

    def end_run(self) -> None:
        text = "".join(self.run)
        if text.strip():
            self.output.texts.append(text)
        self.run = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.end_run()
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if found := values.get(name):
                self.output.ids.add(found)
        if tag == "a" and values.get("lang") and (href := values.get("href")):
            self.output.other_language_urls.add(href.strip())
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            value = (values.get(attribute) or "").strip()
            if attribute.endswith("srcset"):
                self.output.urls.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif value or (attribute == "href" and attribute in values):
                self.output.urls.append(value)
        if tag in NO_TEXT:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in NO_TEXT and self.skip:
            self.skip -= 1
        if tag not in INLINE:
            self.end_run()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.run.append(data)

    def close(self) -> None:
        super().close()
        self.end_run()


@lru_cache(maxsize=512)
def read_output(html: str) -> PageOutput:
    """One built page read (kept in the process: `make serve` checks every page after each save, most unchanged;
    callers only read the result)."""
    output = PageOutput()
    reader = _Reader(output)
    reader.feed(html)
    reader.close()
    return output


@dataclass
class _Source:
    """The lines of one source file, to find where a rendered URL or text was written."""

    page: Page
    lines: list[tuple[int, str]]
    used: set[tuple[int, int]] = field(default_factory=set[tuple[int, int]])

    @property
    def fallback(self) -> tuple[int, int]:
        """Where text not written in the page itself is reported: at the directive that wrote it (the first
        one, when the page has several), else at the start of the body."""
        directives = self.page.scan.directives
        return (directives[0].line, directives[0].col) if directives else (self.page.body_line, 1)

    def locate(self, *needles: str) -> tuple[int, int]:
        for needle in needles:
            if not needle:
                continue
            found = [(line, col + 1) for line, text in self.lines for col in all_indexes(text, needle)]
            fresh = [place for place in found if place not in self.used]
            if fresh or found:
                place = (fresh or found)[0]
                self.used.add(place)
                return place
        return self.fallback


def _label(name: str) -> str:
    return " ".join(name.split()).casefold()


def _reference_uses(source: _Source, label: str) -> list[tuple[int, int]]:
    """Where the page uses the reference `label`: `[text][label]`, `[label][]`, `[label]`."""
    places: list[tuple[int, int]] = []
    for line, text in source.lines:
        if REFERENCE_DEFINITION.match(text):
            continue
        for match in REFERENCE_USE.finditer(text):
            name = match.group(2) or match.group(1)
            shortcut = match.group(2) is None and text[match.end() : match.end() + 1] in ("(", ":")
            if not shortcut and _label(name) == label:
                places.append((line, match.start() + 1))
    return places


def _source_lines(page: Page, root: Path) -> list[tuple[int, str]]:
    """Front matter lines (sources, titles) and the page's scanned lines: fenced code is never a link."""
    try:
        text = (root / page.path).read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        text: list[str] = []
    front = [(number, line) for number, line in enumerate(text[: page.body_line - 1], 1)]
    return front + list(page.scan.text_lines)


def _scan_place(page: Page, url: str, source: _Source) -> tuple[int, int] | None:
    """Where the line scanner saw this link: its own position, so problems at one spot are reported once."""
    fragment = urlsplit(url).fragment
    for link in page.scan.links:
        place = (link.line, link.col)
        if place in source.used:
            continue
        if link.target == url or (fragment and urlsplit(link.target).fragment == fragment):
            source.used.add(place)
            return place
    return None


@dataclass(frozen=True)
class BuiltSite:
    """One language's build: the URL of every file it publishes and the IDs each of its pages defines."""

    lang: str
    urls: frozenset[str]
    ids: dict[str, set[str]]  # page URL -> IDs in its content
    paths: dict[str, str]  # page URL -> its source file, for messages
    other_pages: dict[str, str]  # URL of a page in another language -> that language
    slugs: frozenset[str] = frozenset()  # every page's name, to suggest a Markdown link instead of an address
    web_only: frozenset[str] = frozenset()  # URLs of pages the handbook PDF leaves out (`print: false`)

    def exists(self, path: str) -> bool:
        return path in self.urls or path in GENERATED or path.startswith("downloads/")  # PDFs come after the site


def check_page(handbook: Handbook, page: Page, url: str, output: PageOutput, site: BuiltSite) -> list[Problem]:
    """Every URL and literal text of one rendered page; `url` is the page's URL relative to the site root."""
    source = _Source(page, _source_lines(page, handbook.settings.root))
    site_url = handbook.settings.site_url.rstrip("/")
    problems: list[Problem] = []
    for target in output.urls:
        problem = _check_url(page, url, target, site, source, site_url)
        if problem and not (problem.code == Code.LINK_LANG and target in output.other_language_urls):
            problems.append(problem)
    for text in output.texts:
        for pattern, code, message, fix in LITERALS:
            # A list or table shown as text is one fault however many rows follow: its first row is reported.
            matches = list(pattern.finditer(text))[:1] if pattern.groups else pattern.finditer(text)
            for match in matches:
                shown = match.group(1) if pattern.groups else match.group(0)
                # The source may have markup where the page has none (`- **Stop**` shows as `- Stop`).
                words = FIRST_WORDS.match(shown)
                line, col = source.locate(shown, shown[:12], words.group(1).rstrip() if words else "")
                problems.append(page.problem(line, col, code, message.format(text=shown), fix))
    return problems


def _check_url(page: Page, page_url: str, target: str, site: BuiltSite, source: _Source, site_url: str) -> Problem | None:
    written = target
    if site_url and target.startswith(site_url + "/"):
        target = "/" + target[len(site_url) + 1 :]
    elif EXTERNAL.match(target) or target.startswith("//"):
        return None
    parts = urlsplit(target)
    path = unquote(posixpath.normpath(urljoin("/" + page_url, parts.path)).lstrip("/")) if parts.path else page_url
    path = "" if path == "." else path
    if parts.path.endswith("/") and path:
        path += "/"
    if not parts.path and not parts.fragment:
        return _problem(page, source, written, Code.LINK_FILE, "empty link", "write the page or file it should lead to")
    if path.endswith(".md") or ".md/" in path:
        name = posixpath.basename(parts.path)
        return _problem(page, source, written, Code.LINK_PAGE, f"link to missing page '{name}'", "check the page name")
    if path in site.other_pages:
        return _problem(
            page, source, written, Code.LINK_LANG, f"link '{written}' leads into another language", "link `page.md` instead"
        )
    if not site.exists(path):
        if posixpath.splitext(path.rstrip("/"))[1] in ("", ".html"):  # a page's address, as raw HTML writes it
            return _problem(page, source, written, Code.LINK_PAGE, f"link to missing page '{written}'", _page_fix(path, site))
        fix = "write the path from this page's URL"
        return _problem(page, source, written, Code.LINK_FILE, f"link to missing file '{written}'", fix)
    if parts.fragment and path in site.ids and parts.fragment not in site.ids[path]:
        where = "this page" if path == page_url else site.paths.get(path, f"'/{path}'")
        close = difflib.get_close_matches(parts.fragment, sorted(site.ids[path]), n=1, cutoff=0.6)
        return _problem(
            page,
            source,
            written,
            Code.LINK_ANCHOR,
            f"'#{parts.fragment}' is not a section of {where}",
            f"did you mean `#{close[0]}`?" if close else "see the `{#...}` IDs of its headings",
            f"#{parts.fragment}",
        )
    if path in site.web_only and path != page_url and page.meta.get("print", True) is not False and page.meta_readable:
        # The same words as the source check of Markdown links: this is the link written in raw HTML.
        message = f"link to {site.paths.get(path, path)}, a web-only page (`print: false`) that the handbook PDF leaves out"
        fix = "link its address on the website (an absolute URL), or print that page"
        return _problem(page, source, written, Code.PRINT_LINK, message, fix)
    return None


def _page_fix(path: str, site: BuiltSite) -> str:
    """A Markdown link to write instead of the address: it keeps the reader's language and is checked where it is
    written, with the page that was probably meant."""
    _lang, slug = slug_of_path(path.removesuffix(".html"), [site.lang, *set(site.other_pages.values())])
    slug = slug.rsplit("/", 1)[-1]  # pages are never in folders: `gone/` written on /en/talk/ means the page `gone`
    close = difflib.get_close_matches(slug, sorted(site.slugs), n=1, cutoff=0.6)
    if close:
        return f"did you mean the page `{close[0]}`? Link it in Markdown: `[title]({close[0]}.md)`"
    return f"write it as a Markdown link, `[title]({slug}.md)`, and create the page: `make new-page SLUG={slug} …`"


def _problem(page: Page, source: _Source, written: str, code: Code, message: str, fix: str, fallback: str = "") -> Problem:
    if any(written in text for _, text in source.lines):  # as written: raw HTML, references, unresolved links
        line, col = source.locate(written)
        # Inside a link the line scanner saw, the link's own start, where the source checks report it.
        col = max((link.col for link in page.scan.links if link.line == line and link.col <= col), default=col)
    else:  # rewritten by MkDocs (`page.md#id` became `../page/#id`): the scanner's link with that #id
        line, col = _scan_place(page, written, source) or source.locate(fallback, fallback.lstrip("#"))
    definition = REFERENCE_DEFINITION.match(dict(source.lines).get(line, ""))
    if definition:  # the reader sees the link where the page uses the definition: report it there, naming both
        uses = _reference_uses(source, _label(definition.group(1)))
        use = next((place for place in uses if place not in source.used), uses[0] if uses else None)
        if use:
            source.used.add(use)
            line, col, message = *use, f"{message}, defined at {page.path}:{line}"
    return page.problem(line, col, code, message, fix)


def page_urls(handbook: Handbook) -> dict[str, tuple[str, str]]:
    """Every page's URL relative to the site root (`en/talk/`, `` for the home page) -> (language, slug)."""
    urls: dict[str, tuple[str, str]] = {}
    for slug, langs in handbook.pages.items():
        for lang in langs:
            urls[page_address(handbook.settings.language(lang).folder, slug)] = (lang, slug)
    return urls


def check_rendered(
    handbook: Handbook, lang: str, rendered: Mapping[str, RenderedPage], file_urls: Iterable[str], known: list[Problem]
) -> list[Problem]:
    """Problems of one language's rendered pages (`rendered`: slug -> page with `url` and `html`), whose build
    publishes `file_urls`, leaving out those the source checks (`known`) already report at the same place."""
    outputs = {slug: read_output(built.html) for slug, built in rendered.items()}
    urls = frozenset(url.removeprefix("./") for url in file_urls)
    others = {url: other for url, (other, _) in page_urls(handbook).items() if other != lang}
    ids = {rendered[slug].url: output.ids for slug, output in outputs.items()}
    paths = {built.url: built.source_path for built in rendered.values()}
    # Every rendered page is one of the model's.
    web_only = frozenset(built.url for slug, built in rendered.items() if handbook.pages[slug][lang].meta.get("print") is False)
    site = BuiltSite(lang, urls, ids, paths, others, frozenset(handbook.pages), web_only)
    # A count that differs between languages (SECTION-PARITY) says nothing of how this line renders.
    located = [p for p in known if p.code != Code.SECTION_PARITY]
    places = {(p.path, p.line, p.col) for p in located} | {(p.path, p.line) for p in located}
    # Text the directives write comes from the phrase cards: a fault the card checks report is not reported
    # again at every page that shows the card.
    cards_at_fault = any(p.path == handbook.cards_path for p in known)
    problems: list[Problem] = []
    for slug, output in outputs.items():
        page = handbook.page(slug, lang)
        if page is None:
            continue
        generated = {(page.path, d.line, d.col) for d in page.scan.directives}
        for problem in check_page(handbook, page, rendered[slug].url, output, site):
            at_link = (problem.path, problem.line, problem.col)
            at_line = (problem.path, problem.line) if problem.code == Code.MARKDOWN_LITERAL else None
            if at_link not in places and at_line not in places and not (cards_at_fault and at_link in generated):
                problems.append(problem)
    return problems
