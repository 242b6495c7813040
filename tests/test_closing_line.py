"""A run ends with one count of every problem it showed: the sources', the rendered pages' and the print step's,
with nothing after it that says otherwise (no "no problems" before the list, no count of MkDocs' own, no
traceback at exit), and MkDocs' own wordless repeats of a reported link fault are left out."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys

import pytest
from conftest import copy_project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

LOCATED = re.compile(r"(docs/\S+:\d+:\d+: [A-Z][A-Z-]+ .*)$", re.M)
# A link to a missing page in raw HTML (found only in the rendered page) in Dutch, a link to a missing section
# in English (found in the sources, and by MkDocs again in its own words): one section, both languages changed.
RAW_LINK = 'Zie <a href="../returns-policy/">terugbetalen</a>.'
PLANTED = {
    "nl": ("## Leg elk contact vast", f"{RAW_LINK}\n\n## Leg elk contact vast"),
    "en": ("## Keep a record", "See [how to stay calm](conversation.md#stay-clam).\n\n## Keep a record"),
}


def plant(copy, edits: dict[str, tuple[str, str]]) -> None:
    for lang, (old, new) in edits.items():
        page = copy / "docs" / f"after.{lang}.md"
        text = page.read_text(encoding="utf-8")
        assert old in text
        page.write_text(text.replace(old, new, 1), encoding="utf-8")


def place_of(copy, lang: str, needle: str) -> str:
    """`line:col` of `needle` in the page: where the author wrote it."""
    lines = (copy / "docs" / f"after.{lang}.md").read_text(encoding="utf-8").split("\n")
    return next(f"{number}:{line.index(needle) + 1}" for number, line in enumerate(lines, 1) if needle in line)


def test_a_failed_site_build_lists_every_problem_once_and_counts_them_last(tmp_path, monkeypatch, caplog):
    copy = copy_project(tmp_path / "repo")
    plant(copy, PLANTED)
    monkeypatch.chdir(copy)
    monkeypatch.setenv("HANDBOOK_SKIP_PRINT", "1")
    caplog.set_level(logging.INFO, logger="mkdocs")
    config = load_config(str(copy / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort) as stopped:
        build(config)
    messages = [(record.levelname, record.getMessage()) for record in caplog.records]
    errors = [text for level, text in messages if level == "ERROR"]
    assert errors == [
        f"docs/after.en.md:{place_of(copy, 'en', '[how to stay calm]')}: LINK-ANCHOR '#stay-clam' is not a section of "
        "docs/conversation.en.md (did you mean `#stay-calm`?)",
        f"docs/after.nl.md:{place_of(copy, 'nl', '../returns-policy/')}: LINK-PAGE link to missing page '../returns-policy/' "
        "(write it as a Markdown link, `[title](returns-policy.md)`, and create the page: `make new-page SLUG=returns-policy …`)",
    ]
    infos = [text for level, text in messages if level == "INFO"]
    assert "validation: 2 problems: LINK-ANCHOR 1, LINK-PAGE 1" in infos
    assert not any("no problems" in text for text in infos), infos
    # MkDocs' own warning about the same anchor (no line, other words) is not shown; nothing else is.
    assert [text for level, text in messages if level == "WARNING"] == []
    # The last thing said is the count, and it counts what was listed.
    assert str(stopped.value) == "build failed: 2 problems (listed above)"
    assert messages[-1][1].startswith("translations per language: ")
    # The page around the fault was still rendered and checked: the other English links resolve.
    assert (tmp_path / "site" / "en" / "after" / "index.html").is_file()


def test_a_build_stopped_by_a_rendered_page_ends_with_its_count_and_no_traceback(tmp_path):
    """The sources pass, so the print step starts its worker processes; the rendered page then stops the build."""
    copy = copy_project(tmp_path / "repo")
    plant(
        copy,
        {"nl": PLANTED["nl"], "en": ("## Keep a record", 'See <a href="../returns-policy/">refunds</a>.\n\n## Keep a record')},
    )
    (copy / "site").mkdir()
    (copy / "site" / "index.html").write_text("previous site", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("HANDBOOK_SKIP_PRINT", None)
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output and "Exception ignored" not in output, output[-3000:]
    assert "Aborted" not in output, output[-3000:]
    located = LOCATED.findall(result.stderr)
    assert len(located) == 2, located
    assert all(
        " LINK-PAGE link to missing page '../returns-policy/' " in line and "`[title](returns-policy.md)`" in line
        for line in located
    )
    assert sorted(line.split(":")[0] for line in located) == ["docs/after.en.md", "docs/after.nl.md"]
    assert output.strip().splitlines()[-1] == "build failed: 2 problems (listed above); the previous site/ is unchanged"
    assert (copy / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
