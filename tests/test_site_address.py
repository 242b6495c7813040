"""The site's address decided on purpose: a placeholder builds a preview that publishes and prints no address,
a real host gets absolute addresses everywhere, and publishing a preview is refused with what to set."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import GOOD_PAGES, require_tool

from handbook.pages.published_links import link_index, page_url
from handbook.sources.site_address import is_placeholder, mkdocs_site_url
from handbook.website.site_output import write_links

PLACEHOLDERS = (
    "https://handboek-lastige-klanten.example/",
    "https://HANDBOEK.Example./en/",
    "https://example.com/handbook/",
    "https://docs.example.org/",
    "http://example.net",
    "http://localhost:8000/",
    "http://127.0.0.1:8000/",
    "http://[::1]/",
    "https://handbook.invalid/",
    "https://handbook.test/",
    "https://intranet.localhost/",
    "",
    "/",
)
REAL = ("https://handbook.firma.nl/", "https://wiki.example-company.com/handbook/", "https://examples.org/", "http://10.0.0.5/")


@pytest.mark.parametrize("url", PLACEHOLDERS)
def test_reserved_names_and_loopback_are_placeholders(url):
    assert is_placeholder(url)


@pytest.mark.parametrize("url", REAL)
def test_a_real_host_is_not_a_placeholder(url):
    assert not is_placeholder(url)


def test_mkdocs_builds_a_preview_with_the_path_of_its_address_only():
    assert mkdocs_site_url("https://x.example/handboek/") == "/handboek/"
    assert mkdocs_site_url("https://handbook.firma.nl/") == "https://handbook.firma.nl/"


def test_addresses_are_relative_to_the_site_root_in_a_preview():
    assert page_url("https://x.example/", "en/", "talk", "stay-calm") == "en/talk/#stay-calm"
    assert page_url("https://x.example/", "", "index") == "./"
    assert page_url("https://handbook.firma.nl/sub", "", "index") == "https://handbook.firma.nl/sub/"


def test_links_json_of_a_preview_says_so_and_holds_no_placeholder(fixture_site, tmp_path):
    handbook = fixture_site(GOOD_PAGES)
    write_links(tmp_path, handbook)
    text = (tmp_path / "links.json").read_text(encoding="utf-8")
    links = json.loads(text)
    assert links["preview"] is True and "placeholder" in links["note"] and links["site_url"] is None
    assert "example.test" not in text and "http" not in json.dumps(links["sections"])
    stay_calm = next(entry for entry in links["sections"] if entry["id"] == "stay-calm")
    assert stay_calm["url"] == {"nl": "talk/#stay-calm", "en": "en/talk/#stay-calm"}
    assert stay_calm["forms"]["en"]["markdown"] == "[Stay calm](en/talk/#stay-calm)"


def test_links_json_of_a_real_host_has_absolute_addresses(fixture_site, tmp_path):
    handbook = fixture_site(GOOD_PAGES, {"site_url": "https://handbook.firma.nl/"})
    write_links(tmp_path, handbook)
    links = json.loads((tmp_path / "links.json").read_text(encoding="utf-8"))
    assert "preview" not in links and links["site_url"] == "https://handbook.firma.nl/"
    urls = [url for entry in links["sections"] for url in entry["url"].values()]
    assert urls and all(url.startswith("https://handbook.firma.nl/") for url in urls)
    pdf_pages = {"en": {"talk--stay-calm": 3}}
    entry = next(e for e in link_index(handbook, pdf_pages) if e["id"] == "stay-calm")
    assert entry["pdf"]["en"]["url"] == "https://handbook.firma.nl/downloads/handbook-en.pdf#nameddest=talk--stay-calm"


def test_a_preview_build_publishes_and_prints_no_placeholder_address(built_site):
    pdftotext = require_tool("pdftotext")
    carrying = [
        path.relative_to(built_site).as_posix()
        for path in sorted(built_site.rglob("*"))
        if path.is_file() and path.suffix not in (".gz", ".br") and b"handboek-lastige-klanten.example" in path.read_bytes()
    ]
    assert carrying == []
    for name in ("handbook-nl", "handbook-en", "desk-sheet-nl", "desk-sheet-en"):
        text = subprocess.run([pdftotext, str(built_site / "downloads" / f"{name}.pdf"), "-"], capture_output=True, text=True)
        assert text.returncode == 0 and len(text.stdout) > 1000
        assert ".example" not in text.stdout and "http" not in text.stdout, name
