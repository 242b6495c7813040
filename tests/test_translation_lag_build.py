"""The real handbook in a fresh clone: it passes; a one-sided edit fails the build, or with
`translation_lag: notice` is published with a notice in the other language, on the web and in the PDF. That
build is for a real host: the PDFs and links.json carry its absolute addresses."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, require_tool, serve_directory

HOST = "https://handbook.firma.nl/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
# The one-sided edits add a sentence to the first line of a section's text, whatever that text says today.
NL_ADDED = "Dat werkt bijna altijd."
EN_ADDED = "Take them one at a time."


@pytest.fixture
def clone(tmp_path) -> Path:
    repo = tmp_path / "clone"
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(ROOT), str(repo)], check=True)
    subprocess.run(["git", "checkout", "-q", head], cwd=repo, check=True)
    return repo


def run(repo: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=repo, capture_output=True, text=True, env={**ENV, **(env or {})})


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_sentence(path: Path, section: str, sentence: str) -> None:
    """Add `sentence` to the first line of prose under the heading `{#section}`: a rewording, not a new paragraph."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if "{#" + section + "}" in line)
    prose = next(n for n in range(start + 1, len(lines)) if lines[n].strip() and lines[n][0].isalpha())
    lines[prose] = f"{lines[prose].rstrip()} {sentence}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def stay_calm_line(path: Path) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "{#stay-calm}" in line)


def test_clean_clone_passes_and_a_one_sided_edit_fails_the_build(clone):
    check = run(clone, "scripts/check.py")
    assert check.returncode == 0, check.stdout
    assert "translations per language: nl: " in check.stdout and ", 0 stale, 0 missing; en: " in check.stdout
    add_sentence(clone / "docs" / "conversation.nl.md", "stay-calm", NL_ADDED)
    build = run(clone, "-m", "mkdocs", "build", "--strict", "--site-dir", "build/t-site", env={"HANDBOOK_SKIP_PRINT": "1"})
    assert build.returncode != 0
    line = stay_calm_line(clone / "docs" / "conversation.en.md")
    assert f"docs/conversation.en.md:{line}:1: TRANSLATION-STALE section 'conversation#stay-calm'" in build.stderr
    assert "{+" + NL_ADDED + "+}" in build.stderr


def test_notice_mode_publishes_with_the_notice_in_both_languages(clone, browser):
    pdftotext = require_tool("pdftotext")
    replace(clone / "mkdocs.yml", "translation_lag: fail", "translation_lag: notice")
    add_sentence(clone / "docs" / "conversation.nl.md", "stay-calm", NL_ADDED)
    # A sentence added to a paragraph in English only: the Dutch route lags (a paragraph added would fail
    # SECTION-PARITY).
    add_sentence(clone / "docs" / "conversation.en.md", "route", EN_ADDED)
    build = run(clone, "scripts/build.py", env={"HANDBOOK_SITE_URL": HOST})
    assert build.returncode == 0, build.stderr[-3000:]
    assert "published with a notice (translation_lag: notice): docs/conversation.en.md" in build.stdout
    english = "This section was updated in Dutch on"
    dutch = "Dit deel is op"
    with serve_directory(clone / "site") as url:
        page = browser.new_page()
        for path, section, text, link in (
            ("/en/conversation/", "stay-calm", english, "/conversation/#stay-calm"),
            ("/conversation/", "route", dutch, "/en/conversation/#route"),
        ):
            page.goto(url + path)
            notice = page.locator(f"h2#{section} + .lag-notice")
            assert notice.is_visible()
            assert text in notice.inner_text()
            assert notice.locator("a").get_attribute("href").endswith(link)
            # The page around the notice: every phrase box its source asks for, no directive left as text.
            source = (clone / "docs" / f"conversation.{'en' if path.startswith('/en/') else 'nl'}.md").read_text()
            assert page.locator("div.phrases").count() == source.count("{% phrases ") > 0
            assert "{%" not in page.locator("article").inner_text()
        page.goto(url + "/en/translation-status/")
        assert "conversation#stay-calm" in page.locator("table.translation-status").inner_text()
        page.close()
    for lang, text in (("en", english), ("nl", dutch)):
        pdf = clone / "site" / "downloads" / f"handbook-{lang}.pdf"
        words = " ".join(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
        assert text in words
        assert "{%" not in words and "%}" not in words
        # The notice prints the other language's section on the real host; the cover names this language's home.
        joined = "".join(words.split())  # an address may break over lines
        other = "conversation/#stay-calm" if lang == "en" else "en/conversation/#route"
        assert f"{HOST}{other}" in joined and f"{HOST}{'en/' if lang == 'en' else ''}" in joined
        assert ".example" not in joined
    links = json.loads((clone / "site" / "links.json").read_text(encoding="utf-8"))
    assert "preview" not in links and links["site_url"] == HOST
    stay_calm = next(entry for entry in links["sections"] if entry["id"] == "stay-calm")
    assert stay_calm["url"]["en"] == f"{HOST}en/conversation/#stay-calm"
    assert stay_calm["forms"]["nl"]["markdown"] == f"[{stay_calm['title']['nl']}]({HOST}conversation/#stay-calm)"
    assert stay_calm["pdf"]["en"]["url"].startswith(f"{HOST}downloads/handbook-en.pdf#nameddest=")
    page = (clone / "site" / "en" / "conversation" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{HOST}en/conversation/">' in page
