"""Names of the files the print step adds under `site/downloads/`, shared by the links check and the print step."""

from __future__ import annotations

HANDBOOK = "handbook-{lang}.pdf"
PHRASE_CARDS = "phrase-cards-{lang}.pdf"
CHECKLISTS = "checklists-{lang}.pdf"
DUPLEX = "phrase-cards-{front}-{back}-duplex.pdf"


def download_names(locales: list[str]) -> list[str]:
    names = [pattern.format(lang=lang) for lang in locales for pattern in (HANDBOOK, PHRASE_CARDS, CHECKLISTS)]
    if len(locales) >= 2:
        names.append(DUPLEX.format(front=locales[0], back=locales[1]))
    return names
