"""One truth for a card too long: `make check` and `make build` report it alike, naming the language, the
duplex backs included, and no PDF with an overflowing card is ever published."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, copy_project

LOCATED = re.compile(r"^\S+:\d+:\d+: [A-Z-]+ .*$", re.M)


def copy_with_long_english_card(tmp_path):
    copy = tmp_path / "handbook"
    copy_project(copy)
    cards = copy / "docs" / "phrases.yml"
    lines = cards.read_text(encoding="utf-8").splitlines()
    # The first English phrase of the first card, made three times as long as any card allows.
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("en:") and i > 0 and "nl:" in lines[i - 1])
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = f'{indent}en: "{"This sentence is far too long to fit on one small printed card at all. " * 6}"'
    cards.write_text("\n".join(lines) + "\n", encoding="utf-8")
    card_line = max(i for i in range(index) if lines[i].lstrip().startswith("- id:")) + 1
    return copy, card_line


def test_check_and_build_report_the_same_card_too_long_naming_the_language(tmp_path):
    copy, card_line = copy_with_long_english_card(tmp_path)
    check = subprocess.run([sys.executable, "scripts/check.py"], cwd=copy, capture_output=True, text=True)
    build = subprocess.run([sys.executable, "scripts/build.py"], cwd=copy, capture_output=True, text=True)
    assert check.returncode == 1 and build.returncode == 1
    from_check = LOCATED.findall(check.stdout)
    from_build = [re.sub(r"^ERROR\s+-\s+", "", line) for line in re.findall(r"^.*CARD-TOO-LONG.*$", build.stderr, re.M)]
    assert len(from_check) == 1
    assert from_check[0].startswith(f"docs/phrases.yml:{card_line}:1: CARD-TOO-LONG ")
    assert "'en'" in from_check[0] and re.search(r"about \d+ lines? too long", from_check[0])
    assert from_build == from_check
    # Validation stops the build: nothing is published, the duplex set with its English backs included.
    assert not (copy / "site").exists()


def test_duplex_set_checks_its_backs(tmp_path):
    from mkdocs.config import load_config

    from handbook.printing.jobs import desk_jobs
    from handbook.sources.model import load_handbook
    from handbook.sources.settings import settings_from_mkdocs

    copy, _ = copy_with_long_english_card(tmp_path)
    handbook = load_handbook(settings_from_mkdocs(load_config(str(copy / "mkdocs.yml"))))
    [duplex] = [job for job in desk_jobs(handbook) if "duplex" in job.name]
    assert {problem.lang for _, _, problem in duplex.fit_limits} == {"nl", "en"}
    from handbook.printing.typeset import render_job

    result = render_job(duplex, str(tmp_path))
    assert [problem.lang for problem in result.errors] == ["en"]
    assert not (tmp_path / duplex.name).exists()


def test_a_card_leading_to_a_missing_page_is_reported_once_at_the_card(tmp_path):
    copy = tmp_path / "handbook"
    copy_project(copy)
    cards = copy / "docs" / "phrases.yml"
    text = cards.read_text(encoding="utf-8")
    first = re.search(r"^    section: (\S+)$", text, re.M)
    cards.write_text(text[: first.start(1)] + "gone-page#x" + text[first.end(1) :], encoding="utf-8")
    line = text[: first.start()].count("\n") + 1
    card = re.findall(r"^  - id: (\S+)$", text[: first.start()], re.M)[-1]
    check = subprocess.run([sys.executable, "scripts/check.py"], cwd=copy, capture_output=True, text=True)
    assert check.returncode == 1
    # Not once per language, and not again at every page that shows the card.
    assert LOCATED.findall(check.stdout) == [
        f"docs/phrases.yml:{line}:14: CARD-SECTION card '{card}' links to missing page 'gone-page'"
    ]


def test_an_edited_card_is_laid_out_alone_and_reported_as_the_full_sheets_report_it(tmp_path, monkeypatch):
    """An author who edits one card waits for that card alone; what its own layout finds is what the full
    sheets find."""
    from mkdocs.config import load_config

    from handbook.printing import card_fit
    from handbook.sources.model import load_handbook
    from handbook.sources.settings import settings_from_mkdocs

    copy, card_line = copy_with_long_english_card(tmp_path)
    cards = copy / "docs" / "phrases.yml"
    too_long = cards.read_text(encoding="utf-8")

    def check() -> list[str]:
        return [
            p.format()
            for p in card_fit.card_fit_problems(load_handbook(settings_from_mkdocs(load_config(str(copy / "mkdocs.yml")))))
        ]

    from_full_sheets = check()  # a first check: every card is new, so the sheets are typeset as printed
    assert len(from_full_sheets) == 1 and f"docs/phrases.yml:{card_line}:1: CARD-TOO-LONG" in from_full_sheets[0]
    assert check() == from_full_sheets  # nothing changed: nothing laid out, the same answer

    laid_out: list[tuple[str, int]] = []
    real = card_fit.render_job

    def counting(job, out_dir):
        laid_out.append((job.lang, len(job.fit_limits)))
        return real(job, out_dir)

    monkeypatch.setattr(card_fit, "render_job", counting)
    cards.write_text((ROOT / "docs" / "phrases.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert check() == []
    # The one card, once in each layout (office sheet, print shop), in the one language that changed.
    assert laid_out == [("en", 1), ("en", 1)]
    laid_out.clear()
    cards.write_text(too_long, encoding="utf-8")
    assert check() == from_full_sheets
    assert laid_out == [("en", 1), ("en", 1)]
