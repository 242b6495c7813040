"""The desk sheet: one A4 page per language, nothing under 9 pt, every route step, ladder rung and key phrase
of the model on it, linked from the home page; a missing source or a sheet too long is a `path:line` error."""

from __future__ import annotations

import copy
import math
import re
import subprocess
from dataclasses import replace

import pytest
from conftest import MINIMAL_CONFIG, ROOT, quick_help_as_written, require_tool
from mkdocs.config import load_config
from pypdf import PdfReader

from handbook.checks import run_checks
from handbook.pages.desk import LADDER, ROUTE, desk_sheet
from handbook.printing.desk import desk_body, desk_limits
from handbook.printing.jobs import sheet_document, stylesheet
from handbook.printing.typeset import PrintJob, render_job
from handbook.sources.markdown_scan import scan_markdown, without_links
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs

A4 = (595.28, 841.89)  # points
LANGS = ["nl", "en"]


@pytest.fixture(scope="module")
def model():
    return load_handbook(settings_from_mkdocs(load_config(str(ROOT / "mkdocs.yml"))))


def text_sizes(pdf) -> list[tuple[float, str]]:
    """(size in pt, text) of every piece of text: the font size scaled by the text and the page matrix."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # the text space's vertical unit vector (tm's c, d) carried into page space by cm
            x = tm[2] * cm[0] + tm[3] * cm[2]
            y = tm[2] * cm[1] + tm[3] * cm[3]
            found.append((size * math.hypot(x, y), text))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


def flat_text(pdf) -> str:
    out = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def column_text(pdf) -> str:
    """The sheet's left half, then its right half: the key phrases run in two columns, read one after the other."""
    halves = []
    for x in (0, A4[0] / 2):
        args = ["-x", str(round(x)), "-y", "0", "-W", str(round(A4[0] / 2)), "-H", str(round(A4[1]))]
        out = subprocess.run([require_tool("pdftotext"), *args, str(pdf), "-"], capture_output=True, text=True, check=True)
        halves.append(" ".join(out.stdout.split()))
    return " ".join(halves)


def flat(text: str) -> str:
    return " ".join(without_links(text).replace("**", "").split())


@pytest.mark.parametrize("lang", LANGS)
def test_desk_sheet_is_exactly_one_a4_page(built_site, lang):
    pages = PdfReader(built_site / "downloads" / f"desk-sheet-{lang}.pdf").pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert abs(float(box.width) - A4[0]) < 0.5 and abs(float(box.height) - A4[1]) < 0.5


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_on_the_desk_sheet_is_under_9_pt(built_site, lang):
    sizes = text_sizes(built_site / "downloads" / f"desk-sheet-{lang}.pdf")
    assert len(sizes) > 20
    small = [(round(size, 2), text) for size, text in sizes if size < 9 - 0.01]
    assert small == []


@pytest.mark.parametrize("lang", LANGS)
def test_desk_sheet_holds_the_route_the_ladder_and_the_key_phrases_of_its_language(built_site, model, lang):
    text = flat_text(built_site / "downloads" / f"desk-sheet-{lang}.pdf")
    for slug, section in (ROUTE, LADDER):
        items = model.page(slug, lang).scan.ordered_list(section).items
        assert items
        for item in items:
            assert flat(item.text) in text, item.text
    marked = [(card, index) for card in model.cards for index in card.desk]
    assert marked  # every phrase marked `desk: true`, however many, is on the sheet
    text = column_text(built_site / "downloads" / f"desk-sheet-{lang}.pdf")
    for card, index in marked:
        phrase = flat(card.phrases[index][lang])
        assert phrase in text and flat(card.title[lang]) in text, phrase
    # Grouped as quick help groups its situations (with the variants each one links to), under the names of the
    # group buttons, in the buttons' order: each phrase comes after its group's name and before the next one's.
    _, groups = quick_help_as_written(lang, model)
    group_of: dict[str, str] = {}
    for name, card_ids in groups:
        for card_id in card_ids:
            group_of.setdefault(card_id, name)
    names = [name for name, _ in groups if name.upper() + " ·" in text]
    assert len(names) >= 4
    starts = [text.find(name.upper() + " ·") for name in names]
    assert starts == sorted(starts)
    placed = 0
    for card, index in marked:
        if card.id not in group_of:
            continue
        at = text.find(flat(card.phrases[index][lang]))
        group = names.index(group_of[card.id])
        assert starts[group] < at < (starts[group + 1] if group + 1 < len(starts) else len(text)), (card.id, group_of[card.id])
        placed += 1
    assert placed >= len(marked) - 1  # the urgent ones carry no group button


def test_home_page_links_the_desk_sheet_in_both_languages(built_site):
    home = {
        "nl": (built_site / "index.html", 'href="downloads/desk-sheet-nl.pdf"'),
        "en": (built_site / "en" / "index.html", 'href="../downloads/desk-sheet-en.pdf"'),
    }
    for lang, (page, link) in home.items():
        assert link in page.read_text(encoding="utf-8"), lang
        assert (built_site / "downloads" / f"desk-sheet-{lang}.pdf").is_file()


def test_a_desk_sheet_too_long_for_one_page_is_an_error_at_its_source(model, tmp_path):
    sheet = desk_sheet(model, "en")[0]
    long_route = replace(sheet.route, items=sheet.route.items * 8)
    long_sheet = replace(sheet, route=long_route)
    language = model.settings.language("en")
    job = PrintJob(
        "desk.pdf",
        sheet_document("en", "t", stylesheet("desk.css"), desk_body(long_sheet, language)),
        "file:///",
        sheet.route.path,
        "en",
        desk_limits(long_sheet),
    )
    result = render_job(job, str(tmp_path))
    found = [p.format() for p in result.errors]
    assert re.fullmatch(
        re.escape(
            f"{sheet.route.path}:{sheet.route.line}:1: DESK-TOO-LONG the desk sheet does not fit one A4 page in 'en': "
            f"it runs off the page in '{sheet.route.title}'"
        )
        + r"(: about \d+ lines? too long)? "
        + re.escape("(shorten the route, the escalation ladder or the key phrases; the sheet is never printed smaller)"),
        found[0],
    ), found[0]
    assert {p.code for p in result.errors} == {"DESK-TOO-LONG"}
    assert not (tmp_path / "desk.pdf").exists()


def test_numbered_lists_are_kept_per_section_with_their_lines():
    scan = scan_markdown(
        "# T {#t}\n\n## Route {#route}\n\n1. [Kalm](#calm): adem\n   rustig in.\n\n2. Luister.\n\n"
        "    - niet dit\n\n3. Vraag door.\n\nDaarna iets anders.\n\n1. Los.\n\n## Verder {#next}\n\n1. Ander.\n"
    )
    assert [(found.section_id, [(i.text, i.line) for i in found.items]) for found in scan.ordered_lists] == [
        ("route", [("[Kalm](#calm): adem rustig in.", 5), ("Luister.", 8), ("Vraag door.", 12)]),
        ("route", [("Los.", 16)]),
        ("next", [("Ander.", 20)]),
    ]
    assert scan.ordered_list("route").line == 5 and scan.ordered_list("missing") is None


# A small handbook with the desk sheet's three sources, for the validation tests.
DESK_PAGES = {
    "index.nl.md": "# Welkom {#home}\n\nLees eerst [het gesprek](conversation.md#route) voor je begint.\n",
    "index.en.md": "# Welcome {#home}\n\nRead [the conversation](conversation.md#route) before you start.\n",
    "conversation.nl.md": "# Het gesprek {#conversation}\n\n## De route {#route}\n\n"
    "1. Blijf kalm en adem rustig in en uit.\n2. Laat de klant uitpraten.\n",
    "conversation.en.md": "# The conversation {#conversation}\n\n## The route {#route}\n\n"
    "1. Stay calm and breathe slowly.\n2. Let the customer have their say.\n",
    "boundaries.nl.md": "# Grenzen {#boundaries}\n\n## De ladder {#escalation-ladder}\n\n"
    "1. Zeg rustig wat er gebeurt.\n2. Beëindig het gesprek.\n",
    "boundaries.en.md": "# Boundaries {#boundaries}\n\n## The ladder {#escalation-ladder}\n\n"
    "1. Calmly say what is happening.\n2. End the conversation.\n",
    "phrases.yml": """cards:
  - id: calm
    section: conversation#conversation
    title:
      nl: "De klant is boos"
      en: "The customer is angry"
    phrases:
      - nl: "Ik hoor dat u erg van streek bent."
        en: "I can hear you’re really upset."
        desk: true
      - nl: "Neemt u gerust de tijd."
        en: "Take your time."
      - nl: "Ik zoek het voor u uit."
        en: "Let me look into it for you."
""",
}


@pytest.fixture
def desk_site(fixture_site):
    config = copy.deepcopy(MINIMAL_CONFIG)
    config["plugins"][0]["i18n"]["languages"][1]["nav_translations"] = {"Thuis": "Home", "Gesprek": "Talk", "Grenzen": "Limits"}
    config["nav"] = [{"Thuis": "index.md"}, {"Gesprek": "conversation.md"}, {"Grenzen": "boundaries.md"}]

    def make(changes: dict[str, str]):
        return [p.format() for p in run_checks(fixture_site({**DESK_PAGES, **changes}, config))]

    return make


def test_desk_sources_of_the_fixture_are_complete(desk_site):
    assert desk_site({}) == []


def test_missing_route_section_names_the_page_title_line(desk_site):
    found = desk_site(
        {
            "conversation.nl.md": "# Het gesprek {#conversation}\n\nBlijf kalm en laat de klant uitpraten.\n",
            "conversation.en.md": "# The conversation {#conversation}\n\nStay calm and let the customer talk.\n",
            "index.nl.md": "# Welkom {#home}\n\nLees eerst [het gesprek](conversation.md) voor je begint.\n",
            "index.en.md": "# Welcome {#home}\n\nRead [the conversation](conversation.md) before you start.\n",
        }
    )
    fix = "(add a heading ending in `{#route}` with a numbered list under it)"
    assert found == [
        f"docs/conversation.en.md:1:1: DESK-SOURCE no section `{{#route}}` for the desk sheet {fix}",
        f"docs/conversation.nl.md:1:1: DESK-SOURCE no section `{{#route}}` for the desk sheet {fix}",
    ]


def test_route_section_without_a_numbered_list_names_its_heading(desk_site):
    found = desk_site(
        {"conversation.nl.md": "# Het gesprek {#conversation}\n\n## De route {#route}\n\n- Blijf kalm en adem rustig.\n"}
    )
    assert found == [
        "docs/conversation.nl.md:3:1: DESK-SOURCE section 'route' has no numbered list for the desk sheet "
        "(write its steps as `1. ...`, `2. ...` under the heading)"
    ]


def test_no_phrase_marked_for_the_desk_is_reported_at_the_card_file(desk_site):
    found = desk_site({"phrases.yml": DESK_PAGES["phrases.yml"].replace("        desk: true\n", "")})
    assert found == [
        "docs/phrases.yml:2:1: DESK-SOURCE no phrase is marked `desk: true` for the desk sheet "
        "(add `desk: true` beside `nl:` and `en:` of each key phrase)"
    ]


def test_a_desk_flag_that_is_not_a_boolean_is_a_card_format_problem_on_its_line(desk_site):
    cards = DESK_PAGES["phrases.yml"].replace('en: "Take your time."\n', 'en: "Take your time."\n        desk: "ja"\n')
    assert desk_site({"phrases.yml": cards}) == [
        "docs/phrases.yml:13:1: CARD-FORMAT card 'calm': `desk` must be `true` or `false`"
    ]


def test_validation_rejects_a_desk_sheet_the_build_would_not_print(tmp_path):
    """`make check` and the preview typeset the desk sheets as they do the cards, so they fail where the build would."""
    from conftest import copy_project
    from mkdocs.config import load_config

    from handbook.printing.card_fit import card_fit_problems
    from handbook.sources.settings import settings_from_mkdocs

    copy = copy_project(tmp_path / "repo")
    page = copy / "docs" / "conversation.en.md"
    text = page.read_text(encoding="utf-8")
    step = "9. [Follow up](after.md#follow-up): email what you agreed\n"
    assert step in text
    page.write_text(text.replace(step, step * 60), encoding="utf-8")
    handbook = load_handbook(settings_from_mkdocs(load_config(str(copy / "mkdocs.yml"))))
    found = [p.format() for p in card_fit_problems(handbook)]
    route_index, route_heading = next((i, line) for i, line in enumerate(text.split("\n")) if line.endswith("{#route}"))
    route_title = route_heading.removeprefix("## ").removesuffix(" {#route}")
    assert re.fullmatch(
        re.escape(
            f"docs/conversation.en.md:{route_index + 1}:1: DESK-TOO-LONG the desk sheet does not fit one A4 page in 'en': "
            f"it runs off the page in '{route_title}'"
        )
        + r"(: about \d+ lines? too long)? "
        + re.escape("(shorten the route, the escalation ladder or the key phrases; the sheet is never printed smaller)"),
        found[0],
    ), found[0]
    # The parts after the route are pushed off too; the Dutch sheet, untouched, still fits.
    assert all(" DESK-TOO-LONG " in line and "in 'en'" in line for line in found), found
