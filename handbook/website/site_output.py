"""Fixes to the built site that mkdocs-static-i18n leaves undone: one search index and one 404 page per
language, each language's pages pointed at their own index, the link index `links.json`, the web fonts, our
assets' hashed names; and the server's half, `build/nginx-site.conf`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urlsplit

from handbook.pages.published_links import link_index
from handbook.sources.downloads import HANDBOOK
from handbook.sources.model import Handbook
from handbook.sources.settings import Settings, server_config_path
from handbook.sources.site_address import is_placeholder
from handbook.website.alternates import with_x_default
from handbook.website.csp import policy
from handbook.website.fingerprint import fingerprint_assets
from handbook.website.nginx_site import site_config
from handbook.website.offline import write_offline
from handbook.website.web_fonts import write_web_fonts

if TYPE_CHECKING:
    from handbook.printing.typeset import PrintResult

SEARCH_INDEX = Path("search") / "search_index.json"
LINKS = "links.json"  # every section with its addresses, for wiki editors and the copy buttons
PREVIEW_NOTE = (
    "A preview: site_url in mkdocs.yml is still a placeholder, so every address here is relative to the site's root"
    " (where this file is). Build with HANDBOOK_SITE_URL=https://your.host/ for the addresses to paste into a wiki."
)
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


class SearchDoc(TypedDict):
    """One entry of MkDocs' search index."""

    location: str
    title: str
    text: str


class SearchIndex(TypedDict, total=False):
    """MkDocs' `search/search_index.json`."""

    config: dict[str, object]
    docs: list[SearchDoc]


def split_search_index(index: SearchIndex, prefixes: dict[str, str]) -> dict[str, SearchIndex]:
    """One index per language from the merged one: entries under `en/` go to English, and so on."""
    split: dict[str, SearchIndex] = {}
    for lang, prefix in prefixes.items():
        others = [p for p in prefixes.values() if p and p != prefix]
        docs: list[SearchDoc] = []
        for doc in index.get("docs", []):
            location = doc["location"]
            if prefix and location.startswith(prefix):
                docs.append({**doc, "location": location[len(prefix) :]})
            elif not prefix and not any(location.startswith(other) for other in others):
                docs.append(doc)
        split[lang] = {**index, "config": {**index.get("config", {}), "lang": [lang]}, "docs": docs}
    return split


def scope_search_to_language(html: str, language_dir: str) -> str:
    """Point a page's search at its own language's index by moving Material's `base` into the language folder."""

    def rewrite(match: re.Match[str]) -> str:
        try:
            config: dict[str, object] = json.loads(match.group(2))  # Material's page config, a JSON object
        except ValueError:
            return match.group(0)
        config["base"] = f"{str(config.get('base', '.')).rstrip('/')}/{language_dir}/"
        return match.group(1) + json.dumps(config) + match.group(3)

    return CONFIG_SCRIPT.sub(rewrite, html, count=1)


# Material's base.html gives its two menu toggles `autocomplete="off"`, which HTML allows on text-like inputs only
# (the Nu HTML Checker's error on every page). The lines sit outside any template block, so no partial override
# can reach them; the attribute is dropped here, the one change made to Material's markup after rendering.
TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+") autocomplete="off">'
)


def valid_toggles(html: str) -> str:
    """Material's page with its checkbox toggles valid HTML (no `autocomplete` on a checkbox)."""
    return TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)


def finish_site(site_dir: Path, handbook: Handbook, not_found_pages: dict[str, str], offline: bool = True) -> None:
    """`offline` writes the service worker and manifests last, from the finished files; a live preview has none, so
    an author never reads a cached page."""
    settings = handbook.settings
    prefixes = settings.folders
    index_path = site_dir / SEARCH_INDEX
    if index_path.exists():
        merged: SearchIndex = json.loads(index_path.read_text(encoding="utf-8"))
        for lang, index in split_search_index(merged, prefixes).items():
            target = site_dir / prefixes[lang] / SEARCH_INDEX
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():
        sitemap.write_text(with_x_default(sitemap.read_text(encoding="utf-8"), settings.default_locale), encoding="utf-8")
    for prefix in prefixes.values():
        if prefix and sitemap.exists():  # Material looks for it beside each language's search index
            (site_dir / prefix / "sitemap.xml").write_bytes(sitemap.read_bytes())
    for lang, html in not_found_pages.items():
        (site_dir / prefixes[lang] / "404.html").write_text(html, encoding="utf-8")
    write_links(site_dir, handbook)
    write_web_fonts(site_dir, settings.build_dir)
    fingerprint_assets(site_dir, urlsplit(settings.site_url).path or "/")  # before the worker lists the files
    if offline:
        write_offline(site_dir, settings)


def write_server_config(site_dir: Path, settings: Settings, script_hashes: list[str], served_from: Path) -> None:
    """nginx-site.conf for a site that will be published (see settings.server_config_path); never for a live
    preview or a failed build, whose site nginx will not serve. `served_from` is where the site will be published
    (site/ for `make build`, which builds in a staging folder)."""
    path = server_config_path(settings.build_dir, site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    config = site_config(served_from.resolve(), policy(script_hashes), settings.languages, settings.page_redirects)
    path.write_text(config, encoding="utf-8")


def write_links(site_dir: Path, handbook: Handbook, printed: list[PrintResult] | None = None) -> None:
    """`links.json`; after the print step, with each section's place in the handbook PDFs of `printed` (the print
    results: a handbook that failed to print is left out, its previous PDF's pages are not known)."""
    settings = handbook.settings
    pdf_pages = {
        lang: result.anchor_pages
        for lang in settings.locales
        for result in printed or []
        if result.name == HANDBOOK.format(lang=lang) and not result.errors
    }
    sections = link_index(handbook, pdf_pages)
    if is_placeholder(settings.site_url):
        links = {"preview": True, "note": PREVIEW_NOTE, "site_url": None, "languages": settings.locales, "sections": sections}
    else:
        links = {"site_url": settings.site_url, "languages": settings.locales, "sections": sections}
    (site_dir / LINKS).write_text(json.dumps(links, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
