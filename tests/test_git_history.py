"""Dates and old texts from git: for a handbook in a subfolder of its repository, and under any locale."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import GOOD_PAGES, ROOT, write_site
from mkdocs.config import load_config

from handbook.checks.validate import validate
from handbook.sources.settings import settings_from_mkdocs

COMMITTED = "2026-03-14T12:00:00+00:00"


def commit(repo: Path, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.test", "GIT_COMMITTER_NAME": "A"}
    env |= {"GIT_COMMITTER_EMAIL": "a@example.test", "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", message]):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True, capture_output=True)


def test_a_handbook_in_a_subfolder_of_its_repository_knows_when_each_page_changed(tmp_path):
    handbook_root = tmp_path / "repository" / "handbook"
    write_site(handbook_root, {**GOOD_PAGES, "café.nl.md": "# Café {#cafe}\n", "café.en.md": "# Café {#cafe}\n"})
    commit(tmp_path / "repository", "first")
    result = validate(settings_from_mkdocs(load_config(str(handbook_root / "mkdocs.yml"))))
    pages = [page for by_lang in result.handbook.pages.values() for page in by_lang.values()]
    assert len(pages) == 6
    committed = dt.datetime.fromisoformat(COMMITTED).date()
    assert {page.path: result.translations.file_dates.get(page.path) for page in pages} == dict.fromkeys(
        [page.path for page in pages], committed
    )


# Run under the C locale with Python's UTF-8 mode off: the locale's encoding is ASCII.
UNDER_ASCII_LOCALE = """
import datetime as dt, json, sys
from pathlib import Path
from handbook.sources.edition import last_changed
from handbook.translations.translation_history import find_change
root, recorded = Path(sys.argv[1]), sys.argv[2]
change = find_change(root, "docs/talk.nl.md", "stay-calm", recorded, dt.date(2026, 12, 1))
print(json.dumps({"old": change.old_text, "pages": sorted(last_changed(root, "docs"))}))
"""


def test_old_texts_and_file_names_are_read_as_utf8_whatever_the_locale(tmp_path):
    from handbook.translations.translation_lock import fingerprint, normalise

    said = "Zeg: ‘Ik begrijp één ding niet.’"
    talk = f"# Het gesprek {{#talk}}\n\n## Blijf kalm {{#stay-calm}}\n\n{said}\n"
    write_site(tmp_path, {**GOOD_PAGES, "talk.nl.md": talk, "één.nl.md": "# Eén {#een}\n"})
    commit(tmp_path, "first")
    (tmp_path / "docs" / "talk.nl.md").write_text(talk.replace("één", "geen"), encoding="utf-8")
    recorded = normalise(f"Blijf kalm\n\n{said}")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", UNDER_ASCII_LOCALE, str(tmp_path), fingerprint(recorded)]
    result = subprocess.run(command, capture_output=True, encoding="utf-8", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout)
    assert found["old"] == recorded
    assert "docs/één.nl.md" in found["pages"]
