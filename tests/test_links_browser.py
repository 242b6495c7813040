"""Links from wikis in a real browser: language switch keeps the section, renamed sections, copy buttons,
per-language search and 404 pages."""

import json

from conftest import copy_project, run_build, serve_directory

from handbook.sources.addresses import page_address


def test_language_switch_keeps_page_and_section(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "/en/conversation/#stay-calm")
    page.locator(".md-header .md-select").first.hover()
    page.locator("a[hreflang='nl']").first.click()
    page.wait_for_url(served_site + "/conversation/#stay-calm")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.close()


def test_every_section_redirect_is_in_its_old_page_and_its_target_is_built(built_site, real_handbook):
    """The table the browser follows, checked for every redirect without a browser: the old page carries it and the
    new section is on its built page, in both languages."""
    redirects = real_handbook.settings.section_redirects
    assert redirects, "mkdocs.yml declares no section redirect to try"
    for old, new in redirects.items():
        old_page, _ = old.split("#")
        new_page, new_id = new.split("#")
        for folder in ("", "en/"):
            old_html = (built_site / page_address(folder, old_page) / "index.html").read_text(encoding="utf-8")
            assert json.dumps(old) + ": " + json.dumps(new) in old_html, (folder, old)
            new_html = (built_site / page_address(folder, new_page) / "index.html").read_text(encoding="utf-8")
            assert f'id="{new_id}"' in new_html, (folder, new)


def test_renamed_section_old_hash_lands_on_new_section(browser, served_site, real_handbook):
    """The browser follows the table: one redirect within a page and one to another page, in both languages."""
    redirects = real_handbook.settings.section_redirects
    same_page = next((old, new) for old, new in redirects.items() if old.split("#")[0] == new.split("#")[0])
    other_page = next((old, new) for old, new in redirects.items() if old.split("#")[0] != new.split("#")[0])
    page = browser.new_page()
    for old, new in (same_page, other_page):
        old_page, old_id = old.split("#")
        new_page, new_id = new.split("#")
        for prefix in ("", "/en"):
            page.goto(f"{served_site}{prefix}/{old_page}/#{old_id}")
            page.wait_for_url(f"{served_site}{prefix}/{new_page}/#{new_id}")
            assert page.locator(f"#{new_id}").first.is_visible()
    page.close()


def test_renamed_page_redirects_in_both_languages_and_keeps_the_section(browser, tmp_path):
    copy = tmp_path / "repo"
    copy_project(copy)
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "redirect_maps: {}" in text
    config.write_text(text.replace("redirect_maps: {}", "redirect_maps: {gesprek.md: conversation.md}"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(site, cwd=copy, env={"HANDBOOK_SKIP_PRINT": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    page = browser.new_page()
    with serve_directory(site) as url:
        for prefix in ("", "/en"):
            page.goto(f"{url}{prefix}/gesprek/#stay-calm")
            page.wait_for_url(f"{url}{prefix}/conversation/#stay-calm")
            assert page.locator("h2#stay-calm").is_visible()
    page.close()


def test_copy_button_puts_absolute_section_url_on_clipboard(browser, served_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site + "/en/conversation/")
    button = page.locator("h2#stay-calm button.copy-link")
    assert button.get_attribute("aria-label").startswith("Copy the link to this section")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('h2#stay-calm .copy-link-status').textContent !== ''")
    # The build's address is the placeholder: the link is the address the page was served from, never that one.
    assert page.evaluate("navigator.clipboard.readText()") == served_site + "/en/conversation/#stay-calm"
    assert page.locator("h2#stay-calm .copy-link-status").inner_text() == "Link copied"
    context.close()


def test_the_links_page_of_a_preview_shows_and_copies_the_served_address(browser, served_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site + "/en/links/")
    row = page.locator("table.link-index tr", has=page.locator("button.copy-url[data-url='en/conversation/#stay-calm']"))
    address = served_site + "/en/conversation/#stay-calm"
    assert row.locator("code").inner_text() == address
    row.locator("button.copy-url").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t !== '')")
    assert page.evaluate("navigator.clipboard.readText()") == address
    markdown = row.locator("button.copy-form", has_text="Markdown").get_attribute("data-copy")
    assert markdown == f"[Stay calm]({address})"
    context.close()


def search(page, base, path, query):
    """Type a query into the site search as a keyboard user; returns (result summary, result links)."""
    page.goto(base + path)
    page.keyboard.press("/")  # Material's shortcut to the search field
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    placeholder = meta.inner_text()
    for _ in range(20):  # the index loads in a worker; a query typed before it is ready is not run
        box.fill("")
        box.type(query)
        page.wait_for_timeout(500)
        if meta.inner_text() != placeholder:
            break
    assert meta.inner_text() != placeholder, "search never answered"
    return meta.inner_text(), page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")


def test_search_stays_within_the_language(browser, served_site):
    page = browser.new_page()
    meta, hits = search(page, served_site, "/en/", "gesprek")
    assert hits == [], (meta, hits)
    meta, hits = search(page, served_site, "/en/", "customer")
    assert hits and all("/en/" in h for h in hits)
    meta, hits = search(page, served_site, "/", "klant")
    assert hits and not any("/en/" in h for h in hits)
    meta, hits = search(page, served_site, "/", "customer")
    assert not any("/en/" in h for h in hits)
    page.close()


def test_missing_page_shows_the_404_page_of_its_language(browser, served_site):
    page = browser.new_page()
    response = page.goto(served_site + "/en/does-not-exist/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "en"
    response = page.goto(served_site + "/bestaat-niet/")
    assert response.status == 404 and page.locator("html").get_attribute("lang") == "nl"
    page.close()
