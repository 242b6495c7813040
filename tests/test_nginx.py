"""The built site served by Debian's nginx with the build's own nginx-site.conf, checked over HTTP and in Chromium."""

from __future__ import annotations

import gzip
import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest
from conftest import TOOLS_REQUIRED

from devtools.nginx_server import missing_packages, serving
from handbook.sources.settings import Language
from handbook.website.nginx_site import site_config

FINGERPRINTED_CSS = "assets/stylesheets/main.*.min.css"
OWN_CSS = "assets/handbook.*.css"  # ours, hashed by the build (handbook/website/fingerprint.py)
HASH = re.compile(r" 'sha256-[^']+'")
LANGUAGES = [Language("nl", True, "Handboek"), Language("en", False, "Handbook")]


def require_nginx() -> None:
    missing = missing_packages()
    if missing:
        if TOOLS_REQUIRED:
            pytest.fail(f"{' '.join(missing)} missing in CI: `make test` installs it as root")
        pytest.skip(f"Debian packages not installed: {' '.join(missing)} (`make test` installs them as root)")


@pytest.fixture(scope="module")
def nginx_site(built_site):
    """Base URL of nginx serving the session's real build with the configuration that build wrote."""
    require_nginx()
    with serving(built_site.parent / "nginx-site.conf") as url:
        yield url


def get(base: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed; header names in lower case."""
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, body


def pages(site: Path) -> list[str]:
    return sorted("/" + p.relative_to(site).parent.as_posix().removeprefix(".").strip("/") for p in site.rglob("index.html"))


def test_the_generated_configuration_serves_every_page_of_both_languages(nginx_site, built_site):
    addresses = [p.rstrip("/") + "/" for p in pages(built_site)]
    assert "/en/quick-help/" in addresses and "/quick-help/" in addresses
    assert {path: get(nginx_site, path)[0] for path in addresses} == dict.fromkeys(addresses, 200)
    status, headers, _ = get(nginx_site, "/en")
    assert (status, headers["location"]) == (301, "/en/")  # relative: right behind any proxy or port


@pytest.mark.parametrize(("path", "lang"), [("/no-such-page/", "nl"), ("/en/no-such-page/", "en")])
def test_a_missing_page_gets_the_404_page_of_its_language(nginx_site, path, lang):
    status, headers, body = get(nginx_site, path)
    assert status == 404
    assert f'<html lang="{lang}"'.encode() in body
    assert "frame-ancestors 'self'" in headers["content-security-policy"]


def test_the_headers_carry_the_pages_own_policy_and_the_security_headers(nginx_site, built_site):
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', (built_site / "index.html").read_text())
    css, own = (next(built_site.glob(pattern)).relative_to(built_site).as_posix() for pattern in (FINGERPRINTED_CSS, OWN_CSS))
    for path in ("/", "/en/conversation/", f"/{css}", f"/{own}", "/downloads/handbook-en.pdf"):
        _, headers, _ = get(nginx_site, path)
        header = headers["content-security-policy"]
        # The header allows the inline scripts of every page; each page's own policy allows its own.
        assert set(HASH.findall(meta.group(1))) <= set(HASH.findall(header)), path
        assert HASH.sub("", header) == HASH.sub("", meta.group(1)) + "; frame-ancestors 'self'", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "SAMEORIGIN", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert "server" not in headers or "/" not in headers["server"], "nginx's version is not announced"


@pytest.mark.parametrize(("accept", "encoding"), [("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br"), ("", None)])
def test_text_is_sent_precompressed_in_the_encoding_the_browser_accepts(nginx_site, built_site, accept, encoding):
    css = next(built_site.glob(FINGERPRINTED_CSS)).relative_to(built_site).as_posix()
    for path, file in [("/en/quick-help/", "en/quick-help/index.html"), (f"/{css}", css), ("/links.json", "links.json")]:
        status, headers, body = get(nginx_site, path, **({"Accept-Encoding": accept} if accept else {}))
        assert status == 200 and headers.get("content-encoding") == encoding, path
        assert headers["vary"] == "Accept-Encoding"
        decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
        assert decode(body) == (built_site / file).read_bytes(), path


def test_fingerprinted_assets_are_kept_a_year_everything_else_is_revalidated(nginx_site, built_site):
    css = next(built_site.glob(FINGERPRINTED_CSS)).relative_to(built_site).as_posix()
    script = next(built_site.glob("assets/javascripts/bundle.*.min.js")).relative_to(built_site).as_posix()
    own = [next(built_site.glob(pattern)).relative_to(built_site).as_posix() for pattern in (OWN_CSS, "assets/fonts/*.woff2")]
    for path in (f"/{css}", f"/{script}", *(f"/{name}" for name in own)):
        status, headers, _ = get(nginx_site, path)
        assert (status, headers["cache-control"]) == (200, "public, max-age=31536000, immutable"), path
    revalidated = ("/", "/en/quick-help/", "/search/search_index.json", "/sw.js", "/manifest.webmanifest")
    for path in (*revalidated, "/downloads/handbook-nl.pdf"):
        assert get(nginx_site, path)[1]["cache-control"] == "no-cache", path
    _, headers, _ = get(nginx_site, "/quick-help/", **{"Accept-Encoding": "br"})
    status, _, body = get(nginx_site, "/quick-help/", **{"Accept-Encoding": "br", "If-None-Match": headers["etag"]})
    assert (status, body) == (304, b"")


def test_pdfs_json_and_manifests_come_with_their_types(nginx_site, built_site):
    for name in ("handbook-nl.pdf", "phrase-cards-en.pdf"):
        status, headers, body = get(nginx_site, f"/downloads/{name}", **{"Accept-Encoding": "br, gzip"})
        assert (status, headers["content-type"], headers.get("content-encoding")) == (200, "application/pdf", None)
        assert body == (built_site / "downloads" / name).read_bytes()
    assert get(nginx_site, "/links.json")[1]["content-type"] == "application/json; charset=utf-8"
    for path in ("/manifest.webmanifest", "/en/manifest.webmanifest"):
        status, headers, _ = get(nginx_site, path)
        assert (status, headers["content-type"]) == (200, "application/manifest+json; charset=utf-8"), path
        assert "manifest-src 'self'" in headers["content-security-policy"], path


def test_renamed_pages_answer_with_a_permanent_redirect_in_each_language(built_site, tmp_path):
    require_nginx()
    conf = tmp_path / "nginx-site.conf"
    conf.write_text(site_config(built_site, "default-src 'self'", LANGUAGES, {"help.md": "quick-help.md"}))
    with serving(conf) as url:
        assert get(url, "/help/")[:2][0] == 301
        assert get(url, "/help/")[1]["location"] == "/quick-help/"
        assert get(url, "/en/help/")[1]["location"] == "/en/quick-help/"
        assert get(url, "/quick-help/")[0] == 200


def test_a_renamed_section_is_served_with_its_redirect_and_its_new_place(nginx_site, real_handbook):
    for old, new in real_handbook.settings.section_redirects.items():
        old_page, new_page = old.partition("#")[0], new.partition("#")
        for folder in ("", "en/"):
            _, _, body = get(nginx_site, f"/{folder}{old_page}/")
            assert f'"{old}": "{new}"' in body.decode(), "the page carries the redirect its script follows"
            _, _, target = get(nginx_site, f"/{folder}{new_page[0]}/")
            assert f'id="{new_page[2]}"'.encode() in target


def test_no_page_logs_a_console_error_or_asks_for_a_missing_file(browser, nginx_site, built_site, real_handbook):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    addresses = pages(built_site)
    for path in addresses:
        page.goto(nginx_site + path.rstrip("/") + "/", wait_until="networkidle")
    context.close()
    every_page = sum(len(langs) for langs in real_handbook.pages.values())
    assert len(addresses) == every_page and errors == []


def test_language_alternates_are_from_the_host_root_with_an_x_default_in_the_sitemap(built_site, real_handbook):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>.*?</url>", sitemap, re.DOTALL)
    assert len(entries) == sum(len(langs) for langs in real_handbook.pages.values())
    for entry in entries:
        links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        assert set(links) == {"nl", "en", "x-default"} and links["x-default"] == links["nl"]
        # The placeholder address names no host: a preview's sitemap gives paths from the host's root.
        assert all(href.startswith("/") for href in links.values())
    for path in ("index.html", "en/quick-help/index.html"):
        assert 'rel="alternate" href' not in (built_site / path).read_text(encoding="utf-8")


def test_every_image_in_the_pages_has_its_size(built_site):
    for page in built_site.rglob("*.html"):
        for image in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            assert "width=" in image and "height=" in image, f"{page}: {image}"


def test_redirect_addresses_are_the_pages_addresses_as_mkdocs_publishes_them(tmp_path):
    from mkdocs.structure.files import File

    redirects = {"site-index.md": "after.md#document-everything", "guides/index.md": "guides/phone.md", "old.md": "index.md"}
    config = site_config(tmp_path, "default-src 'self'", LANGUAGES, redirects)
    rules = dict(re.findall(r"location = (\S+) \{ return 301 (\S+); \}", config))

    def address(folder: str, source: str) -> str:
        page, _, anchor = source.partition("#")
        url = File(page, "docs", "site", use_directory_urls=True).url.removeprefix("./")
        return f"/{folder}{url}" + (f"#{anchor}" if anchor else "")

    expected = {address(folder, old): address(folder, new) for folder in ("", "en/") for old, new in redirects.items()}
    assert rules == expected
    assert rules["/en/site-index/"] == "/en/after/#document-everything"
