"""Where a page lives on the site, stated once: its path from its slug and language folder, and back.

MkDocs with directory URLs and mkdocs-static-i18n's suffix structure publish `docs/talk.en.md` at `en/talk/` and
the default language's home page (`index.nl.md`) at the site root. Every part of the build that writes or
reads a page's address (the directives' links, links.json, the checks of the rendered pages, the print
document's cross-references) uses these functions, so they cannot disagree.
"""

from __future__ import annotations

import re

# A source file as a Markdown link names it: `talk.md`, or `talk.en.md` for one language's version.
_MARKDOWN_FILE = re.compile(r"^(?P<slug>.+?)(?:\.(?P<lang>[a-z]{2}))?\.md$")


def markdown_file(name: str) -> tuple[str, str | None] | None:
    """(slug, explicit language or None) of a Markdown file name a link points at; None for any other name."""
    found = _MARKDOWN_FILE.match(name)
    return (found.group("slug"), found.group("lang")) if found else None


def page_path(slug: str) -> str:
    """A page's path below its language folder: `talk/`, `` for the home page, and `guides/` for a folder's own
    page `guides/index` (MkDocs publishes `index.md` at its folder's address, but `site-index.md` at `site-index/`)."""
    return "" if slug == "index" else f"{slug.removesuffix('/index')}/"


def page_address(folder: str, slug: str, anchor: str = "") -> str:
    """`folder` (a language folder like `en/`, or a relative way back to one like `../`) + the page + `#anchor`."""
    return folder + page_path(slug) + (f"#{anchor}" if anchor else "")


def source_address(folder: str, source: str) -> str:
    """The address of a page as mkdocs.yml names it (`talk.md`, or `talk.md#stay-calm` for a section)."""
    page, _, anchor = source.partition("#")
    return page_address(folder, page.removesuffix(".md"), anchor)


def slug_of_path(path: str, locales: list[str]) -> tuple[str | None, str]:
    """For a site path like `/en/talk/`, `en/talk/index.html#x` or `talk/`: (language folder's locale or None
    for the default language, slug)."""
    path = path.split("#", 1)[0].removesuffix("index.html")
    parts = [part for part in path.strip("/").split("/") if part and part not in (".", "..")]
    lang = parts[0] if parts and parts[0] in locales else None
    rest = parts[1:] if lang else parts
    return lang, "/".join(rest) or "index"
