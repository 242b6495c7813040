"""A reference link whose definition leads nowhere is reported where the reader sees it, each `[text][name]`
that uses it, naming the definition's line too: the fault involves both places."""

from __future__ import annotations

import markdown
from conftest import GOOD_PAGES

from handbook.checks.rendered import BuiltSite, check_page, read_output
from handbook.markdown_scan import scan_markdown
from handbook.model import Page

SITE = BuiltSite("en", frozenset({"en/talk/", "en/probe/"}), {"en/talk/": {"stay-calm"}, "en/probe/": {"here"}}, {}, {})
TEXT = """# Probe {#here}

Read [the plan][Plan] first, then [the talk][talk] and [plan] again.

- a list item with [the plan][plan]

[plan]: ../gone/
[talk]: ../talk/#nope
"""


def test_each_use_of_a_broken_reference_names_its_definition(fixture_site):
    handbook = fixture_site(GOOD_PAGES)
    page = Page("probe", "en", "docs/probe.en.md", {}, scan_markdown(TEXT), 1)
    html = markdown.markdown(TEXT, extensions=["attr_list"])
    found = sorted(p.format() for p in check_page(handbook, page, "en/probe/", read_output(html), SITE))
    assert found == [
        "docs/probe.en.md:3:35: LINK-ANCHOR '#nope' is not a section of '/en/talk/', defined at docs/probe.en.md:8"
        " (see the `{#...}` IDs of its headings)",
        "docs/probe.en.md:3:56: LINK-PAGE link to missing page '../gone/', defined at docs/probe.en.md:7"
        " (write it as a Markdown link, `[title](gone.md)`, and create the page: `make new-page SLUG=gone …`)",
        "docs/probe.en.md:3:6: LINK-PAGE link to missing page '../gone/', defined at docs/probe.en.md:7"
        " (write it as a Markdown link, `[title](gone.md)`, and create the page: `make new-page SLUG=gone …`)",
        "docs/probe.en.md:5:20: LINK-PAGE link to missing page '../gone/', defined at docs/probe.en.md:7"
        " (write it as a Markdown link, `[title](gone.md)`, and create the page: `make new-page SLUG=gone …`)",
    ]
