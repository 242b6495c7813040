"""A line-based reading of one Markdown page: headings with IDs, links, boxes, lists, directives, prose.

The checks need line and column numbers, which Python-Markdown does not keep. This scanner reads each page
once into a `PageScan`; every check and the print step read that result instead of parsing again. It never
raises: whatever it does not recognise is plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
HEADING_ID = re.compile(r"[ \t]*\{:?[ \t]*#([^\s}]+)[^}]*\}[ \t]*$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^()\s>]*(?:\([^()\s]*\))?[^()\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK = re.compile(r"<((?:https?|mailto|javascript):[^>\s]+)>", re.IGNORECASE)
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
ADMONITION = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+\"(.*)\")?[ \t]*$")
BOX_MARKER = re.compile(r"^([ \t]*)(?:!!!|\?\?\?)")
TASK_ITEM = re.compile(r"^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]+(.*)$")
DIRECTIVE = re.compile(r"^[ \t]*\{%[ \t]*([\w-]+)(?:[ \t]+([^%]*?))?[ \t]*%\}[ \t]*$")
LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
ORDERED_ITEM = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]+(.*)$")  # a top-level `1.` item; deeper ones are nested
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
HTML_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:\s+[^<>]*?)?)\s*/?>")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    id: str | None
    line: int
    col: int


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
    has_body: bool = True  # the next non-blank line is indented 4 spaces deeper: the box's text


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
    items: list[TaskItem] = field(default_factory=list)


@dataclass(frozen=True)
class ListItem:
    text: str  # the item's Markdown, continuation lines joined by a space
    line: int


@dataclass
class OrderedList:
    section_id: str | None
    line: int
    items: list[ListItem] = field(default_factory=list)


@dataclass(frozen=True)
class Directive:
    name: str
    argument: str
    line: int
    col: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True)
class HtmlTag:
    name: str
    attributes: str
    line: int
    col: int


@dataclass
class PageScan:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    stray_box_lines: list[StrayBoxLine] = field(default_factory=list)
    tasklists: list[TaskList] = field(default_factory=list)
    ordered_lists: list[OrderedList] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    html_tags: list[HtmlTag] = field(default_factory=list)
    text_lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def section_ids(self) -> list[str]:
        return [h.id for h in self.headings if h.id]

    @property
    def title(self) -> str | None:
        return next((h.title for h in self.headings if h.level == 1), None)

    def ordered_list(self, section_id: str) -> OrderedList | None:
        """The first numbered list under the heading with this ID, before the next heading with an ID."""
        return next((found for found in self.ordered_lists if found.section_id == section_id), None)


def without_links(text: str) -> str:
    """Inline Markdown with each link replaced by its text, for print where a link leads nowhere."""
    return MARKDOWN_LINK.sub(r"\1", text)


def _without_inline_code(line: str) -> str:
    # Keep the columns: replace code spans by spaces so links inside code are not links.
    return INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _has_body(lines: list[str], index: int) -> bool:
    """Whether the box on `lines[index]` gets text: its next non-blank line is indented 4 more."""
    following = next((line for line in lines[index + 1 :] if line.strip()), None)
    return following is not None and _indent(following) >= _indent(lines[index]) + 4


def scan_markdown(text: str, first_line: int = 1) -> PageScan:
    """Read a Markdown body; `first_line` is the file line of its first line (after front matter)."""
    scan = PageScan()
    fence: str | None = None
    paragraph: list[str] = []
    paragraph_line = 0
    current_section: str | None = None
    open_list: TaskList | None = None
    numbered: OrderedList | None = None  # the numbered list being read; it survives blank lines between items

    def end_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            scan.paragraphs.append(Paragraph(" ".join(paragraph), paragraph_line))
        paragraph = []

    lines = text.splitlines()
    for offset, raw in enumerate(lines):
        lineno = first_line + offset
        fence_match = FENCE.match(raw)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            end_paragraph()
            fence = fence_match.group(1)
            continue

        line = _without_inline_code(raw)
        scan.text_lines.append((lineno, raw))
        for match in LINK.finditer(line):
            scan.links.append(Link(match.group(3), match.group(2), lineno, match.start() + 1, match.group(1) == "!"))
        for match in AUTOLINK.finditer(line):
            scan.links.append(Link(match.group(1), match.group(1), lineno, match.start() + 1))
        for match in HTML_TAG.finditer(line):
            if not match.group(1):
                scan.html_tags.append(HtmlTag(match.group(2).lower(), match.group(3), lineno, match.start() + 1))

        stripped = line.strip()
        heading = HEADING.match(line)
        if heading:
            end_paragraph()
            open_list = numbered = None
            title = heading.group(2).rstrip("#").rstrip()
            id_match = HEADING_ID.search(title)
            heading_id = id_match.group(1) if id_match else None
            if id_match:
                title = title[: id_match.start()].rstrip()
            scan.headings.append(Heading(len(heading.group(1)), title, heading_id, lineno, 1))
            current_section = heading_id or current_section
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            end_paragraph()
            col = len(admonition.group(1)) + 1
            scan.admonitions.append(Admonition(admonition.group(2), admonition.group(3), lineno, col, _has_body(lines, offset)))
            numbered = None
            continue
        stray = BOX_MARKER.match(line)
        if stray:
            scan.stray_box_lines.append(StrayBoxLine(stripped, lineno, len(stray.group(1)) + 1))
        directive = DIRECTIVE.match(line)
        if directive:
            end_paragraph()
            scan.directives.append(
                Directive(directive.group(1), (directive.group(2) or "").strip(), lineno, line.index("{%") + 1)
            )
            numbered = None
            continue
        task = TASK_ITEM.match(line)
        if task:
            end_paragraph()
            if open_list is None:
                open_list = TaskList(current_section, lineno)
                scan.tasklists.append(open_list)
            open_list.items.append(TaskItem(task.group(2).strip(), lineno))
            numbered = None
            continue
        if not stripped:
            end_paragraph()
            continue
        open_list = None
        numbered = _read_numbered(raw, lineno, numbered, current_section, scan)
        if LIST_MARKER.match(line):
            end_paragraph()
        if not paragraph:
            paragraph_line = lineno
        paragraph.append(LIST_MARKER.sub("", stripped, count=1))
    end_paragraph()
    return scan


def _read_numbered(raw: str, lineno: int, numbered: OrderedList | None, section: str | None, scan: PageScan):
    """Add a line to the numbered list being read, or start or end one; returns the list still open."""
    item = ORDERED_ITEM.match(raw)
    if item:
        if numbered is None:
            numbered = OrderedList(section, lineno)
            scan.ordered_lists.append(numbered)
        numbered.items.append(ListItem(item.group(1).strip(), lineno))
        return numbered
    if numbered is None or not raw[:1].isspace():
        return None  # a paragraph after the list ends it
    if not LIST_MARKER.match(raw):  # an item's continuation line; nested lists stay out of the item's text
        last = numbered.items[-1]
        numbered.items[-1] = ListItem(f"{last.text} {raw.strip()}", last.line)
    return numbered
