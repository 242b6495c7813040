"""Each check on a small fixture site: the good site is clean, each planted fault gives its exact message."""

from __future__ import annotations

import re

from conftest import GOOD_PAGES

from handbook.checks import run_checks
from handbook.sources.model import split_front_matter


def messages(handbook) -> list[str]:
    return [p.format() for p in run_checks(handbook)]


def test_good_fixture_site_has_no_problems(fixture_site):
    assert messages(fixture_site(GOOD_PAGES)) == []


def test_link_to_missing_page_names_file_line_and_closest_page(fixture_site):
    pages = {**GOOD_PAGES, "index.en.md": "# Welcome {#home}\n\nRead [it](tallk.md) first.\n"}
    assert messages(fixture_site(pages)) == [
        "docs/index.en.md:3:6: LINK-PAGE link to missing page 'tallk.md' (did you mean `talk.md`?)"
    ]


def test_a_link_whose_text_wraps_onto_the_next_line_is_checked_at_its_first_line(fixture_site):
    """A paragraph's lines are one text: a link wrapped across them is a link like any other, and the links
    around it, on its lines and after a blank line, are still found where they are."""
    wrapped = (
        "# Welcome {#home}\n\nRead [the long\nstory about it](tallk.md#stay-calm) first, then [this](talk.md#stay-kalm).\n\n"
        "A [bracket\n\nthat ends](talk.md) in another paragraph is no link.\n"
    )
    assert messages(fixture_site({**GOOD_PAGES, "index.en.md": wrapped})) == [
        "docs/index.en.md:3:6: LINK-PAGE link to missing page 'tallk.md' (did you mean `talk.md`?)",
        "docs/index.en.md:4:49: LINK-ANCHOR '#stay-kalm' is not a section of docs/talk.en.md (did you mean `#stay-calm`?)",
    ]


def test_link_to_missing_anchor_suggests_existing_id(fixture_site):
    pages = {**GOOD_PAGES, "index.nl.md": "# Welkom {#home}\n\nLees [dit](talk.md#stay-clam) eerst.\n"}
    assert messages(fixture_site(pages)) == [
        "docs/index.nl.md:3:6: LINK-ANCHOR '#stay-clam' is not a section of docs/talk.nl.md (did you mean `#stay-calm`?)"
    ]


def test_same_page_anchor_is_checked(fixture_site):
    pages = {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"] + "\nSee [above](#stay-cool).\n"}
    assert messages(fixture_site(pages)) == [
        "docs/talk.en.md:7:5: LINK-ANCHOR '#stay-cool' is not a section of this page (did you mean `#stay-calm`?)"
    ]


def test_a_link_may_lead_to_a_paragraphs_own_id_but_not_to_a_class(fixture_site):
    """A paragraph given an ID (`{ #id }` under it, as quick help's groups have) is a place a link may lead to."""
    page = GOOD_PAGES["talk.en.md"] + "\n**Group**\n{ #group-one .label }\n\nTo [the group](#group-one), [nowhere](#label).\n"
    assert messages(fixture_site({**GOOD_PAGES, "talk.en.md": page})) == [
        "docs/talk.en.md:10:29: LINK-ANCHOR '#label' is not a section of this page (see the `{#...}` IDs of its headings)"
    ]


def test_link_into_other_language_is_reported(fixture_site):
    pages = {**GOOD_PAGES, "index.nl.md": "# Welkom {#home}\n\nLees [dit](talk.en.md#stay-calm) eerst.\n"}
    assert messages(fixture_site(pages)) == [
        "docs/index.nl.md:3:6: LINK-LANG link 'talk.en.md#stay-calm' leads into another language "
        "(link `talk.md` so readers stay in 'nl')"
    ]


def test_absolute_link_into_english_site_is_reported(fixture_site):
    pages = {**GOOD_PAGES, "index.nl.md": "# Welkom {#home}\n\nZie [dit](https://example.test/en/talk/).\n"}
    assert [p.code for p in run_checks(fixture_site(pages))] == ["LINK-LANG"]


def test_page_in_one_language_only_fails(fixture_site):
    pages = {k: v for k, v in GOOD_PAGES.items() if k != "talk.en.md"}
    assert "docs/talk.nl.md:1:1: PAGE-UNTRANSLATED page 'talk' has no 'en' version (create `docs/talk.en.md`)" in (
        messages(fixture_site(pages))
    )


def test_section_ids_must_match_between_languages(fixture_site):
    pages = {**GOOD_PAGES, "talk.en.md": "# The conversation {#talk}\n\n## Stay calm {#keep-calm}\n\nBreathe.\n"}
    assert messages(fixture_site(pages)) == [
        "docs/index.en.md:3:6: LINK-ANCHOR '#stay-calm' is not a section of docs/talk.en.md "
        "(see the `{#...}` IDs of its headings)",
        "docs/talk.en.md:1:1: ID-PARITY section 'stay-calm' of docs/talk.nl.md:3 is missing here "
        "(add a heading with `{#stay-calm}`)",
        "docs/talk.en.md:3:1: ID-PARITY section ID 'keep-calm' is not in docs/talk.nl.md; there, docs/talk.nl.md:3 has"
        " 'stay-calm' (use the same ID in every language)",
    ]


def test_heading_without_id_and_duplicate_ids(fixture_site):
    body = "# Het gesprek {#talk}\n\n## Blijf kalm {#stay-calm}\n\n## Nog eens {#stay-calm}\n\n## Zonder\n"
    pages = {**GOOD_PAGES, "talk.nl.md": body}
    found = messages(fixture_site(pages))
    assert (
        "docs/talk.nl.md:5:1: ID-DUPLICATE section ID 'stay-calm' is already used at docs/talk.nl.md:3"
        " (give one of the two headings another ID)" in found
    )
    assert (
        "docs/talk.nl.md:7:1: ID-MISSING heading 'Zonder' has no ID "
        "(end the line with `{#zonder}`, the same ID in every language)" in found
    )


def test_cms_leftover_from_source_article_is_caught(fixture_site):
    span = (
        '<span class="translation_missing" title="translation missing: nl-NL.ctas.tip_box.main_image_alt">Main Image Alt</span>'
    )
    pages = {**GOOD_PAGES, "talk.nl.md": GOOD_PAGES["talk.nl.md"] + "\n" + span + "\n"}
    found = [p for p in run_checks(fixture_site(pages)) if p.code == "LEFTOVER"]
    assert {(p.path, p.line) for p in found} == {("docs/talk.nl.md", 7)}
    assert {p.message.split(":")[0] for p in found} == {
        "translation-system class `translation_missing`",
        "text 'translation missing'",
        "i18n key",
        "placeholder text",
    }


def test_todo_marker_and_template_variable_are_leftovers(fixture_site):
    pages = {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"] + "\nTODO write this. Hello {{ name }}.\n"}
    found = messages(fixture_site(pages))
    assert "docs/talk.en.md:7:1: LEFTOVER author marker: 'TODO' (remove it or write the real text)" in found
    assert (
        "docs/talk.en.md:7:24: LEFTOVER unrendered template variable: '{{ name }}' (remove it or write the real text)"
    ) in found


def test_english_page_with_dutch_paragraph_is_reported(fixture_site):
    dutch = "Je luistert eerst naar de klant en dan stel je vragen over wat er mis is gegaan."
    pages = {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n" + dutch + "\n"}
    assert messages(fixture_site(pages)) == [
        "docs/talk.en.md:7:1: WRONG-LANGUAGE paragraph reads as 'nl', not 'en' "
        "(translate it into 'en'; a quotation in 'nl' stays, marked: `*...*{lang=nl}`)"
    ]


def test_paragraph_identical_in_both_languages_is_untranslated(fixture_site):
    same = "Offerte, planning, levering, factuur."
    pages = {**GOOD_PAGES}
    pages["talk.nl.md"] += "\n" + same + "\n"
    pages["talk.en.md"] += "\n" + same + "\n"
    assert messages(fixture_site(pages)) == [
        "docs/talk.en.md:7:1: SAME-TEXT paragraph is identical in docs/talk.nl.md:7 (translate it into 'en')"
    ]


def test_missing_nav_translation_and_ui_string(fixture_site):
    languages = [
        {
            "locale": "nl",
            "name": "Nederlands",
            "default": True,
            "site_name": "Handboek",
            "extra": {"ui": {"label": "K"}},
        },
        {"locale": "en", "name": "English", "site_name": "Handbook", "nav_translations": {"Thuis": "Home"}},
    ]
    i18n = {"docs_structure": "suffix", "fallback_to_default": False, "languages": languages}
    handbook = fixture_site(GOOD_PAGES, {"plugins": [{"i18n": i18n}]})
    found = messages(handbook)
    pattern = (
        r"mkdocs\.yml:\d+:1: NAV-TITLE navigation title 'Gesprek' at mkdocs\.yml:\d+ has no 'en' translation "
        r"\(add the line `Gesprek: <title in 'en'>` under this `nav_translations:`\)"
    )
    assert any(re.fullmatch(pattern, m) for m in found), found
    assert any("UI-STRING UI string 'label' has no 'en' text" in m for m in found)


def test_untitled_box_is_reported(fixture_site):
    pages = {
        **GOOD_PAGES,
        "talk.nl.md": GOOD_PAGES["talk.nl.md"] + '\n!!! tip "Tip"\n\n    Adem in.\n',
        "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n!!! tip\n\n    Breathe in.\n",
    }
    assert messages(fixture_site(pages)) == [
        "docs/talk.en.md:7:1: TITLE-MISSING 'tip' box has no title in 'en' (write `!!! tip \"Title\"`)"
    ]


def test_unsafe_html_in_markdown_is_an_error(fixture_site):
    pages = {**GOOD_PAGES}
    pages["talk.en.md"] += '\n<script>alert(1)</script>\n\n<a href="javascript:go()">x</a> <img src=x onerror="y">\n'
    found = [(p.line, p.col, p.code) for p in run_checks(fixture_site(pages))]
    assert found == [(7, 1, "UNSAFE-HTML"), (9, 1, "UNSAFE-HTML"), (9, 33, "UNSAFE-HTML")]


def test_unsafe_html_is_found_in_any_letter_case_as_browsers_read_it(fixture_site):
    line = '<IMG SRC=x ONERROR="y"> <a HREF="JavaScript:go()">x</a> <p OnClick=z>'
    pages = {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"] + f"\n<SCRIPT>alert(1)</SCRIPT>\n\n{line}\n"}
    found = [(p.line, p.col, p.code) for p in run_checks(fixture_site(pages))]
    columns = [line.index(tag) + 1 for tag in ("<IMG", "<a", "<p")]
    assert found == [(7, 1, "UNSAFE-HTML")] + [(9, col, "UNSAFE-HTML") for col in columns]


def test_malformed_front_matter_is_located(fixture_site):
    pages = {**GOOD_PAGES, "talk.nl.md": "---\nsources: [a, b\n---\n" + GOOD_PAGES["talk.nl.md"]}
    found = [p for p in run_checks(fixture_site(pages)) if p.code == "INPUT-FRONT-MATTER"]
    # At the `[` that is never closed, not at the `---` where YAML noticed.
    assert [(p.path, p.line, p.col) for p in found] == [("docs/talk.nl.md", 2, 10)]


def test_front_matter_values_mean_what_yaml_says():
    meta, _, _, problems = split_front_matter("---\nprint: false  # web only\nsources: [a]\nweight: 3\n---\n# T\n", "x.md")
    assert problems == []
    assert meta == {"print": False, "sources": ["a"], "weight": 3}


def test_front_matter_value_yaml_cannot_read_is_located(fixture_site):
    pages = {**GOOD_PAGES, "talk.nl.md": "---\nsources: [a]\nreviewed: 2024-13-45\n---\n" + GOOD_PAGES["talk.nl.md"]}
    found = [p for p in run_checks(fixture_site(pages)) if p.code == "INPUT-FRONT-MATTER"]
    assert [(p.path, p.line, p.col) for p in found] == [("docs/talk.nl.md", 3, 11)]


def test_latin1_file_is_an_encoding_error_with_line(fixture_site):
    pages = {**GOOD_PAGES, "talk.nl.md": "# Het gesprek {#talk}\n\nCaf\xe9 is dicht.\n".encode("latin-1")}
    found = [p.format() for p in run_checks(fixture_site(pages)) if p.code == "INPUT-ENCODING"]
    assert found == [
        "docs/talk.nl.md:3:4: INPUT-ENCODING file is not valid UTF-8 (save it as UTF-8 (it looks like Latin-1 or Windows-1252))"
    ]


def test_byte_order_mark_is_accepted(fixture_site):
    pages = {**GOOD_PAGES, "talk.nl.md": "\ufeff" + GOOD_PAGES["talk.nl.md"]}
    assert messages(fixture_site(pages)) == []
