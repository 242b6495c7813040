"""The real handbook, built strict: both languages, no foreign hosts, a failed build keeps the old site."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import ROOT, copy_project, require_tool, run_build

from handbook.printing.print_shop import PROFILE

FOREIGN_URL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//(?!handboek-lastige-klanten\.example)""")


def test_dutch_at_root_and_english_under_en(built_site):
    assert '<html lang="nl"' in (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (built_site / "en" / "index.html").read_text(encoding="utf-8")


def test_every_page_exists_in_both_languages(built_site):
    dutch = {p.relative_to(built_site) for p in built_site.glob("*/index.html") if p.parts[-2] != "en"}
    english = {p.relative_to(built_site / "en") for p in (built_site / "en").glob("*/index.html")}
    assert dutch and dutch == english


def test_no_built_page_loads_anything_from_another_host(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text):
            if FOREIGN_URL.search(tag):
                offenders.append(f"{page.relative_to(built_site)}: {tag[:120]}")
    for css in built_site.rglob("*.css"):
        if re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(str(css.relative_to(built_site)))
    assert offenders == []


def test_phrase_boxes_are_rendered_and_no_directive_is_left(built_site):
    html = (built_site / "conversation" / "index.html").read_text(encoding="utf-8")
    assert 'class="phrases"' in html
    for page in built_site.rglob("*.html"):
        assert "{%" not in page.read_text(encoding="utf-8"), page


def test_a_planted_fault_fails_the_build_with_file_and_line(tmp_path):
    copy = tmp_path / "repo"
    copy_project(copy)
    page = copy / "docs" / "conversation.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [this](after.md#no-such-section).\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").count("\n")
    result = run_build(tmp_path / "out", cwd=copy)
    assert result.returncode != 0
    assert f"docs/conversation.en.md:{lines}:5: LINK-ANCHOR '#no-such-section'" in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_build_keeps_previous_site(tmp_path):
    copy = tmp_path / "repo"
    copy_project(copy)
    (copy / "site").mkdir()
    (copy / "site" / "index.html").write_text("previous", encoding="utf-8")
    (copy / "docs" / "after.en.md").unlink()
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True)
    assert result.returncode == 1
    assert "PAGE-UNTRANSLATED" in result.stderr
    assert (copy / "site" / "index.html").read_text(encoding="utf-8") == "previous"


def test_print_failure_publishes_the_site_and_keeps_the_previous_pdfs(tmp_path):
    """A fault of the print step alone (the sources pass every check): here a machine without the print shop's colour
    profile. The website is published; the PDFs that could not be made stay as the last build left them."""
    copy = tmp_path / "repo"
    copy_project(copy)
    profile = copy / PROFILE.relative_to(ROOT)
    assert profile.is_file()
    profile.unlink()  # as a checkout that lost it
    (copy / "site" / "downloads").mkdir(parents=True)
    (copy / "site" / "index.html").write_text("previous", encoding="utf-8")
    (copy / "site" / "downloads" / "phrase-cards-nl-print-shop.pdf").write_text("previous shop cards", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy)}  # the copy's print code, with its missing profile
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "docs/phrases.yml:1:1: PRINT-LAYOUT print-shop phrase cards not written: the CMYK profile " in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "build failed: 1 problem (listed above); the website is updated, with the previous "
        "downloads/phrase-cards-nl-print-shop.pdf"
    )
    site = copy / "site"
    assert (site / "index.html").read_text(encoding="utf-8") != "previous"
    assert (site / "downloads" / "phrase-cards-nl-print-shop.pdf").read_text(encoding="utf-8") == "previous shop cards"
    assert (site / "downloads" / "handbook-nl.pdf").read_bytes().startswith(b"%PDF")
    # `make check` makes no PDFs, but names the fault the build's print step met, in the same words.
    check = subprocess.run([sys.executable, "scripts/check.py"], cwd=copy, capture_output=True, text=True, env=env)
    assert check.returncode == 1
    located = [line for line in check.stdout.splitlines() if line.startswith("docs/")]
    assert located == [re.sub(r"^ERROR\s+-\s+", "", line) for line in result.stderr.splitlines() if "PRINT-LAYOUT" in line]
    assert check.stdout.strip().splitlines()[-1] == "check failed: 1 problem (listed above)"


def test_rebuild_typesets_only_the_pdfs_whose_sources_changed(tmp_path):
    copy = tmp_path / "repo"
    copy_project(copy)
    # A build folder of its own, as a fresh clone has: the suite's shared one may hold these very PDFs, which a
    # build in any folder reuses.
    env = {**os.environ, "HANDBOOK_BUILD_DIR": str(tmp_path / "build"), "PYTHONPATH": str(copy)}

    def build() -> dict:
        result = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        return json.loads((tmp_path / "build" / "print.json").read_text(encoding="utf-8"))["layouts_per_pdf"]

    first = build()
    # The single cards and the desk sheets were typeset once already, by the validation that checks they fit: the
    # print step copies them.
    kinds = ("phrase-cards-{lang}.pdf", "phrase-cards-{lang}-print-shop.pdf", "desk-sheet-{lang}.pdf")
    validated = {kind.format(lang=lang) for lang in ("nl", "en") for kind in kinds}
    assert {name for name, layouts in first.items() if layouts == 0} == validated
    assert all(layouts == 1 for name, layouts in first.items() if name not in validated)
    english = (copy / "site" / "downloads" / "handbook-en.pdf").read_bytes()
    page = copy / "docs" / "after.nl.md"
    # A Dutch-only rewording inside the last checklist item: accepted as needing no translation, so the build passes
    # and the English PDF stays. (A new paragraph would not do: the English would lack it, SECTION-PARITY.)
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + ", en bel de klant een week later nog even op\n", encoding="utf-8")
    last_section = re.findall(r"\{#([\w-]+)\}", page.read_text(encoding="utf-8"))[-1]
    accept = {**env, "ACCEPT": f"after#{last_section}"}
    subprocess.run([sys.executable, "scripts/translations_update.py"], cwd=copy, env=accept, check=True, capture_output=True)
    second = build()
    assert second.pop("handbook-nl.pdf") >= 1
    assert second.pop("checklists-nl.pdf") >= 1  # the edit is in a checklist: its sheet is typeset again too
    assert set(second.values()) == {0}, second
    assert (copy / "site" / "downloads" / "handbook-en.pdf").read_bytes() == english
    assert "een week later nog even op" in subprocess.run(
        [require_tool("pdftotext"), str(copy / "site" / "downloads" / "handbook-nl.pdf"), "-"], capture_output=True, text=True
    ).stdout.replace("\n", " ")


def test_the_site_ships_the_search_scripts_of_its_languages_only(built_site):
    shipped = {path.name for path in (built_site / "assets" / "javascripts" / "lunr").rglob("*.js")}
    assert {"lunr.nl.min.js", "lunr.stemmer.support.min.js", "lunr.multi.min.js"} <= shipped
    # Thai and Japanese word splitters and the stemmers of other languages: never loaded by these readers.
    assert shipped.isdisjoint({"wordcut.js", "tinyseg.js", "lunr.de.min.js", "lunr.th.min.js"})
