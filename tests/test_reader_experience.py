"""What a reader under pressure gets: quick help one click from any page, each situation on one phone
screen, and screenshots of the site at phone and desktop size for a person to look at."""

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


@pytest.mark.parametrize("path", ["/quick-help/", "/en/quick-help/"])
def test_each_quick_help_situation_fits_one_phone_screen(browser, served_site, path):
    page = browser.new_page(viewport=PHONE)
    page.goto(served_site + path)
    heights = page.evaluate("""() => [...document.querySelectorAll('.md-content h2')].map(h => {
        let end = h.nextElementSibling;
        const stop = e => !e || e.tagName === 'H2' || e.classList.contains('chapter-sources');
        while (!stop(end.nextElementSibling)) end = end.nextElementSibling;
        return [h.id, end.getBoundingClientRect().bottom - h.getBoundingClientRect().top];
    })""")
    page.close()
    assert len(heights) == 5
    for section, height in heights:
        assert height <= PHONE["height"] - 48, (section, height)  # the header stays on screen


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
