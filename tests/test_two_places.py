"""A fault that involves two places is reported at one and names the other in its message (not only in the
suggestion): every code listed in `handbook.core.codes.TWO_PLACES` has a case here with its exact message start."""

from __future__ import annotations

import markdown
import pytest
from conftest import CARD_FILE, GOOD_PAGES, write_site
from mkdocs.config import load_config
from test_locations import config_place
from test_translation_lock import edit, make_repo, problems

from handbook.checks import run_checks
from handbook.checks.rendered import BuiltSite, check_page, read_output
from handbook.core.codes import TWO_PLACES
from handbook.sources.markdown_scan import scan_markdown
from handbook.sources.model import Page, load_handbook
from handbook.sources.settings import settings_from_mkdocs


def both(nl_extra: str, en_extra: str) -> dict:
    return {**GOOD_PAGES, "talk.nl.md": GOOD_PAGES["talk.nl.md"] + nl_extra, "talk.en.md": GOOD_PAGES["talk.en.md"] + en_extra}


def checked(tmp_path, pages: dict, config: dict | None = None, lock: str = "") -> tuple[list, object]:
    """The problems of a small handbook, and its config path (to find places in it)."""
    if lock:
        (tmp_path / "links.lock").write_text(lock, encoding="utf-8")
    path = write_site(tmp_path, pages, config)
    return [(p.format(), p.message) for p in run_checks(load_handbook(settings_from_mkdocs(load_config(str(path)))))], path


def id_duplicate(tmp_path):
    body = "# Het gesprek {#talk}\n\n## Blijf kalm {#stay-calm}\n\n## Nog eens {#stay-calm}\n"
    found, _ = checked(tmp_path, {**GOOD_PAGES, "talk.nl.md": body})
    return (
        found,
        "docs/talk.nl.md:5:1: ID-DUPLICATE section ID 'stay-calm' is already used at docs/talk.nl.md:3",
        "docs/talk.nl.md:3",
    )


def id_parity(tmp_path):
    found, _ = checked(tmp_path, {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"].replace("stay-calm", "keep-calm")})
    return (
        found,
        "docs/talk.en.md:3:1: ID-PARITY section ID 'keep-calm' is not in docs/talk.nl.md; there, docs/talk.nl.md:3",
        "docs/talk.nl.md:3",
    )


def id_parity_order(tmp_path):
    nl = "\n## Een {#one}\n\nEerste stap.\n\n## Twee {#two}\n\nTweede stap.\n"
    en = "\n## Two {#two}\n\nSecond step.\n\n## One {#one}\n\nFirst step.\n"
    found, _ = checked(tmp_path, both(nl, en))
    return (
        found,
        "docs/talk.en.md:7:1: ID-PARITY sections are in a different order than in docs/talk.nl.md: there, line 7",
        "line 7",
    )


def box_parity(tmp_path):
    found, _ = checked(tmp_path, both('\n!!! tip "Tip"\n\n    Adem.\n', '\n!!! keypoint "Key point"\n\n    Breathe.\n'))
    return (
        found,
        "docs/talk.en.md:7:1: BOX-PARITY box 1 is a 'keypoint' box, in docs/talk.nl.md:7 it is a 'tip' box",
        "docs/talk.nl.md:7",
    )


def box_parity_count(tmp_path):
    tip = '\n!!! tip "Tip"\n\n    Adem.\n'
    found, _ = checked(tmp_path, both(tip, tip.replace("Adem", "Breathe") * 2))
    return (
        found,
        "docs/talk.en.md:11:1: BOX-PARITY page has 2 boxes, docs/talk.nl.md has 1: this is box 2; docs/talk.nl.md:7",
        "docs/talk.nl.md:7",
    )


def checklist_parity(tmp_path):
    found, _ = checked(tmp_path, both("\n## Lijst {#list}\n\n- [ ] Een\n- [ ] Twee\n", "\n## List {#list}\n\n- [ ] One\n"))
    return (
        found,
        "docs/talk.en.md:9:1: CHECKLIST-PARITY checklist has 1 items, the one at docs/talk.nl.md:9 has 2",
        "docs/talk.nl.md:9",
    )


def same_text(tmp_path):
    same = "\nOfferte, planning, levering, factuur.\n"
    found, _ = checked(tmp_path, both(same, same))
    return found, "docs/talk.en.md:7:1: SAME-TEXT paragraph is identical in docs/talk.nl.md:7", "docs/talk.nl.md:7"


def card_duplicate(tmp_path):
    found, _ = checked(tmp_path, {**GOOD_PAGES, "phrases.yml": CARD_FILE + CARD_FILE[7:]})
    return (
        found,
        "docs/phrases.yml:12:5: CARD-DUPLICATE card 'calm' is defined twice, first at docs/phrases.yml:2",
        "docs/phrases.yml:2",
    )


INDEX_TERM = "  - nl: kalmte\n    en: calm\n    sections: [talk#stay-calm]\n"


def index_duplicate(tmp_path):
    found, _ = checked(
        tmp_path, {**GOOD_PAGES, "index-terms.yml": "terms:\n" + INDEX_TERM + INDEX_TERM.replace("calm\n", "keeping calm\n")}
    )
    return (
        found,
        "docs/index-terms.yml:5:9: INDEX-DUPLICATE index term 'kalmte' is already listed at docs/index-terms.yml:2",
        "docs/index-terms.yml:2",
    )


def index_section_twice(tmp_path):
    terms = "terms:\n" + INDEX_TERM.replace("[talk#stay-calm]", "[talk#stay-calm, talk#stay-calm]")
    found, _ = checked(tmp_path, {**GOOD_PAGES, "index-terms.yml": terms})
    return (
        found,
        "docs/index-terms.yml:4:32: INDEX-DUPLICATE index term 'kalmte' names the section 'talk#stay-calm' twice",
        "docs/index-terms.yml:4:16",
    )


def nav_title(tmp_path):
    found, config = checked(tmp_path, GOOD_PAGES, {"nav": [{"Thuis": "index.md"}, {"Gesprek": "talk.md"}, {"Weg": "talk.md"}]})
    entry = config_place(config, "Weg: talk.md", "Weg").rsplit(":", 1)[0]
    return found, f": NAV-TITLE navigation title 'Weg' at {entry} has no 'en' translation", entry


def link_locked(tmp_path):
    config = {"extra": {"section_redirects": {"talk#lost": "talk#gone"}}}
    found, path = checked(tmp_path, GOOD_PAGES, config, lock="index\ntalk\ntalk#lost\n")
    redirect = config_place(path, "talk#lost: talk#gone", "talk#gone")
    return (
        found,
        "links.lock:3:6: LINK-LOCKED published section 'talk#lost' no longer exists in docs/talk.nl.md,"
        f" and its redirect at {redirect}",
        redirect,
    )


def translation_stale(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "talk.nl.md", "Adem rustig in en uit", "Adem heel rustig in en uit")
    found = [(line, line.split(": TRANSLATION-STALE ", 1)[1]) for line in problems(repo)]
    return (
        found,
        "docs/talk.en.md:3:1: TRANSLATION-STALE section 'talk#stay-calm' changed in docs/talk.nl.md:3",
        "docs/talk.nl.md:3",
    )


def reference(target: str):
    """A reference link in a rendered page whose definition leads nowhere, reported at its use."""

    def case(tmp_path):
        text = f"# Probe {{#here}}\n\nRead [the plan][plan] first.\n\n[plan]: {target}\n"
        handbook = load_handbook(settings_from_mkdocs(load_config(str(write_site(tmp_path, GOOD_PAGES)))))
        page = Page("probe", "en", "docs/probe.en.md", {}, scan_markdown(text), 1)
        site = BuiltSite("en", frozenset({"en/talk/", "en/probe/"}), {"en/talk/": {"stay-calm"}}, {}, {})
        html = markdown.markdown(text)
        found = [(p.format(), p.message) for p in check_page(handbook, page, "en/probe/", read_output(html), site)]
        return found, "docs/probe.en.md:3:6: ", "defined at docs/probe.en.md:5"

    return case


def section_parity(tmp_path):
    found, _ = checked(
        tmp_path,
        both(
            "\n## Nieuw {#new}\n\nBel eerst terug.\n\nSchrijf daarna op wat jullie afspraken.\n",
            "\n## New {#new}\n\nCall back first.\n",
        ),
    )
    return found, "docs/talk.en.md:9:1: SECTION-PARITY section 'new' has 1 paragraphs here, 2 in", "docs/talk.nl.md:11"


CASES = {
    "ID-DUPLICATE": [id_duplicate],
    "SECTION-PARITY": [section_parity],
    "ID-PARITY": [id_parity, id_parity_order],
    "BOX-PARITY": [box_parity, box_parity_count],
    "CHECKLIST-PARITY": [checklist_parity],
    "SAME-TEXT": [same_text],
    "CARD-DUPLICATE": [card_duplicate],
    "INDEX-DUPLICATE": [index_duplicate, index_section_twice],
    "NAV-TITLE": [nav_title],
    "LINK-LOCKED": [link_locked],
    "TRANSLATION-STALE": [translation_stale],
    "LINK-PAGE": [reference("missing.md")],
    "LINK-FILE": [reference("../gone.pdf")],
    "LINK-ANCHOR": [reference("../talk/#nope")],
}


def test_every_two_place_code_has_a_case():
    assert sorted(CASES) == sorted(TWO_PLACES)


@pytest.mark.parametrize(
    "case", [case for cases in CASES.values() for case in cases], ids=lambda case: getattr(case, "__name__", "reference")
)
def test_the_message_names_the_second_place(tmp_path, case):
    found, start, other_place = case(tmp_path)
    # the line starts at the first place; its message (not only the suggestion) names the second
    assert any(start in line and other_place in message for line, message in found), (start, other_place, found)
