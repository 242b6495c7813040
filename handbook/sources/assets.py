"""Which file a page's link to a non-page file (an image) means in each language.

mkdocs-static-i18n (suffix structure) reads `x.en.svg` as the English version of `x.svg`: an English page that
links `x.svg` gets `x.en.svg`, published as `en/x.svg`. A file without a language suffix it counts as the
default language's and leaves out of the other languages' builds; the handbook's hook puts such a file back,
at its one address, so it is shared by every language. This module states that rule once, for the link
check, the hook and the print step.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})(?P<ext>\.[^./]+)$")


@dataclass(frozen=True)
class AssetName:
    shared: str  # the name a page writes: `images/x.svg`
    lang: str | None  # the language of this version, None for a file shared by every language


def asset_name(path: str, locales: list[str]) -> AssetName:
    """`images/x.en.svg` is the English version of `images/x.svg`; `images/x.png` is shared."""
    directory, name = posixpath.split(path)
    match = LANGUAGE_SUFFIX.match(name)
    if not match or match.group("lang") not in locales:
        return AssetName(path, None)
    return AssetName(posixpath.join(directory, match.group("stem") + match.group("ext")), match.group("lang"))


def shared_assets(assets: frozenset[str], locales: list[str]) -> list[str]:
    """The files every language uses from one address."""
    return sorted(path for path in assets if asset_name(path, locales).lang is None)


def resolve_asset(assets: frozenset[str], path: str, lang: str, locales: list[str]) -> str | None:
    """The file under docs/ that a `lang` page linking `path` (docs-relative) shows, or None.

    The page's own language version comes first, then the shared file; a version of another language is
    never published in this language.
    """
    name = asset_name(path, locales)
    if name.lang is not None:
        return path if name.lang == lang and path in assets else None
    stem, ext = posixpath.splitext(path)
    own = f"{stem}.{lang}{ext}"
    if own in assets:
        return own
    return path if path in assets else None


def language_versions(assets: frozenset[str], path: str, locales: list[str]) -> dict[str, str]:
    """The per-language versions of the file a page writes as `path`: {lang: file}."""
    shared = asset_name(path, locales).shared
    found: dict[str, str] = {}
    for candidate in assets:
        name = asset_name(candidate, locales)
        if name.lang and name.shared == shared:
            found[name.lang] = candidate
    return found


def asset_url(assets: frozenset[str], path: str, lang: str, locales: list[str], default_locale: str) -> str | None:
    """The site-root-relative address of the file a `lang` page linking `path` (docs-relative) shows, or None:
    a shared file at its one address, a language's own version under that language's folder."""
    found = resolve_asset(assets, path, lang, locales)
    if found is None:
        return None
    name = asset_name(found, locales)
    if name.lang is None or name.lang == default_locale:
        return name.shared
    return f"{name.lang}/{name.shared}"
