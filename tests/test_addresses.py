"""A page's address and back, the one mapping every step uses."""

from __future__ import annotations

import pytest

from handbook.printing.document import _chapter_slug
from handbook.sources.addresses import page_address, slug_of_path

LOCALES = ["nl", "en"]


@pytest.mark.parametrize("slug", ["index", "talk", "guides/phone"])
@pytest.mark.parametrize(("folder", "lang"), [("", None), ("en/", "en")])
def test_an_address_leads_back_to_its_page(slug, folder, lang):
    address = page_address(folder, slug, "stay-calm")
    assert slug_of_path(address, LOCALES) == (lang, slug)
    assert slug_of_path("/" + address.replace("#stay-calm", "index.html"), LOCALES) == (lang, slug)


def test_the_home_page_lives_at_its_language_folder():
    assert page_address("", "index") == ""
    assert page_address("en/", "index", "start") == "en/#start"
    assert slug_of_path("en/", LOCALES) == ("en", "index")


def test_a_folders_own_page_lives_at_the_folder_and_only_a_whole_index_is_dropped():
    assert page_address("en/", "guides/index", "x") == "en/guides/#x"
    assert page_address("", "site-index") == "site-index/"


def test_a_print_document_only_numbers_links_into_its_own_language():
    folders = {"nl": "", "en": "en/"}
    assert _chapter_slug("en/talk", "en", folders) == "talk"
    assert _chapter_slug("talk", "nl", folders) == "talk"
    # A link from the English handbook to a Dutch page is not a link to the English chapter of that name.
    assert _chapter_slug("talk", "en", folders) is None
    assert _chapter_slug("en/talk", "nl", folders) is None
