"""Every example in AUTHORING.md works when copied literally: authors copy them, annotations and all.

Each ```markdown block becomes a page of a copy of the handbook and must pass the checks and build. The
paragraph just before a block says where it goes: a block introduced with a `.nl.md` file is the Dutch page and
the next block, introduced with a `.en.md` file, its English page; a block that names neither (front matter,
a checklist) goes into both languages. Each ```yaml block with `cards:` goes through the card loader; any
other YAML block must at least parse.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, run_build
from mkdocs.config import load_config
from PIL import Image

from handbook.checks import run_checks
from handbook.sources.index_terms import load_index_terms
from handbook.sources.model import load_handbook
from handbook.sources.phrases import load_cards
from handbook.sources.settings import settings_from_mkdocs

FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def blocks(text: str) -> list[tuple[str, str, str]]:
    """(language of the code, code, the prose since the previous block) for every fenced block."""
    found, previous_end = [], 0
    for match in FENCE.finditer(text):
        found.append((match.group(1), match.group(2), text[previous_end : match.start()]))
        previous_end = match.end()
    return found


def page_language(intro: str) -> str | None:
    """'nl' or 'en' when the text before a block names one language's page file, None when it names both or none."""
    last_paragraph = intro.strip().rsplit("\n\n", 1)[-1]
    named = {lang for lang in ("nl", "en") if f".{lang}.md`" in last_paragraph}
    return named.pop() if len(named) == 1 else None


def example_pages(text: str) -> list[dict[str, str]]:
    """The markdown examples as page pairs {lang: body}."""
    pairs: list[dict[str, str]] = []
    pending_nl = None
    for code_lang, code, intro in blocks(text):
        if code_lang != "markdown":
            continue
        lang = page_language(intro)
        if lang == "nl":
            assert pending_nl is None, f"Dutch example without its English block before:\n{pending_nl}"
            pending_nl = code
        elif lang == "en":
            assert pending_nl is not None, f"English example without a Dutch block before it:\n{code}"
            pairs.append({"nl": pending_nl, "en": code})
            pending_nl = None
        else:
            pairs.append({"nl": code, "en": code})
    assert pending_nl is None, f"Dutch example without its English block:\n{pending_nl}"
    return pairs


def page_text(body: str, title: str, number: int) -> str:
    heading = f"# {title} {number} {{#example-{number}}}\n\n"
    if body.startswith("---\n"):  # front matter must stay at the very top
        end = body.index("\n---\n", 4) + 5
        return body[:end] + "\n" + heading + body[end:]
    return heading + body


def test_examples_are_found():
    text = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    pairs = example_pages(text)
    boxes = [pair for pair in pairs if "!!! keypoint" in pair["nl"]]
    assert len(pairs) >= 5 and boxes and "Key point" in boxes[0]["en"]


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    """A copy of the handbook with every markdown example of AUTHORING.md as an extra page in both languages."""
    copy = tmp_path_factory.mktemp("examples") / "repo"
    copy_project(copy)
    pairs = example_pages((ROOT / "AUTHORING.md").read_text(encoding="utf-8"))
    for number, pair in enumerate(pairs, 1):
        slug = f"example-{number}"
        env = {"SLUG": slug, "TITLE_NL": f"Voorbeeld {number}", "TITLE_EN": f"Example {number}", "PATH": "/usr/bin:/bin"}
        made = subprocess.run([sys.executable, "scripts/new_page.py"], cwd=copy, capture_output=True, text=True, env=env)
        assert made.returncode == 0, made.stderr
        for lang, title in (("nl", "Voorbeeld"), ("en", "Example")):
            (copy / "docs" / f"{slug}.{lang}.md").write_text(page_text(pair[lang], title, number), encoding="utf-8")
        for image in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", pair["nl"] + pair["en"]):
            # an example's picture stands for one the author adds: a real, small picture at the path it shows, in
            # the format its name says (the checks open every picture as the typesetter would)
            path = copy / "docs" / image
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".svg":
                path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', encoding="utf-8")
            else:
                Image.new("RGB", (8, 8), "white").save(path)
    return copy


def test_markdown_examples_pass_the_checks(example_site):
    handbook = load_handbook(settings_from_mkdocs(load_config(str(example_site / "mkdocs.yml"))))
    assert [p.format() for p in run_checks(handbook)] == []


def test_markdown_examples_build_into_boxes_and_headings(example_site):
    result = run_build(example_site / "out", cwd=example_site, env={"HANDBOOK_SKIP_PRINT": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    pages = sorted((example_site / "out").glob("**/example-*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "!!!" not in html and "{#" not in html, page
        for box in re.findall(r'<div class="admonition[^"]*">(.*?)</div>', html, re.DOTALL):
            assert box.count("<p") >= 2, box  # a title and the box's own text inside it


def yaml_examples() -> list:
    text = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    return [code for code_lang, code, _ in blocks(text) if code_lang == "yaml"]


@pytest.mark.parametrize("code", yaml_examples())
def test_yaml_examples_are_valid(code, tmp_path, real_handbook):
    assert yaml.safe_load(code) is not None
    if "cards:" in code:
        path = tmp_path / "phrases.yml"
        path.write_text(code, encoding="utf-8")
        cards, problems = load_cards(path, "docs/phrases.yml", ["nl", "en"])
        assert cards and [p.format() for p in problems] == []
    if "terms:" in code:  # index terms, whose sections are the real handbook's
        path = tmp_path / "index-terms.yml"
        path.write_text(code, encoding="utf-8")
        terms, problems = load_index_terms(path, "docs/index-terms.yml", ["nl", "en"], {})
        assert terms and [p.format() for p in problems] == []
        for target in (target for term in terms for target in term.targets):
            assert target.anchor in real_handbook.page(target.page, "en").scan.section_ids, target
