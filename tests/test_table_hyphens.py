"""Tables on a phone: a word longer than its column is split where it may be, with a hyphen, on every page with a
table, and the page still fits the screen. The served page carries the soft hyphens; nothing else changes."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT  # noqa: F401  # conftest puts the project on the path for the handbook imports

from handbook.website.table_hyphens import SOFT_HYPHEN, with_table_hyphens

PHONE = {"width": 390, "height": 844}

# Every pair of neighbouring characters in a table cell's text whose second one starts a new line: what the line
# ends with, what the next begins with, and the word around it.
LINE_BREAKS = """() => {
    const breaks = [];
    const cells = document.querySelectorAll('.md-typeset__table table:not([class]) :is(td, th)');
    for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent;
            const range = document.createRange();
            let previous = null;
            for (let i = 0; i < text.length; i++) {
                range.setStart(node, i); range.setEnd(node, i + 1);
                const rects = range.getClientRects();
                if (!rects.length) continue;
                // Chromium gives the soft hyphen a line breaks at (and the letter after it) a box at the end of
                // the line and one at the start of the next: the last box is where the character is read
                const top = rects[rects.length - 1].top;
                if (previous && top > previous.top + 2 && !/\\s/.test(text[i]) && !/\\s/.test(previous.char)) {
                    const around = text.slice(previous.at, i + 1);
                    breaks.push({end: around.includes('\\u00ad') ? '\\u00ad' : previous.char, start: text[i],
                                 word: text.slice(Math.max(0, i - 12), i + 12)});
                }
                previous = {top, char: text[i], at: i};
            }
        }
    }
    return {breaks, cells: cells.length, width: document.scrollingElement.scrollWidth};
}"""


def pages_with_tables(site) -> list[str]:
    return sorted(
        "/" + str(path.parent.relative_to(site)).replace(".", "").strip("/") + "/"
        for path in site.rglob("index.html")
        if re.search(r"<table>", path.read_text(encoding="utf-8"))
    )


def test_every_table_word_split_on_a_phone_ends_its_line_with_a_hyphen(browser, built_site, served_site):
    pages = [p.replace("//", "/") for p in pages_with_tables(built_site)]
    assert "/safety/" in pages and "/en/safety/" in pages, pages
    phone = browser.new_page(viewport=PHONE)
    split_words = 0
    try:
        for address in pages:
            phone.goto(served_site + address)
            assert phone.locator("h1").first.is_visible(), address
            found = phone.evaluate(LINE_BREAKS)
            assert found["cells"] > 0, address
            assert found["width"] <= PHONE["width"], f"{address} scrolls sideways: {found['width']} px"
            bad = [b for b in found["breaks"] if b["end"] not in (SOFT_HYPHEN, "-", "–", "/")]
            assert not bad, f"{address}: words split without a hyphen: {bad}"
            split_words += sum(b["end"] == SOFT_HYPHEN for b in found["breaks"])
    finally:
        phone.close()
    # the Dutch kinds of threat alone split "Geschillencommissie" and "Belastingdienst" at this width
    assert split_words >= 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_only_long_words_in_table_cells_get_soft_hyphens(lang):
    word = {"nl": "Geschillencommissie", "en": "responsibilities"}[lang]
    page = (
        f'<p>{word}</p><table><tr><th>{word}</th><td>“{word}.” <a href="#{word}">{word}</a> <code>{word}</code>'
        f' &amp; kort</td></tr></table><table class="link-index"><tr><td>{word}</td></tr></table>'
    )
    served = with_table_hyphens(page, lang)
    assert served.replace(SOFT_HYPHEN, "") == page
    marked = re.findall(rf"[\w{SOFT_HYPHEN}]*{SOFT_HYPHEN}[\w{SOFT_HYPHEN}]*", served)
    # the heading cell, the quoted word and the link's text: never the paragraph, an address, code or a class table
    assert len(marked) == 3, served
    # three letters at least before the first hyphen and after the last, as in print
    assert all(len(m.split(SOFT_HYPHEN)[0]) >= 3 and len(m.split(SOFT_HYPHEN)[-1]) >= 3 for m in marked), marked
    assert f'href="#{word}"' in served and f"<code>{word}</code>" in served and f"<p>{word}</p>" in served
