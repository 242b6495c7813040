"""The handbook offline on a phone: a service worker and a web app manifest per language, written into the built
site.

The worker (`sw.js` at the site root, its body in `offline_worker.js`) gets each language's precache list from
the built files and a version hashed from their bytes: a new build is a new worker, which caches the languages
the reader had, completely, before it takes over and drops the old caches. Every address is relative, so the
site works under any path prefix.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from handbook.sources.downloads import FOLDER as DOWNLOADS
from handbook.sources.settings import Settings
from handbook.website.theme_files import SEARCH_SCRIPTS, needed_search_scripts

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
WORKER_BODY = Path(__file__).with_name("offline_worker.js")
ICONS = ((192, "assets/icons/icon-192.png"), (512, "assets/icons/icon-512.png"))
THEME_COLOR = "#0f4c5c"  # the logo's teal, as in handbook.css
SKIPPED_SUFFIXES = (".map", ".gz", ".br", ".pdf", ".xml")


def language_folders(settings: Settings) -> dict[str, str]:
    return settings.folders


def _address(path: str) -> str:
    """The address a page is read at: `quick-help/` for `quick-help/index.html`, `./` for the home page."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html")


def precache_lists(files: list[str], folders: dict[str, str]) -> dict[str, list[str]]:
    """Per language, the site-root-relative addresses to keep offline: its pages and search index, and the
    shared assets (CSS, scripts, fonts, images) every page uses. PDFs are kept once opened, not up front."""
    others = [folder for folder in folders.values() if folder]
    search = needed_search_scripts(list(folders))
    assets = [
        path
        for path in files
        if path.startswith("assets/")
        and not path.endswith(SKIPPED_SUFFIXES)
        and (not path.startswith(SEARCH_SCRIPTS) or path in search)
    ]
    lists: dict[str, list[str]] = {}
    for lang, folder in folders.items():
        own = [
            path
            for path in files
            if not path.startswith("assets/")
            and not path.endswith(SKIPPED_SUFFIXES)
            and path != WORKER
            and path != "links.json"
            and (path.startswith(folder) if folder else not any(path.startswith(other) for other in others))
        ]
        lists[lang] = sorted(_address(path) for path in own) + sorted(assets)
    return lists


def cache_version(site_dir: Path, files: list[str]) -> str:
    """A hash of the names and bytes of `files`: the same build gives the same version, any change a new one."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + (site_dir / path).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def worker_script(version: str, lists: dict[str, list[str]], body: str) -> str:
    data = json.dumps(lists, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f'"use strict";\nconst VERSION = "{version}";\nconst FILES = {data};\n{body}'


def manifest(settings: Settings, locale: str) -> dict[str, object]:
    """The web app manifest of one language, read from that language's folder: its name, start at its quick help."""
    language = settings.language(locale)
    up = "../" * language_folders(settings)[locale].count("/")
    return {
        "id": "./",
        "name": language.site_name,
        "short_name": language.label("app_short_name"),
        "lang": locale,
        "dir": "ltr",
        "start_url": "quick-help/",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": "#ffffff",
        "icons": [{"src": up + src, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"} for size, src in ICONS],
    }


def write_offline(site_dir: Path, settings: Settings) -> None:
    """Writes `sw.js` and each language's `manifest.webmanifest` into the built site."""
    folders = language_folders(settings)
    for locale, folder in folders.items():
        text = json.dumps(manifest(settings, locale), ensure_ascii=False, indent=1) + "\n"
        (site_dir / folder / MANIFEST).write_text(text, encoding="utf-8")
    # Not the PDFs: kept once opened, not up front, and still being written while the site is finished.
    files = sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.is_file() and p.relative_to(site_dir).parts[0] != DOWNLOADS
    )
    lists = precache_lists(files, folders)
    precached = sorted({_file(address) for addresses in lists.values() for address in addresses})
    version = cache_version(site_dir, precached)
    script = worker_script(version, lists, WORKER_BODY.read_text(encoding="utf-8"))
    (site_dir / WORKER).write_text(script, encoding="utf-8")


def _file(address: str) -> str:
    return "index.html" if address == "./" else address + "index.html" if address.endswith("/") else address
