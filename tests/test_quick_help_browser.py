"""Quick help is read mid-call on a phone: each situation must fit one 390 x 844 screen, the jump list at the top
must reach every situation in one tap, and the words to end an abusive call must be on the page itself.

The real docs/ are built once (conftest's `built_site`) and served; Debian's Chromium looks at them."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from conftest import ROOT
from mkdocs.config import load_config

from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs

PHONE = {"width": 390, "height": 844}
PAGES = {"nl": "/quick-help/", "en": "/en/quick-help/"}

# Each situation: its heading, the top of its steps and words, and the bottom of everything up to the next
# situation (steps, caveat line, phrase box, read-more link). The chapter's source line closes the last one.
SITUATIONS = """() => [...document.querySelectorAll('.md-content article h2[id]')].map(h => {
    const parts = [];
    for (let e = h.nextElementSibling; e && e.tagName !== 'H2' && !e.classList.contains('chapter-sources');
         e = e.nextElementSibling) parts.push(e);
    const last = parts[parts.length - 1];
    return {
        id: h.id,
        top: h.getBoundingClientRect().top,
        bottom: last ? last.getBoundingClientRect().bottom : h.getBoundingClientRect().bottom,
        steps: parts.filter(e => e.tagName === 'OL').map(e => e.children.length),
        boxes: parts.filter(e => e.classList.contains('phrases')).length,
        text: parts.map(e => e.innerText).join('\\n'),
    };
})"""
HEADER_BOTTOM = "() => document.querySelector('.md-header').getBoundingClientRect().bottom"


@pytest.fixture(scope="module")
def model():
    return load_handbook(settings_from_mkdocs(load_config(str(ROOT / "mkdocs.yml"))))


@pytest.fixture
def phone(browser):
    page = browser.new_page(viewport=PHONE)
    yield page
    page.close()


def situations(page) -> list[dict]:
    return page.evaluate(SITUATIONS)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_situation_shows_its_steps_and_words_on_one_phone_screen(phone, served_site, model, lang):
    phone.goto(served_site + PAGES[lang])
    found = situations(phone)
    expected = [h.id for h in model.page("quick-help", lang).scan.headings if h.level == 2]
    assert [s["id"] for s in found] == expected
    for situation in found:
        phone.goto(f"{served_site}{PAGES[lang]}#{situation['id']}")
        phone.wait_for_timeout(150)
        shown = next(s for s in situations(phone) if s["id"] == situation["id"])
        header = phone.evaluate(HEADER_BOTTOM)
        assert shown["steps"] == [3] and shown["boxes"] >= 1, shown["id"]
        assert shown["top"] >= header - 1, (shown["id"], "heading hidden under the header", shown["top"])
        assert shown["bottom"] <= PHONE["height"], (shown["id"], "runs off the screen", shown["bottom"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_jump_list_reaches_every_situation_in_one_tap(phone, served_site, lang):
    phone.goto(served_site + PAGES[lang])
    ids = [s["id"] for s in situations(phone)]
    # The jump list: every link above the first situation (grouped under short labels), in page order.
    targets = phone.evaluate(
        """first => [...document.querySelectorAll('.md-content article a[href^="#"]')]
            .filter(a => a.closest('ul') && (a.compareDocumentPosition(document.querySelector('h2#' + first)) & 4))
            .map(a => a.getAttribute('href').slice(1))""",
        ids[0],
    )
    assert targets == ids
    for target in ids:
        phone.evaluate("window.scrollTo(0, 0)")
        phone.locator(f".md-content article ul a[href='#{target}']").first.click()
        phone.wait_for_timeout(150)
        top = phone.locator(f"h2#{target}").evaluate("h => h.getBoundingClientRect().top")
        assert phone.evaluate(HEADER_BOTTOM) - 1 <= top < PHONE["height"] / 2, (target, top)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_most_common_situations_are_tappable_on_the_first_screen(phone, served_site, lang):
    phone.goto(served_site + PAGES[lang])
    ids = {s["id"] for s in situations(phone)}
    buttons = phone.evaluate(
        """() => [...document.querySelectorAll('.md-content .common-situations:not(.situation-groups) a')].map(a => {
            const box = a.getBoundingClientRect();
            return {target: a.getAttribute('href').slice(1), top: box.top, bottom: box.bottom,
                    height: box.height, lines: a.getClientRects().length};
        })"""
    )
    assert len(buttons) >= 5, buttons
    for button in buttons:
        assert button["target"] in ids, button
        # On the first screen, one line each (no label broken over two lines), at least 24 px to tap (WCAG 2.5.8).
        assert button["bottom"] <= PHONE["height"] and button["lines"] == 1 and button["height"] >= 24, button
    # The full list below the rows still starts on the same screen.
    first_group_top = phone.evaluate("() => document.querySelector('.md-content article p[id] + ul').getBoundingClientRect().top")
    assert first_group_top < PHONE["height"], first_group_top
    phone.locator(".md-content .common-situations a").first.click()
    phone.wait_for_timeout(150)
    target = buttons[0]["target"]
    top = phone.locator(f"h2#{target}").evaluate("h => h.getBoundingClientRect().top")
    assert phone.evaluate(HEADER_BOTTOM) - 1 <= top < PHONE["height"] / 2, (target, top)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_words_to_end_the_call_stand_under_the_abusive_situation(phone, served_site, model, lang):
    phone.goto(served_site + PAGES[lang])
    abusive = next(s for s in situations(phone) if s["id"] == "crossing-a-line")
    # The end-call card opens with the sentence that stops the call ("Ik stop dit gesprek nu."); the two cards
    # differ line for line, so that sentence, not a whole line, must stand under the situation.
    stop_words = re.split(r"(?<=[.?!])\s+", model.card("end-call").phrases[0][lang])[0]
    assert stop_words in abusive["text"], (stop_words, abusive["text"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_group_of_the_list_is_one_tap_from_the_first_screen_and_shows_whole(phone, served_site, lang):
    """Two taps reach any situation without scrolling: the group's button on the first screen, then its line."""
    phone.goto(served_site + PAGES[lang])
    groups = phone.evaluate(
        """() => [...document.querySelectorAll('.md-content .situation-groups a')].map(a => ({
            target: a.getAttribute('href').slice(1), bottom: a.getBoundingClientRect().bottom}))"""
    )
    labels = phone.evaluate(
        """() => [...document.querySelectorAll('.md-content article p[id]')]
            .filter(p => p.nextElementSibling && p.nextElementSibling.tagName === 'UL').map(p => p.id)"""
    )
    assert [g["target"] for g in groups] == labels and len(labels) >= 4, (groups, labels)
    for group in groups:
        assert group["bottom"] <= PHONE["height"], group
        phone.evaluate("window.scrollTo(0, 0)")
        phone.locator(f".md-content .situation-groups a[href='#{group['target']}']").click()
        phone.wait_for_timeout(150)
        shown = phone.evaluate(
            """id => { const p = document.getElementById(id), links = [...p.nextElementSibling.querySelectorAll('a')];
                return {top: p.getBoundingClientRect().top, count: links.length,
                        bottom: Math.max(...links.map(a => a.getBoundingClientRect().bottom))}; }""",
            group["target"],
        )
        assert shown["count"] >= 3, shown
        # Its label below the header, every situation of the group on the screen, each line still a finger's height.
        assert phone.evaluate(HEADER_BOTTOM) - 1 <= shown["top"] and shown["bottom"] <= PHONE["height"], (group, shown)
    rows = phone.evaluate(
        """() => [...document.querySelectorAll('.md-content article p[id] + ul > li')].map(li => {
            const row = li.getBoundingClientRect(), link = li.querySelector('a').getBoundingClientRect();
            return {top: row.top, width: row.width, link_width: link.width, link_height: link.height}; })"""
    )
    assert len(rows) >= 30
    tops = [row["top"] for row in rows[:5]]
    assert min(b - a for a, b in itertools.pairwise(tops)) >= 24, tops
    # The whole row is the link, not only its words: a finger that lands beside a short label still hits it.
    assert [row for row in rows if row["link_height"] < 24 or row["link_width"] < row["width"] - 1] == []


OTHER = {"nl": "en", "en": "nl"}
CHAPTER = {"nl": "/conversation/", "en": "/en/conversation/"}
BOX_LINES = """id => [...document.querySelectorAll(`#phrases-${id} li`)].map(li => ({
    own: li.firstChild.textContent,
    shown: [...li.querySelectorAll('.phrase-alongside')].filter(s => s.getClientRects().length)
        .map(s => ({lang: s.lang, text: s.textContent})),
}))"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_reader_can_show_every_phrase_in_the_other_language_and_the_choice_holds_on_other_pages(
    browser, served_site, model, lang
):
    """A customer who speaks the handbook's other language: one switch at the top of quick help puts each phrase's
    wording in that language under it, in every box, also on the chapter pages, until it is switched off."""
    context = browser.new_context(viewport=PHONE)  # its own storage: the choice of no other test
    page = context.new_page()
    page.goto(served_site + PAGES[lang])
    card = model.card("calm")
    own = [phrase[lang] for phrase in card.phrases]
    other = OTHER[lang]
    assert page.evaluate(BOX_LINES, "calm") == [{"own": text, "shown": []} for text in own]
    switch = page.locator(".phrases-alongside-switch button")
    assert switch.count() == 1 and switch.get_attribute("aria-pressed") == "false"
    assert switch.bounding_box()["y"] + switch.bounding_box()["height"] <= PHONE["height"]  # on the first screen
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    both = [{"own": phrase[lang], "shown": [{"lang": other, "text": phrase[other]}]} for phrase in card.phrases]
    assert page.evaluate(BOX_LINES, "calm") == both
    # Every box of the page, each line with its translation; the situations around the boxes are all still there.
    counts = page.evaluate(
        """() => [...document.querySelectorAll('.phrases li')].map(li => {
            const lines = li.querySelectorAll('.phrase-alongside');
            return lines.length === 1 && lines[0].getClientRects().length > 0; })"""
    )
    assert len(counts) > 100 and all(counts)
    assert len(situations(page)) == len([h for h in model.page("quick-help", lang).scan.headings if h.level == 2])
    page.goto(served_site + CHAPTER[lang])
    assert page.evaluate(BOX_LINES, "calm") == both
    assert page.locator(".phrases-alongside-switch").count() == 0  # the switch lives in quick help
    page.goto(served_site + PAGES[lang])
    page.locator(".phrases-alongside-switch button").click()
    assert page.evaluate(BOX_LINES, "calm") == [{"own": text, "shown": []} for text in own]
    page.goto(served_site + CHAPTER[lang])
    assert page.evaluate(BOX_LINES, "calm") == [{"own": text, "shown": []} for text in own]
    context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_other_languages_phrases_stay_out_of_the_search_index(built_site, model, lang):
    """The search of each language finds its own words: the hidden wording in the other language is not indexed."""
    folder = built_site / ("en" if lang == "en" else "")
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    phrases = model.card("calm").phrases
    assert [phrase[lang] for phrase in phrases if phrase[lang] not in text] == []
    assert [phrase[OTHER[lang]] for phrase in phrases if phrase[OTHER[lang]] in text] == []


def chapter_sections_the_list_leads_to(lang: str) -> list[tuple[str, str]]:
    """(page, section) of each chapter section quick help's list links to, read from its Markdown as written."""
    text = (ROOT / "docs" / f"quick-help.{lang}.md").read_text(encoding="utf-8")
    list_part = text.partition("\n## ")[0]
    items = [line for line in list_part.splitlines() if line.startswith("- ")]
    return [(page, section) for line in items for page, section in re.findall(r"\]\(([\w-]+)\.md#([\w-]+)\)", line)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_chapter_section_the_list_leads_to_has_the_way_back_under_its_phrases(phone, served_site, lang):
    """Quick help's list sends a reader mid-call into some chapters: under the phrase box they land on is the link
    back to the list, as under each situation on quick help itself; other phrase boxes have none."""
    targets = chapter_sections_the_list_leads_to(lang)
    assert len(targets) >= 10, targets
    prefix = "" if lang == "nl" else "/en"
    for page, section in targets:
        phone.goto(f"{served_site}{prefix}/{page}/#{section}")
        found = phone.evaluate(
            """id => { const h = document.getElementById(id);
                let e = h.nextElementSibling; while (e && !e.classList.contains('phrases')) e = e.nextElementSibling;
                const back = e && e.nextElementSibling;
                return {box: !!e, back: back && back.classList.contains('back-to-list') ? back.querySelector('a').href : null,
                        bottom: back ? back.getBoundingClientRect().bottom : 1e9}; }""",
            section,
        )
        assert found["box"] and found["back"] == f"{served_site}{prefix}/quick-help/#quick-help", (page, section, found)
        assert found["bottom"] <= PHONE["height"], (page, section, found)  # seen with the words, without scrolling
    phone.locator(".back-to-list a").first.click()
    phone.wait_for_url(f"{served_site}{prefix}/quick-help/#quick-help")
    # A phrase box the list does not lead to (the angry customer's, in the conversation chapter) has no way back.
    phone.goto(f"{served_site}{prefix}/conversation/")
    listed = {section for page, section in targets if page == "conversation"}
    boxes = phone.evaluate(
        """() => [...document.querySelectorAll('.phrases')].map(box => {
            let h = box.previousElementSibling; while (h && !/^H[23]$/.test(h.tagName)) h = h.previousElementSibling;
            const next = box.nextElementSibling;
            return {section: h ? h.id : '', back: !!(next && next.classList.contains('back-to-list'))}; })"""
    )
    assert len(boxes) > len(listed) and all(box["back"] == (box["section"] in listed) for box in boxes), boxes
