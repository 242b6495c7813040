"""Quick help's list of situations must name every situation once, in the page's order: the jump list, the cards'
order and the desk sheet's groups are read from it. Checked in-process on a copy of the real handbook."""

from conftest import copy_project
from mkdocs.config import load_config

from handbook.checks import run_checks
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs


def _problems_after(tmp_path, change):
    copy = copy_project(tmp_path / "repo")
    page = copy / "docs" / "quick-help.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(change(text), encoding="utf-8")
    handbook = load_handbook(settings_from_mkdocs(load_config(str(copy / "mkdocs.yml"))))
    return text, [p.format() for p in run_checks(handbook) if p.code == "QUICK-HELP-LIST"]


def test_a_situation_listed_out_of_the_pages_order_is_reported_at_its_list_line(tmp_path):
    first, second = "- [A disputed invoice](#wont-pay)\n", "- [An unpaid invoice](#unpaid-invoice)\n"
    text, found = _problems_after(tmp_path, lambda text: text.replace(second + first, first + second))
    assert second + first in text
    line = text.replace(second + first, first + second).split("\n").index(second.rstrip("\n")) + 1
    assert found == [
        f"docs/quick-help.en.md:{line}:3: QUICK-HELP-LIST situation '#unpaid-invoice' is listed after '#wont-pay', but "
        "its section stands above that one (move the list item to where its section stands, or move the section)"
    ]


def test_a_situation_left_out_of_the_list_is_reported_at_its_heading(tmp_path):
    item = "- [Questions about customer data](#data-request)\n"
    text, found = _problems_after(tmp_path, lambda text: text.replace(item, ""))
    assert item in text
    heading = next(n for n, line in enumerate(text.replace(item, "").split("\n"), 1) if line.endswith("{#data-request}"))
    assert found == [
        f"docs/quick-help.en.md:{heading}:1: QUICK-HELP-LIST situation 'Questions about customer data' (#data-request) "
        "is not in quick help's list of situations (add `- [Questions about customer data](#data-request)` to its group)"
    ]


def test_the_real_quick_help_lists_every_situation_in_order(tmp_path):
    _, found = _problems_after(tmp_path, lambda text: text)
    assert found == []
