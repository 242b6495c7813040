"""The numbered route of the conversation and the escalation ladder: each step leads to the section that
explains it, in both languages, and both languages have the same steps."""

from __future__ import annotations

import re

import pytest

STEP_LINK = re.compile(r"^\[[^\]]+\]\((?P<page>[\w-]+\.md)?#(?P<id>[\w-]+)\)")
LISTS = [("conversation", "route"), ("boundaries", "escalation-ladder"), ("mindset", "relationship-decision")]


@pytest.mark.parametrize(("slug", "section"), LISTS)
def test_every_step_starts_with_a_link_to_an_existing_section(real_handbook, slug, section):
    counts = {}
    for lang in real_handbook.settings.locales:
        steps = real_handbook.page(slug, lang).scan.ordered_list(section)
        assert steps is not None and len(steps.items) >= 5, (slug, section, lang)
        counts[lang] = len(steps.items)
        for item in steps.items:
            link = STEP_LINK.match(item.text)
            assert link, f"{slug}.{lang}.md:{item.line}: step does not start with a link: {item.text}"
            target = (link.group("page") or f"{slug}.md").removesuffix(".md")
            assert link.group("id") in real_handbook.page(target, lang).scan.section_ids, (lang, item.text)
    assert len(set(counts.values())) == 1, counts


def test_the_route_is_followed_by_its_sections_in_the_same_order(real_handbook):
    for lang in real_handbook.settings.locales:
        page = real_handbook.page("conversation", lang)
        on_page = [STEP_LINK.match(item.text).group("id") for item in page.scan.ordered_list("route").items]
        on_page = [anchor for anchor in on_page if anchor in page.scan.section_ids]
        order = [section for section in page.scan.section_ids if section in on_page]
        assert order == on_page, lang


def test_route_links_land_on_their_sections_in_the_browser(browser, served_site, real_handbook):
    page = browser.new_page()
    for prefix in ("", "/en"):
        base = f"{served_site}{prefix}/conversation/"
        page.goto(base)
        hrefs = page.locator("#route ~ ol").first.locator("li > a:first-child").evaluate_all("as => as.map(a => a.href)")
        assert len(hrefs) == len(real_handbook.page("conversation", "en").scan.ordered_list("route").items)
        for href in hrefs:
            page.goto(href)
            target = "#" + href.split("#", 1)[1]
            assert page.locator(target).first.is_visible(), href
    page.close()
