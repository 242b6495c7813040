"""`make check` reports what `make build` reports, the faults found only in rendered pages included."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import copy_project

LOCATED = re.compile(r"(docs/\S+:\d+:\d+: [A-Z][A-Z-]+ .*)$", re.M)


def test_a_reference_without_definition_is_reported_by_check_and_build_alike(tmp_path):
    copy = copy_project(tmp_path / "repo")
    for lang, text in (("nl", "Zie ook [de afspraken][afspraken]."), ("en", "See also [the agreements][agreements].")):
        page = copy / "docs" / f"after.{lang}.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    check = subprocess.run([sys.executable, "scripts/check.py"], cwd=copy, capture_output=True, text=True)
    build = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True)
    assert check.returncode == 1 and build.returncode == 1
    from_check = sorted(LOCATED.findall(check.stdout))
    from_build = sorted(set(LOCATED.findall(build.stderr)))
    assert from_check and all("LINK-REFERENCE" in line for line in from_check), check.stdout
    assert from_check == from_build
    assert not (copy / "site").exists()
