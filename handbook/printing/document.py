"""One print document per language from the pages MkDocs rendered: cover, contents, chapters in nav order, index.

Each page's IDs are prefixed with its slug so they stay unique in one document, together with the attributes that
refer to them, and its links are rewritten: to a chapter or section they become internal links with a page
number; a link to the website (a file such as a PDF, a page in the other language) gets its absolute URL, or,
while the site's address is a placeholder, the words "on the website" (site_address.py). Its images, written
relative to the page's own address, are pointed at the very files the built site serves.

The pages are read with tinyhtml5, the HTML parser WeasyPrint itself uses, not with regular expressions: an
element is found by what it is (an `h2`, an `a` with an `href`) whatever its attributes and their order, and
only real `id` attributes and references to them change.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape
from typing import Protocol, cast
from xml.etree import ElementTree

import tinyhtml5  # pyright: ignore[reportMissingTypeStubs]
from tinyhtml5.constants import prefixes as NAMESPACE_PREFIXES  # pyright: ignore[reportMissingTypeStubs]

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.pages.directives import ALONGSIDE, BACK_TO_LIST
from handbook.printing.book_index import INDEX_ID, BookIndex, index_html
from handbook.printing.page_slots import UNKNOWN_PAGE
from handbook.sources.addresses import slug_of_path
from handbook.sources.site_address import site_base

URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# Attributes whose value is a space-separated list of IDs in the same document (HTML and WAI-ARIA): they are
# prefixed with the IDs, so a label, a table header or an accessible name keeps pointing at its element.
ID_REFERENCES = (
    "aria-activedescendant",
    "aria-controls",
    "aria-describedby",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-labelledby",
    "aria-owns",
    "for",
    "form",
    "headers",
    "list",
)
# The parser drops a newline right after these start tags, so writing them out must add one to keep the text.
FIRST_NEWLINE_DROPPED = ("pre", "textarea", "listing")
# Where a page number goes: the contents and cross-references carry a guess of their target's page as
# `data-page` (`with_page_numbers`), replaced in the laid-out document once the layout has shown where the
# targets fall (page_slots.py). This document writes every slot itself, `data-page` right before `href`, so a
# pattern on its own output finds them all.
PAGE_NUMBER_SLOT = re.compile(r'data-page="[^"]*" href="#([^"]+)"')
ON_SITE = "on-site"  # the class of a link to the website while its address is a placeholder: it prints no address
# A reference inside parentheses, or right before them, prints its page after a comma: "(see Contact log, p. 118)",
# "Getting paid, p. 79 (except ...)", not with a second pair beside the first.
IN_PARENTHESES = "in-parentheses"
# Elements that start a new run of text: a parenthesis left open in one does not reach into the next.
TEXT_BLOCKS = frozenset(("p", "li", "td", "th", "dt", "dd", "div", "blockquote", "figcaption", "h1", "h2", "h3", "h4"))
POINTER_BOX = "phrases-pointer"  # a phrase box reduced to its title and the page of its words (handbook.css)


@dataclass(frozen=True)
class RenderedPage:
    """A page's body HTML as MkDocs rendered it (no site chrome), with what the print step needs around it."""

    slug: str
    lang: str
    url: str  # the page's URL relative to the site root, e.g. "en/conversation/"
    title: str
    html: str
    source_path: str


@dataclass(frozen=True)
class PrintLabels:
    """The words a print document adds around the content, in its language."""

    site_name: str
    subtitle: str
    language_name: str
    edition_label: str
    edition: str
    contents: str
    page_of: str  # e.g. "page {page} of {pages}"
    page_ref: str  # e.g. "p."
    online: str = ""  # e.g. "This handbook online:", before the site's address on the cover
    on_website: str = ""  # e.g. "on the website": where a link to the site leads while its address is a placeholder
    card_shown: str = ""  # e.g. "The words are in {chapter}": a phrase box whose card an earlier chapter printed


@dataclass(frozen=True)
class Chapter:
    """A printed page, parsed once: its body without permalinks, its IDs and headings as MkDocs wrote them."""

    page: RenderedPage
    body: ElementTree.Element
    ids: frozenset[str]
    anchor: str  # where a link to the whole chapter points, already prefixed
    sections: tuple[tuple[str, str], ...]  # (ID, title text) of every h2 with an ID, in order


class _Parser(Protocol):
    """The module `tinyhtml5`, which ships no types: its parser, typed once."""

    def parse(self, document: str, namespace_html_elements: bool = True) -> ElementTree.Element: ...


def parse_body(html: str) -> ElementTree.Element:
    """The `body` element holding a page's body HTML, its HTML elements without a namespace."""
    body = cast(_Parser, tinyhtml5).parse("<!DOCTYPE html><body>" + html, namespace_html_elements=False).find("body")
    assert body is not None  # the parser always makes a body, and this text opens with one
    return body


def _classes(element: ElementTree.Element) -> list[str]:
    return (element.get("class") or "").split()


def _drop(parent: ElementTree.Element, child: ElementTree.Element) -> None:
    """Remove `child` but keep the text that follows it."""
    if child.tail:
        index = list(parent).index(child)
        if index:
            before = parent[index - 1]
            before.tail = (before.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


# Made for the screen only: the headings' permalinks, quick help's rows of buttons, whose work the list of
# situations with its page numbers does on paper (their links would ask for page numbers nothing prints), each
# phrase's wording in the other languages, which a reader shows on screen when a customer speaks one of them, and
# the way back to quick help's list under a chapter's phrase box (on paper the list is found by its page number),
# and what an author marks `{ .screen-only }`: words about the website (a button, the downloads on its home page)
# that a printed book, which may not know the website's address, cannot point to. Its counterpart, marked
# `{ .print-only }`, the website hides (docs/assets/handbook.css).
SCREEN_ONLY = {"headerlink", "common-situations", ALONGSIDE, BACK_TO_LIST, "screen-only"}


def read_chapter(page: RenderedPage) -> Chapter:
    """The page parsed, what is made for the screen only (SCREEN_ONLY) removed."""
    body = parse_body(page.html)
    screen_only = [(parent, child) for parent in body.iter() for child in parent if SCREEN_ONLY & set(_classes(child))]
    for parent, child in screen_only:
        _drop(parent, child)
    title = next((h1.get("id") for h1 in body.iter("h1") if h1.get("id")), None)
    return Chapter(
        page,
        body,
        frozenset(element_id for element in body.iter() if (element_id := element.get("id"))),
        # Its title, which WeasyPrint places on the chapter's first page (the chapter's own box may start at the
        # foot of the previous page, before its page break).
        f"{page.slug}--{title}" if title else page.slug,
        tuple((h2_id, "".join(h2.itertext()).strip()) for h2 in body.iter("h2") if (h2_id := h2.get("id"))),
    )


def _page_dir(url: str) -> str:
    """The folder a page's relative links start from: the page's own URL when it ends in `/`, else its parent."""
    return url if url.endswith("/") else posixpath.dirname(url) + "/"


def refer_to_earlier_cards(chapter: Chapter, first_shown: dict[str, Chapter], card_shown: str) -> None:
    """Each phrase box whose card an earlier chapter printed keeps its title and points to it with a page number.

    Quick help comes first and shows most cards with its situations; their chapters show them again on the web,
    where a page is read on its own, but a printed book that prints them twice is twenty pages longer and makes
    a reader wonder whether the two differ. `first_shown` maps each card ID to the chapter that printed it and
    grows as the chapters are read in order.
    """
    page_dir = _page_dir(chapter.page.url)
    for box in chapter.body.iter("div"):
        card = box.get("data-card")
        if not card:
            continue
        earlier = first_shown.setdefault(card, chapter)
        if earlier is chapter or not card_shown:
            continue
        title = next((child for child in box if "phrases-title" in _classes(child)), None)
        for child in [child for child in box if child is not title]:
            box.remove(child)
        box.set("class", " ".join([*_classes(box), POINTER_BOX]))
        reference = ElementTree.SubElement(box, "p", {"class": "phrases-shown"})
        link = ElementTree.SubElement(
            reference, "a", {"href": posixpath.relpath(earlier.page.url or ".", page_dir).rstrip("/") + f"/#{box.get('id')}"}
        )
        link.text = card_shown.replace("{chapter}", earlier.page.title)


def _set_link(a: ElementTree.Element, css_class: str | None, href: str | None, page_slot: bool = False) -> None:
    """Give a link its print class and target; the page-number slot goes right before `href` (PAGE_NUMBER_SLOT)."""
    attributes = {name: value for name, value in a.attrib.items() if name not in ("class", "href", "data-page")}
    classes = [css_class] if css_class else []
    classes += [name for name in _classes(a) if name != css_class]
    a.attrib.clear()
    if classes:
        a.set("class", " ".join(classes))
    a.attrib.update(attributes)
    if page_slot:
        a.set("data-page", UNKNOWN_PAGE)
    if href is not None:
        a.set("href", href)


def _other_language(path: str, lang: str, folders: dict[str, str]) -> bool:
    """Whether a site path leads to a page of another language than `lang` (the PDF has only its own)."""
    folder_lang, _ = slug_of_path(path, [locale for locale, folder in folders.items() if folder])
    return folder_lang != (lang if folders[lang] else None)


def _chapter_slug(path: str, lang: str, folders: dict[str, str]) -> str | None:
    """The slug of the page a site path leads to, when it is a page of this document's language (`lang`;
    `folders`: each language's folder in the site)."""
    folder_lang, slug = slug_of_path(path + "/", [locale for locale, folder in folders.items() if folder])
    return slug if folder_lang == (lang if folders[lang] else None) else None


def rewrite_chapter(
    chapter: Chapter,
    chapters: dict[str, Chapter],
    folders: dict[str, str],
    site_url: str,
    problems: list[Problem],
    site_files: str,
) -> str:
    """The chapter's HTML with prefixed IDs, print links and images; broken targets are added to `problems`.

    `site_files` is the built site's folder as a `file:` URL ending in `/`. The chapter's tree is changed in place,
    so each chapter is rewritten once, after every chapter has been read (links need the IDs of all of them).
    """
    page = chapter.page
    page_dir = _page_dir(page.url)
    for element in chapter.body.iter():
        if element.get("id"):
            element.set("id", f"{page.slug}--{element.get('id')}")
        for name in ID_REFERENCES:
            if refs := element.get(name):
                element.set(name, " ".join(f"{page.slug}--{ref}" for ref in refs.split()))
    for img in chapter.body.iter("img"):
        if (src := img.get("src")) is not None:
            img.set("src", site_file(src, page_dir, site_files))
    base = site_base(site_url)
    beside_parentheses = links_beside_parentheses(chapter.body)
    for a in chapter.body.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        if URL_SCHEME.match(href):
            on_placeholder = site_url and not base and href.startswith(site_url.rstrip("/") + "/")
            _set_link(a, *((ON_SITE, None) if on_placeholder else ("external", href)))
            continue
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(page_dir, path)).lstrip("/") + ("/" if path.endswith("/") else "")
        target = target.removeprefix("./")  # the site's root
        slug = page.slug if not path else _chapter_slug(target, page.lang, folders)
        is_file = path and not path.endswith("/") and "." in posixpath.basename(path)
        if is_file or (path and _other_language(target, page.lang, folders)):
            _set_link(a, *(("external", base + target + (f"#{anchor}" if anchor else "")) if base else (ON_SITE, None)))
        elif slug not in chapters:
            problems.append(_link_problem(page, f"link '{href}' leads to a page that is not printed"))
            _set_link(a, None, None)
        elif anchor and anchor not in chapters[slug].ids:
            problems.append(_link_problem(page, f"link '{href}' leads to a missing section"))
            _set_link(a, None, None)
        elif slug == page.slug and not anchor:
            _set_link(a, "xref-self", f"#{chapter.anchor}")
        else:
            target_id = f"#{slug}--{anchor}" if anchor else f"#{chapters[slug].anchor}"
            _set_link(a, "xref", target_id, page_slot=True)
            if a in beside_parentheses:
                a.set("class", f"{a.get('class')} {IN_PARENTHESES}")
    return inner_html(chapter.body)


def links_beside_parentheses(root: ElementTree.Element) -> set[ElementTree.Element]:
    """The links that stand after a parenthesis their paragraph (or list item, cell...) opened and has not closed,
    or right before one (their text followed by " (")."""
    beside: set[ElementTree.Element] = set()

    def after(text: str | None, depth: int) -> int:
        for character in text or "":
            depth = depth + 1 if character == "(" else max(depth - 1, 0) if character == ")" else depth
        return depth

    def visit(element: ElementTree.Element, outer: int) -> int:
        """The depth after `element` and its tail, for `outer` the depth before it."""
        block = element.tag in TEXT_BLOCKS
        depth = 0 if block else outer
        if element.tag == "a" and (depth or (element.tail or "").startswith(" (")):
            beside.add(element)
        depth = after(element.text, depth)
        for child in element:
            depth = visit(child, depth)
        return after(element.tail, outer if block else depth)

    visit(root, 0)
    return beside


def _link_problem(page: RenderedPage, message: str) -> Problem:
    return Problem(page.source_path, 1, 1, Code.PRINT_LINK, message, "", page.lang)


def site_file(src: str, page_dir: str, site_files: str) -> str:
    """A page-relative `src` as the absolute URL of the built file; URLs with a scheme stay as they are."""
    if not src or URL_SCHEME.match(src):
        return src
    return site_files + posixpath.normpath(posixpath.join(page_dir, src)).lstrip("/")


def _qualified(name: str) -> str:
    """An element or attribute name as HTML writes it: `svg`, `path`, `xlink:href` (the parser gives `{url}name`)."""
    if not name.startswith("{"):
        return name
    url, _, local = name[1:].partition("}")
    prefix = NAMESPACE_PREFIXES.get(url)
    return local if prefix in ("html", "svg", "math") else f"{prefix}:{local}"


def inner_html(element: ElementTree.Element) -> str:
    """The HTML of the element's content, written so that the HTML parser reads back the same tree.

    ElementTree's HTML writer does most of it; inline SVG and MathML need their plain names, and a `pre` that
    starts with a newline needs one more.
    """
    for node in element.iter():
        tag = cast(object, node.tag)  # a comment's tag is the function ElementTree.Comment, though typeshed says str
        if not isinstance(tag, str):
            continue  # a comment
        node.tag = _qualified(tag)
        if any(name.startswith("{") for name in node.attrib):
            attributes = {_qualified(name): value for name, value in node.attrib.items()}
            node.attrib.clear()
            node.attrib.update(attributes)
        if node.tag in FIRST_NEWLINE_DROPPED and node.text and node.text.startswith("\n"):
            node.text = "\n" + node.text
    return escape(element.text or "", quote=False) + "".join(
        ElementTree.tostring(child, method="html", encoding="unicode") for child in element
    )


def _toc_link(target: str, title: str) -> str:
    """A contents entry: its title, and a slot for the page number of its target."""
    return f'<a data-page="{UNKNOWN_PAGE}" href="#{target}"><span class="toc-entry">{escape(title)}</span></a>'


def combine(
    pages: list[RenderedPage],
    labels: PrintLabels,
    lang: str,
    folders: dict[str, str],
    site_url: str,
    stylesheet: str,
    site_files: str,
    index: BookIndex | None = None,
) -> tuple[str, list[Problem]]:
    """The whole print document for one language, and the problems found while assembling it.

    `site_files`: the built site's folder as a `file:` URL ending in `/`, where the pages' images are. `index`: the
    index to print after the last chapter, listed last in the contents.
    """
    problems: list[Problem] = []
    chapters = {page.slug: read_chapter(page) for page in pages}
    first_shown: dict[str, Chapter] = {}
    for chapter in chapters.values():
        refer_to_earlier_cards(chapter, first_shown, labels.card_shown)
    toc: list[str] = []
    bodies: list[str] = []
    for slug, chapter in chapters.items():
        sections = "".join(f"<li>{_toc_link(f'{slug}--{section_id}', title)}</li>" for section_id, title in chapter.sections)
        toc.append(
            f'<li class="toc-chapter" data-chapter="{slug}">{_toc_link(chapter.anchor, chapter.page.title)}'
            + (f'<ol class="toc-sections">{sections}</ol>' if sections else "")
            + "</li>"
        )
        body = rewrite_chapter(chapter, chapters, folders, site_url, problems, site_files)
        bodies.append(f'<section class="chapter" id="{slug}" data-title="{escape(chapter.page.title)}">{body}</section>')
    if index is not None and index.entries:
        toc.append(f'<li class="toc-chapter">{_toc_link(INDEX_ID, index.title)}</li>')
        # Where each ID stands in the book, as rewritten (`page--section`): a term's pages follow that order.
        ids = (element.get("id") for chapter in chapters.values() for element in chapter.body.iter())
        order = {element_id: position for position, element_id in enumerate(ids) if element_id}
        bodies.append(index_html(index, order, problems))
    edition = f'<p class="cover-edition">{escape(labels.edition_label)} {escape(labels.edition)}</p>' if labels.edition else ""
    base = site_base(site_url)
    home = escape(base + folders[lang])
    online = f'<p class="cover-online">{escape(labels.online)} <a href="{home}">{home}</a></p>' if base else ""
    document = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{escape(labels.site_name)}</title>
<meta name="author" content="{escape(labels.site_name)}">
<meta name="description" content="{escape(labels.subtitle)}">
<style>{stylesheet}</style>
</head>
<body>
<section class="cover">
<p class="cover-title">{escape(labels.site_name)}</p>
<p class="cover-subtitle">{escape(labels.subtitle)}</p>
<p class="cover-language">{escape(labels.language_name)}</p>
{edition}
{online}
</section>
<nav class="toc"><p class="toc-title">{escape(labels.contents)}</p><ol>{"".join(toc)}</ol></nav>
{"".join(bodies)}
</body>
</html>"""
    return document, problems


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string: a label with a quote or backslash cannot end it early."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(labels: PrintLabels) -> str:
    """The language-dependent part of the print stylesheet: footer, cross-reference and website words."""
    before, _, rest = labels.page_of.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    page_of = f"{_css_string(before)} counter(page) {_css_string(middle)} counter(pages) {_css_string(after)}"
    return (
        f"@page main {{ @bottom-center {{ content: {page_of}; }} }}\n"
        # Digits of both fonts are equally wide, and without kerning "19" takes the room of "00": a two-digit page
        # number can change without moving a line. A no-break space keeps it beside the words it refers to.
        f'a.xref::after {{ content: "\\00a0(" {_css_string(labels.page_ref + " ")} attr(data-page) ")"; '
        "font-kerning: none; white-space: nowrap; }\n"
        f'a.xref.{IN_PARENTHESES}::after {{ content: ", " {_css_string(labels.page_ref + " ")} attr(data-page); }}\n'
        f'a.{ON_SITE}::after {{ content: "\\00a0(" {_css_string(labels.on_website)} ")"; }}\n'
    )


def with_page_numbers(html: str, pages: dict[str, int]) -> str:
    """The document with each page-number slot set to its target's page (`UNKNOWN_PAGE` where not known)."""
    return PAGE_NUMBER_SLOT.sub(lambda m: f'data-page="{pages.get(m.group(1), UNKNOWN_PAGE)}" href="#{m.group(1)}"', html)


def numbered_targets(html: str) -> set[str]:
    """The IDs whose page number the document prints."""
    return set(PAGE_NUMBER_SLOT.findall(html))
