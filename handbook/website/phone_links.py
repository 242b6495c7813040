"""Dutch phone numbers on the website as links that call them, kept on one line.

The handbook names helplines where a reader may need them at once: the police's 0900-8844 beside "threat of
violence", Veilig Thuis, Slachtofferhulp. On a phone a number in running text is tapped to call it, and a number
broken after its hyphen ("0900-" at the end of one line, "8844" on the next) is misread under stress. Authors type
the number as it is written; this step makes each one a `tel:` link that the stylesheet keeps whole. Only the
page that is served changes: the search index and the print edition read the page before this step, and a number
the author already linked keeps its link.
"""

from __future__ import annotations

import re

from handbook.website.html_text import with_text_changed

# A Dutch number written with the hyphen after its area or service code: 0900-8844, 0800-0113, 088-7867372.
_NUMBER = re.compile(r"(?<![\w-])(0\d{2,3})-(\d{4,7})(?![\w-])")
# The parts of a page in which a number is not running text: tags (and so attribute values), entities, code,
# scripts and styles, and the text of a link already there.
_SKIPPED = re.compile(
    r"(<a\b.*?</a>|<(code|pre|script|style|textarea)\b.*?</\2>|<[^>]+>|&[#\w]+;)",
    re.DOTALL | re.IGNORECASE,
)


def with_phone_links(html: str) -> str:
    """The page with each phone number of its running text linked to `tel:` (never inside a tag, an entity, code
    or a link)."""

    def linked(text: str) -> str:
        return _NUMBER.sub(lambda number: f'<a class="phone" href="tel:{number[1]}{number[2]}">{number[0]}</a>', text)

    body = max(html.find("<body"), 0)  # the head's text (the page's title) is no place for a link
    return html[:body] + with_text_changed(html[body:], _SKIPPED, linked)
