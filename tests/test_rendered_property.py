"""Property: links in random forms to random existing and missing targets; every missing one is reported at its
line, no existing one is."""

from __future__ import annotations

import markdown
from conftest import GOOD_PAGES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.checks.rendered import BuiltSite, check_page, read_output
from handbook.sources.markdown_scan import scan_markdown
from handbook.sources.model import Page

EXISTING = ["../talk/", "../talk/#stay-calm", "../../images/a.png", "#here"]
MISSING = ["../gone/", "../talk/#nope", "../../images/b.png", "#not-here"]
FORMS = ("inline", "image", "reference", "html", "html-image", "srcset", "table", "task", "box")
SITE = BuiltSite(
    "en",
    frozenset({"en/talk/", "en/probe/", "images/a.png"}),
    {"en/talk/": {"stay-calm"}, "en/probe/": {"here"}},
    {},
    {},
)
EXTENSIONS = ["attr_list", "admonition", "md_in_html", "tables", "pymdownx.tasklist"]


def written(form: str, url: str, number: int) -> tuple[list[str], int]:
    """The lines of one link in `form` and the index among them of the line that names `url`."""
    if form == "inline":
        return [f"Read [this part]({url}) first."], 0
    if form == "image":
        return [f"![A chart]({url})"], 0
    if form == "reference":
        return [f"Read [this part][r{number}] first.", "", f"[r{number}]: {url}"], 0  # reported where it is used
    if form == "html":
        return [f'<p><a href="{url}">this part</a></p>'], 0
    if form == "html-image":
        return [f'<p><img src="{url}" alt="A chart"></p>'], 0
    if form == "srcset":
        return [f'<p><img src="../../images/a.png" srcset="{url} 2x" alt="A chart"></p>'], 0
    if form == "table":
        return ["| a | b |", "|---|---|", f"| one | [two]({url}) |"], 2
    if form == "task":
        return [f"- [ ] see [this]({url})"], 0
    return ['!!! tip "Tip"', "", f"    See [this]({url})."], 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(FORMS), st.booleans(), st.integers(0, 3)), min_size=1, max_size=8))
def test_missing_targets_are_reported_at_their_lines_and_existing_ones_never(fixture_site, links):
    handbook = fixture_site(GOOD_PAGES)
    lines, missing_lines = ["# Probe {#here}", ""], set()
    for number, (form, missing, which) in enumerate(links):
        url = (MISSING if missing else EXISTING)[which]
        block, at = written(form, url, number)
        if missing:
            missing_lines.add(len(lines) + at + 1)
        lines += [*block, ""]
    text = "\n".join(lines) + "\n"
    page = Page("probe", "en", "docs/probe.en.md", {}, scan_markdown(text), 1)
    html = markdown.markdown(text, extensions=EXTENSIONS)
    problems = check_page(handbook, page, "en/probe/", read_output(html), SITE)
    assert {p.line for p in problems if p.code.startswith("LINK-")} == missing_lines, (text, problems)
