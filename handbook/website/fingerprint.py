"""Content-hashed names for the handbook's own stylesheets, scripts and web fonts (`handbook.3f2a9c1e.css`).

The theme's assets carry a hash in their names, so a browser may keep them for a year without asking again; ours
kept their plain names and were revalidated on every visit. After the pages and fonts are written, each of our
files a page loads (and each file such a stylesheet loads, the font faces) is renamed after the first 8 hex digits
of its content's SHA-256, and every reference to it rewritten. A changed file gets a new name; the same build
gives the same names. The theme's own files (hash already in the name, or loaded by name from its scripts,
such as the search's language scripts) are left alone.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

HASHED = re.compile(r"\.[0-9a-f]{8}(\.min)?\.[a-z0-9]+$")
SUFFIXES = (".css", ".js", ".woff2")
ASSETS = "assets/"
# A page's stylesheets and scripts, and what a stylesheet loads (`url("face.woff2")`); the value in group 2. Only
# values that end in one of SUFFIXES: every page links every other one in its navigation, and resolving each of
# those links (about 400,000 in a handbook 20x this one's size) cost more than the rest of the renaming.
PAGE_REFERENCE = re.compile(r'(\b(?:href|src)=")([^"#?:]+(?:' + "|".join(map(re.escape, SUFFIXES)) + r'))(")')
CSS_REFERENCE = re.compile(r'(\burl\(")([^"#?:]+)("\))')


def hashed_name(path: str, data: bytes) -> str:
    """`assets/handbook.css` with content `data` -> `assets/handbook.<8 hex digits>.css`."""
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}{dot}{suffix}"


def _target(referrer: str, value: str, root: str) -> str:
    """The site-root-relative path a reference in the file at `referrer` points to. The 404 pages, served at any
    depth, use absolute paths below `root` (the path of the site's URL, `/` or `/handbook/`)."""
    if value.startswith("/"):
        return value.removeprefix(root) if value.startswith(root) else value
    return posixpath.normpath(posixpath.join(posixpath.dirname(referrer), value))


def _ours(path: str, site_dir: Path) -> bool:
    return path.startswith(ASSETS) and path.endswith(SUFFIXES) and not HASHED.search(path) and (site_dir / path).is_file()


def _rewrite(text: str, referrer: str, pattern: re.Pattern[str], names: dict[str, str], root: str) -> str:
    def renamed(match: re.Match[str]) -> str:
        value = match.group(2)
        new = names.get(_target(referrer, value, root))
        if new is None:
            return match.group(0)
        address = root + new if value.startswith("/") else posixpath.relpath(new, posixpath.dirname(referrer) or ".")
        return match.group(1) + address + match.group(3)

    return pattern.sub(renamed, text)


def fingerprint_assets(site_dir: Path, root: str = "/") -> dict[str, str]:
    """Renames our assets the pages load to hashed names and rewrites the pages; returns {old path: new path}.
    `root` is the path of the site's URL, which absolute references start with."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    texts = {page: (site_dir / page).read_text(encoding="utf-8") for page in pages}
    loaded = sorted(
        {
            target
            for page, text in texts.items()
            for match in PAGE_REFERENCE.finditer(text)
            if _ours(target := _target(page, match.group(2), root), site_dir)
        }
    )
    names: dict[str, str] = {}
    # What the stylesheets load first, so that a stylesheet's hash covers the new names inside it.
    for css in (path for path in loaded if path.endswith(".css")):
        text = (site_dir / css).read_text(encoding="utf-8")
        for match in CSS_REFERENCE.finditer(text):
            target = _target(css, match.group(2), root)
            if target not in names and _ours(target, site_dir):
                names[target] = _renamed(site_dir, target)
        (site_dir / css).write_text(_rewrite(text, css, CSS_REFERENCE, names, root), encoding="utf-8")
    for path in (path for path in loaded if path not in names):  # a preloaded face is renamed already
        names[path] = _renamed(site_dir, path)
    for page, text in texts.items():
        rewritten = _rewrite(text, page, PAGE_REFERENCE, names, root)
        if rewritten != text:
            (site_dir / page).write_text(rewritten, encoding="utf-8")
    return names


def _renamed(site_dir: Path, path: str) -> str:
    data = (site_dir / path).read_bytes()
    new = hashed_name(path, data)
    (site_dir / path).rename(site_dir / new)
    return new
