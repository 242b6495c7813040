"""The index terms of the printed handbook as the model reads them: what counts as the same term, and what the checks
say about docs/index-terms.yml, at its line and in the project's words. The printed index is tested in
test_book_index.py (the print document), test_page_slots.py (its page lists) and test_handbook_pdf.py (the PDFs)."""

from __future__ import annotations

from conftest import GOOD_PAGES

from handbook.checks import run_checks
from handbook.sources.index_terms import IndexTarget, sort_key

INDEX_FILE = "docs/index-terms.yml"

# The small handbook of conftest, with a second section on its conversation page.
PAGES = {
    **GOOD_PAGES,
    "talk.nl.md": GOOD_PAGES["talk.nl.md"] + "\n## Vat samen {#summarise}\n\nZeg in je eigen woorden wat je hoorde.\n",
    "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n## Summarise {#summarise}\n\nSay in your own words what you heard.\n",
}

TERMS = """terms:
  - nl: samenvatten
    en: summarising
    sections: [talk#summarise]
  - nl: kalmte
    en: calm
    sections: [talk#summarise, talk#stay-calm]
"""


def problems_of(fixture_site, terms: str, config_changes: dict | None = None) -> list[str]:
    """The formatted problems of the small handbook with `terms` as its index file."""
    return [p.format() for p in run_checks(fixture_site({**PAGES, "index-terms.yml": terms}, config_changes))]


def index_problems(fixture_site, terms: str, config_changes: dict | None = None) -> list[str]:
    return [line for line in problems_of(fixture_site, terms, config_changes) if line.startswith(INDEX_FILE)]


def test_the_same_term_in_another_case_or_accent_is_the_same_key():
    assert sort_key("Één klant") == sort_key("een klant") == sort_key("‘een’ klant!")
    assert sort_key("ĳzer") == sort_key("ijzer")  # Dutch sorts the ligature as i followed by j
    assert sort_key("no-show") == "no show" < sort_key("nobody")  # punctuation parts words, compared one by one
    assert sort_key("“I want to speak to your manager”") < sort_key("“I’ve already paid”") == "ive already paid"


def test_the_real_index_terms_are_read_and_sound(real_handbook):
    # About a hundred words, growing with the handbook: far fewer would miss what readers look up, far more would
    # bury it (the printed index takes about two pages per hundred terms).
    assert 70 <= len(real_handbook.index_terms) <= 150
    assert all(set(term.words) == {"nl", "en"} and 1 <= len(term.targets) <= 4 for term in real_handbook.index_terms)
    assert not [p for p in real_handbook.input_problems if p.path == real_handbook.index_path]


def test_sound_terms_give_no_problem(fixture_site):
    assert problems_of(fixture_site, TERMS) == []


def test_a_section_that_does_not_exist_is_reported_at_its_place_with_the_nearest_one(fixture_site):
    assert index_problems(fixture_site, TERMS.replace("[talk#summarise]", "[talk#sumarise]")) == [
        f"{INDEX_FILE}:4:16: INDEX-TARGET index term 'samenvatten': 'talk#sumarise' is not a section of the handbook"
        " (did you mean `talk#summarise`?)"
    ]


def test_a_page_that_does_not_exist_is_reported_with_the_nearest_one(fixture_site):
    assert index_problems(fixture_site, TERMS.replace("[talk#summarise, ", "[tlak#summarise, ")) == [
        f"{INDEX_FILE}:7:16: INDEX-TARGET index term 'kalmte': 'tlak#summarise' names no page of the handbook"
        " (did you mean `talk#summarise`?)"
    ]


def test_a_section_of_a_web_only_page_is_reported(fixture_site):
    pages = {name: ("---\nprint: false\n---\n" + text if name.startswith("index.") else text) for name, text in PAGES.items()}
    terms = TERMS.replace("[talk#summarise]", "[index#home]")
    found = [p.format() for p in run_checks(fixture_site({**pages, "index-terms.yml": terms}))]
    assert f"{INDEX_FILE}:4:16: INDEX-TARGET index term 'samenvatten': 'index#home' is on a web-only page" in "\n".join(found)


def test_a_term_without_a_language_is_reported_in_that_language(fixture_site):
    terms = TERMS.replace("    en: summarising\n", "")
    found = [p for p in run_checks(fixture_site({**PAGES, "index-terms.yml": terms})) if p.path == INDEX_FILE]
    assert [(p.format(), p.lang) for p in found] == [
        (f"{INDEX_FILE}:2:5: INDEX-LANGUAGE index term 'samenvatten' has no 'en' word (add `en:` with the term)", "en")
    ]
    empty = TERMS.replace("    en: summarising\n", "    en: ''\n")
    assert index_problems(fixture_site, empty) == [
        f"{INDEX_FILE}:3:9: INDEX-LANGUAGE index term 'samenvatten' has no 'en' word (`en:` is there but empty)"
        " (write the term in 'en' after `en:`)"
    ]


def test_a_term_listed_twice_in_one_language_is_reported_with_its_first_place(fixture_site):
    twice = TERMS + "  - nl: Samenvatten\n    en: summing up\n    sections: [talk#stay-calm]\n"
    found = [p for p in run_checks(fixture_site({**PAGES, "index-terms.yml": twice})) if p.path == INDEX_FILE]
    assert [(p.format(), p.lang) for p in found] == [
        (
            f"{INDEX_FILE}:8:9: INDEX-DUPLICATE index term 'Samenvatten' is already listed at {INDEX_FILE}:2"
            " (put the sections of both in one entry (it reads 'samenvatten' there))",
            "nl",
        )
    ]


def test_a_section_named_twice_by_one_term_is_reported(fixture_site):
    assert index_problems(
        fixture_site, TERMS.replace("[talk#summarise, talk#stay-calm]", "[talk#summarise, talk#summarise]")
    ) == [
        f"{INDEX_FILE}:7:32: INDEX-DUPLICATE index term 'kalmte' names the section 'talk#summarise' twice, first at"
        f" {INDEX_FILE}:7:16 (name each section once)"
    ]


def test_a_renamed_section_is_followed_through_its_redirect(fixture_site):
    redirects = {"extra": {"section_redirects": {"talk#sum-up": "talk#summarise", "talk#recap": "talk#sum-up"}}}
    handbook = fixture_site({**PAGES, "index-terms.yml": TERMS.replace("[talk#summarise]", "[talk#recap]")}, redirects)
    assert [p.format() for p in run_checks(handbook) if p.path == INDEX_FILE] == []
    assert handbook.index_terms[0].targets == (IndexTarget("talk", "summarise", 4, 16, "talk#recap"),)


def test_a_redirect_that_leads_nowhere_is_reported_with_the_name_written(fixture_site):
    redirects = {"extra": {"section_redirects": {"talk#sum-up": "talk#gone"}}}
    assert index_problems(fixture_site, TERMS.replace("[talk#summarise]", "[talk#sum-up]"), redirects) == [
        f"{INDEX_FILE}:4:16: INDEX-TARGET index term 'samenvatten': 'talk#gone' (where the redirect of 'talk#sum-up'"
        " leads) is not a section of the handbook (see the `{#...}` IDs of talk's headings)"
    ]


def test_a_term_of_the_wrong_shape_is_reported_at_its_line(fixture_site):
    five = ", ".join(["talk#stay-calm"] * 5)
    cases = {
        "terms:\n  - nl: kalmte\n    en: calm\n": [
            f"{INDEX_FILE}:2:5: INDEX-FORMAT index term 'kalmte' has no `sections:`"
            " (add `sections: [page#section-id]`, the sections that treat it)"
        ],
        "terms:\n  - nl: kalmte\n    en: calm\n    section: talk#stay-calm\n    sections: talk\n": [
            f"{INDEX_FILE}:4:5: INDEX-FORMAT index term 'kalmte' has an unknown key `section:`"
            " (an index term has `nl:`, `en:`, `sections:`)",
            f"{INDEX_FILE}:5:15: INDEX-FORMAT index term 'kalmte': each of its `sections` must be `page#section-id`"
            " (for example `refunds#consumer-rights`)",
        ],
        "terms:\n  - nl: kalmte\n    en: calm\n    sections: []\n": [
            f"{INDEX_FILE}:4:15: INDEX-FORMAT index term 'kalmte' names no section"
        ],
        "cards: []\n": [f"{INDEX_FILE}:1:1: INDEX-FORMAT expected a top-level `terms:` list"],
        "terms:\n  - nl: [kalmte\n": [f"{INDEX_FILE}:2:9: INPUT-YAML"],
    }
    for terms, expected in cases.items():
        found = index_problems(fixture_site, terms)
        assert [line[: len(want)] for line, want in zip(found, expected, strict=False)] == expected, terms
    duplicates = f"terms:\n  - nl: kalmte\n    en: calm\n    sections: [{five}]\n"
    assert f"{INDEX_FILE}:4:32: INDEX-DUPLICATE" in "\n".join(index_problems(fixture_site, duplicates))


def test_more_than_four_sections_are_reported(fixture_site):
    pages = dict(PAGES)
    for lang, words in (("nl", "Deel"), ("en", "Part")):
        pages[f"talk.{lang}.md"] += "".join(f"\n## {words} {n} {{#part-{n}}}\n\nTekst {n}.\n" for n in range(1, 5))
    sections = ", ".join(["talk#stay-calm", *(f"talk#part-{n}" for n in range(1, 5))])
    found = [
        p.format()
        for p in run_checks(
            fixture_site({**pages, "index-terms.yml": f"terms:\n  - nl: a\n    en: b\n    sections: [{sections}]\n"})
        )
    ]
    assert f"{INDEX_FILE}:4:15: INDEX-FORMAT index term 'a' names 5 sections (keep the 4 or fewer that treat it;" in "\n".join(
        found
    )


def test_a_handbook_without_index_terms_has_no_index(fixture_site):
    handbook = fixture_site(PAGES)
    assert handbook.index_terms == [] and run_checks(handbook) == []
