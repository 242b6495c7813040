"""Bad input never ends in a traceback: each case is validated and rendered cleanly or reported with `path:line`
errors. The cases run in-process, through what a build runs before it writes a page (tests/test_fuzz.py's
`build`); that a failed build leaves the previous site/ as it was is a property of the build script, held once
in tests/test_site_build.py."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import write_site
from mkdocs.config import load_config
from test_fuzz import Copy, build, in_process_copy

from handbook.checks import run_checks
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs

LOCATED = re.compile(r"docs/[\w./-]+\.md:\d+:\d+: [A-Z-]+ ")
TOUCHED = ("after.nl.md", "after.en.md")


def append(name: str, text: str | dict[str, str], both: bool = True):
    """Append `text` to the page (a dict gives each language its own text, as a translator would)."""

    def mutate(docs):
        for lang in ("nl", "en") if both else ("en",):
            page = docs / f"{name}.{lang}.md"
            added = text[lang] if isinstance(text, dict) else text
            page.write_text(page.read_text(encoding="utf-8") + added, encoding="utf-8")

    return mutate


def replace_bytes(name: str, data: bytes):
    def mutate(docs):
        (docs / name).write_bytes(data)

    return mutate


CASES = {
    "broken markdown": (
        append(
            "after",
            {
                "nl": "\n\n[een halve link](\n\n**nooit gesloten\n\n| een | twee\n|--\n",
                "en": "\n\n[half a link](\n\n**never closed\n\n| one | two\n|--\n",
            },
        ),
        "ok",
    ),
    "byte-order mark": (
        lambda docs: replace_bytes("after.en.md", b"\xef\xbb\xbf" + (docs / "after.en.md").read_bytes())(docs),
        "ok",
    ),
    # A box with no text shows as an empty box: a located BOX-INDENT error, not a silent build.
    "unclosed admonition": (append("after", '\n\n!!! tip "Tip"\n'), "error"),
    "harmless html": (
        append(
            "after",
            {
                "nl": '\n\n<div class="note" markdown>\n**Samen** met de klant\n</div>\n',
                "en": '\n\n<div class="note" markdown>\n**Together** with the customer\n</div>\n',
            },
        ),
        "ok",
    ),
    "latin-1 file": (replace_bytes("after.en.md", "# After {#after}\n\nCaf\xe9 closed.\n".encode("latin-1")), "error"),
    "empty page": (replace_bytes("after.en.md", b""), "error"),
    "script in markdown": (append("after", '\n\n<script>alert("x")</script>\n'), "error"),
    "javascript link": (append("after", "\n\n[click](javascript:alert(1))\n"), "error"),
}


@pytest.fixture(scope="module")
def handbook_copy() -> Iterator[Copy]:
    with in_process_copy() as made:
        yield made


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_builds_cleanly_or_fails_with_location(case, handbook_copy: Copy):
    mutate, expected = CASES[case]
    docs = handbook_copy.root / "docs"
    originals = {name: (docs / name).read_bytes() for name in TOUCHED}
    try:
        mutate(docs)
        outcome = build(handbook_copy, {})  # an exception fails the test: never a traceback
    finally:
        for name, data in originals.items():
            (docs / name).write_bytes(data)
    report = "\n".join(problem.format() for problem in outcome.problems)
    if expected == "ok":
        assert outcome.problems == [], report
        assert outcome.html, "nothing was rendered"
    else:
        assert outcome.problems, "the bad input passed"
        assert LOCATED.search(report), report
        assert all(problem.line >= 1 and problem.col >= 1 for problem in outcome.problems)


def checks_on(tmp_path, pages):
    config = write_site(tmp_path, pages)
    return run_checks(load_handbook(settings_from_mkdocs(load_config(str(config)))))


@pytest.mark.slow  # a stress test: seconds of parsing
def test_five_megabyte_page_is_checked_without_error(tmp_path):
    paragraph = "Blijf rustig en luister naar de klant voordat je een oplossing zoekt. " * 12 + "\n\n"
    body = "# Groot {#big}\n\n" + paragraph * (5_000_000 // len(paragraph))
    english = "# Big {#big}\n\n" + ("Stay calm and listen to the customer before you look for a fix. " * 12 + "\n\n") * 10
    pages = {"index.nl.md": body, "index.en.md": english}
    problems = checks_on(tmp_path, {**pages, "talk.nl.md": "# T {#t}\n", "talk.en.md": "# T {#t}\n"})
    assert len(body.encode()) >= 4_900_000
    assert all(p.line >= 1 and p.path.startswith("docs/") for p in problems)


@pytest.mark.slow  # a stress test: seconds of parsing
def test_five_thousand_headings_are_checked_without_error(tmp_path):
    headings = "".join(f"\n## Kop {n} {{#heading-{n}}}\n\nTekst.\n" for n in range(5000))
    english = "".join(f"\n## Heading {n} {{#heading-{n}}}\n\nText.\n" for n in range(5000))
    pages = {
        "index.nl.md": "# Thuis {#home}\n" + headings,
        "index.en.md": "# Home {#home}\n" + english,
        "talk.nl.md": "# T {#t}\n",
        "talk.en.md": "# T {#t}\n",
    }
    problems = checks_on(tmp_path, pages)
    assert [p.code for p in problems] == []
