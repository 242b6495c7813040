"""The published-links lock and the link index: removed sections fail unless redirected; links.json resolves."""

import contextlib
import importlib.util
import io
import json

from conftest import GOOD_PAGES, MINIMAL_CONFIG, ROOT, write_site
from mkdocs.config import load_config

from handbook.checks import run_checks
from handbook.pages.published_links import updated_lock
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs


def test_removed_section_fails_and_redirect_makes_it_pass(fixture_site, tmp_path):
    (tmp_path / "links.lock").write_text("index\ntalk\ntalk#stay-calm\n", encoding="utf-8")
    renamed = {**GOOD_PAGES}
    for name in ("talk.nl.md", "talk.en.md"):
        renamed[name] = renamed[name].replace("{#stay-calm}", "{#keep-calm}")
    for name in ("index.nl.md", "index.en.md"):
        renamed[name] = renamed[name].replace("#stay-calm", "#keep-calm")
    found = [p.format() for p in run_checks(fixture_site(renamed))]
    assert (
        "links.lock:3:6: LINK-LOCKED published section 'talk#stay-calm' no longer exists in docs/talk.nl.md; "
        "did you rename it to `keep-calm`? (restore the ID `stay-calm`, or if you renamed it on purpose add "
        "`talk#stay-calm: talk#keep-calm` under extra: section_redirects)" in found
    )
    redirected = fixture_site(renamed, {"extra": {"section_redirects": {"talk#stay-calm": "talk#keep-calm"}}})
    assert run_checks(redirected) == []


def test_a_section_back_under_its_redirected_id_fails(fixture_site, tmp_path):
    """A redirect runs on every arrival at the old #hash, so it would hide a section that is back under that ID."""
    (tmp_path / "links.lock").write_text("index\ntalk\ntalk#stay-calm\n", encoding="utf-8")
    both = {**GOOD_PAGES}
    for name in ("talk.nl.md", "talk.en.md"):
        both[name] = both[name].replace("{#stay-calm}", "{#stay-calm}\n\n## Later {#keep-calm}\n\nText.")
    redirected = fixture_site(both, {"extra": {"section_redirects": {"talk#stay-calm": "talk#keep-calm"}}})
    found = [p.format() for p in run_checks(redirected) if p.code == "LINK-LOCKED"]
    assert sorted(f.split(": ", 1)[1] for f in found) == [
        f"LINK-LOCKED section redirect 'talk#stay-calm' comes from a section that exists in '{lang}': its links would "
        f"land on 'talk#keep-calm' (remove the redirect of `talk#stay-calm` now that the section is back, or give the "
        "section another ID)"
        for lang in ("en", "nl")
    ], found
    assert all(f.startswith("mkdocs.yml:") for f in found)


def test_removed_page_fails_unless_redirected_to_a_page_with_its_sections(fixture_site, tmp_path):
    (tmp_path / "links.lock").write_text("index\ntalk\ntalk#stay-calm\n", encoding="utf-8")
    moved = {name.replace("talk.", "call."): text for name, text in GOOD_PAGES.items()}
    for name in ("index.nl.md", "index.en.md"):
        moved[name] = moved[name].replace("talk.md", "call.md")
    nav = {"nav": [{"Thuis": "index.md"}, {"Gesprek": "call.md"}]}
    found = [p.format() for p in run_checks(fixture_site(moved, nav))]
    assert (
        "links.lock:2:1: LINK-LOCKED published page 'talk' no longer exists in 'en' "
        "(restore it or redirect `talk.md` under redirects: redirect_maps)" in found
    )

    def with_redirect(target: str) -> dict:
        plugins = [{"redirects": {"redirect_maps": {"talk.md": target}}}, *MINIMAL_CONFIG["plugins"]]
        return {**nav, "plugins": plugins}

    assert run_checks(fixture_site(moved, with_redirect("call.md"))) == []
    found = [p.format() for p in run_checks(fixture_site(moved, with_redirect("index.md")))]
    assert any("LINK-LOCKED published section 'talk#stay-calm' no longer exists in docs/index.nl.md" in f for f in found)
    found = [p.format() for p in run_checks(fixture_site(moved, with_redirect("gone.md")))]
    assert "mkdocs.yml:9:16: LINK-LOCKED page redirect 'talk.md' leads to missing 'gone.md' in 'nl'" in found


def test_typo_in_one_language_is_not_blamed_on_the_lock(fixture_site, tmp_path):
    (tmp_path / "links.lock").write_text("index\ntalk\ntalk#stay-calm\n", encoding="utf-8")
    typo = {**GOOD_PAGES, "talk.en.md": GOOD_PAGES["talk.en.md"].replace("{#stay-calm}", "{#stay-clam}")}
    codes = {p.code for p in run_checks(fixture_site(typo))}
    assert "ID-PARITY" in codes and "LINK-LOCKED" not in codes


def test_the_committed_lock_records_every_published_section():
    from handbook.pages.published_links import LOCK_FILE, unrecorded_entries
    from handbook.sources.config_file import load_site_config
    from handbook.sources.model import load_handbook
    from handbook.sources.settings import settings_from_mkdocs

    config, _ = load_site_config(ROOT / "mkdocs.yml")
    handbook = load_handbook(settings_from_mkdocs(config))
    assert unrecorded_entries(ROOT / LOCK_FILE, handbook) == [], "run `make links-update` and commit links.lock"


def test_a_lock_behind_the_pages_is_named_at_the_end_of_a_run(fixture_site, tmp_path):
    from handbook.pages.published_links import lock_notice

    (tmp_path / "links.lock").write_text("index\ntalk\n", encoding="utf-8")
    notice = lock_notice(fixture_site(GOOD_PAGES))
    assert notice.startswith("links.lock: 3 new pages or sections not recorded yet (index#home, talk#stay-calm")
    assert notice.endswith("run `make links-update` before you commit")


def test_links_update_only_adds(fixture_site, tmp_path):
    lock = tmp_path / "links.lock"
    lock.write_text("# header\nold-page#gone\n", encoding="utf-8")
    text, added = updated_lock(lock, fixture_site(GOOD_PAGES))
    assert "old-page#gone" in text
    assert added == ["index", "index#home", "talk", "talk#stay-calm", "talk#talk"]


def test_every_links_json_entry_resolves_to_a_file_and_element(built_site):
    data = json.loads((built_site / "links.json").read_text(encoding="utf-8"))
    assert data["preview"] and data["site_url"] is None  # the placeholder address: relative to the site's root
    assert len(data["sections"]) > 50
    for entry in data["sections"]:
        assert set(entry["url"]) == {"nl", "en"} and set(entry["title"]) == {"nl", "en"}
        for url in entry["url"].values():
            path, _, anchor = url.partition("#")
            html = (built_site / path / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor or entry["id"]}"' in html, url


SECTIONS = {
    "nl": ("Blijf kalm", "Luister", "Blijf professioneel"),
    "en": ("Stay calm", "Listen", "Stay professional"),
}
IDS = ("stay-calm", "listen", "stay-professional")


def three_sections(lang: str, ids=IDS) -> str:
    headings = "".join(
        f"## {title} {{#{section}}}\n\nText {number}.\n\n"
        for number, (title, section) in enumerate(zip(SECTIONS[lang], ids, strict=True))
    )
    return f"# {'Gesprek' if lang == 'nl' else 'Conversation'} {{#talk}}\n\n{headings}"


def lost_section_fix(fixture_site, tmp_path, ids, translations_lock=True) -> str:
    (tmp_path / "links.lock").write_text("index\ntalk\n" + "".join(f"talk#{s}\n" for s in ("talk", *IDS)), encoding="utf-8")
    record = "".join(f"talk#{s} nl=0 en=0\n" for s in ("talk", *IDS))  # in page order, as translations-update writes
    (tmp_path / "translations.lock").write_text(record if translations_lock else "", encoding="utf-8")
    pages = {**GOOD_PAGES, "talk.nl.md": three_sections("nl", ids), "talk.en.md": three_sections("en", ids)}
    pages = {name: text.replace("#stay-calm", "#listen") if name.startswith("index") else text for name, text in pages.items()}
    return [p.format() for p in run_checks(fixture_site(pages)) if p.code == "LINK-LOCKED"]


def test_a_renamed_section_is_redirected_to_the_new_id_in_its_place_not_to_a_look_alike(fixture_site, tmp_path):
    found = lost_section_fix(fixture_site, tmp_path, ("keep-your-cool", "listen", "stay-professional"))
    assert found == [
        f"links.lock:4:6: LINK-LOCKED published section 'talk#stay-calm' no longer exists in docs/talk.{lang}.md; did "
        "you rename it to `keep-your-cool`? (restore the ID `stay-calm`, or if you renamed it on purpose add "
        "`talk#stay-calm: talk#keep-your-cool` under extra: section_redirects)"
        for lang in ("en", "nl")
    ]


def test_a_lost_section_without_a_clear_successor_gets_no_redirect_target(fixture_site, tmp_path):
    # Moved and renamed: the new ID is not where the old one was.
    found = lost_section_fix(fixture_site, tmp_path, ("listen", "keep-your-cool", "stay-professional"))
    # Without the recorded order, two new IDs for two lost ones.
    found += lost_section_fix(fixture_site, tmp_path, ("new-advice", "keep-your-cool", "stay-professional"), False)
    assert found and all("stay-professional`" not in line and "did you rename" not in line for line in found), found
    assert all("`talk#stay-calm: talk#that-id`" in line for line in found if "'talk#stay-calm'" in line), found


def run_links_update(root) -> tuple[int, str]:
    """`make links-update` in the handbook at `root`: its exit code and what it printed."""
    script = importlib.util.spec_from_file_location("links_update", ROOT / "scripts" / "links_update.py")
    module = importlib.util.module_from_spec(script)
    script.loader.exec_module(module)
    output = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = module.main()
    return code, output.getvalue()


def test_links_update_records_nothing_while_a_new_page_is_unwritten(tmp_path):
    from handbook.sources.new_page import page_text

    written = {
        f"refunds.{lang}.md": page_text(title, "refunds", lang) for lang, title in (("nl", "Geld terug"), ("en", "Refunds"))
    }
    i18n = MINIMAL_CONFIG["plugins"][0]["i18n"]
    english = {**i18n["languages"][1], "nav_translations": {**i18n["languages"][1]["nav_translations"], "Geld terug": "Refunds"}}
    plugins = [{"i18n": {**i18n, "languages": [i18n["languages"][0], english]}}]
    config = write_site(
        tmp_path, {**GOOD_PAGES, **written}, {"nav": [*MINIMAL_CONFIG["nav"], {"Geld terug": "refunds.md"}], "plugins": plugins}
    )
    lock = tmp_path / "links.lock"
    recorded = "index\nindex#home\ntalk\ntalk#talk\ntalk#stay-calm\n"
    lock.write_text(recorded, encoding="utf-8")
    code, output = run_links_update(tmp_path)
    assert code == 1
    assert "docs/refunds.nl.md:3:4: LEFTOVER placeholder of `make new-page`: 'Waar gaat dit hoofdstuk over?'" in output
    # the two placeholder sentences in each language
    assert output.strip().splitlines()[-1].startswith("links.lock: not updated: 4 problems (listed above)"), output
    assert lock.read_text(encoding="utf-8") == recorded
    # Even when asked directly, the placeholder section is not a published address; the page and its title are.
    _, added = updated_lock(lock, load_handbook(settings_from_mkdocs(load_config(str(config)))))
    assert added == ["refunds", "refunds#refunds"]
    for lang, section, text in (
        ("nl", "Wanneer terugbetalen", "Geld gaat terug binnen veertien dagen."),
        ("en", "When to refund", "Money goes back within fourteen days."),
    ):
        page = tmp_path / "docs" / f"refunds.{lang}.md"
        title = page.read_text(encoding="utf-8").split("\n")[0]
        page.write_text(f"{title}\n\n## {section} {{#when-to-refund}}\n\n{text}\n", encoding="utf-8")
    code, output = run_links_update(tmp_path)
    assert code == 0, output
    assert lock.read_text(encoding="utf-8").splitlines()[-3:] == ["refunds", "refunds#refunds", "refunds#when-to-refund"]
