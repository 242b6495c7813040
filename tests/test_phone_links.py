"""Phone numbers on the website: each one in running text calls it when tapped, and a phone never breaks it over
two lines. The served page carries the links; the search index and the print edition keep the number as typed."""

from __future__ import annotations

import re

from conftest import ROOT  # noqa: F401  # conftest puts the project on the path for the handbook imports

from handbook.website.phone_links import with_phone_links

PHONE = {"width": 390, "height": 844}

# Every phone link on the page: its text, where it leads and how many lines it takes.
PHONE_LINKS = """() => [...document.querySelectorAll('.md-content a[href^="tel:"]')].map(link => ({
    text: link.textContent, href: link.getAttribute('href'), lines: link.getClientRects().length,
    visible: link.getBoundingClientRect().width > 0, wraps: getComputedStyle(link).whiteSpace !== 'nowrap',
}))"""


def test_a_number_in_running_text_becomes_a_link_and_nothing_else_changes():
    page = (
        "<html><head><title>Politie 0900-8844</title></head><body>"
        "<p>Politie: 0900-8844, of Veilig Thuis (0800-2000).</p>"
        '<p title="0900-8844">Al gelinkt: <a href="tel:09008844">0900-8844</a>; code: <code>0900-8844</code>.</p>'
        "<p>Art. 6:236 BW, 2025-2026, 20-30%, ISBN 978-0900-8844 &amp; 10-0900-8844.</p></body></html>"
    )
    linked = with_phone_links(page)
    assert linked.count('href="tel:09008844"') == 2  # the one in the first paragraph, and the author's own
    assert '<a class="phone" href="tel:08002000">0800-2000</a>' in linked
    assert 'title="0900-8844"' in linked and "<code>0900-8844</code>" in linked
    assert "<title>Politie 0900-8844</title>" in linked
    # Nothing but the numbers changed: with the new links taken out again, the page is as it was.
    assert re.sub(r'<a class="phone" href="tel:\d+">([^<]*)</a>', r"\1", linked) == page


def test_every_phone_number_is_a_link_on_one_line_on_a_phone(browser, built_site, served_site):
    # The pages that name a helpline in running text, the Dutch police number among them, in both languages.
    pages = ["/boundaries/", "/en/boundaries/", "/safety/", "/en/safety/", "/quick-help/", "/en/quick-help/"]
    typed = {
        page: re.findall(r"\b0\d{2,3}-\d{4,7}\b", (built_site / page.strip("/") / "index.html").read_text(encoding="utf-8"))
        for page in pages
    }
    phone = browser.new_page(viewport=PHONE)
    try:
        for page in pages:
            phone.goto(served_site + page)
            assert phone.locator("h1").first.is_visible(), page
            links = phone.evaluate(PHONE_LINKS)
            shown = [link for link in links if link["visible"]]
            assert "0900-8844" in [link["text"] for link in shown], page
            for link in shown:
                assert link["href"] == "tel:" + link["text"].replace("-", ""), (page, link)
                assert link["lines"] == 1 and not link["wraps"], f"{page}: {link['text']} may break: {link}"
            # every number the page shows as text is one of its links
            assert {number for number in typed[page]} <= {link["text"] for link in links}, page
            assert phone.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], page
    finally:
        phone.close()
