"""Every problem at its exact place: for each kind of fault, a small handbook with that fault, and the
`path:line:col: CODE` the checks must report. The expected place is read off the fixture by eye (the line and
column of the construct at fault); where a fixture is mkdocs.yml, the place is found in the written file."""

from __future__ import annotations

import copy
import re

import pytest
from conftest import CARD_FILE, GOOD_PAGES, MINIMAL_CONFIG, write_site
from mkdocs.config import load_config

from handbook.checks import run_checks
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs

INDEX_TERMS = "terms:\n  - nl: kalmte\n    en: calm\n    sections: [index#home, talk#stay-calm]\n"


def both(nl_extra: str, en_extra: str) -> dict:
    return {**GOOD_PAGES, "talk.nl.md": GOOD_PAGES["talk.nl.md"] + nl_extra, "talk.en.md": GOOD_PAGES["talk.en.md"] + en_extra}


CASES = {
    # the `[` that is never closed, in the front matter's second line
    "front matter": (
        {**GOOD_PAGES, "talk.en.md": "---\nsources: [a\n---\n" + GOOD_PAGES["talk.en.md"]},
        "docs/talk.en.md:2:10: INPUT-FRONT-MATTER",
    ),
    # the `{` that is never closed
    "card file": ({**GOOD_PAGES, "phrases.yml": "cards:\n  - id: a\n    title: {nl: x\n"}, "docs/phrases.yml:3:12: INPUT-YAML"),
    # the `[` of the home page's link to the conversation, made a web-only page
    "printed page links a web-only page": (
        {
            **GOOD_PAGES,
            "talk.nl.md": "---\nprint: false\n---\n" + GOOD_PAGES["talk.nl.md"],
            "talk.en.md": "---\nprint: false\n---\n" + GOOD_PAGES["talk.en.md"],
        },
        "docs/index.en.md:3:6: PRINT-LINK",
    ),
    "page without language": ({**GOOD_PAGES, "extra.md": "# Extra {#extra}\n"}, "docs/extra.md:1:1: PAGE-NO-LANGUAGE"),
    "page not in the navigation": (
        {**GOOD_PAGES, "more.nl.md": "# Meer {#more}\n", "more.en.md": "# More {#more}\n"},
        "docs/more.en.md:1:1: NAV-OMITTED",
    ),
    "placeholder alt text": (
        {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n![image](logo.png)\n", "logo.png": "x"},
        "docs/talk.en.md:7:1: PLACEHOLDER-ALT",
    ),
    "script": (
        {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n<script>alert(1)</script>\n"},
        "docs/talk.en.md:7:1: UNSAFE-HTML",
    ),
    "checklist of another length": (
        both("\n## Lijst {#list}\n\n- [ ] Een\n- [ ] Twee\n", "\n## List {#list}\n\n- [ ] One\n"),
        "docs/talk.en.md:9:1: CHECKLIST-PARITY",
    ),
    # the English section keeps its first paragraph and loses the second: reported at the last one it has
    "paragraph left out of a translation": (
        both(
            "\n## Nieuw {#new}\n\nBel de klant eerst terug voordat je mailt.\n\nSchrijf daarna kort op wat jullie afspraken.\n",
            "\n## New {#new}\n\nCall the customer back before you write.\n",
        ),
        "docs/talk.en.md:9:1: SECTION-PARITY",
    ),
    # a list item added in English only: reported at the item the Dutch does not have
    "list item added in a translation": (
        both("\n## Lijst {#steps}\n\n- Bellen\n- Mailen\n", "\n## List {#steps}\n\n- Phone\n- Email\n- Write\n"),
        "docs/talk.en.md:11:1: SECTION-PARITY",
    ),
    # a table row left out
    "table row left out": (
        both(
            "\n## Tabel {#table}\n\n| Wat | Wanneer |\n|---|---|\n| Bellen | vandaag |\n| Mailen | morgen |\n",
            "\n## Table {#table}\n\n| What | When |\n|---|---|\n| Phone | today |\n",
        ),
        "docs/talk.en.md:11:1: SECTION-PARITY",
    ),
    # the `<!--` that is never closed, in the English page only
    "unclosed comment": (
        both("\n<!-- nog te doen -->\n", "\nText.\n\n<!-- a note that never ends\n\nMore.\n"),
        "docs/talk.en.md:9:1: COMMENT-OPEN",
    ),
    # the NEL inside `print: false`, where YAML would break the line and lose the key
    "line break inside front matter": (
        {**GOOD_PAGES, "talk.en.md": "---\np\x85rint: false\n---\n" + GOOD_PAGES["talk.en.md"]},
        "docs/talk.en.md:2:2: INPUT-FRONT-MATTER",
    ),
    "empty checklist item": (
        both("\n## Lijst {#list}\n\n- [ ] \n", "\n## List {#list}\n\n- [ ] \n"),
        "docs/talk.nl.md:9:1: CHECKLIST-EMPTY",
    ),
    "unknown source": (
        {**GOOD_PAGES, "talk.en.md": "---\nsources: [nope]\n---\n" + GOOD_PAGES["talk.en.md"]},
        "docs/talk.en.md:2:1: SOURCE-UNKNOWN",
    ),
    "box line that is no box": (
        both('\n!!! tip "Tip" extra\n\n    Adem.\n', '\n!!! tip "Tip" extra\n\n    Breathe.\n'),
        "docs/talk.en.md:7:1: BOX-FORMAT",
    ),
    "box type": (
        both('\n!!! note "Let op"\n\n    Adem rustig.\n', '\n!!! note "Note"\n\n    Breathe slowly.\n'),
        "docs/talk.nl.md:7:1: BOX-TYPE",
    ),
    "box text not indented": (
        both('\n!!! tip "Tip"\n\nAdem rustig.\n', '\n!!! tip "Tip"\n\nBreathe slowly.\n'),
        "docs/talk.nl.md:7:1: BOX-INDENT",
    ),
    # the second card's `id:` key
    "card defined twice": ({**GOOD_PAGES, "phrases.yml": CARD_FILE + CARD_FILE[7:]}, "docs/phrases.yml:12:5: CARD-DUPLICATE"),
    # the phrase that lacks its English line
    "card phrase without English": (
        {**GOOD_PAGES, "phrases.yml": CARD_FILE.replace('        en: "Tell me more."\n', "")},
        "docs/phrases.yml:8:9: CARD-LANGUAGE",
    ),
    # the first phrase of a card with one
    "card with one phrase": (
        {**GOOD_PAGES, "phrases.yml": CARD_FILE.split('      - nl: "Vertelt')[0]},
        "docs/phrases.yml:6:7: CARD-SIZE",
    ),
    # the section value
    "card section": (
        {**GOOD_PAGES, "phrases.yml": CARD_FILE.replace("talk#stay-calm", "talk#stay-clam")},
        "docs/phrases.yml:3:14: CARD-SECTION",
    ),
    # the misspelt section in the index term's list
    "index term section": (
        {**GOOD_PAGES, "index-terms.yml": INDEX_TERMS.replace("[index#home, talk#stay-calm]", "[index#home, talk#stay-clam]")},
        "docs/index-terms.yml:4:28: INDEX-TARGET",
    ),
    # the index term that lacks its English word
    "index term without English": (
        {**GOOD_PAGES, "index-terms.yml": INDEX_TERMS.replace("    en: calm\n", "")},
        "docs/index-terms.yml:2:5: INDEX-LANGUAGE",
    ),
    # the second Dutch "kalmte", in capitals
    "index term twice": (
        {**GOOD_PAGES, "index-terms.yml": INDEX_TERMS + INDEX_TERMS[7:].replace("kalmte", "Kalmte").replace("calm\n", "rest\n")},
        "docs/index-terms.yml:5:9: INDEX-DUPLICATE",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_fault_is_reported_at_its_place(tmp_path, case):
    pages, expected = CASES[case]
    config = write_site(tmp_path, pages)
    found = [p.format() for p in run_checks(load_handbook(settings_from_mkdocs(load_config(str(config)))))]
    assert any(line.startswith(expected + " ") for line in found), found


def config_place(config, text: str, column_of: str) -> str:
    lines = config.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if text in line)
    return f"mkdocs.yml:{number}:{lines[number - 1].index(column_of) + 1}"


def test_navigation_entry_without_page_is_reported_at_the_entry(tmp_path):
    config = write_site(tmp_path, GOOD_PAGES, {"nav": [{"Thuis": "index.md"}, {"Gesprek": "talk.md"}, {"Weg": "gone.md"}]})
    found = [p.format() for p in run_checks(load_handbook(settings_from_mkdocs(load_config(str(config)))))]
    assert any(line.startswith(config_place(config, "Weg: gone.md", "gone.md") + ": NAV-PAGE ") for line in found), found


def test_untranslated_navigation_title_is_reported_where_translations_go(tmp_path):
    config = write_site(tmp_path, GOOD_PAGES, {"nav": [{"Thuis": "index.md"}, {"Gesprek": "talk.md"}, {"Weg": "talk.md"}]})
    found = [p.format() for p in run_checks(load_handbook(settings_from_mkdocs(load_config(str(config)))))]
    lines = config.read_text(encoding="utf-8").splitlines()
    block = next(n for n, line in enumerate(lines, 1) if line.strip() == "nav_translations:")
    assert any(line.startswith(f"mkdocs.yml:{block}:1: NAV-TITLE navigation title 'Weg'") for line in found), found


def found_in(config) -> list[str]:
    return [p.format() for p in run_checks(load_handbook(settings_from_mkdocs(load_config(str(config)))))]


def test_redirects_to_missing_targets_are_reported_at_the_target(tmp_path):
    plugins = [{"redirects": {"redirect_maps": {"old.md": "gone.md"}}}, *MINIMAL_CONFIG["plugins"]]
    config = write_site(tmp_path, GOOD_PAGES, {"plugins": plugins, "extra": {"section_redirects": {"talk#old": "talk#gone"}}})
    found = found_in(config)
    page = config_place(config, "old.md: gone.md", "gone.md") + ": LINK-LOCKED page redirect 'old.md' leads to missing"
    section = config_place(config, "talk#old: talk#gone", "talk#gone") + ": LINK-LOCKED section redirect 'talk#old'"
    assert any(line.startswith(page) for line in found), found
    assert any(line.startswith(section) for line in found), found


def test_a_lost_locked_section_is_reported_at_its_id_and_names_its_redirect(tmp_path):
    (tmp_path / "links.lock").write_text("index\ntalk\n  talk#lost\n", encoding="utf-8")
    config = write_site(tmp_path, GOOD_PAGES)
    assert any(line.startswith("links.lock:3:8: LINK-LOCKED published section 'talk#lost'") for line in found_in(config))
    config = write_site(tmp_path, GOOD_PAGES, {"extra": {"section_redirects": {"talk#lost": "talk#gone"}}})
    redirect = config_place(config, "talk#lost: talk#gone", "talk#gone")
    expected = (
        "links.lock:3:8: LINK-LOCKED published section 'talk#lost' no longer exists in docs/talk.nl.md,"
        f" and its redirect at {redirect}"
    )
    assert any(line.startswith(expected) for line in found_in(config)), found_in(config)


def languages_with(**changes) -> dict:
    """The fixture config with the English language entry changed (`site_name=""`, `extra={}`)."""
    i18n = copy.deepcopy(MINIMAL_CONFIG["plugins"][0]["i18n"])
    i18n["languages"][1].update(changes)
    return {"plugins": [{"i18n": i18n}]}


def test_a_language_without_site_name_is_reported_at_its_entry(tmp_path):
    config = write_site(tmp_path, GOOD_PAGES, languages_with(site_name=""))
    place = config_place(config, "locale: en", "locale")
    assert any(line.startswith(f"{place}: SITE-NAME language 'en' has no site_name") for line in found_in(config))


def test_a_missing_ui_label_is_reported_at_its_language_labels(tmp_path):
    extra = copy.deepcopy(MINIMAL_CONFIG["plugins"][0]["i18n"]["languages"][1]["extra"])
    del extra["ui"]["label"]
    config = write_site(tmp_path, GOOD_PAGES, languages_with(extra=extra))
    lines = config.read_text(encoding="utf-8").splitlines()
    english = next(n for n, line in enumerate(lines, 1) if "locale: en" in line)
    block = next(n for n, line in enumerate(lines, 1) if n > english and line.strip() == "ui:")
    column = len(lines[block]) - len(lines[block].lstrip()) + 1  # the first label under `ui:`
    expected = f"mkdocs.yml:{block + 1}:{column}: UI-STRING UI string 'label' has no 'en' text"
    assert any(line.startswith(expected) for line in found_in(config)), found_in(config)
    # without any `ui:` block: at the language's entry
    config = write_site(tmp_path, GOOD_PAGES, languages_with(extra={}))
    place = config_place(config, "locale: en", "locale")
    assert any(line.startswith(f"{place}: UI-STRING UI string 'label' has no 'en' text") for line in found_in(config))


def test_a_ui_label_a_template_uses_is_reported_at_the_use(tmp_path):
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text('{% extends "base.html" %}\n<p>{{ ui.nowhere }}</p>\n', encoding="utf-8")
    theme = {**MINIMAL_CONFIG["theme"], "custom_dir": "overrides"}
    config = write_site(tmp_path, GOOD_PAGES, {"theme": theme})
    found = found_in(config)
    assert any(line.startswith("overrides/main.html:2:7: UI-STRING UI string 'nowhere' has no 'nl' text") for line in found)


# How the tests write an expected place: literal or computed line and column, or a place computed beforehand.
EXPECTED_PLACE = re.compile(r"(?::(?:\d+|\{[^}]+\}):(?:\d+|\{[^}]+\})|\{place\}|\) \+ \"): ([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)")


def test_every_code_has_a_test_asserting_its_exact_place():
    from pathlib import Path

    from handbook.core.codes import CODES

    tests = Path(__file__).parent
    asserted = {code for path in tests.glob("test_*.py") for code in EXPECTED_PLACE.findall(path.read_text(encoding="utf-8"))}
    assert sorted(set(CODES) - asserted) == []
