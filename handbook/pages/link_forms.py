"""A section's link written the way each kind of wiki wants it pasted, so a wiki editor never rewrites one by hand.

The copy buttons beside each heading, the "links for your wiki" page and `links.json` all take their text from
`link_forms`, so the three always offer exactly the same links.
"""

from __future__ import annotations

import json
from html import escape
from typing import NotRequired, TypedDict
from urllib.parse import quote

# The forms in the order a reader is offered them; the key is also the UI label's suffix (`form_markdown`, ...).
FORMS = ("url", "markdown", "html", "mediawiki", "confluence")
JSON_ID = "handbook-link-forms"


class PdfPlace(TypedDict):
    """Where a section is printed in one language's handbook PDF."""

    page: int
    url: str  # opens the PDF at the section's named destination


class IndexEntry(TypedDict):
    """One section of the link index (`links.json`, the wiki links page, the copy buttons); per-language fields by locale."""

    id: str
    page: str
    title: dict[str, str]
    url: dict[str, str]
    forms: dict[str, dict[str, str]]  # locale -> form (`FORMS`) -> the link in that form
    pdf: NotRequired[dict[str, PdfPlace]]  # only in the languages whose handbook PDF prints the section


def _safe_url(url: str) -> str:
    """The URL with the characters that would end a wiki link (spaces, brackets, pipes) percent-encoded."""
    return quote(url, safe=":/#?&=%~+@!$',;*-._")


def link_forms(title: str, url: str) -> dict[str, str]:
    """`title` linked to `url` in every form: plain, Markdown, HTML, MediaWiki and Confluence wiki markup."""
    url = _safe_url(url)
    markdown_title = "".join(f"\\{c}" if c in "\\[]" else c for c in title)
    confluence_title = "".join(f"\\{c}" if c in "\\[]|" else c for c in title)
    return {
        "url": url,
        "markdown": f"[{markdown_title}]({url})",
        "html": f'<a href="{escape(url, quote=True)}">{escape(title, quote=False)}</a>',
        "mediawiki": f"[{url} {title.replace(']', '&#93;')}]",
        "confluence": f"[{confluence_title}|{url}]",
    }


def page_forms(index: list[IndexEntry], slug: str, lang: str) -> dict[str, dict[str, str]]:
    """Each section of page `slug` in the link index that exists in `lang`, by section ID: its link in every form."""
    return {entry["id"]: entry["forms"][lang] for entry in index if entry["page"] == slug and lang in entry["forms"]}


def forms_script(forms: dict[str, dict[str, str]]) -> str:
    """A page's forms as a JSON data block for its script: never run, so the Content-Security-Policy needs no hash."""
    text = json.dumps(forms, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{JSON_ID}">{text}</script>'


def with_forms_script(html: str, forms: dict[str, dict[str, str]]) -> str:
    """The page with its sections' forms at the end of its head, read before its scripts run; a page without
    sections is left as it is."""
    end = html.find("</head>")
    if not forms or end == -1:
        return html
    return html[:end] + forms_script(forms) + html[end:]
