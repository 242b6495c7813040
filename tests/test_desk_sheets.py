"""Phrase cards and checklists on paper: order, duplex alignment, cut marks, every item, cards never shrunk."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, first_page_image, require_tool
from mkdocs.config import load_config

from handbook.printing.jobs import sheet_document, stylesheet
from handbook.printing.sheets import CARD_H, CARD_W, GRID_X, GRID_Y, cards_body, fit_limits, slot
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


def test_duplex_back_lies_behind_front_within_half_a_millimetre(built_site, model):
    numbers = card_numbers(built_site / "downloads" / "phrase-cards-nl-en-duplex.pdf")
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


def test_the_cards_end_in_an_index_of_every_card_under_its_chapter_and_each_card_names_its_chapter(model):
    from html import escape

    chapters = {slug: model.page(slug, "nl").scan.title for slug in model.settings.nav_slugs if model.page(slug, "nl")}
    body = cards_body(model.cards, "nl", None, "", chapters, "Alle kaarten")
    index = body[body.index('class="sheet index"') :]
    for n, card in enumerate(model.cards, 1):
        entry = f'<span class="n">{n}</span> {escape(card.title["nl"])}</li>'
        assert entry in index, card.id
        before = index[: index.index(entry)]
        assert before.rindex("<h2>") == before.rindex(f"<h2>{escape(chapters[card.page])}</h2>"), card.id
        foot = f'<span class="chapter">{escape(chapters[card.page])}</span> · {n}/{len(model.cards)}'
        assert foot in body[: body.index('class="sheet index"')], card.id
    # The duplex set keeps fronts and backs paired: no index sheet, no chapter at the foot.
    duplex = cards_body(model.cards, "nl", "en", "print", chapters, "Alle kaarten")
    assert 'class="sheet index"' not in duplex and 'class="chapter"' not in duplex


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_last_page_of_the_printed_cards_lists_every_card(built_site, model, lang):
    pdf = built_site / "downloads" / f"phrase-cards-{lang}.pdf"
    pages = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    last = " ".join([p for p in pages if p.strip()][-1].split())
    missing = [card.id for card in model.cards if " ".join(card.title[lang].split()) not in last]
    assert missing == []
