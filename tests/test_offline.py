"""The handbook offline on a phone: after one visit online, a language's pages open with the network cut, a new
build replaces the cached one whole, and each language has a valid web app manifest. Served under a path prefix,
as `HANDBOOK_SITE_URL` allows."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REAL_UI, copy_project, run_build, serve_directory
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from handbook.website.offline import cache_version, precache_lists

PREFIX = "handboek"
SITE_URL = f"https://example.test/{PREFIX}/"
NEW_HINT = "a difficult customer on the line? Three calm steps for right now."


def _build(project: Path, site: Path) -> Path:
    result = run_build(site, cwd=project, env={"HANDBOOK_SKIP_PRINT": "1", "HANDBOOK_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def _version(site: Path) -> str:
    return re.search(r'const VERSION = "([0-9a-f]{16})"', (site / "sw.js").read_text(encoding="utf-8")).group(1)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The handbook built twice: as it is, and with a changed English label on every page."""
    root = tmp_path_factory.mktemp("offline")
    project = copy_project(root / "project")
    first = _build(project, root / "first")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old_hint = f"quick_help_hint: {REAL_UI['en']['quick_help_hint']}"  # whatever it says now
    assert old_hint in text
    config.write_text(text.replace(old_hint, f"quick_help_hint: {NEW_HINT}"), encoding="utf-8")
    second = _build(project, root / "second")
    return first, second


def _publish(site: Path, served: Path, pdf: bytes | None = None) -> None:
    """The site at `served`, with a stand-in for the English handbook PDF (the build here prints none)."""
    shutil.rmtree(served, ignore_errors=True)
    shutil.copytree(site, served)
    if pdf is not None:
        (served / "downloads").mkdir(exist_ok=True)
        (served / "downloads" / "handbook-en.pdf").write_bytes(pdf)


def _manifest_as_chromium_reads_it(context, page, base: str, folder: str) -> None:
    """Chromium finds the page's language manifest, parses it without an error and scopes it to that folder."""
    session = context.new_cdp_session(page)
    manifest = session.send("Page.getAppManifest")
    session.detach()
    assert manifest["url"] == f"{base}{folder}manifest.webmanifest" and manifest["errors"] == []
    assert manifest["parsed"]["scope"] == base + folder


# Until the worker has kept every file of a language (its cache then holds the `handbook-complete` entry) and
# has deleted the caches of the version `gone`.
WAIT_FOR_CACHE = """async ([name, gone]) => {
  const complete = async () => (await caches.has(name)) &&
    (await (await caches.open(name)).keys()).some((request) => request.url.endsWith("/handbook-complete"));
  for (let i = 0; i < 200; i++) {
    const keys = await caches.keys();
    if ((await complete()) && !keys.some((key) => gone && key.endsWith(gone))) return keys;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return await caches.keys();
}"""

HEADER_COLOUR = "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
TEAL = "rgb(15, 76, 92)"


def test_pages_open_offline_and_a_new_build_replaces_the_cache(browser, two_builds, tmp_path):
    first, second = two_builds
    root = tmp_path / "www"
    served = root / PREFIX
    _publish(first, served, b"%PDF-1.4\n% first edition\n")
    with serve_directory(root) as url:
        base = f"{url}/{PREFIX}/"
        context = browser.new_context()
        errors: list[str] = []
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(base + "en/")
        _manifest_as_chromium_reads_it(context, page, base, "en/")
        keys = page.evaluate(WAIT_FOR_CACHE, [f"handbook-en-{_version(first)}", None])
        assert f"handbook-en-{_version(first)}" in keys
        assert not any(key.startswith("handbook-nl-") for key in keys), "only the language being read is kept"
        assert page.evaluate("fetch('../downloads/handbook-en.pdf').then((r) => r.status)") == 200  # opened once

        context.set_offline(True)
        page.goto(base + "en/quick-help/")
        assert page.locator("h1").first.inner_text().strip()
        assert page.evaluate(HEADER_COLOUR) == TEAL, "the stylesheets come from the cache too"
        note = page.locator(".md-select__link[hreflang='nl'] .handbook-offline-note")
        note.wait_for(state="attached", timeout=5000)  # marked once the page has looked in its caches
        assert note.count() == 1 and "not saved for offline use" in note.text_content()
        assert page.locator(".md-select__link[hreflang='en'] .handbook-offline-note").count() == 0
        page.goto(base + "en/conversation/")
        assert page.evaluate(HEADER_COLOUR) == TEAL
        assert page.locator("h1").first.inner_text().strip()
        assert REAL_UI["en"]["quick_help_hint"] in page.locator(".md-banner").inner_text()
        assert page.evaluate("fetch('../../downloads/handbook-en.pdf').then((r) => r.status)") == 200
        with pytest.raises(PlaywrightError, match=r"net::ERR_(FAILED|INTERNET_DISCONNECTED)"):
            page.goto(base + "quick-help/")  # Dutch was never opened: not on this device

        context.set_offline(False)
        _publish(second, served, b"%PDF-1.4\n% second edition\n")
        page.goto(base + "en/")
        keys = page.evaluate(WAIT_FOR_CACHE, [f"handbook-en-{_version(second)}", _version(first)])
        assert f"handbook-en-{_version(second)}" in keys
        assert not any(key.endswith(_version(first)) for key in keys), keys
        context.set_offline(True)
        page.goto(base + "en/conversation/")
        assert NEW_HINT in page.locator(".md-banner").inner_text()
        assert page.evaluate(HEADER_COLOUR) == TEAL
        assert "second edition" in page.evaluate("fetch('../../downloads/handbook-en.pdf').then((r) => r.text())")
        context.close()
    online_errors = [e for e in errors if "ERR_INTERNET_DISCONNECTED" not in e and "Failed to fetch" not in e]
    assert online_errors == []


@pytest.mark.parametrize(("lang", "folder", "name"), [("nl", "", "Lastige klanten"), ("en", "en/", "Difficult customers")])
def test_each_language_has_a_valid_manifest(two_builds, lang, folder, name):
    site = two_builds[0]
    manifest_path = site / folder / "manifest.webmanifest"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["name"].startswith(name) and manifest["short_name"] and manifest["lang"] == lang
    assert manifest["display"] == "standalone" and manifest["scope"] == "./"
    assert (manifest_path.parent / manifest["start_url"] / "index.html").is_file()  # that language's quick help
    assert 'lang="' + lang + '"' in (manifest_path.parent / manifest["start_url"] / "index.html").read_text()
    sizes = set()
    for icon in manifest["icons"]:
        with Image.open(manifest_path.parent / icon["src"]) as image:
            assert icon["sizes"] == f"{image.width}x{image.height}" and icon["type"] == "image/png"
            sizes.add(image.width)
    assert {192, 512} <= sizes
    page = (site / folder / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest" href="manifest.webmanifest"' in page
    assert "manifest-src 'self'" in page


def test_precache_lists_hold_one_language_and_the_shared_assets():
    files = [
        "index.html", "404.html", "quick-help/index.html", "search/search_index.json", "sw.js", "links.json",
        "en/index.html", "en/quick-help/index.html", "assets/handbook.css", "assets/handbook.css.gz",
        "assets/stylesheets/main.1234abcd.min.css.map", "assets/javascripts/lunr/min/lunr.nl.min.js",
        "assets/javascripts/lunr/min/lunr.de.min.js", "downloads/handbook-nl.pdf", "sitemap.xml",
        "manifest.webmanifest", "en/manifest.webmanifest",
    ]  # fmt: skip
    lists = precache_lists(files, {"nl": "", "en": "en/"})
    shared = ["assets/handbook.css", "assets/javascripts/lunr/min/lunr.nl.min.js"]
    assert lists["nl"] == ["./", "404.html", "manifest.webmanifest", "quick-help/", "search/search_index.json", *shared]
    assert lists["en"] == ["en/", "en/manifest.webmanifest", "en/quick-help/", *shared]


def test_the_version_changes_with_any_byte_and_only_then(tmp_path):
    (tmp_path / "a.html").write_text("one", encoding="utf-8")
    version = cache_version(tmp_path, ["a.html"])
    assert cache_version(tmp_path, ["a.html"]) == version
    (tmp_path / "a.html").write_text("two", encoding="utf-8")
    assert cache_version(tmp_path, ["a.html"]) != version


def test_dutch_pages_open_offline_and_the_switch_names_english(browser, two_builds, tmp_path):
    served = tmp_path / "www" / PREFIX
    _publish(two_builds[0], served)
    with serve_directory(tmp_path / "www") as url:
        base = f"{url}/{PREFIX}/"
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        _manifest_as_chromium_reads_it(context, page, base, "")
        keys = page.evaluate(WAIT_FOR_CACHE, [f"handbook-nl-{_version(two_builds[0])}", None])
        assert not any(key.startswith("handbook-en-") for key in keys), keys
        context.set_offline(True)
        for path in ("quick-help/", "conversation/"):
            page.goto(base + path)
            assert page.evaluate(HEADER_COLOUR) == TEAL, path
            assert page.locator("html").get_attribute("lang") == "nl"
        note = page.locator(".md-select__link[hreflang='en'] .handbook-offline-note")
        note.wait_for(state="attached", timeout=5000)  # marked once the page has looked in its caches
        assert note.count() == 1 and "niet offline bewaard" in note.text_content()
        context.close()


def test_the_worker_ignores_pdfs_still_being_written(tmp_path, real_handbook):
    from handbook.website.offline import write_offline

    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<p>Start</p>", encoding="utf-8")
    (site / "downloads").mkdir()
    (site / "downloads" / "handbook-nl.pdf.part").write_bytes(b"%PDF- half written")
    write_offline(site, real_handbook.settings)
    assert "downloads/" not in (site / "sw.js").read_text(encoding="utf-8")
