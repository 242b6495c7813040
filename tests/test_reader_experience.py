"""What a reader under pressure gets: quick help one click from any page, on a phone and on a desktop (each
situation on one phone screen: test_quick_help_browser.py; pictures to look at: `make screenshots`)."""

from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize(
    ("deep", "expected"), [("/boundaries/#parting-ways", "/quick-help/"), ("/en/after/#evaluate-and-learn", "/en/quick-help/")]
)
def test_quick_help_is_one_click_from_a_deep_page(browser, served_site, deep, expected):
    for viewport in (PHONE, DESKTOP):
        page = browser.new_page(viewport=viewport)
        page.goto(served_site + deep)
        page.locator(".md-banner a").first.click()
        page.wait_for_url(served_site + expected)
        assert page.locator("h1").inner_text().rstrip("¶ \n") in ("Snelle hulp", "Quick help")
        # There the banner would only push the situations down: the page starts with its title and urgent links.
        assert page.locator(".md-banner").count() == 0
        assert page.locator("article a[href='#threat-of-violence']").first.is_visible()
        page.close()
