"""The author's tools: AUTHORING.md lists exactly the codes the checks can emit, and a new page builds as is."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, copy_project

from handbook.core.codes import CODES, Code
from handbook.core.problems import Problem
from handbook.sources.config_file import load_site_config

CODE_SHAPE = re.compile(r"[A-Z]+(?:-[A-Z]+)+")  # how a code looks: capitals joined by hyphens (`LINK-FILE`)


def code_uses() -> tuple[set[str], list[str]]:
    """The `Code.NAME` members named in the package's source, and any code still written as a bare string."""
    named, bare = set(), []
    for path in sorted((ROOT / "handbook").rglob("*.py")):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code":
                named.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE_SHAPE.fullmatch(node.value):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    return named, bare


def test_the_code_enum_is_the_table():
    assert [(member.name, member.value) for member in Code] == [(code.replace("-", "_"), code) for code in CODES]
    with pytest.raises(ValueError):
        Problem("docs/x.en.md", 1, 1, "LINK-PAEG", "a misspelt code")


def test_authoring_lists_exactly_the_codes_the_checks_emit():
    documented = set(re.findall(r"^\| `([A-Z-]+)` \|", (ROOT / "AUTHORING.md").read_text(encoding="utf-8"), re.M))
    assert documented == set(CODES)
    named, bare = code_uses()
    assert bare == []  # every code is written as a member of `Code`
    assert named == {member.name for member in Code}  # each exists, and each is reported somewhere


def test_new_page_checks_clean_except_its_placeholders_and_builds_once_written(tmp_path):
    copy = tmp_path / "repo"
    copy_project(copy)
    env = {"SLUG": "returns", "TITLE_NL": "Retouren", "TITLE_EN": "Returns", "PATH": "/usr/bin:/bin"}
    made = subprocess.run([sys.executable, "scripts/new_page.py"], cwd=copy, capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stderr
    assert (copy / "docs" / "returns.en.md").exists() and "returns.md" in (copy / "mkdocs.yml").read_text()
    checked = subprocess.run([sys.executable, "scripts/check.py"], cwd=copy, capture_output=True, text=True)
    problems = [line for line in checked.stdout.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    # The heading and the first paragraph it writes, in each language: nothing else, so the page is otherwise sound.
    assert len(problems) == 4 and all("LEFTOVER placeholder of `make new-page`" in line for line in problems), problems
    for lang, heading, text in (
        ("nl", "Wat je terugbetaalt", "Betaal terug wat je beloofd hebt."),
        ("en", "What you pay back", "Pay back what you promised."),
    ):
        page = copy / "docs" / f"returns.{lang}.md"
        lines = page.read_text(encoding="utf-8").splitlines()
        lines[2] = f"## {heading} {{#about-returns}}"
        lines[4] = text
        page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "scripts/build.py"],
        cwd=copy,
        capture_output=True,
        text=True,
        # The website only: a page's print is the same step for every page, proven on the real docs/ elsewhere.
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HANDBOOK_SKIP_PRINT": "1"},
    )
    assert built.returncode == 0, built.stderr[-2000:]
    assert (copy / "site" / "en" / "returns" / "index.html").exists()


def snapshot(folder) -> dict[str, bytes]:
    """Every source file of a project copy (Python's bytecode caches aside, which running a script writes)."""
    files = (p for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def new_page(copy, **titles) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(copy), **titles}
    return subprocess.run([sys.executable, "scripts/new_page.py"], cwd=copy, capture_output=True, text=True, env=env)


def test_new_page_refuses_a_bad_slug_and_writes_nothing(tmp_path):
    copy = copy_project(tmp_path / "repo")
    before = snapshot(copy)
    result = new_page(copy, SLUG="Bad Slug", TITLE_NL="x", TITLE_EN="y")
    assert result.returncode == 2 and "SLUG must be lowercase" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(copy) == before


def test_new_page_titles_with_colons_and_quotes_keep_mkdocs_yml_valid(tmp_path):
    copy = copy_project(tmp_path / "repo")
    titles = {"TITLE_NL": 'Geld terug: zo doe je "dat" #1', "TITLE_EN": "Refunds: how it's done"}
    result = new_page(copy, SLUG="returns", **titles)
    assert result.returncode == 0, result.stderr
    config, problems = load_site_config(copy / "mkdocs.yml")
    assert problems == []
    nav = [entry for entry in config.nav if isinstance(entry, dict) and "returns.md" in entry.values()]
    assert nav == [{titles["TITLE_NL"]: "returns.md"}]
    english = next(lang for lang in config.plugins["i18n"].config.languages if lang.locale == "en")
    assert english.nav_translations[titles["TITLE_NL"]] == titles["TITLE_EN"]


def test_new_page_on_a_broken_mkdocs_yml_writes_nothing(tmp_path):
    copy = copy_project(tmp_path / "repo")
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nav:\n", "nav:\n  - [\n", 1), encoding="utf-8")
    before = snapshot(copy)
    result = new_page(copy, SLUG="returns", TITLE_NL="Retouren", TITLE_EN="Returns")
    assert result.returncode == 2 and "mkdocs.yml:" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(copy) == before


def test_new_page_puts_its_title_translation_in_menu_order():
    from mkdocs.utils.yaml import get_yaml_loader

    from handbook.sources.new_page import add_to_nav

    text = add_to_nav(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "returns", "Retouren", {"en": "Returns"}, "phrase-cards.md"
    )
    config = yaml.load(text, Loader=get_yaml_loader())

    def titles(entries):  # the menu's titles in order, those inside a section too
        for entry in entries:
            title, target = next(iter(entry.items()))
            yield title
            if isinstance(target, list):
                yield from titles(target)

    menu = list(titles(config["nav"]))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    translated = list(next(language for language in i18n["languages"] if language["locale"] == "en")["nav_translations"])
    assert menu.index("Retouren") == menu.index("Zinnenkaarten") - 1
    assert "Retouren" in translated and translated == [title for title in menu if title in translated]
