"""Cross-references: page links, `#section` anchors, links into the other language, navigation and cards.

MkDocs reports broken anchors without a line (and not at all under `-v`); this check gives file, line,
column and the closest existing target as a suggestion.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.addresses import markdown_file, slug_of_path
from handbook.sources.assets import asset_name, language_versions, resolve_asset
from handbook.sources.markdown_scan import Link
from handbook.sources.model import Handbook, Page

EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _closest(word: str, options: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return match[0] if match else ""


def check_page_links(handbook: Handbook, page: Page) -> list[Problem]:
    problems: list[Problem] = []
    locales = handbook.settings.locales
    site_url = handbook.settings.site_url.rstrip("/")
    page_dir = posixpath.dirname(page.slug)
    for link in page.scan.links:
        target = link.target
        if not target or target.startswith("mailto:"):
            continue
        if site_url and target.startswith(site_url + "/"):
            lang, slug = slug_of_path(target[len(site_url) :], locales)
            if lang and lang != page.lang and handbook.page(slug, page.lang):
                problems.append(_other_language(page, link, slug))
            continue
        if EXTERNAL.match(target):
            continue
        parts = urlsplit(target)
        path, anchor = parts.path, parts.fragment
        if not path:
            problems.extend(_check_anchor(handbook, page, link, page.slug, anchor))
            continue
        md = markdown_file(posixpath.basename(path))
        if md:
            slug = posixpath.normpath(posixpath.join(page_dir, posixpath.dirname(path), md[0]))
            explicit = md[1]
            if explicit and explicit != page.lang and handbook.page(slug, page.lang):
                problems.append(_other_language(page, link, slug))
                continue
            if not handbook.page(slug, explicit or page.lang):
                known = [s for s, langs in handbook.pages.items() if page.lang in langs]
                suggestion = _closest(slug, known)
                problems.append(
                    page.problem(
                        link.line,
                        link.col,
                        Code.LINK_PAGE,
                        f"link to missing page '{path}'",
                        f"did you mean `{suggestion}.md`?" if suggestion else f"create `docs/{slug}.{page.lang}.md`",
                    )
                )
                continue
            problems.extend(_check_anchor(handbook, page, link, slug, anchor, explicit))
            problems.extend(_check_printed(page, link, handbook.page(slug, explicit or page.lang)))
            continue
        lang, slug = slug_of_path(posixpath.join(page_dir, path), locales)
        if lang and lang != page.lang and handbook.page(slug, page.lang):
            problems.append(_other_language(page, link, slug))
            continue
        resolved = posixpath.normpath(posixpath.join(page_dir, path))
        if resolved.startswith("downloads/"):
            continue  # the PDFs are made by the build
        problem = _missing_file(handbook, page, link, resolved)
        if problem:
            problems.append(problem)
    return problems


def _missing_file(handbook: Handbook, page: Page, link: Link, resolved: str) -> Problem | None:
    """LINK-FILE when `resolved` (docs-relative) shows no file in the page's language; None when it does."""
    assets, locales = handbook.assets, handbook.settings.locales
    if resolve_asset(assets, resolved, page.lang, locales):
        return None
    name = asset_name(resolved, locales)
    versions = language_versions(assets, resolved, locales)
    stem, ext = posixpath.splitext(name.shared)
    own = f"docs/{stem}.{page.lang}{ext}"
    page_dir = posixpath.dirname(page.slug) or "."
    if name.lang and name.lang != page.lang:
        message = f"'{link.target}' is the '{name.lang}' version of the file, not published for '{page.lang}'"
        suggestion = f"write `{posixpath.relpath(name.shared, page_dir)}`: each language then shows its own version"
        if page.lang not in versions and name.shared not in assets:
            suggestion += f"; add `{own}`"
    elif versions:
        message = f"'{link.target}' has no '{page.lang}' version (only {', '.join(sorted(versions))})"
        suggestion = f"add `{own}`, or one shared `docs/{name.shared}` for every language"
    else:
        options = {asset_name(a, locales).shared for a in assets if resolve_asset(assets, a, page.lang, locales)}
        closest = _closest(name.shared, options)
        message = f"link to missing file '{link.target}'"
        if closest:
            suggestion = f"did you mean `{posixpath.relpath(closest, page_dir)}`?"
        else:
            suggestion = "link pages as `page.md`, images and other files by their path from the page, e.g. `images/x.png`"
    return page.problem(link.line, link.col, Code.LINK_FILE, message, suggestion)


def _other_language(page: Page, link: Link, slug: str) -> Problem:
    return page.problem(
        link.line,
        link.col,
        Code.LINK_LANG,
        f"link '{link.target}' leads into another language",
        f"link `{slug}.md` so readers stay in '{page.lang}'",
    )


def _printed(page: Page) -> bool:
    return page.meta.get("print", True) is not False


def _check_printed(page: Page, link: Link, target: Page | None) -> list[Problem]:
    """PRINT-LINK when a page of the PDF links a web-only page (`print: false`), which the PDF cannot lead to."""
    if target is None or not _printed(page) or _printed(target) or not page.meta_readable:
        return []  # an unreadable front matter is INPUT-FRONT-MATTER's: whether the page prints is unknown
    message = f"link to {target.path}, a web-only page (`print: false`) that the handbook PDF leaves out"
    fix = "link its address on the website (an absolute URL), or print that page"
    return [page.problem(link.line, link.col, Code.PRINT_LINK, message, fix)]


def _check_anchor(
    handbook: Handbook, page: Page, link: Link, slug: str, anchor: str, explicit_lang: str | None = None
) -> list[Problem]:
    if not anchor:
        return []
    target = handbook.page(slug, explicit_lang or page.lang)
    ids = target.scan.link_targets if target else []
    if anchor in ids:
        return []
    suggestion = _closest(anchor, ids)
    where = "this page" if target is page else (target.path if target else slug)
    return [
        page.problem(
            link.line,
            link.col,
            Code.LINK_ANCHOR,
            f"'#{anchor}' is not a section of {where}",
            f"did you mean `#{suggestion}`?" if suggestion else "see the `{#...}` IDs of its headings",
        )
    ]


def check_nav(handbook: Handbook) -> list[Problem]:
    settings = handbook.settings
    problems: list[Problem] = []
    in_nav: set[str] = set()
    for entry in settings.nav:
        if entry.path is None:
            continue
        slug = entry.path[:-3] if entry.path.endswith(".md") else entry.path
        in_nav.add(slug)
        for lang in settings.locales:
            if not handbook.page(slug, lang):
                problems.append(
                    settings.config_problem(
                        entry.line,
                        entry.col,
                        Code.NAV_PAGE,
                        f"navigation entry '{entry.path}' has no '{lang}' page",
                        f"create `docs/{slug}.{lang}.md`",
                        lang,
                    )
                )
    if settings.nav:
        for slug, langs in sorted(handbook.pages.items()):
            if slug not in in_nav:
                page = next(iter(langs.values()))
                problems.append(
                    Problem(
                        page.path,
                        1,
                        1,
                        Code.NAV_OMITTED,
                        f"page '{slug}' is not in the navigation",
                        f"add `{slug}.md` to `nav:` in {settings.config_display}",
                    )
                )
    return problems


def check_cards(handbook: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    locales = handbook.settings.locales
    for card in handbook.cards:
        if not card.page:
            continue
        missing = [lang for lang in locales if handbook.page(card.page, lang) is None]
        if missing == locales:  # once, not once per language in the same words
            message = f"card '{card.id}' links to missing page '{card.page}'"
            problems.append(handbook.cards_problem(*card.section_at, Code.CARD_SECTION, message))
        for lang in locales:
            page = handbook.page(card.page, lang)
            if page is None and missing != locales:
                message = f"card '{card.id}' links to '{card.page}', which has no '{lang}' page"
                problems.append(handbook.cards_problem(*card.section_at, Code.CARD_SECTION, message, "", lang))
            elif page is not None and card.anchor not in page.scan.section_ids:
                suggestion = _closest(card.anchor, page.scan.section_ids)
                problems.append(
                    handbook.cards_problem(
                        *card.section_at,
                        Code.CARD_SECTION,
                        f"card '{card.id}': '#{card.anchor}' is not a section of {page.path}",
                        f"did you mean `#{suggestion}`?" if suggestion else "",
                        lang,
                    )
                )
    return problems


def check(handbook: Handbook) -> list[Problem]:
    problems = check_nav(handbook) + check_cards(handbook)
    for langs in handbook.pages.values():
        for page in langs.values():
            problems.extend(check_page_links(handbook, page))
    return problems
