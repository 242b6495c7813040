"""A phrase box's title runs on after "Zo zeg je het:": the card's title in lower case, as both languages write it
after a colon, unless it opens with an abbreviation or the English "I"."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import ROOT
from mkdocs.config import load_config

from handbook.pages.directives import phrase_box_title
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs


@pytest.fixture(scope="module")
def model():
    return load_handbook(settings_from_mkdocs(load_config(str(ROOT / "mkdocs.yml"))))


@pytest.mark.parametrize(
    ("lang", "title", "shown"),
    [
        ("nl", "De klant is boos", "Zo zeg je het: de klant is boos"),
        ("en", "A threat of violence", "What to say: a threat of violence"),
        ("nl", "KVK-gegevens kloppen niet", "Zo zeg je het: KVK-gegevens kloppen niet"),
        ("en", "KVK details are wrong", "What to say: KVK details are wrong"),
        ("en", "I want my money back", "What to say: I want my money back"),
        ("nl", "“Kan het zwart?”", "Zo zeg je het: “Kan het zwart?”"),
    ],
)
def test_the_title_after_the_colon(model, lang, title, shown):
    card = replace(model.cards[0], title={**model.cards[0].title, lang: title})
    assert phrase_box_title(card, model.settings.language(lang)) == shown
