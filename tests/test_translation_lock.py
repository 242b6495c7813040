"""translations.lock and TRANSLATION-STALE on small handbooks in git repositories made by each test."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_DIR, CARD_FILE, GOOD_PAGES, ROOT, write_site
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from handbook.checks.validate import validate
from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.markdown_scan import scan_markdown
from handbook.sources.model import Handbook, Page
from handbook.sources.settings import Language, Settings, settings_from_mkdocs
from handbook.translations.translation_lock import normalise, read_lock, section_states, word_diff

UPDATE = ROOT / "scripts" / "translations_update.py"
PAGES = {
    **GOOD_PAGES,
    "talk.nl.md": GOOD_PAGES["talk.nl.md"] + "\n## Vraag door {#ask}\n\nStel open vragen tot je de kern kent.\n",
    "talk.en.md": GOOD_PAGES["talk.en.md"] + "\n## Ask questions {#ask}\n\nAsk open questions until you know the core.\n",
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.test"}
    env |= {"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.test"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def update(repo: Path, accept: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "ACCEPT": accept, "PYTHONPATH": str(ROOT)}  # this checkout's package, whoever set up .venv
    return subprocess.run([sys.executable, str(UPDATE)], cwd=repo, env=env, capture_output=True, text=True)


def make_repo(tmp_path: Path, pages: dict = PAGES) -> Path:
    """A handbook with its lock written and committed, as on a fresh clone."""
    repo = tmp_path / "repo"
    write_site(repo, pages)
    git(repo, "init", "-q")
    assert update(repo).returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    return repo


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / "docs" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(repo: Path) -> list[str]:
    result = validate(settings_from_mkdocs(load_config(str(repo / "mkdocs.yml"))))
    return [p.format() for p in result.problems]


def test_one_sided_change_is_flagged_at_the_other_language_with_the_diff(tmp_path):
    repo = make_repo(tmp_path)
    assert problems(repo) == []
    edit(repo, "talk.nl.md", "Adem rustig in en uit", "Adem heel rustig in en uit")
    found = problems(repo)
    assert len(found) == 1
    assert found[0].startswith(
        "docs/talk.en.md:3:1: TRANSLATION-STALE section 'talk#stay-calm' changed in docs/talk.nl.md:3 since translations.lock"
    )
    assert "Adem {+heel+} rustig in" in found[0]
    assert "ACCEPT=talk#stay-calm" in found[0]


def test_committed_change_is_flagged_too_and_the_old_text_comes_from_git(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "talk.en.md", "Ask open questions", "Ask a few open questions")
    git(repo, "commit", "-qam", "English only")
    found = problems(repo)
    assert [line.split(": TRANSLATION-STALE")[0] for line in found] == ["docs/talk.nl.md:7:1"]
    assert "Ask {+a few+} open questions" in found[0]


def test_without_git_history_the_change_is_still_reported(tmp_path):
    repo = make_repo(tmp_path)
    shutil.rmtree(repo / ".git")
    edit(repo, "talk.nl.md", "Adem rustig", "Adem diep")
    found = problems(repo)
    assert len(found) == 1 and "TRANSLATION-STALE" in found[0]
    assert "old text unknown: no git history of this file; its text now: Blijf kalm Adem diep" in found[0]


def test_text_before_the_first_heading_belongs_to_the_first_section(tmp_path):
    intro = {"nl": "Lees dit voor je belt.", "en": "Read this before you call."}
    pages = {name: f"{intro[name.split('.')[1]]}\n\n{text}" if name.startswith("talk.") else text for name, text in PAGES.items()}
    repo = make_repo(tmp_path, pages)
    assert problems(repo) == []
    edit(repo, "talk.nl.md", "Lees dit voor je belt.", "Lees dit altijd voor je belt.")
    found = problems(repo)
    assert [line.split(" changed in ")[0] for line in found] == ["docs/talk.en.md:3:1: TRANSLATION-STALE section 'talk#talk'"]


def test_both_languages_changed_is_taken_as_updated_together(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "talk.nl.md", "Adem rustig in en uit", "Adem diep in")
    edit(repo, "talk.en.md", "Breathe slowly", "Breathe deeply")
    assert problems(repo) == []
    result = update(repo)
    assert result.returncode == 0 and "~ talk#stay-calm" in result.stdout


def test_formatting_only_change_is_no_change(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "talk.nl.md", "Adem rustig in en uit en luister naar", "Adem **rustig** in en uit\nen   luister naar")
    edit(repo, "talk.nl.md", "## Vraag door {#ask}", "##   Vraag door   {#ask}")
    edit(repo, "index.nl.md", "[het gesprek](talk.md#stay-calm)", "[het *gesprek*](talk.md)")
    assert problems(repo) == []


def test_accept_records_a_one_sided_change(tmp_path):
    repo = make_repo(tmp_path)
    before = read_lock((repo / "translations.lock").read_text(encoding="utf-8"))
    edit(repo, "talk.en.md", "the customer says", "the customer say")
    edit(repo, "talk.en.md", "the customer say", "the customer says:")
    result = update(repo, accept="talk#stay-calm")
    assert result.returncode == 0, result.stderr
    assert "~ talk#stay-calm (accepted)" in result.stdout
    after = read_lock((repo / "translations.lock").read_text(encoding="utf-8"))
    assert after["talk#stay-calm"]["en"] != before["talk#stay-calm"]["en"]
    assert after["talk#stay-calm"]["nl"] == before["talk#stay-calm"]["nl"]
    assert problems(repo) == []
    assert git(repo, "status", "--porcelain", "--untracked-files=no").split() == [
        "M",
        "docs/talk.en.md",
        "M",
        "translations.lock",
    ]


def test_update_refuses_a_stale_section_and_lists_it(tmp_path):
    repo = make_repo(tmp_path)
    lock_before = (repo / "translations.lock").read_text(encoding="utf-8")
    edit(repo, "talk.nl.md", "Stel open vragen", "Stel korte, open vragen")
    result = update(repo)
    assert result.returncode == 1
    assert "! talk#ask: changed in docs/talk.nl.md:7, not in docs/talk.en.md:7" in result.stderr
    assert (repo / "translations.lock").read_text(encoding="utf-8") == lock_before
    assert any("TRANSLATION-STALE" in line for line in problems(repo))


def test_new_section_is_recorded_once_in_both_languages_and_removed_one_leaves(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "talk.nl.md", "## Vraag door {#ask}", "## Vat samen {#summarise}\n\nHerhaal kort.\n\n## Vraag door {#ask}")
    result = update(repo)
    assert "talk#summarise" not in result.stdout  # Dutch only: not recorded yet
    assert "talk#summarise" not in (repo / "translations.lock").read_text(encoding="utf-8")
    edit(repo, "talk.en.md", "## Ask questions {#ask}", "## Summarise {#summarise}\n\nRepeat briefly.\n\n## Ask questions {#ask}")
    result = update(repo)
    assert "+ talk#summarise" in result.stdout
    for name, heading in (("talk.nl.md", "## Vraag door {#ask}"), ("talk.en.md", "## Ask questions {#ask}")):
        path = repo / "docs" / name
        path.write_text(path.read_text(encoding="utf-8").split("\n" + heading)[0], encoding="utf-8")
    result = update(repo)
    assert "- talk#ask" in result.stdout
    lock = read_lock((repo / "translations.lock").read_text(encoding="utf-8"))
    assert "talk#ask" not in lock and "talk#summarise" in lock
    assert problems(repo) == []


def test_status_report_counts_stale_and_missing(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "talk.nl.md", "Adem rustig", "Adem diep")
    edit(repo, "talk.en.md", "the core.\n", "the core.\n\n### Listen {#listen}\n\nListen.\n")
    result = validate(settings_from_mkdocs(load_config(str(repo / "mkdocs.yml"))))
    assert result.lines()[-1] == (
        "translations per language: nl: 4 in step, 0 stale, 1 missing; en: 4 in step, 1 stale, 0 missing"
    )
    report = json.loads((BUILD_DIR / "translation-status.json").read_text(encoding="utf-8"))
    by_key = {entry["section"]: entry for entry in report["sections"]}
    assert by_key["talk#stay-calm"]["state"] == "stale" and by_key["talk#stay-calm"]["lagging"] == ["en"]
    assert by_key["talk#listen"]["state"] == "missing" and by_key["talk#listen"]["lagging"] == ["nl"]
    assert set(by_key["talk#ask"]["changed"]) == {"nl", "en"}


def test_word_diff_shows_removed_and_added_words():
    assert word_diff("a b c d", "a x c d") == "a [-b-] {+x+} c d"
    assert normalise("## Titel {#id}\n\n- [x] **vet** en [link](a.md)\n") == "Titel vet en link"


NL_BODY = (
    "# Titel {#top}\n\nInleiding hier.\n\n## Deel een {#one}\n\nEerste tekst van het deel.\n\n"
    "## Deel twee {#two}\n\nTweede tekst.\n"
)
EN_BODY = (
    "# Title {#top}\n\nIntroduction here.\n\n## Part one {#one}\n\nFirst text of the part.\n\n"
    "## Part two {#two}\n\nSecond text.\n"
)
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


def _states(nl: str, en: str, records: dict) -> list:
    languages = (Language("nl", True, "Handboek"), Language("en", False, "Handbook"))
    book = Handbook(Settings(Path("."), Path("docs"), Path("mkdocs.yml"), "", languages, ()))
    for lang, body in (("nl", nl), ("en", en)):
        book.pages.setdefault("page", {})[lang] = Page("page", lang, f"docs/page.{lang}.md", {}, scan_markdown(body), 1, body)
    return section_states(book, records)


def _edited(body: str, section: str, word: str, position: int) -> str:
    """`word` inserted into the paragraph of `section`, at a word boundary."""
    lines = body.split("\n")
    heading = next(i for i, line in enumerate(lines) if "{#" + section + "}" in line)
    words = lines[heading + 2].split(" ")
    words.insert(position % (len(words) + 1), word)
    lines[heading + 2] = " ".join(words)
    return "\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(section=st.sampled_from(["top", "one", "two"]), word=WORDS, position=st.integers(0, 20), both=st.booleans())
def test_edits_to_one_side_are_always_flagged_to_both_never(section, word, position, both):
    records = {s.key: {lang: sec.fingerprint for lang, sec in s.now.items()} for s in _states(NL_BODY, EN_BODY, {})}
    en = _edited(EN_BODY, section, word + "x", position) if both else EN_BODY
    states = _states(_edited(NL_BODY, section, word, position), en, records)
    stale = [(s.id, s.lagging) for s in states if s.state == "stale"]
    assert stale == ([] if both else [(section, ("en",))])
    assert [s.id for s in states if s.state == "updated"] == ([section] if both else [])


def test_a_card_changed_in_one_language_is_stale_at_the_other_languages_text_until_translated_or_accepted(tmp_path):
    repo = make_repo(tmp_path, {**PAGES, "phrases.yml": CARD_FILE})
    assert "cards#calm nl=" in (repo / "translations.lock").read_text(encoding="utf-8")
    cards = repo / "docs" / "phrases.yml"
    cards.write_text(cards.read_text().replace("Ik zoek het uit.", "Ik bel u morgen terug."), encoding="utf-8")
    found = problems(repo)
    line = next(n for n, text in enumerate(cards.read_text().splitlines(), 1) if 'en: "Angry"' in text)
    assert len(found) == 1 and found[0].startswith(
        f"docs/phrases.yml:{line}:1: TRANSLATION-STALE card 'calm' changed in 'nl' (line {line}) since translations.lock"
    )
    assert "ik bel u morgen terug" in found[0].lower() and "ACCEPT=cards#calm" in found[0]
    refused = update(repo)
    assert refused.returncode == 1 and "! cards#calm: changed in docs/phrases.yml" in refused.stderr
    cards.write_text(cards.read_text().replace("I’ll look into it.", "I’ll ring you back tomorrow."), encoding="utf-8")
    assert problems(repo) == []
    assert update(repo).returncode == 0 and problems(repo) == []


def test_a_slip_in_one_language_is_reported_there_only_and_a_real_change_beside_it_still_is(tmp_path):
    """Dutch pasted into the English page changes the English section; telling the Dutch page to "translate the
    change" would copy the slip into it."""
    repo = make_repo(tmp_path)
    edit(repo, "talk.en.md", "Ask open questions until you know the core.", "Stel open vragen tot je de kern kent.")
    edit(repo, "talk.nl.md", "Adem rustig in en uit", "Adem heel rustig in en uit")
    found = problems(repo)
    assert [line.split(" ")[:2] for line in found] == [
        ["docs/talk.en.md:3:1:", "TRANSLATION-STALE"],  # the real change, at the language that lags
        ["docs/talk.en.md:9:1:", "SAME-TEXT"],  # the slip, where it is; nothing at docs/talk.nl.md:9
    ], found
    assert "changed in docs/talk.nl.md:3" in found[0] and "Adem {+heel+} rustig" in found[0]


def test_a_leftover_or_a_removed_id_in_one_language_is_not_sent_to_the_other(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "talk.en.md", "Ask open questions until you know the core.", "translation_missing")
    found = problems(repo)
    assert found and all(line.startswith("docs/talk.en.md:9:") for line in found), found
    assert any(": LEFTOVER " in line for line in found)
    edit(repo, "talk.en.md", "translation_missing", "Ask open questions until you know the core.")
    edit(repo, "talk.en.md", "## Ask questions {#ask}", "## Ask questions")
    found = problems(repo)
    assert any(line.startswith("docs/talk.en.md:7:1: ID-MISSING ") for line in found), found
    assert not any(": TRANSLATION-STALE " in line for line in found), found


def test_a_fault_found_in_the_rendered_page_takes_the_stale_report_of_its_section_away(tmp_path):
    repo = make_repo(tmp_path)
    edit(repo, "talk.en.md", "Ask open questions", "Ask a few open questions")
    result = validate(settings_from_mkdocs(load_config(str(repo / "mkdocs.yml"))))
    assert [p.format().split(": TRANSLATION-STALE")[0] for p in result.problems] == ["docs/talk.nl.md:7:1"]
    in_section = Problem("docs/talk.en.md", 9, 5, Code.LINK_PAGE, "link to missing page '../refunds/'", "", "en")
    elsewhere = Problem("docs/talk.en.md", 3, 5, Code.LINK_PAGE, "link to missing page '../refunds/'", "", "en")
    assert result.complete([in_section]) == [in_section]
    assert result.complete([elsewhere]) == [elsewhere, *result.problems]


def test_a_long_word_diff_is_cut_after_a_whole_word_and_closes_its_change():
    old = "Begin met het erkennen van het probleem."
    new = f"{old} " + " ".join(f"woord{number}" for number in range(100))
    diff = word_diff(old, new)
    assert len(diff) <= 310 and diff.endswith(" …+}"), diff
    words = diff.removesuffix(" …+}").replace("{+", "").split()
    assert words and all(word in new.split() for word in words), diff


def test_words_of_the_other_language_added_by_mistake_are_to_be_undone_not_translated(tmp_path):
    """A Dutch sentence pasted into a longer English paragraph: no check of the English page sees it, so the Dutch
    page gets the stale report, which must not ask for the Dutch sentence to be translated into Dutch."""
    sentences = {
        "nl": ("Adem rustig in en uit en luister naar wat de klant zegt.", "Laat de klant uitpraten, ook als het lang duurt."),
        "en": ("Breathe slowly and listen to what the customer says.", "Let the customer finish, even when it takes a while."),
    }
    pages = {**PAGES}
    for lang, (first, second) in sentences.items():
        pages[f"talk.{lang}.md"] = pages[f"talk.{lang}.md"].replace(first, f"{first} {second}")
    repo = make_repo(tmp_path, pages)
    edit(repo, "talk.en.md", sentences["en"][1], sentences["nl"][1])
    found = problems(repo)
    assert len(found) == 1 and found[0].startswith("docs/talk.nl.md:3:1: TRANSLATION-STALE "), found
    assert found[0].endswith(
        "(the words added at docs/talk.en.md:3 read as 'nl', not 'en': undo them there; "
        "translate the change here, then run `make translations-update` otherwise)"
    )
    # A real English edit keeps the usual advice, with the way back named.
    edit(repo, "talk.en.md", sentences["nl"][1], "Let the customer finish, however long it takes.")
    assert problems(repo)[0].endswith(
        "(translate the change here, then run `make translations-update`; if the change at docs/talk.en.md:3 was a "
        "mistake, undo it there; if it needs no translation: `make translations-update ACCEPT=talk#stay-calm`)"
    )
