"""Messages that finish the job: a concrete ID to add, "did you mean" for card IDs, one message for one slip."""

from __future__ import annotations

import pytest
from conftest import GOOD_PAGES

from handbook.checks import run_checks
from handbook.core.codes import Code

CARDS = """cards:
  - id: call-back
    section: talk#stay-calm
    title: {nl: "Terugbellen", en: "Calling back"}
    phrases:
      - nl: "Ik bel u vanmiddag terug."
        en: "I’ll ring you back this afternoon."
      - nl: "Mag ik u morgen terugbellen?"
        en: "May I call you back tomorrow?"
      - nl: "Ik zoek het uit en bel u terug."
        en: "I’ll look into it and call you back."
"""


def formatted(handbook) -> list[str]:
    return [problem.format() for problem in run_checks(handbook)]


def test_heading_without_id_gets_the_id_to_add(fixture_site):
    pages = {**GOOD_PAGES}
    pages["talk.nl.md"] += "\n## Voicemail inspreken\n\nSpreek kort in wat je wilt.\n"
    pages["talk.en.md"] += "\n## Leaving a voicemail\n\nSay briefly what you want.\n"
    found = formatted(fixture_site(pages))
    assert (
        "docs/talk.nl.md:7:1: ID-MISSING heading 'Voicemail inspreken' has no ID "
        "(end the line with `{#leaving-a-voicemail}`, the same ID in every language)" in found
    )
    assert (
        "docs/talk.en.md:7:1: ID-MISSING heading 'Leaving a voicemail' has no ID "
        "(end the line with `{#leaving-a-voicemail}`, the same ID in every language)" in found
    )


def test_id_that_is_not_last_on_the_line_says_so(fixture_site):
    pages = {**GOOD_PAGES, "talk.nl.md": GOOD_PAGES["talk.nl.md"].replace("{#stay-calm}", "{#stay-calm} (nl)")}
    found = [m for m in formatted(fixture_site(pages)) if "ID-MISSING" in m]
    assert found == [
        "docs/talk.nl.md:3:1: ID-MISSING heading 'Blijf kalm {#stay-calm} (nl)' has its ID in the middle of the line "
        "(`{#id}` must be the last thing on the heading line)"
    ]


def test_badly_formed_id_gets_a_well_formed_one(fixture_site):
    pages = {**GOOD_PAGES}
    for name in ("talk.nl.md", "talk.en.md"):
        pages[name] = pages[name].replace("{#stay-calm}", "{#Stay_Calm}")
    for name in ("index.nl.md", "index.en.md"):
        pages[name] = pages[name].replace("#stay-calm", "#Stay_Calm")
    found = [m for m in formatted(fixture_site(pages)) if "ID-FORMAT" in m]
    assert found[0] == (
        "docs/talk.en.md:3:1: ID-FORMAT section ID 'Stay_Calm' is not lowercase English words joined by hyphens "
        "(use `{#stay-calm}`, the same in every language)"
    )


def test_a_stray_line_break_character_inside_an_id_is_named_at_its_heading(fixture_site):
    # A NEL (U+0085) typed into an ID in one language: Python-Markdown keeps it in the page's ID, so the check must
    # read the same ID and name it here, not a link to a cut-off 'stay' somewhere else.
    pages = {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"].replace("{#stay-calm}", "{#stay\x85-calm}")}
    found = formatted(fixture_site(pages))
    assert [m for m in found if "ID-FORMAT" in m] == [
        "docs/talk.en.md:3:1: ID-FORMAT section ID 'stay\x85-calm' is not lowercase English words joined by hyphens "
        "(use `{#stay-calm}`, the same in every language)"
    ]
    assert not [m for m in found if "'stay'" in m or "#stay'" in m], found


def test_a_paragraph_id_is_read_as_the_page_gets_it(fixture_site):
    # Python-Markdown keeps a NEL (U+0085) in a paragraph's ID, so a link to the ID without it is broken on the page
    # and the check must say so; a tab ends an ID, and `#a=b` is an attribute, not an ID.
    pages = {**GOOD_PAGES}
    pages["talk.nl.md"] += "\nTel tot tien.\n{ #count\tx }\n\nZeg het.\n{: .tip #say }\n"
    pages["talk.en.md"] += "\nCount to ten.\n{ #count }\n\nSay it.\n{ #say\x85 #x=y }\n"
    for name, lang in (("index.nl.md", "nl"), ("index.en.md", "en")):
        pages[name] += f"\n[{lang}](talk.md#count) [{lang}](talk.md#say) [{lang}](talk.md#x)\n"
    handbook = fixture_site(pages)
    assert handbook.page("talk", "nl").scan.paragraph_ids == ["count", "say"]
    assert handbook.page("talk", "en").scan.paragraph_ids == ["count", "say\x85"]
    broken = sorted(m for m in formatted(handbook) if "#say" in m or "#x" in m or "#count" in m)
    assert [m.split(": LINK-ANCHOR ")[0] for m in broken] == [
        "docs/index.en.md:5:21",  # '#say': the page's ID is 'say\x85'
        "docs/index.en.md:5:39",  # '#x' in both languages
        "docs/index.nl.md:5:39",
    ]


def test_mistyped_card_id_gets_a_suggestion(fixture_site):
    pages = {**GOOD_PAGES, "phrases.yml": CARDS}
    for lang in ("nl", "en"):
        pages[f"talk.{lang}.md"] += "\n{% phrases callback %}\n"
    found = [m for m in formatted(fixture_site(pages)) if "DIRECTIVE" in m]
    assert found == [
        f"docs/talk.{lang}.md:7:1: DIRECTIVE no phrase card 'callback' (did you mean `call-back`?)" for lang in ("en", "nl")
    ]


def test_one_slip_in_the_card_file_is_one_message(fixture_site):
    broken = CARDS.replace('        en: "I’ll ring you back', '       en: "I’ll ring you back')
    pages = {**GOOD_PAGES, "phrases.yml": broken}
    for lang in ("nl", "en"):
        pages[f"talk.{lang}.md"] += "\n{% phrases call-back %}\n"
    found = formatted(fixture_site(pages))
    assert len(found) == 1 and ": INPUT-YAML " in found[0] and found[0].startswith("docs/phrases.yml:7:"), found


def test_leftovers_in_built_html_are_found_whatever_the_kind_and_located_in_the_source():
    from handbook.checks.leftovers import check_output_html

    html = "<main>\n<p>Intro</p>\n<p>FIXME: betere zin</p>\n<p>Lorem ipsum dolor</p>\n</main>"
    source = [(5, "Intro"), (7, "FIXME: betere zin"), (9, "Lorem ipsum dolor")]
    found = [p.format() for p in check_output_html(html, "docs/talk.nl.md", "nl", source)]
    assert found == [
        "docs/talk.nl.md:7:1: OUTPUT-LEFTOVER built HTML line 3 contains author marker 'FIXME' "
        "(fix the page or the template that produced it)",
        "docs/talk.nl.md:9:1: OUTPUT-LEFTOVER built HTML line 4 contains placeholder text 'Lorem ipsum' "
        "(fix the page or the template that produced it)",
    ]


@pytest.mark.parametrize(
    "leftover",
    [
        '<span class="Translation_Missing">x</span>',
        "Translation missing: nl.title",
        "{{ page.meta.title }}",
        "{% phrases calm %}",
        "%{name}",
        "${name}",
        "TODO",
        "TRANSLATE",
        "TBD",
        "MAIN IMAGE ALT",
        "Waar gaat dit hoofdstuk over?",
        "Write the first paragraph of this chapter here, in your own words.",
    ],
)
def test_every_kind_of_leftover_is_found_in_a_page_as_large_as_a_big_handbooks(leftover):
    """A large page is first searched for the text each leftover must contain, not with every pattern: that
    shortcut may not hide a kind (or a spelling in other capitals) the patterns report."""
    from handbook.checks.leftovers import check_output_html

    navigation = "".join(f'<li><a href="../chapter-{n}/">Hoofdstuk {n}</a></li>\n' for n in range(3000))
    html = f"<nav><ul>\n{navigation}</ul></nav>\n<main>\n<p>Intro {leftover} einde</p>\n</main>"
    found = check_output_html(html, "docs/talk.nl.md", "nl", [(7, f"Intro {leftover} einde")])
    assert [(p.path, p.line, p.code) for p in found] == [("docs/talk.nl.md", 7, Code.OUTPUT_LEFTOVER)], found


def test_a_slip_in_the_handbooks_card_file_gets_the_config_files_hint_and_no_false_lead(tmp_path):
    """The real handbook has a desk sheet: while its card file cannot be read, no phrase is known, not unmarked."""
    from conftest import copy_project
    from mkdocs.config import load_config

    from handbook.sources.model import load_handbook
    from handbook.sources.settings import settings_from_mkdocs

    copy = copy_project(tmp_path / "repo")
    cards = copy / "docs" / "phrases.yml"
    lines = cards.read_text(encoding="utf-8").split("\n")
    slip = next(n for n, line in enumerate(lines) if line.strip().startswith("en:") and lines[n - 1].strip().startswith("- nl:"))
    lines[slip] = lines[slip][1:]  # the first English phrase one space less indented than its Dutch line
    cards.write_text("\n".join(lines), encoding="utf-8")
    found = formatted(load_handbook(settings_from_mkdocs(load_config(str(copy / "mkdocs.yml")))))
    assert found == [
        f"docs/phrases.yml:{slip + 1}:{len(lines[slip]) - len(lines[slip].lstrip()) + 1}: INPUT-YAML malformed YAML: a line "
        f"indented more or less than the lines around it (check this line's and line {slip}'s indentation against the "
        "lines above them; put text with `: ` or `#` in quotes)"
    ]


def test_an_id_left_off_in_one_language_is_one_message_there(fixture_site):
    for lang, other in (("en", "nl"), ("nl", "en")):
        pages = {name: text.replace("talk.md#stay-calm", "talk.md") for name, text in GOOD_PAGES.items()}  # no link to it
        pages[f"talk.{lang}.md"] = pages[f"talk.{lang}.md"].replace(" {#stay-calm}", "")
        found = formatted(fixture_site(pages))
        title = "Stay calm" if lang == "en" else "Blijf kalm"
        assert found == [
            f"docs/talk.{lang}.md:3:1: ID-MISSING heading '{title}' has no ID "
            "(end the line with `{#stay-calm}`, the same ID in every language)"
        ], found
        assert not any(line.startswith(f"docs/talk.{other}.md") for line in found)
