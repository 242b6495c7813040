"""Untranslated text of every size is caught, what may stay identical is not, and "% translated" counts units."""

from __future__ import annotations

import pytest
from conftest import GOOD_PAGES, ROOT
from mkdocs.config import load_config

from handbook.checks import run_checks, translations
from handbook.checks.translations import TRANSLATION_CODES, translation_coverage
from handbook.core.problems import summary_lines
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs

TALK_NL = """# Het gesprek {#talk}

Leg de betaalafspraken vast voordat je begint met het werk voor de klant.

## Blijf kalm {#stay-calm}

Vraag een voorschot.

- een termijn van dertig dagen;
- een herinnering na een week.

| Wanneer | Wat je doet |
|---|---|
| Na 30 dagen | Stuur een vriendelijke herinnering |
| 2024 | Annemieke Tissink |

!!! tip "Tip"

    Bewaar elke factuur en elke herinnering op één plek.

!!! keypoint "Kernpunt"

    Wie afspraken vastlegt, hoeft achteraf minder uit te leggen.

Zie het artikel “Dealen met lastige klanten” van Annemieke Tissink.

## Checklist: betaling {#checklist-payment}

- [ ] Stuur de factuur op tijd
- [ ] Bel de klant na dertig dagen
"""

TALK_EN = """# The conversation {#talk}

Put the payment terms in writing before you start work for the customer.

## Stay calm {#stay-calm}

Ask for a deposit.

- a due date of thirty days;
- a reminder after a week.

| When | What you do |
|---|---|
| After 30 days | Send a friendly reminder |
| 2024 | Annemieke Tissink |

!!! tip "Tip"

    Keep every invoice and every reminder in one place.

!!! keypoint "Key point"

    Put agreements in writing and there is less to explain afterwards.

See the article “Dealen met lastige klanten” by Annemieke Tissink, or <span lang="nl">Blijf kalm</span>.

## Checklist: payment {#checklist-payment}

- [ ] Send the invoice on time
- [ ] Call the customer after thirty days
"""

CARDS = """cards:
  - id: calm
    section: talk#stay-calm
    title:
      nl: "De klant is boos"
      en: "The customer is angry"
    when:
      nl: "Als een klant boos belt"
      en: "When a customer rings up angry"
    phrases:
      - nl: "Ik hoor dat u erg van streek bent."
        en: "I can hear that you are really upset."
      - nl: "Vertelt u eens wat er is gebeurd?"
        en: "Could you tell me what happened?"
      - nl: "Ik bel u vandaag nog terug."
        en: "I will ring you back later today."
"""

GOOD = {**GOOD_PAGES, "talk.nl.md": TALK_NL, "talk.en.md": TALK_EN, "phrases.yml": CARDS}


def found(handbook) -> list[tuple[int, int, str, str]]:
    """(line, col, code, message) of each problem in docs/talk.en.md or the card file."""
    return [(p.line, p.col, p.code, p.message) for p in run_checks(handbook) if p.lang == "en"]


def test_the_fixture_with_names_numbers_quotes_and_tip_boxes_is_clean(fixture_site):
    handbook = fixture_site(GOOD)
    assert [p.format() for p in run_checks(handbook)] == []
    assert translation_coverage(handbook, []) == {"nl": 1.0, "en": 1.0}


COPIED_FROM_DUTCH = [
    ("page title", "# The conversation {#talk}", "# Het gesprek {#talk}", 1, 3),
    ("heading", "## Stay calm {#stay-calm}", "## Blijf kalm {#stay-calm}", 5, 4),
    ("short sentence", "Ask for a deposit.", "Vraag een voorschot.", 7, 1),
    ("list item", "- a due date of thirty days;", "- een termijn van dertig dagen;", 9, 3),
    ("table cell", "| Send a friendly reminder |", "| Stuur een vriendelijke herinnering |", 14, 19),
    ("box title", '!!! keypoint "Key point"', '!!! keypoint "Kernpunt"', 21, 15),
    ("checklist item", "- [ ] Call the customer after thirty days", "- [ ] Bel de klant na dertig dagen", 30, 7),
]


@pytest.mark.parametrize(("kind", "english", "dutch", "line", "col"), COPIED_FROM_DUTCH, ids=[c[0] for c in COPIED_FROM_DUTCH])
def test_text_copied_from_dutch_is_same_text(fixture_site, kind, english, dutch, line, col):
    handbook = fixture_site({**GOOD, "talk.en.md": TALK_EN.replace(english, dutch)})
    unit = "paragraph" if kind == "short sentence" else kind
    assert found(handbook) == [(line, col, "SAME-TEXT", f"{unit} is identical in docs/talk.nl.md:{line}")]


def test_one_word_page_title_copied_from_dutch_is_same_text(fixture_site):
    pages = {**GOOD, "talk.nl.md": TALK_NL.replace("Het gesprek", "Telefoonregels")}
    pages["talk.en.md"] = TALK_EN.replace("The conversation", "Telefoonregels")
    assert found(fixture_site(pages)) == [(1, 3, "SAME-TEXT", "page title is identical in docs/talk.nl.md:1")]


def test_message_names_the_place_and_what_to_do(fixture_site):
    handbook = fixture_site({**GOOD, "talk.en.md": TALK_EN.replace("## Stay calm", "## Blijf kalm")})
    assert [p.format() for p in run_checks(handbook)] == [
        "docs/talk.en.md:5:4: SAME-TEXT heading is identical in docs/talk.nl.md:5 (translate it into 'en')"
    ]


@pytest.mark.parametrize(
    ("field", "english", "dutch", "line", "col", "dutch_line"),
    [
        ("title", '"The customer is angry"', '"De klant is boos"', 6, 11, 5),
        ("when", '"When a customer rings up angry"', '"Als een klant boos belt"', 9, 11, 8),
        ("phrase 2", '"Could you tell me what happened?"', '"Vertelt u eens wat er is gebeurd?"', 14, 13, 13),
    ],
)
def test_card_field_copied_from_dutch_is_same_text(fixture_site, field, english, dutch, line, col, dutch_line):
    handbook = fixture_site({**GOOD, "phrases.yml": CARDS.replace(f"en: {english}", f"en: {dutch}")})
    message = f"card 'calm': {field} is identical in 'nl' at docs/phrases.yml:{dutch_line}"
    assert found(handbook) == [(line, col, "SAME-TEXT", message)]


def test_dutch_short_sentence_that_is_not_a_copy_reads_as_dutch(fixture_site):
    sentence = "Bel altijd zelf terug als de klant boos ophangt."
    handbook = fixture_site({**GOOD, "talk.en.md": TALK_EN.replace("Ask for a deposit.", sentence)})
    assert found(handbook) == [(7, 1, "WRONG-LANGUAGE", "paragraph reads as 'nl', not 'en'")]


def test_dutch_card_phrase_that_is_not_a_copy_reads_as_dutch(fixture_site):
    cards = CARDS.replace('en: "I will ring you back later today."', 'en: "Ik zoek het voor u uit en bel u terug."')
    assert found(fixture_site({**GOOD, "phrases.yml": cards})) == [
        (16, 13, "WRONG-LANGUAGE", "card 'calm': phrase 3 reads as 'nl', not 'en'")
    ]


def test_short_texts_that_only_read_as_dutch_together_are_each_reported(fixture_site):
    # Each text alone has too little Dutch to be sure; together they plainly read as Dutch.
    home = "# Welkom terug {#home}\n\nRead [the conversation](talk.md#stay-calm) before you start.\n\n"
    home += "## Hulp {#help}\n\n- Grenzen\n- Tarieven\n- Nazorg\n"
    dutch = GOOD_PAGES["index.nl.md"] + "\n## Snelle hulp {#help}\n\n- Grenzen stellen\n- Tarieven en betaling\n- Zorg achteraf\n"
    handbook = fixture_site({**GOOD, "index.nl.md": dutch, "index.en.md": home})
    pooled = "reads as 'nl', not 'en', like this page's other short texts"
    assert [(p.path, p.line, p.col, p.message) for p in run_checks(handbook)] == [
        ("docs/index.en.md", 1, 3, f"page title {pooled}"),
        ("docs/index.en.md", 5, 4, f"heading {pooled}"),
        ("docs/index.en.md", 7, 3, f"list item {pooled}"),
        ("docs/index.en.md", 8, 3, f"list item {pooled}"),
        ("docs/index.en.md", 9, 3, f"list item {pooled}"),
    ]


def test_english_left_in_the_dutch_page_is_reported_too(fixture_site):
    dutch = TALK_NL.replace("- [ ] Bel de klant na dertig dagen", "- [ ] Phone the customer when they have not paid")
    problems = [(p.path, p.line, p.code) for p in run_checks(fixture_site({**GOOD, "talk.nl.md": dutch}))]
    assert problems == [("docs/talk.nl.md", 30, "WRONG-LANGUAGE")]


@pytest.mark.parametrize(
    "same",
    [
        "Annemieke Tissink",  # a name
        "30 / 2024",  # numbers
        "“Dealen met lastige klanten”",  # a quoted Dutch article title
        "[links.json](https://example.test/links.json)",  # a link-only line
        '<span lang="nl">Blijf kalm en luister naar de klant</span>',  # marked as Dutch
        "OK",
        "WhatsApp",
    ],
)
def test_what_may_stay_identical_is_not_reported(fixture_site, same):
    pages = {**GOOD, "talk.nl.md": TALK_NL + f"\n- {same}\n", "talk.en.md": TALK_EN + f"\n- {same}\n"}
    assert [p.format() for p in run_checks(fixture_site(pages))] == []


def test_coverage_counts_units_and_drops_below_100_for_one_untranslated_item(fixture_site):
    handbook = fixture_site({**GOOD, "talk.en.md": TALK_EN.replace("a due date of thirty days", "een termijn van dertig dagen")})
    problems = run_checks(handbook)
    coverage = translation_coverage(handbook, problems)
    # index: title + paragraph; talk: 20 units; the card: title, when, 3 phrases -> 27 units, one untranslated
    assert coverage == {"nl": 1.0, "en": pytest.approx(26 / 27)}
    assert summary_lines(problems, coverage)[-1] == (
        "validation per language: en: 1 problem, 96% translated, nl: 0 problems, 100% translated"
    )


def test_missing_page_counts_all_its_units_as_untranslated(fixture_site):
    handbook = fixture_site({k: v for k, v in GOOD.items() if k != "talk.en.md"})
    coverage = translation_coverage(handbook, run_checks(handbook))
    assert coverage["en"] == pytest.approx(7 / 27)


def test_the_real_handbook_has_no_untranslated_text():
    handbook = load_handbook(settings_from_mkdocs(load_config(str(ROOT / "mkdocs.yml"))))
    # The checks that report translation codes: reading the sources (the cards) and the translation checks; the
    # others, the card-fit layout among them, add none.
    problems = list(handbook.input_problems) + translations.check(handbook)
    assert [p.format() for p in problems if p.code in TRANSLATION_CODES] == []
    assert translation_coverage(handbook, problems) == {"nl": 1.0, "en": 1.0}


def test_an_unmarked_quotation_in_the_other_language_is_reported_with_the_mark_to_add(fixture_site):
    quoted = "The article *Dealen met lastige klanten* explains this well.\n"
    marked = "The article *Dealen met lastige klanten*{lang=nl} explains this well.\n"
    dutch = "Het artikel *Dealen met lastige klanten* legt dit goed uit.\n"
    pages = {**GOOD_PAGES, "talk.nl.md": GOOD_PAGES["talk.nl.md"] + "\n" + dutch}
    found = [p.format() for p in run_checks(fixture_site({**pages, "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n" + quoted}))]
    assert (
        "docs/talk.en.md:7:13: WRONG-LANGUAGE 'Dealen met lastige klanten' reads as 'nl' but is not marked as 'nl' "
        "(mark the quotation with its language: `*Dealen met lastige klanten*{lang=nl}`)" in found
    )
    found = [p for p in run_checks(fixture_site({**pages, "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n" + marked}))]
    assert [p.code for p in found if p.code == "WRONG-LANGUAGE"] == []


def test_marked_quotation_carries_its_language_on_the_web(built_site):
    html = (built_site / "en" / "sources" / "index.html").read_text(encoding="utf-8")
    assert html.count('<em lang="nl">') >= 5
