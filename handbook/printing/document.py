"""One print document per language from the pages MkDocs rendered: cover, contents, chapters in nav order.

Each page's IDs are prefixed with its slug so they stay unique in one document, and its links are rewritten:
to a chapter or section they become internal links with a page number; anything else gets an absolute URL.
Its images, written relative to the page's own address, are pointed at the very files the built site serves.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape, unescape

from handbook.problems import Problem

ID_ATTRIBUTE = re.compile(r'\bid="([^"]+)"')
HREF_ATTRIBUTE = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>')
IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
H1_ID = re.compile(r'<h1 id="([^"]+)"')
H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# Where a page number goes: the contents and cross-references carry their target's page as `data-page`, filled
# in by `with_page_numbers` once a layout has shown where the targets fall (see render.py).
PAGE_NUMBER_SLOT = re.compile(r'data-page="[^"]*" href="#([^"]+)"')
UNKNOWN_PAGE = "00"  # as wide as most page numbers, so a first layout is already close to the final one


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


def _slug_of_url(url: str, lang_prefix: str) -> str:
    path = url.split("#", 1)[0]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    path = path.strip("/")
    if lang_prefix and (path == lang_prefix.strip("/") or path.startswith(lang_prefix)):
        path = path[len(lang_prefix) :].strip("/") if path != lang_prefix.strip("/") else ""
    return path or "index"


def chapter_anchor(page: RenderedPage) -> str:
    """Where a link to a whole chapter points: its title, which WeasyPrint places on the chapter's first page
    (the chapter's own box may start at the foot of the previous page, before its page break)."""
    match = H1_ID.search(page.html)
    return f"{page.slug}--{match.group(1)}" if match else page.slug


def rewrite_page(
    page: RenderedPage,
    known_ids: dict[str, set[str]],
    chapter_anchors: dict[str, str],
    lang_prefix: str,
    site_url: str,
    problems: list[Problem],
    site_files: str,
) -> str:
    """The page's HTML with prefixed IDs, print links and images; broken targets are added to `problems`.

    `site_files` is the built site's folder as a `file:` URL ending in `/`.
    """
    html = HEADERLINK.sub("", page.html)
    html = ID_ATTRIBUTE.sub(lambda m: f'id="{page.slug}--{m.group(1)}"', html)
    page_dir = posixpath.dirname(page.url.rstrip("/"))
    page_dir = page.url if page.url.endswith("/") else page_dir + "/"

    def link(match: re.Match) -> str:
        before, href, after = match.groups()
        if re.match(r"^[a-z][a-z0-9+.-]*:", href):
            return f'<a class="external"{before}href="{href}"{after}>'
        path, _, anchor = href.partition("#")
        slug = page.slug if not path else _slug_of_url(posixpath.normpath(posixpath.join(page_dir, path)) + "/", lang_prefix)
        if path and not path.endswith("/") and "." in posixpath.basename(path):
            absolute = site_url.rstrip("/") + "/" + posixpath.normpath(posixpath.join(page_dir, path))
            return f'<a class="external"{before}href="{absolute}"{after}>'
        if slug not in known_ids:
            problems.append(
                Problem(
                    page.source_path,
                    1,
                    1,
                    "PRINT-LINK",
                    f"link '{href}' leads to a page that is not printed",
                    "",
                    page.lang,
                )
            )
            return f"<a{before}{after}>"
        if anchor and anchor not in known_ids[slug]:
            problems.append(
                Problem(page.source_path, 1, 1, "PRINT-LINK", f"link '{href}' leads to a missing section", "", page.lang)
            )
            return f"<a{before}{after}>"
        target = f"{slug}--{anchor}" if anchor else chapter_anchors[slug]
        css_class = "xref" if slug != page.slug or anchor else "xref-self"
        if css_class == "xref-self":
            return f'<a class="{css_class}"{before}href="#{target}"{after}>'
        return f'<a class="{css_class}"{before}data-page="{UNKNOWN_PAGE}" href="#{target}"{after}>'

    html = IMG_SRC.sub(lambda m: m.group(1) + site_file(m.group(2), page_dir, site_files) + m.group(3), html)
    return HREF_ATTRIBUTE.sub(link, html)


def site_file(src: str, page_dir: str, site_files: str) -> str:
    """A page-relative `src` as the absolute URL of the built file; URLs with a scheme stay as they are."""
    if not src or URL_SCHEME.match(src):
        return src
    return site_files + posixpath.normpath(posixpath.join(page_dir, src)).lstrip("/")


def _text(html: str) -> str:
    return unescape(TAG.sub("", HEADERLINK.sub("", html))).strip()


def _toc_link(target: str, title: str) -> str:
    """A contents entry: its title, and a slot for the page number of its target."""
    return f'<a data-page="{UNKNOWN_PAGE}" href="#{target}"><span class="toc-entry">{escape(title)}</span></a>'


def combine(
    pages: list[RenderedPage],
    labels: PrintLabels,
    lang: str,
    lang_prefix: str,
    site_url: str,
    stylesheet: str,
    site_files: str,
) -> tuple[str, list[Problem]]:
    """The whole print document for one language, and the problems found while assembling it.

    `site_files`: the built site's folder as a `file:` URL ending in `/`, where the pages' images are.
    """
    problems: list[Problem] = []
    known_ids = {page.slug: set(ID_ATTRIBUTE.findall(page.html)) for page in pages}
    anchors = {page.slug: chapter_anchor(page) for page in pages}
    toc, chapters = [], []
    for page in pages:
        sections = "".join(
            f"<li>{_toc_link(f'{page.slug}--{section_id}', _text(title))}</li>" for section_id, title in H2.findall(page.html)
        )
        toc.append(
            f'<li class="toc-chapter">{_toc_link(anchors[page.slug], page.title)}'
            + (f'<ol class="toc-sections">{sections}</ol>' if sections else "")
            + "</li>"
        )
        body = rewrite_page(page, known_ids, anchors, lang_prefix, site_url, problems, site_files)
        chapters.append(f'<section class="chapter" id="{page.slug}" data-title="{escape(page.title)}">{body}</section>')
    edition = f'<p class="cover-edition">{escape(labels.edition_label)} {escape(labels.edition)}</p>' if labels.edition else ""
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
</section>
<nav class="toc"><p class="toc-title">{escape(labels.contents)}</p><ol>{"".join(toc)}</ol></nav>
{"".join(chapters)}
</body>
</html>"""
    return document, problems


def page_css(labels: PrintLabels) -> str:
    """The language-dependent part of the print stylesheet: footer and cross-reference words."""
    before, _, rest = labels.page_of.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    return (
        f'@page main {{ @bottom-center {{ content: "{before}" counter(page) "{middle}" counter(pages) "{after}"; }} }}\n'
        # Digits of both fonts are equally wide, and without kerning "19" takes the room of "00": a two-digit page
        # number can change without moving a line. A no-break space keeps it beside the words it refers to.
        f'a.xref::after {{ content: "\\00a0(" "{labels.page_ref} " attr(data-page) ")"; '
        "font-kerning: none; white-space: nowrap; }\n"
    )


def with_page_numbers(html: str, pages: dict[str, int]) -> str:
    """The document with each page-number slot set to its target's page (`UNKNOWN_PAGE` where not known)."""
    return PAGE_NUMBER_SLOT.sub(lambda m: f'data-page="{pages.get(m.group(1), UNKNOWN_PAGE)}" href="#{m.group(1)}"', html)


def numbered_targets(html: str) -> set[str]:
    """The IDs whose page number the document prints."""
    return set(PAGE_NUMBER_SLOT.findall(html))
