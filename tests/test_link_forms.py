"""Every form of link and image a reader can click or see, and Markdown that silently shows as text, planted in a
copy of the real handbook: the build fails and names each at its exact line and column."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

PROJECT = ("mkdocs.yml", "docs", "hooks", "overrides", "links.lock", "scripts")
PLANTED = """
See [the talk][talk-ref] and [nowhere][nope] and <https://handboek-lastige-klanten.example/missing/>.

[talk-ref]: missing-page.md

<a href="../boundaries/#no-such-id">raw</a> and <img src="../images/none.png" alt="A chart" srcset="../images/none2.png 2x">

| a | b |
|---|---|
| text | <a href="gone/">cell</a> |

- [ ] check <a href="../after/#nothing-here">this</a>

A paragraph {: .wrong } and [spaced] (after.md).

<map name="m"><area href="../lost/" alt="lost" shape="rect" coords="0,0,1,1"></map>

A list with no blank line before it:
- shown as text

A table with no blank line before it:
| x | y |
|:---|---:|
"""
# The appended text starts after the page's own lines; each expected problem names its line within PLANTED.
EXPECTED = {
    2: [
        "{page}:{line}:5: LINK-PAGE link to missing page 'missing-page.md', defined at {page}:{definition} (check the page name)",
        "{page}:{line}:50: LINK-PAGE link to missing page 'https://handboek-lastige-klanten.example/missing/'"
        " (write it as a Markdown link, `[title](missing.md)`, and create the page: `make new-page SLUG=missing …`)",
        "{page}:{line}:30: LINK-REFERENCE reference link '[nowhere][nope]' has no definition: it shows as text"
        " (add a line `[name]: page.md` below the paragraph, or write `[text](page.md)`)",
    ],
    6: [
        "{page}:{line}:10: LINK-ANCHOR '#no-such-id' is not a section of docs/boundaries.en.md"
        " (see the `{{#...}}` IDs of its headings)",
        "{page}:{line}:59: LINK-FILE link to missing file '../images/none.png' (write the path from this page's URL)",
        "{page}:{line}:101: LINK-FILE link to missing file '../images/none2.png' (write the path from this page's URL)",
    ],
    10: [
        "{page}:{line}:19: LINK-PAGE link to missing page 'gone/'"
        " (write it as a Markdown link, `[title](gone.md)`, and create the page: `make new-page SLUG=gone …`)"
    ],
    12: [
        "{page}:{line}:22: LINK-ANCHOR '#nothing-here' is not a section of docs/after.en.md"
        " (see the `{{#...}}` IDs of its headings)"
    ],
    14: [
        "{page}:{line}:13: MARKDOWN-LITERAL attribute list '{{: .wrong }}' did not apply: it shows as text"
        " (put `{{#id}}` last on the heading line, and `{{: .class}}` right after the element it styles)",
        "{page}:{line}:29: MARKDOWN-LITERAL '[spaced] (after.md)' is not a link: the space between `]` and `(` shows it as text"
        " (remove the space)",
    ],
    16: [
        "{page}:{line}:27: LINK-PAGE link to missing page '../lost/'"
        " (write it as a Markdown link, `[title](lost.md)`, and create the page: `make new-page SLUG=lost …`)"
    ],
    19: [
        "{page}:{line}:1: MARKDOWN-LITERAL list item '- shown as text' shows as text: the list follows a line of text"
        " with no blank line between (put a blank line before the list (and indent a nested list by 4 spaces))"
    ],
    23: [
        "{page}:{line}:1: MARKDOWN-LITERAL table rule '|:---|---:|' shows as text: the table follows a line of text"
        " with no blank line between (put a blank line before the table)"
    ],
}


@pytest.fixture(scope="module")
def planted_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("planted")
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    page = work / "docs" / "mindset.en.md"
    text = page.read_text(encoding="utf-8")
    first = text.count("\n") + 1  # PLANTED's line 1 is this file line
    page.write_text(text + PLANTED, encoding="utf-8")
    env = {**os.environ, "HANDBOOK_SKIP_PRINT": "1", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=work, capture_output=True, text=True, env=env, check=False)
    return result, first


def test_every_planted_link_form_fails_the_build_at_its_line(planted_build):
    result, first = planted_build
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for offset, messages in EXPECTED.items():
        for message in messages:
            expected = message.format(page="docs/mindset.en.md", line=first + offset - 1, definition=first + 3)
            assert expected in output, (expected, output)
