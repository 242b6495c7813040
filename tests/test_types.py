"""The code type-checks: pyright in strict mode (pyproject.toml) finds nothing in handbook/, hooks/, scripts/ and
devtools/, and finds a planted fault, so a silent checker cannot pass for a clean one."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT, TOOLS_REQUIRED

PYRIGHT = ROOT / "tests" / "pyright" / "node_modules" / ".bin" / "pyright"


def pyright(*arguments: str) -> dict:
    if not PYRIGHT.exists() or shutil.which("node") is None:
        if TOOLS_REQUIRED:
            pytest.fail("pyright is missing: `make test` installs it (npm ci in tests/pyright)")
        pytest.skip("pyright is not installed (npm ci --prefix tests/pyright)")
    result = subprocess.run([str(PYRIGHT), "--outputjson", *arguments], cwd=ROOT, capture_output=True, text=True)
    return json.loads(result.stdout)


def test_strict_pyright_finds_no_error_in_the_code():
    report = pyright()
    errors = [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    assert report["summary"]["filesAnalyzed"] > 60
    assert errors == []


def test_a_planted_fault_is_found(tmp_path):
    planted = tmp_path / "planted.py"
    # Strict mode's own rule (an unannotated parameter) and a plain type error: the project's settings apply.
    fault = '"""A planted fault."""\n\n\ndef count(text: str, times) -> int:\n    return text.upper()\n'
    planted.write_text(fault, encoding="utf-8")
    report = pyright(str(planted))
    rules = {d.get("rule") for d in report["generalDiagnostics"] if d["severity"] == "error"}
    assert {"reportReturnType", "reportMissingParameterType"} <= rules
