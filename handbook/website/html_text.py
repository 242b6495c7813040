"""The running text of a piece of HTML, changed without touching its markup.

The website's finishing steps change words on a served page (soft hyphens in table cells, links on phone numbers)
and must never reach into a tag, an attribute value, an entity or code. Each step names what it leaves alone; this
is the one place that walks the text between those parts.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def with_text_changed(html: str, left_alone: re.Pattern[str], change: Callable[[str], str]) -> str:
    """`html` with `change` applied to each stretch of text between the matches of `left_alone`, which stay as
    they are."""
    out: list[str] = []
    position = 0
    for part in left_alone.finditer(html):
        out.append(change(html[position : part.start()]))
        out.append(part.group())
        position = part.end()
    out.append(change(html[position:]))
    return "".join(out)
