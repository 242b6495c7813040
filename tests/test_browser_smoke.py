"""A reader's first steps in a real browser: the Dutch home page, then the switch to English."""


def test_dutch_home_switches_to_english(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "Lastige klanten" in page.locator("h1").inner_text()
    page.locator(".md-header .md-select").first.hover()
    page.locator("a[hreflang='en']").first.click()
    page.wait_for_url("**/en/**")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Difficult customers" in page.locator("h1").inner_text()
    page.close()
