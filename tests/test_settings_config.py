"""The handbook's `extra:` keys in mkdocs.yml and its environment switches are validated once, with the settings:
each refused value is a problem at its line and column in mkdocs.yml (a switch: at its variable), naming what is
accepted, in `make check` and `make build` alike and never as a traceback; valid settings pass unchanged."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD_PAGES, MINIMAL_CONFIG, REAL_UI, ROOT, copy_project, write_site
from mkdocs.config import load_config

from handbook.checks.validate import validate
from handbook.sources.config_file import load_site_config
from handbook.sources.settings import settings_from_mkdocs
from handbook.sources.switches import Switches, read_switches

LAG_FIX = (
    "(`fail` stops the build at a section changed in one language only; `notice` publishes it with a note to readers"
    " that the translation may lag behind)"
)
REDIRECT_FIX = "(write both sides as `page#section-id`, like `self-care#document-everything: after#document-everything`)"


def check_problems(config_path: Path) -> list[str]:
    """The settings' problems as `make check` reports them (scripts/check.py, before it renders the site)."""
    config, problems = load_site_config(config_path)
    if config is not None:
        problems = validate(settings_from_mkdocs(config)).problems
    return [problem.format() for problem in problems if problem.code in ("INPUT-CONFIG", "INPUT-SWITCH")]


def _line(config_path: Path, line_text: str) -> tuple[int, str]:
    lines = config_path.read_text(encoding="utf-8").split("\n")
    return next((number, line) for number, line in enumerate(lines, 1) if line.strip() == line_text)


def key_at(config_path: Path, line_text: str) -> str:
    """`line:col` of the key on the line of mkdocs.yml that reads `line_text`, as an author finds it."""
    number, line = _line(config_path, line_text)
    return f"{number}:{len(line) - len(line.lstrip()) + 1}"


def value_at(config_path: Path, line_text: str) -> str:
    """`line:col` of the value on the line of mkdocs.yml that reads `line_text`: after its `: `."""
    number, line = _line(config_path, line_text)
    return f"{number}:{line.index(': ') + 3}"


@pytest.mark.parametrize(
    ("value", "written", "refusal"),
    [
        ("notise", "notise", "is 'notise'"),
        (3, "3", "is the number 3"),
        (True, "true", "is true (YAML reads yes, no, on and off without quotes as true or false)"),
    ],
)
def test_a_translation_lag_it_does_not_know_is_reported_at_its_value(tmp_path, value, written, refusal):
    config_path = write_site(tmp_path, GOOD_PAGES, {"extra": {"translation_lag": value}})
    at = value_at(config_path, f"translation_lag: {written}")
    assert check_problems(config_path) == [
        f"mkdocs.yml:{at}: INPUT-CONFIG extra: translation_lag {refusal}, not one of `fail`, `notice` {LAG_FIX}"
    ]


def test_each_faulty_section_redirect_is_reported_at_its_own_line_and_the_others_are_kept(tmp_path):
    redirects = {"talk": "talk#stay-calm", "talk#old": "talk", "talk#older": 5, "talk#oldest": "talk#stay-calm"}
    config_path = write_site(tmp_path, GOOD_PAGES, {"extra": {"section_redirects": redirects}})
    assert check_problems(config_path) == [
        f"mkdocs.yml:{key_at(config_path, 'talk: talk#stay-calm')}: INPUT-CONFIG extra: section_redirects: "
        f"`talk` is not a section address `page#old-id` {REDIRECT_FIX}",
        f"mkdocs.yml:{value_at(config_path, 'talk#old: talk')}: INPUT-CONFIG extra: section_redirects: "
        f"`talk#old` leads to 'talk', not to a section address `page#new-id` {REDIRECT_FIX}",
        f"mkdocs.yml:{value_at(config_path, 'talk#older: 5')}: INPUT-CONFIG extra: section_redirects: "
        f"`talk#older` leads to the number 5, not to a section address `page#new-id` {REDIRECT_FIX}",
    ]
    settings = settings_from_mkdocs(load_config(str(config_path)))
    assert settings.section_redirects == {"talk#oldest": "talk#stay-calm"}


def test_redirects_written_as_a_list_are_reported_where_the_list_starts(tmp_path):
    # `make check` stops at this one while loading mkdocs.yml (handbook/sources/config_file.py); the build's hook
    # has only the settings to find it, at the list's first item.
    config_path = write_site(tmp_path, GOOD_PAGES, {"extra": {"section_redirects": ["talk#old: talk#stay-calm"]}})
    settings = settings_from_mkdocs(load_config(str(config_path)))
    number, line = _line(config_path, "- 'talk#old: talk#stay-calm'")
    assert [problem.format() for problem in settings.problems] == [
        f"mkdocs.yml:{number}:{line.index('-') + 1}: INPUT-CONFIG extra: section_redirects is a list, not a block of "
        "`page#old-id: page#new-id` lines (write `section_redirects:` alone on its line, each redirect indented below "
        "it as `page#old-id: page#new-id`)"
    ]
    assert settings.section_redirects == {}


def test_a_ui_label_that_yaml_reads_as_no_text_is_reported_in_its_language(tmp_path):
    config = copy.deepcopy(MINIMAL_CONFIG)
    config["plugins"][0]["i18n"]["languages"][1]["extra"]["ui"]["copy_url"] = 12
    config_path = write_site(tmp_path, GOOD_PAGES, {"plugins": config["plugins"]})
    problems = validate(settings_from_mkdocs(load_config(str(config_path)))).problems
    refused = [(problem.format(), problem.lang) for problem in problems if problem.code == "INPUT-CONFIG"]
    assert refused == [
        (
            f"mkdocs.yml:{value_at(config_path, 'copy_url: 12')}: INPUT-CONFIG extra of the language `en`: ui: "
            '`copy_url` is the number 12, not a text (put the label in quotes, `name: "text"`, so YAML reads it as text)',
            "en",
        )
    ]


def test_valid_settings_pass_unchanged_beside_keys_of_material_and_the_templates(tmp_path):
    extra = {
        "translation_lag": "notice",
        "section_redirects": {"talk#old": "talk#stay-calm"},
        "language_root": "",
        "social": [{"icon": "fontawesome/brands/github", "link": "https://example.test/"}],
    }
    config_path = write_site(tmp_path, GOOD_PAGES, {"extra": extra})
    assert check_problems(config_path) == []
    settings = settings_from_mkdocs(load_config(str(config_path)))
    assert (settings.translation_lag, settings.section_redirects) == ("notice", {"talk#old": "talk#stay-calm"})
    assert [language.ui for language in settings.languages] == [
        {**REAL_UI["nl"], "label": "Knop"},
        {**REAL_UI["en"], "label": "Button"},
    ]


def test_left_out_and_empty_keys_take_their_defaults(tmp_path):
    for extra in ({}, {"translation_lag": None, "section_redirects": None}):
        config_path = write_site(tmp_path, GOOD_PAGES, {"extra": extra})
        settings = settings_from_mkdocs(load_config(str(config_path)))
        assert (settings.problems, settings.translation_lag, settings.section_redirects) == ([], "fail", {})


def test_the_real_mkdocs_yml_loads_clean():
    config, problems = load_site_config(ROOT / "mkdocs.yml")
    assert config is not None and problems == []
    settings = settings_from_mkdocs(config)
    assert settings.config_problems == ()
    assert settings.translation_lag in ("fail", "notice")
    assert settings.section_redirects and all("#" in old and "#" in new for old, new in settings.section_redirects.items())
    assert all(language.ui for language in settings.languages)


@pytest.mark.parametrize("name", ["HANDBOOK_SKIP_PRINT", "HANDBOOK_FRESH_PRINT"])
def test_a_switch_set_to_what_it_does_not_accept_names_the_variable_and_its_values(name):
    switches = read_switches({name: "yes"})
    does = {"HANDBOOK_SKIP_PRINT": "build the website without its PDFs"}.get(
        name, "typeset every PDF afresh, reusing nothing from the last build"
    )
    assert [problem.format() for problem in switches.problems] == [
        f"${name}:1:1: INPUT-SWITCH {name} is 'yes', which this switch does not accept "
        f"(set {name}=1 to {does}; {name}=0, empty or unset for the default)"
    ]
    assert (switches.skip_print, switches.fresh_print) == (False, False)  # read as off; the run fails anyway


def test_switches_read_as_their_values_say():
    assert read_switches({}) == Switches()
    assert read_switches({"HANDBOOK_SKIP_PRINT": "0", "HANDBOOK_FRESH_PRINT": ""}) == Switches()
    on = read_switches({"HANDBOOK_SKIP_PRINT": "1", "HANDBOOK_FRESH_PRINT": "1", "HANDBOOK_BUILD_DIR": "/tmp/b"})
    assert (on.skip_print, on.fresh_print, on.build_dir, on.publish_dir, on.problems) == (True, True, Path("/tmp/b"), None, ())


def test_a_wrong_switch_fails_validation_as_make_check_runs_it(tmp_path, monkeypatch):
    config_path = write_site(tmp_path, GOOD_PAGES)
    monkeypatch.setenv("HANDBOOK_FRESH_PRINT", "true")
    assert check_problems(config_path) == [
        "$HANDBOOK_FRESH_PRINT:1:1: INPUT-SWITCH HANDBOOK_FRESH_PRINT is 'true', which this switch does not accept "
        "(set HANDBOOK_FRESH_PRINT=1 to typeset every PDF afresh, reusing nothing from the last build; "
        "HANDBOOK_FRESH_PRINT=0, empty or unset for the default)"
    ]


def test_make_build_reports_faulty_extra_values_and_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "handbook")
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    assert "  translation_lag: fail\n" in text and "  section_redirects:\n" in text
    text = text.replace("  translation_lag: fail\n", "  translation_lag: notise\n")
    text = text.replace("  section_redirects:\n", "  section_redirects:\n    - after#old\n  old_redirects:\n", 1)
    config_path.write_text(text, encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous", encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"mkdocs.yml:{value_at(config_path, 'translation_lag: notise')}: INPUT-CONFIG extra: translation_lag" in result.stderr
    list_line, line = _line(config_path, "- after#old")
    assert f"mkdocs.yml:{list_line}:{line.index('-') + 1}: INPUT-CONFIG extra: section_redirects is a list" in result.stderr
    assert "the previous site/ is unchanged" in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous"
