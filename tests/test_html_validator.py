"""Every HTML file the build writes is valid HTML for the current Nu HTML Checker (vnu.jar, pinned in tests/vnu/),
Material's own markup included. One Java run checks the whole site plus a planted page that must fail."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, TOOLS_REQUIRED, gate_report

VNU = ROOT / "tests" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _missing(what: str):
    if TOOLS_REQUIRED:
        pytest.fail(f"{what} is missing: `make test` installs it")
    pytest.skip(f"{what} is not installed (`make test` installs it)")


def nu_errors(files: list[Path]) -> dict[str, list[str]]:
    """The Nu checker's errors per file, as 'line:column message'."""
    java = shutil.which("java")
    if java is None:
        _missing("Java (default-jre-headless)")
    if not VNU.exists():
        _missing("vnu.jar (npm ci in tests/vnu)")
    command = [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        path = message["url"].removeprefix("file:")
        errors.setdefault(path, []).append(f"{message.get('lastLine', 0)}:{message.get('firstColumn', 0)} {message['message']}")
    return errors


def test_every_built_page_is_valid_html_and_a_planted_fault_is_found(built_site, tmp_path):
    pages = sorted(built_site.rglob("*.html"))
    planted = tmp_path / "planted.html"
    # The kind of fault Material's header had: an attribute the input's type does not allow.
    planted.write_text(
        (built_site / "index.html")
        .read_text(encoding="utf-8")
        .replace('type="checkbox" id="__drawer"', 'type="checkbox" id="__drawer" autocomplete="off"'),
        encoding="utf-8",
    )
    errors = nu_errors([*pages, planted])
    assert any("autocomplete" in error for error in errors.pop(str(planted), [])), "the checker missed the planted fault"
    gate_report["html"] = f"{len(pages)} HTML files checked with the Nu HTML Checker, {sum(map(len, errors.values()))} errors"
    assert errors == {}
