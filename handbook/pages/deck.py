"""The phrase cards in the order and groups of quick help: the deck a freelancer holds beside the phone.

On the phone a situation is found by its group in quick help's list. The cards follow the same groups and order
everywhere they are numbered (the card overview, the office sheets and their index, the print shop's file), so a
card sits in the deck where the phone shows its situation and its foot names the same group. First come the
situations quick help lists above its groups (the urgent ones), then each group's; a situation's card is
followed by the cards of the chapter sections it sends the reader on to (its variants) that no situation
shows, and a list entry that leads to a chapter section brings that section's cards. Last come the cards quick
help reaches in none of these ways, under the chapters where they stand, in the handbook's order. The order is
the first language's, so both sides of a duplex card carry the same number; the names are each language's own.
The desk sheet groups its key phrases by the same sections.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from handbook.sources.addresses import markdown_file
from handbook.sources.markdown_scan import ATTRIBUTE_ID, Link, PageScan
from handbook.sources.model import Handbook, Page
from handbook.sources.phrases import Card

QUICK_HELP = "quick-help"  # the page whose list of situations, in groups, orders the cards and the key phrases
# A paragraph ending in an attribute list (`**Betalen** { #group-payment }`): the label and the attributes.
LABELLED = re.compile(r"^(?P<label>.*?)\s*\{:?(?P<attributes>[^{}]*)\}$")
URGENT = "urgent"  # the key of the situations listed above quick help's groups


@dataclass(frozen=True)
class DeckSection:
    title: str  # the group's button label, the urgent label, or the chapter's title
    cards: tuple[Card, ...]


def _cards_of_situation(scan: PageScan, cards: Sequence[Card]) -> dict[str, list[str]]:
    """Situation ID -> its cards: the one shown under its heading (the `{% phrases %}` in its section), then the
    cards of the chapter sections it links to ("Ook: …", "Lees meer: …") that no situation shows, so a variant a
    situation sends the reader on to sits in the deck beside it. A chapter section the list itself names (an
    entry that leads off the page) is keyed `page#section` and holds that section's cards no situation shows."""
    situations = [heading for heading in scan.headings if heading.level == 2]
    ends = [heading.line for heading in situations[1:]] + [sys.maxsize]
    bounds = [(heading.id, heading.line, end) for heading, end in zip(situations, ends, strict=True) if heading.id]
    shown = {
        situation: next((d.argument for d in scan.directives if d.name == "phrases" and start < d.line < end), None)
        for situation, start, end in bounds
    }
    shown_cards = set(shown.values())
    in_section: dict[str, list[str]] = {}
    for card in cards:
        if card.id not in shown_cards:
            in_section.setdefault(f"{card.page}#{card.anchor}", []).append(card.id)
    cards_of: dict[str, list[str]] = {}
    for situation, start, end in bounds:
        card = shown[situation]
        if card:
            linked = [_section_of(link.target) for link in scan.links if start < link.line < end]
            cards_of[situation] = [card, *(other for section in linked for other in in_section.get(section, []))]
    return {**in_section, **cards_of}


def _section_of(target: str) -> str:
    """`page#section` of a link to another page's section (`refunds.md#consumer-rights`); empty for any other."""
    path, _, anchor = target.partition("#")
    page = markdown_file(path)
    return f"{page[0]}#{anchor}" if page and anchor else ""


def _group_labels(scan: PageScan) -> list[tuple[int, str]]:
    """(line, name) of each group of the list: a paragraph with an ID, named by its button in the row above the
    list ("Rechten" for "Rechten en gegevens"), the shortest name."""
    buttons = {link.target[1:]: link.text for link in scan.links if link.target.startswith("#")}
    labels: list[tuple[int, str]] = []
    for paragraph in scan.paragraphs:
        found = LABELLED.match(paragraph.text)
        group_id = ATTRIBUTE_ID.search(found.group("attributes")) if found else None
        if found and group_id:
            label = found.group("label").replace("**", "").strip().rstrip(":")
            labels.append((paragraph.line, buttons.get(group_id.group(1), label)))
    return labels


def list_links(scan: PageScan) -> list[Link]:
    """Every link of quick help's list of situations, in list order: the links in list items above the first
    situation, to a situation on the page or to a chapter section the list sends the reader to. The deck, the desk
    sheet's groups and the list's own check all read the list through this."""
    first_situation = next((heading.line for heading in scan.headings if heading.level == 2), sys.maxsize)
    item_lines = {p.line for p in scan.paragraphs if p.kind == "list item" and p.line < first_situation}
    return [link for link in scan.links if link.line in item_lines and link.target != "#"]


def listed_sections(handbook: Handbook, lang: str) -> set[str]:
    """`page#section` of each chapter section that quick help's list (in `lang`) sends a reader to."""
    quick_help = handbook.page(QUICK_HELP, lang)
    return {key for link in list_links(quick_help.scan) if (key := _section_of(link.target))} if quick_help else set()


def _listed_key(target: str) -> str:
    """The key of `_cards_of_situation` a list entry leads to: a situation's ID, or another page's `page#section`."""
    return target[1:] if target.startswith("#") else _section_of(target)


def quick_help_list(page: Page, cards: Sequence[Card]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Quick help's list of situations, read once: the card IDs of the situations listed above the groups (the
    list items at the top; the row of common buttons is a paragraph, a shortcut into the groups), and each group's
    (name, card IDs in list order)."""
    scan = page.scan
    cards_of = _cards_of_situation(scan, cards)
    labels = _group_labels(scan)
    listed = list_links(scan)
    first_group = labels[0][0] if labels else sys.maxsize
    urgent = [card for link in listed if link.line < first_group for card in cards_of.get(_listed_key(link.target), [])]
    bounds = [line for line, _ in labels[1:]] + [sys.maxsize]
    groups = [
        (label, [card for link in listed if start < link.line < end for card in cards_of.get(_listed_key(link.target), [])])
        for (start, label), end in zip(labels, bounds, strict=True)
    ]
    return urgent, groups


def _placement(handbook: Handbook) -> list[tuple[str | int, list[Card]]]:
    """The deck's sections keyed by what names them: URGENT, the group's position in quick help, or a page slug."""
    by_id = {card.id: card for card in handbook.cards}
    locales = handbook.settings.locales
    quick_help = handbook.page(QUICK_HELP, locales[0]) if locales else None
    sections: list[tuple[str | int, list[Card]]] = []
    placed: set[str] = set()

    def add(key: str | int, card_ids: list[str]) -> None:
        cards = [by_id[card_id] for card_id in dict.fromkeys(card_ids) if card_id in by_id and card_id not in placed]
        placed.update(card.id for card in cards)
        if cards:
            sections.append((key, cards))

    if quick_help is not None:
        urgent, groups = quick_help_list(quick_help, handbook.cards)
        add(URGENT, urgent)
        for number, (_, card_ids) in enumerate(groups):
            add(number, card_ids)
    for slug in dict.fromkeys([*handbook.settings.nav_slugs, *(card.page for card in handbook.cards)]):
        add(slug, [card.id for card in handbook.cards if card.page == slug])
    return sections


def deck(handbook: Handbook) -> list[Card]:
    """Every card once, in deck order: the order of its number wherever cards are numbered."""
    return [card for _, cards in _placement(handbook) for card in cards]


def deck_sections(handbook: Handbook, lang: str) -> list[DeckSection]:
    """The deck's sections named in `lang`: the urgent label, quick help's group labels, the chapters' titles."""
    quick_help = handbook.page(QUICK_HELP, lang)
    labels = [label for label, _ in quick_help_list(quick_help, handbook.cards)[1]] if quick_help else []
    language = handbook.settings.language(lang)
    sections: list[DeckSection] = []
    for key, cards in _placement(handbook):
        if key == URGENT:
            title = language.label("cards_urgent")
        elif isinstance(key, int):
            title = labels[key] if key < len(labels) else ""
        else:
            page = handbook.page(key, lang)
            title = page.scan.title if page is not None and page.scan.title else key
        sections.append(DeckSection(title, tuple(cards)))
    return sections
