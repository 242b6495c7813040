"""A reference link whose definition leads nowhere is reported where the reader sees it, each `[text][name]`
that uses it, naming the definition's line too: the fault involves both places."""

from __future__ import annotations

import dataclasses

import markdown
from conftest import GOOD_PAGES

from handbook.checks.rendered import BuiltSite, check_page, read_output
from handbook.sources.markdown_scan import scan_markdown
from handbook.sources.model import Page

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


def test_a_raw_html_link_from_a_printed_page_to_a_web_only_page_is_reported_as_the_markdown_one_is(fixture_site):
    """The print step would stop at it; `make check` reads the rendered page, so it says so first."""
    handbook = fixture_site(GOOD_PAGES)
    text = '# Probe {#here}\n\nCopy a link from <a href="../links/">the links page</a>.\n'
    page = Page("probe", "en", "docs/probe.en.md", {}, scan_markdown(text), 1)
    html = read_output(markdown.markdown(text, extensions=["attr_list"]))
    paths = {"en/links/": "docs/links.en.md"}
    printed = BuiltSite("en", frozenset({"en/links/", "en/probe/"}), {"en/links/": {"links"}, "en/probe/": {"here"}}, paths, {})
    web_only = dataclasses.replace(printed, web_only=frozenset({"en/links/"}))
    assert check_page(handbook, page, "en/probe/", html, printed) == []
    column = text.split("\n")[2].index("../links/") + 1  # where the address is written
    assert [p.format() for p in check_page(handbook, page, "en/probe/", html, web_only)] == [
        f"docs/probe.en.md:3:{column}: PRINT-LINK link to docs/links.en.md, a web-only page (`print: false`) that the handbook "
        "PDF leaves out (link its address on the website (an absolute URL), or print that page)"
    ]
    not_printed = Page("probe", "en", "docs/probe.en.md", {"print": False}, scan_markdown(text), 1)
    assert check_page(handbook, not_printed, "en/probe/", html, web_only) == []
