"""Links in each wiki's own syntax: the forms themselves, the same forms in links.json, on the links page and
behind every heading's buttons (copied in Chromium, read back from the clipboard), and each section's place in
the handbook PDFs."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from handbook.pages.link_forms import FORMS, link_forms

URL = "https://wiki.example/en/conversation/#stay-calm"
# Each form as a pattern that captures (title, url); a form is well-formed when it matches whole.
FORM_PATTERNS = {
    "url": re.compile(r"()(\S+)"),
    "markdown": re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\(([^()\s]+)\)"),
    "html": re.compile(r'<a href="([^"<>]+)">([^<>]*)</a>'),
    "mediawiki": re.compile(r"\[(\S+) ([^\]]+)\]"),
    "confluence": re.compile(r"\[((?:[^\[\]|\\]|\\.)*)\|([^\]\s|]+)\]"),
}


def parse_form(form: str, text: str) -> tuple[str, str]:
    """(title, url) read back from a form, as the wiki would read it; fails when the form is malformed."""
    match = FORM_PATTERNS[form].fullmatch(text)
    assert match, f"{form} is not well-formed: {text!r}"
    if form == "html":
        return html.unescape(match.group(2)), html.unescape(match.group(1))
    if form == "mediawiki":
        return html.unescape(match.group(2)), match.group(1)
    title = re.sub(r"\\(.)", r"\1", match.group(1))
    return title, match.group(2)


@pytest.mark.parametrize("title", ["Stay calm", "Say [no] | or <not> & \\ wait", "Zeg ‘nee’ – of niet"])
def test_every_form_reads_back_as_the_title_and_url(title):
    forms = link_forms(title, URL)
    assert list(forms) == list(FORMS)
    for form, text in forms.items():
        read_title, read_url = parse_form(form, text)
        assert read_url == URL
        assert form == "url" or read_title == title


def test_a_url_with_a_space_or_bracket_stays_one_link():
    forms = link_forms("Title", "https://wiki.example/a b/(x)]|")
    for form, text in forms.items():
        assert parse_form(form, text)[1] == "https://wiki.example/a%20b/%28x%29%5D%7C"


@pytest.fixture(scope="module")
def links(built_site):
    return json.loads((built_site / "links.json").read_text(encoding="utf-8"))


def test_links_json_carries_every_form_in_both_languages(links):
    for entry in links["sections"]:
        assert set(entry["forms"]) == set(entry["url"]) == set(links["languages"])
        for lang, forms in entry["forms"].items():
            assert forms == link_forms(entry["title"][lang], entry["url"][lang])


def test_links_page_offers_the_same_forms_as_links_json(built_site, links):
    for lang, prefix in (("nl", ""), ("en", "en/")):
        page = (built_site / prefix / "links" / "index.html").read_text(encoding="utf-8")
        offered = [html.unescape(text) for text in re.findall(r'class="copy-form" data-copy="([^"]*)"', page)]
        expected = [text for entry in links["sections"] for form, text in entry["forms"][lang].items() if form != "url"]
        assert offered == expected


@pytest.mark.parametrize(
    ("path", "section", "title", "copied"),
    [
        ("/en/conversation/", "stay-calm", "Stay calm", "Markdown copied"),
        ("/conversation/", "stay-calm", "Blijf kalm", "Markdown gekopieerd"),
    ],
)
def test_each_form_is_copied_by_keyboard_and_leads_to_the_section(browser, served_site, links, path, section, title, copied):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site + path)
    heading = page.locator(f"h2#{section}")
    toggle = heading.locator("button.copy-forms")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-label").endswith(": " + title)
    assert heading.locator(".copy-forms-menu").is_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    menu = heading.locator(".copy-forms-menu")
    assert menu.get_attribute("role") == "group" and menu.is_visible()
    results = {}
    for form in FORMS:
        page.keyboard.press("Tab")  # the forms follow the toggle in the tab order, in the order of FORMS
        assert page.evaluate("document.activeElement.dataset.form") == form
        page.evaluate("navigator.clipboard.writeText('')")
        page.keyboard.press("Enter")
        page.wait_for_function("navigator.clipboard.readText().then(t => t !== '')")
        results[form] = page.evaluate("navigator.clipboard.readText()")
        if form == "markdown":
            assert heading.locator(".copy-link-status").inner_text() == copied
    page.keyboard.press("Escape")
    assert menu.is_hidden() and page.evaluate("document.activeElement.classList.contains('copy-forms')")
    for form, text in results.items():
        read_title, url = parse_form(form, text)
        assert form == "url" or read_title == title
        assert urlsplit(url).fragment == section
        # A preview's links.json holds addresses from the site's root; the copied link is the served address.
        assert links["preview"] and url.startswith(served_site + path)
        page.goto(url)
        assert page.locator(f"h2#{section}").inner_text().startswith(title)
    context.close()


def test_every_pdf_link_opens_a_page_with_the_section_title(built_site, links, real_handbook):
    readers = {}
    checked = 0
    for entry in links["sections"]:
        for lang, place in entry.get("pdf", {}).items():
            name, _, fragment = urlsplit(place["url"]).path.rsplit("/", 1)[-1], None, urlsplit(place["url"]).fragment
            assert fragment.startswith("nameddest=")
            if name not in readers:
                readers[name] = PdfReader(built_site / "downloads" / name)
            reader = readers[name]
            destination = reader.named_destinations[fragment.removeprefix("nameddest=")]
            number = reader.get_destination_page_number(destination) + 1
            assert number == place["page"], (entry["id"], lang)
            text = " ".join(reader.pages[number - 1].extract_text().split())
            assert " ".join(entry["title"][lang].split()) in text, (entry["id"], lang, number)
            checked += 1
    assert set(readers) == {"handbook-nl.pdf", "handbook-en.pdf"}
    web_only = {slug for slug, langs in real_handbook.pages.items() if langs["nl"].meta.get("print") is False}
    assert {"links", "translation-status"} <= web_only
    printed = [e for e in links["sections"] if e["page"] not in web_only]
    assert checked == 2 * len(printed)
