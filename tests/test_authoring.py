"""The author's tools: AUTHORING.md lists exactly the codes the checks can emit, and a new page builds as is."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT

from handbook.codes import CODES


def emitted_codes() -> set[str]:
    """Every code the package's source passes to a Problem."""
    found = set()
    for path in (ROOT / "handbook").rglob("*.py"):
        if path.name == "codes.py":
            continue
        text = path.read_text(encoding="utf-8")
        # a code always follows the column argument of Problem(path, line, col, "CODE", ...)
        found |= set(re.findall(r'(?:col|\d|\+ 1),\s+"([A-Z]+(?:-[A-Z]+)*)"', text))
    return found


def test_authoring_lists_exactly_the_codes_the_checks_emit():
    documented = set(re.findall(r"^\| `([A-Z-]+)` \|", (ROOT / "AUTHORING.md").read_text(encoding="utf-8"), re.M))
    assert documented == set(CODES)
    assert emitted_codes() == set(CODES)


def test_new_page_checks_clean_except_its_placeholders_and_builds_once_written(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "site", "build", ".git", "node_modules", "*.pyc"))
    env = {"SLUG": "refunds", "TITLE_NL": "Geld terug", "TITLE_EN": "Refunds", "PATH": "/usr/bin:/bin"}
    made = subprocess.run([sys.executable, "scripts/new_page.py"], cwd=copy, capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stderr
    assert (copy / "docs" / "refunds.en.md").exists() and "refunds.md" in (copy / "mkdocs.yml").read_text()
    checked = subprocess.run([sys.executable, "scripts/check.py"], cwd=copy, capture_output=True, text=True)
    problems = [line for line in checked.stdout.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    # The heading and the first paragraph it writes, in each language: nothing else, so the page is otherwise sound.
    assert len(problems) == 4 and all("LEFTOVER placeholder of `make new-page`" in line for line in problems), problems
    for lang, heading, text in (
        ("nl", "Wat je terugbetaalt", "Betaal terug wat je beloofd hebt."),
        ("en", "What you pay back", "Pay back what you promised."),
    ):
        page = copy / "docs" / f"refunds.{lang}.md"
        lines = page.read_text(encoding="utf-8").splitlines()
        lines[2] = f"## {heading} {{#about-refunds}}"
        lines[4] = text
        page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "scripts/build.py"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert built.returncode == 0, built.stderr[-2000:]
    assert (copy / "site" / "en" / "refunds" / "index.html").exists()


def test_new_page_refuses_a_bad_slug(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_page.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"SLUG": "Bad Slug", "TITLE_NL": "x", "TITLE_EN": "y", "PATH": "/usr/bin"},
    )
    assert result.returncode == 2 and "SLUG must be lowercase" in result.stderr and "Traceback" not in result.stderr
