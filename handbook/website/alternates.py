"""Language alternates for search engines in the sitemap, not in each page's <head>.

Material's language script fetches `sitemap.xml` beside the address of every `<link rel="alternate">` in a
page's head. It expects those links to name language roots; mkdocs-static-i18n makes them name the same page in
each language, so every page asked for `<page>/sitemap.xml` and logged a 404 (and absolute links, which search
engines need, would send it to the public host from any other one). The sitemap already lists each page's
alternates with absolute addresses, a form search engines read as well: the head links go, the sitemap gains
the `x-default` entry that points readers of other languages at the default one.
"""

from __future__ import annotations

import re

HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SITEMAP_ALTERNATE = '<xhtml:link rel="alternate" hreflang="{lang}" href="{href}"/>'


def without_head_alternates(html: str) -> str:
    """The page without the language alternates Material writes into its head (the language menu stays)."""
    head_end = html.find("</head>")
    if head_end == -1:
        return html
    return HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:]


def with_x_default(sitemap: str, default_locale: str) -> str:
    """The sitemap with an `x-default` alternate beside each page's default-language one."""
    default = re.compile(
        r'(?P<indent>[ \t]*)<xhtml:link rel="alternate" hreflang="' + re.escape(default_locale) + r'" href="(?P<href>[^"]*)"/>\n'
    )

    def add(match: re.Match[str]) -> str:
        extra = SITEMAP_ALTERNATE.format(lang="x-default", href=match.group("href"))
        return match.group(0) + match.group("indent") + extra + "\n"

    return default.sub(add, sitemap)
