"""What the checks accept or report, the renderers can render: `make serve` renders on after validation has
reported a fault, so every page and every print job must come out of each faulty handbook without an exception.
"""

from __future__ import annotations

import markdown
import pytest
from conftest import CARD_FILE, GOOD_PAGES, MINIMAL_CONFIG

from handbook.checks import run_checks
from handbook.pages.directives import expand_page
from handbook.printing.document import RenderedPage
from handbook.printing.jobs import desk_jobs, handbook_source

WITH_CARD = {
    **GOOD_PAGES,
    "phrases.yml": CARD_FILE,
    "talk.nl.md": GOOD_PAGES["talk.nl.md"] + "\n{% phrases calm %}\n\n{% downloads %}\n",
    "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n{% phrases calm %}\n\n{% downloads %}\n",
    "sources.nl.md": "# Bronnen {#sources}\n\n## Dealen met lastige klanten {#tissink}\n\nEen artikel.\n",
    "sources.en.md": "# Sources {#sources}\n\n## Dealing with difficult customers {#tissink}\n\nAn article.\n",
}


def without_ui_labels() -> dict:
    i18n = MINIMAL_CONFIG["plugins"][0]["i18n"]
    languages = [{**language, "extra": {"ui": {}}} for language in i18n["languages"]]
    return {"plugins": [{"i18n": {**i18n, "languages": languages}}]}


INDEX_TERMS = "terms:\n  - nl: kalmte\n    en: calm\n    sections: [talk#stay-calm]\n"

FAULTY = {
    "every UI label missing in every language": (WITH_CARD, without_ui_labels()),
    "sources as a string": ({**WITH_CARD, "talk.en.md": "---\nsources: tissink\n---\n" + WITH_CARD["talk.en.md"]}, None),
    "sources as a number": ({**WITH_CARD, "talk.en.md": "---\nsources: 3\n---\n" + WITH_CARD["talk.en.md"]}, None),
    "a card without a title": (
        {**WITH_CARD, "phrases.yml": CARD_FILE.replace('    title: {nl: "Boos", en: "Angry"}\n', "")},
        None,
    ),
    "a card phrase without English": ({**WITH_CARD, "phrases.yml": CARD_FILE.replace('        en: "Tell me more."\n', "")}, None),
    "a card file that does not read": ({**WITH_CARD, "phrases.yml": CARD_FILE.replace("    title:", "   title:")}, None),
    "an unknown directive": ({**WITH_CARD, "talk.nl.md": WITH_CARD["talk.nl.md"] + "\n{% phrase calm %}\n"}, None),
    "a missing translation": ({k: v for k, v in WITH_CARD.items() if k != "talk.en.md"}, None),
    "front matter that does not close": ({**WITH_CARD, "talk.en.md": "---\nsources: [x]\n" + WITH_CARD["talk.en.md"]}, None),
    "an index term whose section is gone": ({**WITH_CARD, "index-terms.yml": INDEX_TERMS.replace("stay-calm", "gone")}, None),
    "an index term without English": ({**WITH_CARD, "index-terms.yml": INDEX_TERMS.replace("    en: calm\n", "")}, None),
    "an index file that does not read": ({**WITH_CARD, "index-terms.yml": INDEX_TERMS.replace("    en:", "   en:")}, None),
}


def render_everything(handbook) -> list[str]:
    """Every page through the directive renderer and Markdown, then every print job assembled."""
    rendered: dict[str, dict[str, RenderedPage]] = {}
    pages = []
    for slug, langs in handbook.pages.items():
        for lang, page in langs.items():
            body = (handbook.settings.root / page.path).read_text(encoding="utf-8")
            body = body.split("\n---\n", 1)[1] if body.startswith("---\n") and "\n---\n" in body else body
            language = handbook.settings.language(lang)
            html = markdown.markdown(expand_page(body, handbook, page, language, "../", "../"), extensions=["attr_list"])
            rendered.setdefault(lang, {})[slug] = RenderedPage(slug, lang, f"{slug}/", slug, html, page.path)
            pages.append(html)
    site = handbook.settings.root / "site"
    jobs = [
        handbook_source(handbook, language, rendered.get(language.locale, {}), site).assemble()[0]
        for language in handbook.settings.languages
    ]
    jobs += desk_jobs(handbook)
    return pages + [job.html for job in jobs]


@pytest.mark.parametrize("case", list(FAULTY))
def test_a_faulty_handbook_renders_every_page_and_print_job(fixture_site, case):
    pages, config = FAULTY[case]
    handbook = fixture_site(pages, config)
    problems = run_checks(handbook)
    assert problems, "the fixture is meant to be faulty"
    output = render_everything(handbook)
    assert output and all(isinstance(html, str) for html in output)


def test_sources_written_as_one_string_link_to_that_article(fixture_site):
    pages = {**WITH_CARD, "talk.en.md": "---\nsources: talk\n---\n" + WITH_CARD["talk.en.md"]}
    handbook = fixture_site(pages)
    assert handbook.page("talk", "en").sources == ["talk"]
    assert [p.code for p in run_checks(handbook) if p.code == "SOURCE-UNKNOWN"] == ["SOURCE-UNKNOWN"]


def test_a_directive_inside_a_code_block_stays_as_written(fixture_site):
    fenced = "\n```markdown\n{% downloads %}\n```\n"
    pages = {**GOOD_PAGES, "talk.nl.md": GOOD_PAGES["talk.nl.md"] + fenced, "talk.en.md": GOOD_PAGES["talk.en.md"] + fenced}
    handbook = fixture_site(pages)
    page = handbook.page("talk", "en")
    body = (handbook.settings.root / page.path).read_text(encoding="utf-8")
    expanded = expand_page(body, handbook, page, handbook.settings.language("en"), "../", "../")
    assert "{% downloads %}" in expanded and "downloads/" not in expanded


def test_every_ui_label_the_code_prints_is_required_in_every_language(fixture_site):
    handbook = fixture_site(GOOD_PAGES, without_ui_labels())
    missing = {p.message.split("'")[1] for p in run_checks(handbook) if p.code == "UI-STRING"}
    from handbook.sources.settings import CODE_UI_KEYS

    assert set(CODE_UI_KEYS) <= missing


def test_every_directive_of_the_real_handbook_is_expanded_in_the_built_site(built_site):
    leftovers = [
        page.relative_to(built_site).as_posix() for page in built_site.rglob("*.html") if "{%" in page.read_text(encoding="utf-8")
    ]
    assert leftovers == []
