"""The published-links lock and the link index: removed sections fail unless redirected; links.json resolves."""

import json

from conftest import GOOD_PAGES, MINIMAL_CONFIG, ROOT

from handbook.checks import run_checks
from handbook.published_links import updated_lock


def test_removed_section_fails_and_redirect_makes_it_pass(fixture_site, tmp_path):
    (tmp_path / "links.lock").write_text("index\ntalk\ntalk#stay-calm\n", encoding="utf-8")
    renamed = {**GOOD_PAGES}
    for name in ("talk.nl.md", "talk.en.md"):
        renamed[name] = renamed[name].replace("{#stay-calm}", "{#keep-calm}")
    for name in ("index.nl.md", "index.en.md"):
        renamed[name] = renamed[name].replace("#stay-calm", "#keep-calm")
    found = [p.format() for p in run_checks(fixture_site(renamed))]
    assert (
        "links.lock:3:6: LINK-LOCKED published section 'talk#stay-calm' no longer exists in docs/talk.nl.md "
        "(restore the ID `stay-calm`, or if you renamed it on purpose add `talk#stay-calm: talk#keep-calm` under "
        "extra: section_redirects)" in found
    )
    redirected = fixture_site(renamed, {"extra": {"section_redirects": {"talk#stay-calm": "talk#keep-calm"}}})
    assert run_checks(redirected) == []


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
    from handbook.config_file import load_site_config
    from handbook.model import load_handbook
    from handbook.published_links import LOCK_FILE, unrecorded_entries
    from handbook.settings import settings_from_mkdocs

    config, _ = load_site_config(ROOT / "mkdocs.yml")
    handbook = load_handbook(settings_from_mkdocs(config))
    assert unrecorded_entries(ROOT / LOCK_FILE, handbook) == [], "run `make links-update` and commit links.lock"


def test_a_lock_behind_the_pages_is_named_at_the_end_of_a_run(fixture_site, tmp_path):
    from handbook.published_links import lock_notice

    (tmp_path / "links.lock").write_text("index\ntalk\n", encoding="utf-8")
    notice = lock_notice(fixture_site(GOOD_PAGES))
    assert notice.startswith("links.lock: 3 new page(s) or section(s) not recorded yet (index#home, talk#stay-calm")
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
