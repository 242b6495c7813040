"""One run reports every problem of the input: a fault the source checks find does not hide one that only the
rendered pages show, so an author fixing the first never meets a second round. A failed build still leaves the
previous site/ as it was."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import copy_project

LOCATED = re.compile(r"(docs/\S+:\d+:\d+: [A-Z][A-Z-]+ .*)$", re.M)
# A link to a missing page (found in the sources) and a reference without a definition (found only in the
# rendered page), appended to both languages of one page.
PLANTED = {
    "nl": "\nLees [het plan](nergens.md).\n\nZie ook [de afspraken][afspraken].\n",
    "en": "\nRead [the plan](nowhere.md).\n\nSee also [the agreements][agreements].\n",
}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    copy = copy_project(tmp_path_factory.mktemp("one-round") / "repo")
    lines = {}
    for lang, text in PLANTED.items():
        page = copy / "docs" / f"after.{lang}.md"
        before = page.read_text(encoding="utf-8")
        lines[lang] = before.count("\n") + 2  # the line of the first planted link
        page.write_text(before + text, encoding="utf-8")
    (copy / "site").mkdir()
    (copy / "site" / "index.html").write_text("previous site", encoding="utf-8")
    check = subprocess.run([sys.executable, "scripts/check.py"], cwd=copy, capture_output=True, text=True)
    build = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True)
    return copy, lines, check, build


def expected(lines: dict[str, int]) -> list[str]:
    found = []
    for lang, first in lines.items():
        found.append(f"docs/after.{lang}.md:{first}:6: LINK-PAGE")
        found.append(f"docs/after.{lang}.md:{first + 2}:{9 if lang == 'nl' else 10}: LINK-REFERENCE")
    return found


def test_check_reports_source_and_rendered_problems_in_one_run(planted):
    _, lines, check, _ = planted
    assert check.returncode == 1
    reported = LOCATED.findall(check.stdout)
    for place in expected(lines):
        assert any(line.startswith(place + " ") for line in reported), (place, check.stdout)


def test_build_reports_both_and_leaves_the_previous_site(planted):
    copy, lines, check, build = planted
    assert build.returncode == 1
    reported = set(LOCATED.findall(build.stderr))
    for place in expected(lines):
        assert any(line.startswith(place + " ") for line in reported), (place, build.stderr[-3000:])
    assert sorted(reported) == sorted(LOCATED.findall(check.stdout))
    assert "Traceback" not in build.stderr
    assert (copy / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in (copy / "site").iterdir()) == ["index.html"]


def test_check_and_build_close_with_the_same_count_of_what_they_listed(planted):
    _, _, check, build = planted
    listed = len(LOCATED.findall(check.stdout))
    assert listed == len(set(LOCATED.findall(build.stderr))) == 4
    assert check.stdout.strip().splitlines()[-1] == f"check failed: {listed} problems (listed above)"
    last = build.stderr.strip().splitlines()[-1]
    assert last == f"build failed: {listed} problems (listed above); the previous site/ is unchanged", build.stderr[-2000:]
