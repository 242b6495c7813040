"""Phrase cards and checklists on paper: order, duplex alignment, cut marks, every item, cards never shrunk."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, first_page_image, quick_help_as_written, require_tool
from mkdocs.config import load_config

from handbook.pages.deck import deck, deck_sections
from handbook.pages.desk import desk_sheet
from handbook.printing.jobs import sheet_document, stylesheet
from handbook.printing.sheets import CARD_H, CARD_W, GRID_X, GRID_Y, MARK, MARK_GAP, cards_body, fit_limits, slot
from handbook.printing.typeset import PrintJob, render_job
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs

PT_PER_MM = 72 / 25.4
NUMBER = re.compile(r"^(\d+)/(\d+)$")


@pytest.fixture(scope="module")
def model():
    return load_handbook(settings_from_mkdocs(load_config(str(ROOT / "mkdocs.yml"))))


def words_with_boxes(pdf: Path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, xmin, ymin, xmax, ymax) in mm, from pdftotext -bbox."""
    out = subprocess.run([require_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', line)
        if match:
            x0, y0, x1, y1 = (float(match.group(i)) / PT_PER_MM for i in range(1, 5))
            words.append((page, match.group(5), x0, y0, x1, y1))
    return words


def card_numbers(pdf: Path) -> list[tuple[int, int, float, float]]:
    """(page, card number, centre x, centre y) of every 'n/N' label."""
    return [
        (page, int(NUMBER.match(w).group(1)), (x0 + x1) / 2, (y0 + y1) / 2)
        for page, w, x0, y0, x1, y1 in words_with_boxes(pdf)
        if NUMBER.match(w)
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cards_come_in_source_order_with_their_titles(built_site, model, lang):
    pdf = built_site / "downloads" / f"phrase-cards-{lang}.pdf"
    # Reading order on the sheet: page, then row (top to bottom), then column; not the order text is drawn in.
    numbers = sorted(card_numbers(pdf), key=lambda found: (found[0], round(found[3]), found[2]))
    assert [n for _, n, _, _ in numbers] == list(range(1, len(model.cards) + 1))
    text = " ".join(subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout.split())
    missing = [card.title[lang] for card in model.cards if " ".join(card.title[lang].split()) not in text]
    assert missing == []


def foot_centres(pdf: Path) -> list[tuple[int, int, float, float]]:
    """(page, card number, centre x, centre y) of every card's foot line: its chapter, if named, and 'n/N'."""
    words = words_with_boxes(pdf)

    def middle(word: tuple[int, str, float, float, float, float]) -> tuple[int, float]:
        """The card column a word stands in, and the height of its middle."""
        return int(((word[2] + word[4]) / 2 - GRID_X) // CARD_W), (word[3] + word[5]) / 2

    feet = []
    for label in (w for w in words if NUMBER.match(w[1])):
        column, y = middle(label)
        line = [w for w in words if w[0] == label[0] and middle(w)[0] == column and abs(middle(w)[1] - y) < 0.5]
        feet.append((label[0], int(NUMBER.match(label[1]).group(1)), (min(w[2] for w in line) + max(w[4] for w in line)) / 2, y))
    return feet


def test_duplex_back_lies_behind_front_within_half_a_millimetre(built_site, model):
    numbers = foot_centres(built_site / "downloads" / "phrase-cards-nl-en-duplex.pdf")
    fronts = {n: (x, y) for page, n, x, y in numbers if page % 2 == 1}
    backs = {n: (x, y) for page, n, x, y in numbers if page % 2 == 0}
    assert sorted(fronts) == sorted(backs) == list(range(1, len(model.cards) + 1))
    for n, (x, y) in fronts.items():
        back_x, back_y = backs[n]
        assert abs((210 - back_x) - x) <= 0.5 and abs(back_y - y) <= 0.5, n


def test_duplex_first_page_says_how_to_print(built_site):
    text = subprocess.run(
        [require_tool("pdftotext"), "-f", "1", "-l", "1", str(built_site / "downloads" / "phrase-cards-nl-en-duplex.pdf"), "-"],
        capture_output=True,
        text=True,
    ).stdout
    assert re.search(r"100\s?%", text) and "lange zijde" in text
    # Its words lie clear of the bottom cut marks (they run from MARK_GAP to MARK_GAP + MARK below the grid), and
    # inside the 5 mm most printers leave unprinted.
    marks_top, marks_bottom = GRID_Y + 4 * CARD_H + MARK_GAP, GRID_Y + 4 * CARD_H + MARK_GAP + MARK
    words = [w for w in words_with_boxes(built_site / "downloads" / "phrase-cards-nl-en-duplex.pdf") if w[0] == 1]
    instructions = [w for w in words if w[3] > GRID_Y + 4 * CARD_H]
    assert "zijde." in [w[1] for w in instructions]
    for _, word, _, top, _, bottom in instructions:
        assert (bottom <= marks_top or top >= marks_bottom) and bottom <= 297 - 5, (word, top, bottom)


def test_cut_marks_are_drawn_at_every_grid_line(built_site, tmp_path):
    image = first_page_image(built_site / "downloads" / "phrase-cards-en.pdf", tmp_path, 100).convert("L")
    px = 100 / 25.4

    def dark(x_mm, y_mm):
        near = range(-2, 3)
        return min(image.getpixel((round(x_mm * px + dx), round(y_mm * px + dy))) for dx in near for dy in near) < 200

    for column in range(3):
        assert dark(GRID_X + column * CARD_W, GRID_Y - 3.5), column
    for row in range(5):
        assert dark(GRID_X - 3.5, GRID_Y + row * CARD_H), row
    assert not dark(GRID_X - 3.5, GRID_Y + CARD_H / 2)  # and nothing in between


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_checklist_item_is_printed_on_its_own_page(built_site, model, lang):
    pdf = built_site / "downloads" / f"checklists-{lang}.pdf"
    text = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    tasklists = [t for langs in model.pages.values() if lang in langs for t in langs[lang].scan.tasklists]
    assert len([p for p in pages if p.strip()]) == len(tasklists)
    flat = " ".join(" ".join(pages).split())
    for tasklist in tasklists:
        for item in tasklist.items:
            assert " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", item.text).split()) in flat


def test_a_card_too_long_for_its_size_is_an_error_naming_the_card(model, tmp_path):
    card = model.cards[0]
    long_card = type(card)(
        card.id,
        card.page,
        card.anchor,
        card.title,
        card.when,
        tuple({"nl": "Een zin die veel te lang is voor een kaartje. " * 4} for _ in range(6)),
        card.line,
    )
    body = cards_body([long_card], "nl", None, "")
    job = PrintJob(
        "x.pdf",
        sheet_document("nl", "t", stylesheet("sheets.css"), body),
        "file:///",
        "docs/phrases.yml",
        "nl",
        fit_limits([long_card], "nl", "docs/phrases.yml"),
    )
    result = render_job(job, str(tmp_path))
    [error] = result.errors
    assert re.fullmatch(
        rf"docs/phrases\.yml:{card.line}:1: CARD-TOO-LONG card '{card.id}' does not fit its 90 x 65 mm card in its 'nl' "
        r"text: about (\d+) lines? too long \(shorten the 'nl' phrases or drop one; cards are never printed smaller\)",
        error.format(),
    )
    # Six phrases of four lines each on a card with room for about eleven: well over ten lines too many.
    assert int(re.search(r"about (\d+) line", error.message).group(1)) > 10
    assert not (tmp_path / "x.pdf").exists()


def test_mirrored_slots_swap_columns_only():
    assert slot(0, mirrored=True) == slot(1) and slot(3, mirrored=True) == slot(2)


def test_the_cards_come_in_quick_helps_groups_and_the_index_and_each_foot_name_the_group(model):
    from html import escape

    # What a freelancer sees on the phone, read from the source: the deck must follow it.
    urgent, groups = quick_help_as_written("nl", model)
    _, groups_en = quick_help_as_written("en", model)
    shown = [*urgent, *(card for _, cards in groups for card in cards)]
    rest = [card.id for slug in model.settings.nav_slugs for card in model.cards if card.page == slug and card.id not in shown]
    expected = list(dict.fromkeys(shown)) + rest
    assert [card.id for card in deck(model)] == expected
    assert sorted(expected) == sorted(card.id for card in model.cards)

    sections = {lang: deck_sections(model, lang) for lang in ("nl", "en")}
    label = {"nl": {}, "en": {}}
    for lang, lang_groups in (("nl", groups), ("en", groups_en)):
        for name, cards in lang_groups:
            for card_id in cards:
                label[lang].setdefault(card_id, name)
    headings = {"nl": "Alle kaarten", "en": "All cards"}
    cards = deck(model)

    def group_of(card, lang: str) -> str:
        return label[lang].get(card.id) or (
            model.settings.language(lang).label("cards_urgent") if card.id in urgent else model.page(card.page, lang).scan.title
        )

    def check(body: str, lang: str, side: str) -> None:
        index = body[body.index(f'class="sheet index" lang="{lang}"') :]
        index = index[: index.index("</section>")]
        for n, card in enumerate(cards, 1):
            entry = f'<span class="n">{n}</span> {escape(card.title[lang])}</li>'
            assert entry in index, card.id
            before = index[: index.index(entry)]
            group = group_of(card, lang)
            assert before.rindex("<h2>") == before.rindex(f"<h2>{escape(group)}</h2>"), card.id
            foot = f'<span class="chapter">{escape(group)}</span> · {n}/{len(cards)}'
            assert foot in side, (lang, card.id)

    single = cards_body(cards, "nl", None, "", {"nl": sections["nl"]}, {"nl": "Alle kaarten"})
    check(single, "nl", single[: single.index('class="sheet index"')])
    # The duplex set names each card's group on each side in that side's language, and ends in an index sheet
    # printed front and back like the cards.
    duplex = cards_body(cards, "nl", "en", "print", sections, headings)
    sheets = duplex[: duplex.index('class="sheet index"')].split('<section class="sheet')
    fronts = "".join(s for s in sheets if not s.startswith(" back"))
    backs = "".join(s for s in sheets if s.startswith(" back"))
    check(duplex, "nl", fronts)
    check(duplex, "en", backs)
    assert duplex.index('class="sheet index" lang="nl"') < duplex.index('class="sheet index" lang="en"')

    # The desk sheet's key phrases stand in the same order, under the name their card carries at its foot.
    for lang in ("nl", "en"):
        sheet, _ = desk_sheet(model, lang)
        listed = [(group.label, phrase.text) for group in sheet.groups for phrase in group.phrases]
        key_phrases = [(group_of(card, lang), card.phrases[i][lang]) for card in cards for i in card.desk]
        assert listed == key_phrases and len(listed) >= 10


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_last_page_of_the_printed_cards_lists_every_card(built_site, model, lang):
    pdf = built_site / "downloads" / f"phrase-cards-{lang}.pdf"
    pages = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    last = " ".join([p for p in pages if p.strip()][-1].split())
    missing = [card.id for card in model.cards if " ".join(card.title[lang].split()) not in last]
    assert missing == []
    # A title that wraps goes on under its first word: every line of the index starts at the column's edge
    # (a group or a number) or under the titles, 7 mm in.
    words = words_with_boxes(pdf)
    words = [w for w in words if w[0] == max(w[0] for w in words)]
    # The sheet clips what does not fit: the index must end inside its 15 mm margin, not run off the A4 page.
    beyond = [w[1] for w in words if w[4] > 210 - 15 + 1]
    assert beyond == [], f"the index runs off the sheet: {beyond[:8]}"
    lines: dict[float, list] = {}
    for word in words:
        lines.setdefault(round(word[3], 0), []).append(word)
    del lines[min(lines)]  # the sheet's heading
    section_words = {section.title.split()[0] for section in deck_sections(model, lang)}
    starts = [min(line, key=lambda w: w[2]) for line in lines.values()]
    columns = sorted({round(w[2]) for w in starts if w[1].isdigit()})
    wrapped = [w for w in starts if not w[1].isdigit() and w[1] not in section_words and round(w[2]) in columns]
    assert len(columns) == 2 and wrapped == [], wrapped
