"""Boxes that would render wrong are errors with a line and a fix, and the check agrees with Markdown itself."""

from __future__ import annotations

import re

import markdown
import pytest
from conftest import GOOD_PAGES, ROOT

from handbook.checks import run_checks
from handbook.checks.boxes import BOX_TYPES

TEXT = "Adem rustig in en uit en luister naar wat de klant zegt."
# (box as written on the Dutch talk page, the code the check reports or None when the box is fine)
# `!!! Tip` is the one fault Markdown forgives (it lowercases the type); it is reported for one spelling.
FORGIVEN = {"type in capitals"}
CASES = {
    "indented after a blank line": (f'!!! tip "Tip"\n\n    {TEXT}\n', None),
    "indented, no blank line": (f'!!! tip "Tip"\n    {TEXT}\n', None),
    "body not indented": (f'!!! tip "Tip"\n\n{TEXT}\n', "BOX-INDENT"),
    "two spaces, no blank line": (f'!!! tip "Tip"\n  {TEXT}\n', "BOX-INDENT"),
    "box at the end of the page": ('!!! tip "Tip"\n', "BOX-INDENT"),
    "annotation after the title": (
        f'!!! keypoint "Kernpunt"     (English: !!! keypoint "Key point")\n\n    {TEXT}\n',
        "BOX-FORMAT",
    ),
    "title not quoted": (f"!!! tip Tip\n\n    {TEXT}\n", "BOX-FORMAT"),
    "type in capitals": (f'!!! Tip "Tip"\n\n    {TEXT}\n', "BOX-TYPE"),
    "type the handbook does not define": (f'!!! note "Let op"\n\n    {TEXT}\n', "BOX-TYPE"),
}


def talk_pages(nl_box: str, en_box: str | None = None) -> dict:
    """The good fixture site with a box at the end of the talk page (the same box in English unless given)."""
    en_box = nl_box.replace(TEXT, "Breathe slowly and listen.").replace('"Let op"', '"Note"') if en_box is None else en_box
    return {
        **GOOD_PAGES,
        "talk.nl.md": GOOD_PAGES["talk.nl.md"] + "\n" + nl_box,
        "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n" + en_box,
    }


def rendered_box_has_text(box: str) -> bool:
    """Whether Python-Markdown (the site's renderer) shows a box with the text inside it."""
    html = markdown.markdown(box, extensions=["admonition", "pymdownx.details"])
    match = re.search(r'<div class="admonition ([^"]*)">(.*?)</div>', html, re.DOTALL)
    return bool(match) and match.group(1) in BOX_TYPES and "<p>Adem" in match.group(2)


@pytest.mark.parametrize("case", list(CASES))
def test_box_check_agrees_with_the_rendered_page(fixture_site, case):
    box, expected = CASES[case]
    problems = run_checks(fixture_site(talk_pages(box)))
    nl = [p for p in problems if p.path == "docs/talk.nl.md"]
    assert [p.code for p in nl] == ([expected] if expected else [])
    if expected:
        assert nl[0].line == 7 and nl[0].suggestion  # the box's line, and a fix
    assert rendered_box_has_text(box) == (expected is None or case in FORGIVEN)


def test_box_type_in_capitals_suggests_lowercase(fixture_site):
    problems = run_checks(fixture_site(talk_pages(CASES["type in capitals"][0])))
    assert problems[0].format().endswith("(write `!!! tip`)")


def test_unknown_box_type_lists_the_handbooks_types(fixture_site):
    problems = run_checks(fixture_site(talk_pages(CASES["type the handbook does not define"][0])))
    assert problems[0].format().endswith("(use one of `tip`, `keypoint`, `caution`)")


def test_boxes_in_another_order_than_the_dutch_page(fixture_site):
    tip = '!!! tip "Tip"\n\n    Adem rustig.\n\n'
    keypoint = '!!! keypoint "Kernpunt"\n\n    Blijf kalm.\n\n'
    en_tip = '!!! tip "Tip"\n\n    Breathe slowly.\n\n'
    en_keypoint = '!!! keypoint "Key point"\n\n    Stay calm.\n\n'
    problems = run_checks(fixture_site(talk_pages(tip + keypoint, en_keypoint + en_tip)))
    assert [p.format() for p in problems] == [
        "docs/talk.en.md:7:1: BOX-PARITY box 1 is a 'keypoint' box, in docs/talk.nl.md:7 it is a 'tip' box "
        "(use the same boxes, in the same order, in every language)"
    ]


def test_a_box_missing_in_english(fixture_site):
    tip = '!!! tip "Tip"\n\n    Adem rustig.\n\n'
    problems = run_checks(
        fixture_site(talk_pages(tip + tip.replace("Adem rustig", "Luister"), '!!! tip "Tip"\n\n    Breathe.\n'))
    )
    assert [(p.code, p.path, p.message) for p in problems] == [
        ("BOX-PARITY", "docs/talk.en.md", "page has 1 boxes, docs/talk.nl.md has 2: docs/talk.nl.md:11 has box 2, missing here")
    ]
    # Pointed at the heading of the section that lacks the box, not at the top of the file.
    assert problems[0].line == 3  # `## Stay calm {#stay-calm}` of the English page


def test_every_box_type_is_styled_and_documented():
    site_css = (ROOT / "docs" / "assets" / "handbook.css").read_text(encoding="utf-8")
    print_css = (ROOT / "handbook" / "printing" / "handbook.css").read_text(encoding="utf-8")
    authoring = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    for kind in BOX_TYPES:
        if kind != "tip":  # the theme's own type; the print style's plain `.admonition` is the tip
            assert f".admonition.{kind}" in site_css and f".admonition.{kind}" in print_css, kind
        assert f'!!! {kind} "' in authoring, kind
