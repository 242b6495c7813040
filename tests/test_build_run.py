"""A run of MkDocs as the hook drives it: which runs are live previews, and the way up from a page."""

from __future__ import annotations

import sys

import pytest

from handbook.run.build_run import is_live_preview, page_prefixes
from handbook.sources.settings import Language


@pytest.mark.parametrize(
    ("command", "argv", "preview"),
    [
        ("serve", ["mkdocs", "serve"], True),
        ("build", ["mkdocs", "serve", "--clean"], True),  # MkDocs tells plugins "build" for serve --clean
        ("build", ["mkdocs", "build"], False),
        ("gh-deploy", ["mkdocs", "gh-deploy"], False),  # a deploy validates and prints like a build
    ],
)
def test_only_live_previews_skip_printing_and_keep_going(monkeypatch, command, argv, preview):
    monkeypatch.setattr(sys, "argv", argv)
    assert is_live_preview(command) is preview


def test_the_way_up_to_the_language_root_and_the_site_root():
    dutch, english = Language("nl", True, "Handboek"), Language("en", False, "Handbook")
    assert page_prefixes("conversation/", dutch) == ("../", "../")
    assert page_prefixes("", dutch) == ("", "")
    assert page_prefixes("en/conversation/", english) == ("../", "../../")
    assert page_prefixes("en/", english) == ("", "../")
