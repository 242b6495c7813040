"""Words for one medium: a passage about the website (`{ .screen-only }`) stays off paper, and the words the printed
book has in its place (`{ .print-only }`) stay off the website and out of its search. The about page holds both
kinds in each language; the rest of the page shows in both media."""

from __future__ import annotations

import html
import json
import re
import subprocess

import pytest
from conftest import require_tool

LANGS = ("nl", "en")
ABOUT = {"nl": "/about/", "en": "/en/about/"}
PHONE = {"width": 390, "height": 844}


def flat(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def marked(built_site, lang: str) -> dict[str, list[str]]:
    """The text of each paragraph of the built about page marked for one medium, by its mark."""
    page = (built_site / ABOUT[lang].strip("/") / "index.html").read_text(encoding="utf-8")
    found = {
        kind: [flat(body) for body in re.findall(rf'<p class="{kind}"[^>]*>(.*?)</p>', page, re.DOTALL)]
        for kind in ("screen-only", "print-only")
    }
    assert all(found.values()), found  # the page still marks both kinds: otherwise nothing below is tested
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_handbook_has_the_print_words_and_not_the_screen_words(built_site, lang):
    pdf = built_site / "downloads" / f"handbook-{lang}.pdf"
    text = " ".join(
        subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    text = text.replace("- ", "-").replace("\u00ad", "")  # a word hyphenated at a line's end
    words = marked(built_site, lang)
    assert [sentence for sentence in words["print-only"] if sentence not in text] == []
    # A screen-only passage leaves no trace: not even its closing words.
    assert [sentence for sentence in words["screen-only"] if " ".join(sentence.split()[-5:]) in text] == []
    # The paragraph between the two kinds, for both media, is printed.
    assert {"nl": "De zinnen voor de klant staan in de u-vorm.", "en": "The lines you say to a customer are polite"}[lang] in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_website_shows_the_screen_words_and_searches_them_only(browser, built_site, served_site, lang):
    words = marked(built_site, lang)
    folder = built_site / ("en" if lang == "en" else "")
    index = " ".join(
        doc["text"] for doc in json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    )
    index = flat(index)
    assert [sentence for sentence in words["print-only"] if sentence in index] == []
    assert [sentence for sentence in words["screen-only"] if sentence not in index] == []
    page = browser.new_page(viewport=PHONE)
    try:
        page.goto(served_site + ABOUT[lang])
        shown = page.evaluate(
            """() => [...document.querySelectorAll('.md-content p')]
                .filter(p => p.getBoundingClientRect().height > 0).map(p => p.textContent.replace(/\\s+/g, ' ').trim())"""
        )
    finally:
        page.close()
    assert all(sentence in shown for sentence in words["screen-only"]), shown
    assert not any(sentence in shown for sentence in words["print-only"]), shown
    assert len(shown) > len(words["screen-only"]) + 3  # the rest of the page is there too
