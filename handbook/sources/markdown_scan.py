"""One reading of one Markdown page, by a real parser: headings with IDs, links, boxes, lists, directives, prose.

The checks need line and column numbers, which Python-Markdown (the renderer) does not keep. markdown-it-py
does: every block token carries the lines it came from, and it knows what a hand-written scanner gets wrong
(HTML comments, indented and fenced code, setext headings, line separators such as U+2028 that are ordinary
characters to Markdown). Each page is parsed once into a `PageScan`; every check, the directives, the
translation units and lock and the print step read that result. It never raises: what it does not recognise
is plain text. A test holds this reading against Python-Markdown's on every page of the handbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

# An ID in an attribute list runs, as in Python-Markdown's (which reads tabs as spaces), up to a space, tab, '=' or
# '}': any other stray character (a NEL) stays part of the ID the page gets, and the checks read that same ID.
HEADING_ID = re.compile(r"[ \t]*\{:?[ \t]*#([^ \t=}]+)[^}]*\}[ \t]*$")
# A paragraph's attribute list on its last line (`{ #id .class }`) and the IDs in it; `#a=b` is an attribute, not an ID
ATTRIBUTE_LINE = re.compile(r"^[ \t]*\{:?([^{}]*)\}[ \t]*$")
ATTRIBUTE_ID = re.compile(r"(?:^|[ \t])#([^ \t=}]+)(?=[ \t]|$)")
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^()\s>]*(?:\([^()\s]*\))?[^()\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
AUTOLINK = re.compile(r"<((?:https?|mailto|javascript):[^>\s]+)>", re.IGNORECASE)
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
ADMONITION_INFO = re.compile(r"^[ \t]*([\w-]+)(?:[ \t]+\"(.*)\")?[ \t]*$")
BOX_MARKER = re.compile(r"^([ \t]*)(?:!!!|\?\?\?)")
DIRECTIVE = re.compile(r"^[ \t]*\{%[ \t]*([\w-]+)(?:[ \t]+([^%]*?))?[ \t]*%\}[ \t]*$")
DIRECTIVE_TEXT = re.compile(r"\{%.*?%\}")
EMPTY_TASK = re.compile(r"^\[[ xX]\]\s*$")  # `- [ ]` with nothing after it: a checklist item left empty
LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
HTML_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:\s+[^<>]*?)?)\s*/?>")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    id: str | None
    line: int
    col: int
    end_line: int = 0  # the heading's last line (a setext heading's underline): what follows it starts after


@dataclass(frozen=True)
class Link:
    target: str
    text: str
    line: int
    col: int
    is_image: bool = False


@dataclass(frozen=True)
class Admonition:
    kind: str
    title: str | None
    line: int
    col: int
    has_body: bool = True  # the box has text of its own, indented under its first line


@dataclass(frozen=True)
class StrayBoxLine:
    """A line that starts like a box (`!!!`, `???`) but is not one; Markdown prints it as text."""

    text: str
    line: int
    col: int


@dataclass(frozen=True)
class TaskItem:
    text: str
    line: int


@dataclass
class TaskList:
    section_id: str | None
    line: int
    items: list[TaskItem] = field(default_factory=list[TaskItem])


@dataclass(frozen=True)
class ListItem:
    text: str  # the item's Markdown, continuation lines joined by a space
    line: int


@dataclass
class OrderedList:
    section_id: str | None
    line: int
    items: list[ListItem] = field(default_factory=list[ListItem])


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    line: int
    col: int
    indent: str = ""  # what precedes it on its line (inside a box): its replacement keeps the box together


@dataclass(frozen=True)
class StrayDirective:
    """`{% ... %}` that is not a paragraph of its own: Markdown would show it as text."""

    text: str
    line: int
    col: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int
    section_id: str | None = None
    kind: str = "paragraph"  # "paragraph" or "list item"
    in_box: bool = False  # inside a tip, key point or caution box: compared box by box, not here


@dataclass(frozen=True)
class TableCell:
    text: str
    line: int
    col: int
    section_id: str | None = None


@dataclass(frozen=True)
class HtmlTag:
    name: str
    attributes: str
    line: int
    col: int


@dataclass
class PageScan:
    headings: list[Heading] = field(default_factory=list[Heading])
    links: list[Link] = field(default_factory=list[Link])
    admonitions: list[Admonition] = field(default_factory=list[Admonition])
    stray_box_lines: list[StrayBoxLine] = field(default_factory=list[StrayBoxLine])
    tasklists: list[TaskList] = field(default_factory=list[TaskList])
    ordered_lists: list[OrderedList] = field(default_factory=list[OrderedList])
    directives: list[Directive] = field(default_factory=list[Directive])
    stray_directives: list[StrayDirective] = field(default_factory=list[StrayDirective])
    paragraphs: list[Paragraph] = field(default_factory=list[Paragraph])
    table_cells: list[TableCell] = field(default_factory=list[TableCell])
    html_tags: list[HtmlTag] = field(default_factory=list[HtmlTag])
    open_comments: list[tuple[int, int]] = field(default_factory=list[tuple[int, int]])  # (line, col) of a `<!--` never closed
    # Every line a reader can see text of (not code, not an HTML comment), comments blanked out, by file line.
    text_lines: list[tuple[int, str]] = field(default_factory=list[tuple[int, str]])
    # IDs given to paragraphs (`{ #id }` under them): places a link on the same site may lead to, not sections
    # (no wiki links, no translation units), like the groups of quick help's list of situations.
    paragraph_ids: list[str] = field(default_factory=list[str])

    @property
    def section_ids(self) -> list[str]:
        return [h.id for h in self.headings if h.id]

    @property
    def link_targets(self) -> list[str]:
        """Every ID on the page a link may name after `#`: its sections, then its paragraphs' IDs."""
        return self.section_ids + self.paragraph_ids

    @property
    def title(self) -> str | None:
        return next((h.title for h in self.headings if h.level == 1), None)

    def ordered_list(self, section_id: str) -> OrderedList | None:
        """The first numbered list under the heading with this ID, before the next heading with an ID."""
        return next((found for found in self.ordered_lists if found.section_id == section_id), None)


def without_links(text: str) -> str:
    """Inline Markdown with each link replaced by its text, for print where a link leads nowhere."""
    return MARKDOWN_LINK.sub(r"\1", text)


@cache
def _parser() -> MarkdownIt:
    # CommonMark with the block syntax the handbook's mkdocs.yml enables: tables, admonitions (`!!!`, `???`)
    # and task lists. Attribute lists on headings are read from the heading text below.
    return MarkdownIt("commonmark").enable("table").use(admon_plugin).use(tasklists_plugin)


def _blank(match: re.Match[str]) -> str:
    # Keep the lines and columns: newlines stay, everything else becomes a space.
    return re.sub(r"[^\n]", " ", match.group(0))


class _Reader:
    """Walks the token stream of one page once and fills a `PageScan`."""

    def __init__(self, text: str, first_line: int):
        self.lines = text.split("\n")  # Markdown breaks lines at \n only; U+2028 and friends are text
        self.first = first_line
        self.scan = PageScan()
        self.section: str | None = None
        self.content_lines: set[int] = set()  # 0-based lines of inline content (paragraphs, headings, cells)
        self.hidden: set[int] = set()  # 0-based lines of code and HTML comments
        self.code: set[int] = set()  # 0-based lines of fenced and indented code
        self.boxes_open = 0

    def line(self, index: int) -> int:
        return self.first + index

    def read(self) -> PageScan:
        tokens = _parser().parse("\n".join(self.lines))
        self._walk(tokens)
        self._text_lines("\n".join(self.lines))
        self._links_and_tags()
        return self.scan

    def _walk(self, tokens: list[Token]) -> None:
        lists: list[str] = []  # the kinds of the lists we are inside, outermost first
        tasks: TaskList | None = None
        for index, token in enumerate(tokens):
            kind = token.type
            if kind in ("fence", "code_block") and token.map:
                self.hidden.update(range(token.map[0], token.map[1]))
                self.code.update(range(token.map[0], token.map[1]))
            elif kind == "html_block" and token.map:
                self._html_block(token)
            elif kind == "heading_open":
                self._heading(token, tokens[index + 1])
                tasks = None
            elif kind == "admonition_open":
                self._admonition(token, tokens, index)
                self.boxes_open += 1
            elif kind == "admonition_close":
                self.boxes_open -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if kind == "ordered_list_open" and not lists and token.map:
                    self.scan.ordered_lists.append(OrderedList(self.section, self.line(token.map[0])))
                lists.append(kind)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
                if not lists:
                    tasks = None
            elif kind == "list_item_open" and token.map:
                if _is_task(token) or EMPTY_TASK.match(self._inline_after(tokens, index)):
                    text = EMPTY_TASK.sub("", self._inline_after(tokens, index))
                    if tasks is None:
                        tasks = TaskList(self.section, self.line(token.map[0]))
                        self.scan.tasklists.append(tasks)
                    tasks.items.append(TaskItem(text.strip(), self.line(token.map[0])))
                elif len(lists) == 1 and lists[0] == "ordered_list_open" and self.scan.ordered_lists:
                    text = self._inline_after(tokens, index)
                    self.scan.ordered_lists[-1].items.append(ListItem(text, self.line(token.map[0])))
            elif kind == "paragraph_open" and token.map:
                self._paragraph(token, tokens[index + 1], lists, tokens, index)
            elif kind == "inline" and token.map and tokens[index - 1].type in ("th_open", "td_open"):
                self._cell(token)

    def _inline_after(self, tokens: list[Token], index: int) -> str:
        """The first inline text inside the list item opened at `index`, its lines joined by a space."""
        depth = 0
        for token in tokens[index + 1 :]:
            if token.type == "list_item_close" and depth == 0:
                return ""
            if token.type == "inline":
                return " ".join(part.strip() for part in token.content.split("\n")).strip()
            depth += token.nesting if token.type != "list_item_open" else 0
        return ""

    def _html_block(self, token: Token) -> None:
        start, end = _lines(token)
        text = "\n".join(self.lines[start:end])
        if COMMENT.sub("", text).strip() == "":
            self.hidden.update(range(start, end))

    def _heading(self, token: Token, inline: Token) -> None:
        start, end = _lines(token)
        self.content_lines.update(range(start, end))
        title = inline.content.strip().rstrip("#").rstrip() if token.markup.startswith("#") else inline.content.strip()
        found = HEADING_ID.search(title)
        heading_id = found.group(1) if found else None
        if found:
            title = title[: found.start()].rstrip()
        raw = self.lines[start]
        col = len(raw) - len(raw.lstrip()) + 1
        self.scan.headings.append(Heading(int(token.tag[1]), title, heading_id, self.line(start), col, self.line(end - 1)))
        self.section = heading_id or self.section

    def _admonition(self, token: Token, tokens: list[Token], index: int) -> None:
        start = _lines(token)[0]
        raw = self.lines[start]
        col = len(raw) - len(raw.lstrip()) + 1
        found = ADMONITION_INFO.match(token.info)
        if not found:  # `!!! tip Tip`, a note after the title: Python-Markdown makes no box of the kind meant
            self.scan.stray_box_lines.append(StrayBoxLine(raw.strip(), self.line(start), col))
            return
        depth, body = 0, False
        for previous, inner in zip(tokens[index:], tokens[index + 1 :], strict=False):
            if inner.type == "admonition_close" and depth == 0:
                break
            if inner.type.startswith("admonition_title") or previous.type == "admonition_title_open":
                continue  # the title line is not the box's text
            depth += inner.nesting
            body = True
        self.scan.admonitions.append(Admonition(found.group(1), found.group(2), self.line(start), col, body))

    def _paragraph(self, token: Token, inline: Token, lists: list[str], tokens: list[Token], index: int) -> None:
        start, end = _lines(token)
        self.content_lines.update(range(start, end))
        content = inline.content
        directive = DIRECTIVE.match(content) if "\n" not in content.strip() else None
        if directive:
            # Its line, not the paragraph's first: a line of only a form feed is blank to Markdown yet opens it.
            at = next((number for number in range(start, end) if "{%" in self.lines[number]), start)
            raw = self.lines[at]
            col = raw.find("{%") + 1
            self.scan.directives.append(
                Directive(directive.group(1), (directive.group(2) or "").strip(), self.line(at), col, raw[: col - 1])
            )
            return
        for offset in range(start, end):
            for match in DIRECTIVE_TEXT.finditer(INLINE_CODE.sub(_blank, self.lines[offset])):
                self.scan.stray_directives.append(StrayDirective(match.group(0), self.line(offset), match.start() + 1))
        stray = BOX_MARKER.match(self.lines[start])
        if stray:
            self.scan.stray_box_lines.append(StrayBoxLine(self.lines[start].strip(), self.line(start), len(stray.group(1)) + 1))
        parent = tokens[index - 1] if index else None
        in_item = parent is not None and parent.type == "list_item_open"
        if parent is not None and in_item and (_is_task(parent) or EMPTY_TASK.match(content)):
            return  # a checklist item: its own unit
        attributes = ATTRIBUTE_LINE.match(content.rstrip().rsplit("\n", 1)[-1])
        if attributes:
            self.scan.paragraph_ids += ATTRIBUTE_ID.findall(attributes.group(1))
        text = " ".join(part.strip() for part in content.split("\n")).strip()
        kind = "list item" if in_item else "paragraph"
        self.scan.paragraphs.append(Paragraph(text, self.line(start), self.section, kind, self.boxes_open > 0))

    def _cell(self, inline: Token) -> None:
        row = _lines(inline)[0]
        self.content_lines.add(row)
        text = inline.content.strip()
        if not text:
            return
        raw = self.lines[row]
        taken = {cell.col for cell in self.scan.table_cells if cell.line == self.line(row)}
        at = next((found for found in all_indexes(raw, text) if found + 1 not in taken), raw.find(text))
        self.scan.table_cells.append(TableCell(text, self.line(row), at + 1, self.section))

    def _text_lines(self, text: str) -> None:
        for comment in COMMENT.finditer(INLINE_CODE.sub(_blank, text)):  # `<!--` in a code span is no comment
            index = text.count("\n", 0, comment.start())
            if not comment.group(0).endswith("-->") and index not in self.code:
                col = comment.start() - (text.rfind("\n", 0, comment.start()) + 1) + 1
                self.scan.open_comments.append((self.line(index), col))
        visible = COMMENT.sub(_blank, text).split("\n")
        for index, line in enumerate(visible):
            if index in self.hidden or not line.strip():
                continue
            self.scan.text_lines.append((self.line(index), line))

    def _links_and_tags(self) -> None:
        # A link's text may wrap onto the next lines of its paragraph, so links are found in the visible text as a
        # whole (code and comments blanked, line for line), not line by line; a link never crosses a blank line.
        visible = dict(self.scan.text_lines)
        plain_text = "\n".join(INLINE_CODE.sub(_blank, visible.get(self.line(index), "")) for index in range(len(self.lines)))
        for match in LINK.finditer(plain_text):
            index = plain_text.count("\n", 0, match.start())
            if index in self.content_lines and not BLANK_LINE.search(match.group(0)):
                col = match.start() - plain_text.rfind("\n", 0, match.start())
                text = " ".join(match.group(2).split())
                self.scan.links.append(Link(match.group(3), text, self.line(index), col, match.group(1) == "!"))
        for number, line in self.scan.text_lines:
            index = number - self.first
            plain = INLINE_CODE.sub(_blank, line)
            if index in self.content_lines:
                for match in AUTOLINK.finditer(plain):
                    self.scan.links.append(Link(match.group(1), match.group(1), number, match.start() + 1))
            for match in HTML_TAG.finditer(plain):
                if not match.group(1):
                    self.scan.html_tags.append(HtmlTag(match.group(2).lower(), match.group(3), number, match.start() + 1))


def _lines(token: Token) -> tuple[int, int]:
    """The 0-based lines `[start, end)` a block token came from; markdown-it gives every block token its `map`."""
    if token.map is None:
        raise ValueError(f"markdown-it gave a {token.type} token no lines")
    return token.map[0], token.map[1]


def _is_task(item: Token) -> bool:
    return "task-list-item" in str(item.attrs.get("class", ""))


def all_indexes(text: str, needle: str) -> list[int]:
    """Every place `needle` starts in `text`: a text seen twice on a line is placed at each of its columns."""
    indexes: list[int] = []
    start = text.find(needle)
    while start != -1:
        indexes.append(start)
        start = text.find(needle, start + 1)
    return indexes


@lru_cache(maxsize=1024)
def scan_markdown(text: str, first_line: int = 1) -> PageScan:
    """Read a Markdown body; `first_line` is the file line of its first line (after front matter).

    The same text at the same line gives the same reading, kept in the process: `make serve` validates the whole
    handbook after each save, and reads again only the page that changed. Callers only read a `PageScan`."""
    return _Reader(text, first_line).read()
