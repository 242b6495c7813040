"""What a reader under pressure gets: quick help one click from any page, and screenshots of the site at phone
and desktop size for a person to look at (each situation on one phone screen: test_quick_help_browser.py)."""

from __future__ import annotations

import pytest
from conftest import ROOT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = ROOT / "build" / "test-artifacts"


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
        page.close()


def test_screenshots_at_phone_and_desktop_size(browser, served_site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = []
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        for path, label in (("/", "home-nl"), ("/en/quick-help/", "quick-help-en"), ("/en/conversation/", "conversation-en")):
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport=viewport, color_scheme=scheme)
                page.goto(served_site + path)
                target = ARTIFACTS / f"{label}-{name}-{scheme}.png"
                page.screenshot(path=str(target))
                shots.append(target)
                page.close()
    assert all(shot.stat().st_size > 10_000 for shot in shots)
