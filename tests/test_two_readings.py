"""The parse the checks read (markdown-it-py) against the page the reader gets (Python-Markdown), held together.

Every check, directive and lock reads `handbook.sources.markdown_scan`; the website and the PDFs are rendered by
Python-Markdown with mkdocs.yml's extensions. If the two ever disagree about a page's headings and IDs, links,
images, boxes, checklist items or directives, a check would judge a page no reader sees. This holds them
against each other on every page of the real handbook and on a corpus of the edge cases authors and pasted
text bring: attribute lists, comments, fenced and indented code, raw HTML, U+2028 and other separators,
a byte-order mark, Windows line ends, tabs and setext headings.
"""

from __future__ import annotations

import collections
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from handbook.sources.markdown_scan import DIRECTIVE, scan_markdown
from handbook.sources.model import read_page_text, split_front_matter

ROOT = Path(__file__).resolve().parent.parent


def _site_extensions() -> tuple[list, dict]:
    """mkdocs.yml's Markdown extensions and their settings, as MkDocs hands them to Python-Markdown."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


EXTENSIONS, EXTENSION_SETTINGS = _site_extensions()


class _Rendered(HTMLParser):
    """What a reader gets of one page: headings with IDs, link targets, image sources, boxes, checkboxes and
    paragraphs that are nothing but a directive."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str | None]] = []
        self.links: list[str] = []
        self.images: list[str] = []
        self.boxes: list[str] = []
        self.checkboxes = 0
        self.paragraphs: list[str] = []
        self._paragraph: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), attributes.get("id")))
        elif tag == "a" and "headerlink" not in classes and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        elif tag == "img":
            self.images.append(attributes.get("src") or "")
        elif tag in ("div", "details") and ("admonition" in classes or tag == "details"):
            self.boxes.append(next((c for c in classes if c != "admonition"), ""))
        elif tag == "input" and attributes.get("type") == "checkbox":
            self.checkboxes += 1
        elif tag == "p":
            self._paragraph = []

    def handle_endtag(self, tag):
        if tag == "p" and self._paragraph is not None:
            self.paragraphs.append("".join(self._paragraph))
            self._paragraph = None

    def handle_data(self, data):
        if self._paragraph is not None:
            self._paragraph.append(data)


def rendered(body: str) -> _Rendered:
    html = markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_SETTINGS)
    reader = _Rendered()
    reader.feed(html)
    return reader


def raw_html_targets(scan, attribute: str, tag: str) -> list[str]:
    pattern = re.compile(rf"""\b{attribute}\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
    return [found.group(1) for t in scan.html_tags if t.name == tag for found in pattern.finditer(t.attributes)]


def assert_same_reading(body: str) -> None:
    scan = scan_markdown(body)
    page = rendered(body)
    assert [(h.level, h.id) for h in scan.headings] == [
        (level, found) if any(h.id == found for h in scan.headings) else (level, None) for level, found in page.headings
    ], "headings"
    links = [link.target for link in scan.links if not link.is_image] + raw_html_targets(scan, "href", "a")
    assert collections.Counter(links) == collections.Counter(page.links), "links"
    images = [link.target for link in scan.links if link.is_image] + raw_html_targets(scan, "src", "img")
    assert collections.Counter(images) == collections.Counter(page.images), "images"
    assert [box.kind for box in scan.admonitions] == [box for box in page.boxes], "boxes"
    assert sum(len(tasks.items) for tasks in scan.tasklists) == page.checkboxes, "checklist items"
    directives = [(m.group(1), (m.group(2) or "").strip()) for p in page.paragraphs if (m := DIRECTIVE.match(p))]
    assert [(d.name, d.argument) for d in scan.directives] == directives, "directives"


def _page_bodies() -> list[tuple[str, str]]:
    bodies = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        text, problem = read_page_text(path, path.name)
        assert problem is None
        _meta, body, _line, _problems = split_front_matter(text, path.name)
        bodies.append((path.name, body))
    return bodies


@pytest.mark.parametrize(("name", "body"), _page_bodies(), ids=[name for name, _ in _page_bodies()])
def test_every_page_of_the_handbook_reads_the_same_to_the_checks_and_to_the_reader(name, body):
    assert_same_reading(body)


EDGE_CASES = {
    "attribute lists": "# Title {#title}\n\n## Spaced { #spaced }\n\n## Colon {: #colon .wide }\n\nText [a](a.md){: .x }\n",
    "html comment": "# T {#t}\n\n<!-- [old](old.md) -->\n\n<!--\n## Hidden {#hidden}\n[gone](gone.md)\n-->\n\nAfter [b](b.md).\n",
    "comment inside a paragraph": "# T {#t}\n\nText <!-- [x](x.md) --> and [y](y.md).\n",
    "fenced code": "# T {#t}\n\n```\n[in code](nope.md)\n## Not a heading\n{% phrases calm %}\n```\n\n~~~md\n![x](x.png)\n~~~\n",
    "indented code": "# T {#t}\n\nParagraph.\n\n    [a](missing.md)\n    {% phrases calm %}\n\nEnd.\n",
    "inline code": "# T {#t}\n\nUse `[x](x.md)` or ``{% phrases calm %}`` but [real](real.md).\n",
    "raw html": (
        '# T {#t}\n\n<div class="x">\n<a href="../refunds/">refunds</a> <img src="i.png" alt="i">\n</div>\n\n'
        'A <a href="in.md">line</a>.\n'
    ),
    "line separator": "# T {#t}\n\nA pasted\u2028line and\u2029more [x](x.md).\n\n## Next {#next}\n\n{% phrases calm %}\n",
    "form feed and NEL": "# T {#t}\n\nPage\fbreak\x85here [x](x.md).\n\n{% phrases calm %}\n\n## S {#s}\n",
    "tabs": "# T {#t}\n\n-\t[a](a.md)\n-\tb\n\n\tcode [c](c.md)\n",
    "setext headings": "Title {#title}\n=====\n\nSection {#section}\n-------\n\nText [s](s.md).\n",
    "boxes": (
        '# T {#t}\n\n!!! tip "Tip"\n\n    Inside [x](x.md).\n\n    {% phrases calm %}\n\n??? keypoint "Open"\n\n    Folded.\n'
    ),
    "checklists": "# T {#t}\n\n## L {#l}\n\n- [ ] one [x](x.md)\n- [x] two\n\nText.\n",
    "tables": "# T {#t}\n\n| a | b |\n|---|---|\n| [c](c.md) | ![d](d.png) |\n",
    "directives": "# T {#t}\n\n{% phrases calm %}\n\n{%phrase-cards%}\n\nText {% phrases inline %} text.\n",
    "images and autolinks": '# T {#t}\n\n![alt](img/a.png) and <https://example.test/x> and [t](t.md "title").\n',
}


@pytest.mark.parametrize("case", list(EDGE_CASES))
def test_edge_cases_read_the_same_to_the_checks_and_to_the_reader(case):
    assert_same_reading(EDGE_CASES[case])


def test_windows_line_ends_and_a_byte_order_mark_read_like_the_plain_page(tmp_path):
    plain = EDGE_CASES["boxes"] + EDGE_CASES["checklists"].replace("# T {#t}\n\n", "")
    path = tmp_path / "page.nl.md"
    path.write_bytes(b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8"))
    text, problem = read_page_text(path, "page.nl.md")
    assert problem is None and text == plain
    assert_same_reading(text)


def test_a_line_separator_moves_no_line_and_hides_no_directive():
    scan = scan_markdown("# T {#t}\n\nA pasted\u2028line.\n\n## S {#s}\n\n{% phrases calm %}\n", first_line=3)
    assert [(d.name, d.line) for d in scan.directives] == [("phrases", 9)]
    assert [(h.id, h.line) for h in scan.headings] == [("t", 3), ("s", 7)]


def test_a_directive_after_a_line_of_only_a_form_feed_is_found_at_its_own_line():
    scan = scan_markdown("# T {#t}\n\n\f\n{% phrases calm %}\n")
    assert [(d.name, d.line, d.col) for d in scan.directives] == [("phrases", 4, 1)]


def test_comments_and_code_hold_no_links_or_sections():
    scan = scan_markdown(EDGE_CASES["html comment"] + EDGE_CASES["indented code"].replace("# T {#t}\n", ""))
    assert [link.target for link in scan.links] == ["b.md"]
    assert scan.section_ids == ["t"]
