"""README's table of planted bugs stays true to the code: each bug of tests/planted_bugs.yml still plants (its text
is in its file exactly once), and the table lists every bug, caught. `make planted-bugs` runs them."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from planted_bugs import BEGIN, END, PlantedBug, planted, read_bugs

BUGS = read_bugs()


def test_twenty_bugs_across_the_package():
    assert len(BUGS) >= 20
    assert len({bug.id for bug in BUGS}) == len(BUGS)
    rooms = {bug.file.split("/")[1] if bug.file.startswith("handbook/") else bug.file.split("/")[0] for bug in BUGS}
    assert {"checks", "sources", "translations", "printing", "website"} <= rooms


@pytest.mark.parametrize("bug", BUGS, ids=[bug.id for bug in BUGS])
def test_each_bug_still_plants(bug: PlantedBug):
    source = (ROOT / bug.file).read_text(encoding="utf-8")
    assert planted(source, bug) != source
    for test in bug.tests:
        assert (ROOT / test.split("::")[0]).is_file(), test


def test_a_bug_whose_text_is_gone_is_refused():
    bug = BUGS[0]
    with pytest.raises(ValueError, match="0 copies"):
        planted("nothing of it here", bug)


def test_the_readme_table_lists_every_bug_caught():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index(BEGIN) : readme.index(END)]
    rows = [line for line in table.splitlines() if line.startswith("| P")]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == [bug.id for bug in BUGS]
    assert all("| caught (" in row for row in rows), "a planted bug is missed: see README"
