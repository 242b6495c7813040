"""A malformed mkdocs.yml ends in `mkdocs.yml:line:col` and a fix in `make check`, `make build` and the live
preview, never in a traceback."""

from __future__ import annotations

import logging
import re
import subprocess
import sys

import pytest
from conftest import copy_project
from mkdocs.exceptions import ConfigurationError

from handbook.sources.config_file import load_site_config, reporting_config_problems
from handbook.sources.settings import settings_from_mkdocs

REDIRECTS = re.compile(r"^  section_redirects:.*\n(?:    .*\n)*", re.M)
LEFTOVER_BRACES = "  section_redirects: {}\n    after#follow-up: after#follow-up-email\n"


def broken_copy(tmp_path, block: str):
    """A copy of the handbook whose `section_redirects:` block reads `block`, and the block's first line."""
    copy = tmp_path / "handbook"
    copy_project(copy)
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    found = REDIRECTS.search(text)
    assert found, "mkdocs.yml has no section_redirects block"
    config.write_text(text[: found.start()] + block + text[found.end() :], encoding="utf-8")
    return copy, text[: found.start()].count("\n") + 1


def test_leftover_empty_block_names_the_line_and_the_fix(tmp_path):
    copy, line = broken_copy(tmp_path, LEFTOVER_BRACES)
    config, problems = load_site_config(copy / "mkdocs.yml")
    assert config is None
    assert [p.format() for p in problems] == [
        f"mkdocs.yml:{line + 1}:5: INPUT-CONFIG malformed YAML: a line indented more or less than the lines around it "
        f"(line {line} ends in `{{}}`, an empty block: remove it when you add the first entry below, so that it reads "
        "`section_redirects:`)"
    ]


def test_setting_of_the_wrong_kind_names_its_line(tmp_path):
    copy, line = broken_copy(tmp_path, "  section_redirects: after#old\n")
    config, problems = load_site_config(copy / "mkdocs.yml")
    assert config is not None and problems == []  # MkDocs accepts any `extra:`; the handbook's settings do not
    problems = settings_from_mkdocs(config).problems
    assert [(p.line, p.code) for p in problems] == [(line, "INPUT-CONFIG")]
    assert "page#" in problems[0].message


@pytest.mark.parametrize("script", ["check.py", "build.py"])
def test_scripts_report_a_broken_config_without_a_traceback(tmp_path, script):
    copy, line = broken_copy(tmp_path, LEFTOVER_BRACES)
    result = subprocess.run([sys.executable, str(copy / "scripts" / script)], cwd=copy, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert f"mkdocs.yml:{line + 1}:5: INPUT-CONFIG" in output
    assert not (copy / "site").exists()


def test_live_preview_reports_a_config_broken_mid_session(tmp_path, caplog):
    copy, line = broken_copy(tmp_path, LEFTOVER_BRACES)

    def failing_rebuild():
        raise ConfigurationError("MkDocs encountered an error parsing the configuration file")

    # Returns instead of raising: MkDocs' rebuild loop would end the server on a SystemExit, and keeps serving
    # the last good build when a rebuild returns.
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        assert reporting_config_problems(failing_rebuild, copy / "mkdocs.yml")() is None
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 1 and errors[0].startswith(f"mkdocs.yml:{line + 1}:5: INPUT-CONFIG"), errors


def test_tagged_values_mkdocs_accepts_keep_the_navigation_and_its_lines(tmp_path, monkeypatch):
    from conftest import GOOD_PAGES, write_site
    from mkdocs.config import load_config

    from handbook.checks.validate import validate
    from handbook.sources.settings import settings_from_mkdocs

    config_path = write_site(tmp_path, GOOD_PAGES)
    (tmp_path / "overrides").mkdir()
    plain = config_path.read_text(encoding="utf-8")
    tagged = plain.replace("site_url: https://example.test/", "site_url: !ENV HANDBOOK_TEST_SITE_URL")
    tagged = tagged.replace("  language: nl\n", "  language: nl\n  custom_dir: !relative $config_dir/overrides\n")
    tagged += "markdown_extensions:\n- pymdownx.emoji:\n    emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
    assert "!ENV" in tagged and "!relative" in tagged
    config_path.write_text(tagged, encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_TEST_SITE_URL", "https://intranet.example/")
    settings = settings_from_mkdocs(load_config(str(config_path)))
    lines = tagged.splitlines()
    places = [(entry.title, entry.path, lines[entry.line - 1][entry.col - 1 :]) for entry in settings.nav]
    assert places == [("Thuis", "index.md", "index.md"), ("Gesprek", "talk.md", "talk.md")]
    assert (settings.site_url, settings.overrides_dir) == ("https://intranet.example/", tmp_path / "overrides")
    assert validate(settings).problems == []
