"""Which of the theme's own files a built site ships.

Material copies the search stemmers of 30 languages into every site, with word splitters for Thai and Japanese
(1 MB between them). The search only ever loads the stemmers of the site's own languages, so the rest is dead
weight that every build copies and compresses, and that every deploy uploads.
"""

from __future__ import annotations

SEARCH_SCRIPTS = "assets/javascripts/lunr/"
# Loaded by the search whatever the languages (the stemmer base, and the combination of several languages).
SHARED_SEARCH_SCRIPTS = ("min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js")


def needed_search_scripts(locales: list[str]) -> set[str]:
    """The site-root-relative paths of the search scripts the site's languages load."""
    own = {f"min/lunr.{locale}.min.js" for locale in locales}
    return {SEARCH_SCRIPTS + name for name in (*SHARED_SEARCH_SCRIPTS, *own)}


def unused_theme_files(src_uris: list[str], locales: list[str]) -> list[str]:
    """The theme's search scripts no reader of these languages ever loads."""
    needed = needed_search_scripts(locales)
    return [uri for uri in src_uris if uri.startswith(SEARCH_SCRIPTS) and uri not in needed]
