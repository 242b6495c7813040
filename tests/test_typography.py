"""Straight quotes, three full stops, an x in a size and a plain space after "art." are TYPOGRAPHY at their exact
place, in a page or on a card; Markdown's own quotes and dots (a box's title, code, a link's address, an
attribute list) are not."""

from __future__ import annotations

import pytest
from conftest import CARD_FILE, GOOD_PAGES, write_site
from mkdocs.config import load_config

from handbook.checks import run_checks
from handbook.checks.typography import faults_in
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs


def found(tmp_path, pages: dict[str, str]) -> list[str]:
    config = write_site(tmp_path, pages)
    return [p.format() for p in run_checks(load_handbook(settings_from_mkdocs(load_config(str(config)))))]


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ('Hij zei: "Ik betaal niet."', [10, 26]),
        ("Dat zijn zzp'ers.", [13]),
        ("Ik weet het niet...", [17]),
        ("Kaarten van 90 x 65 mm.", [15]),
        ("Zie art. 6:96 BW.", [5, 14]),
        ("Art.\u00a06:233 onder a BW en art.\u00a06:236(j) BW, art.\u00a0285 Sr.", [39, 52]),
    ],
)
def test_each_plain_character_is_found_at_its_column(line, columns):
    assert [col for col, _, _ in faults_in(line)] == columns


@pytest.mark.parametrize(
    "line",
    [
        "Hij zei: “Ik betaal niet.” Dat zijn zzp’ers … op 90 × 65 mm, zie art.\u00a06:96\u00a0BW en Wet BW-regels.",
        '!!! caution "Let op"',
        'Typ `"..."` niet, en lees [dit](https://example.test/?q="a"...) of *dit*{lang=\'en\'}.',
        '<span class="x">tekst</span> en <a title="y">meer</a>',
        "Artikel 3 van de wet, 3 x per week is geen maat.",
    ],
)
def test_markdown_syntax_and_correct_text_are_not_faults(line):
    # the last one: "3 x per week" has no number right after the x
    assert faults_in(line) == []


def test_a_page_and_a_card_report_their_exact_places(tmp_path):
    talk = GOOD_PAGES["talk.nl.md"] + '\nDe klant zei: "Nee."\n'
    card = CARD_FILE.replace('en: "Tell me more."', 'en: "Tell me more..."')
    problems = found(tmp_path, {**GOOD_PAGES, "talk.nl.md": talk, "phrases.yml": card})
    assert [p for p in problems if "TYPOGRAPHY" in p] == [
        "docs/phrases.yml:9:26: TYPOGRAPHY three full stops in card 'calm', phrase 2 (type the ellipsis …)",
        "docs/talk.nl.md:7:15: TYPOGRAPHY a straight double quote (type curly quotes: “…”)",
        "docs/talk.nl.md:7:20: TYPOGRAPHY a straight double quote (type curly quotes: “…”)",
    ]
    assert [p for p in problems if "TYPOGRAPHY" not in p] == []  # the page and the card are otherwise clean
