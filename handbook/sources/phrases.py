"""The phrase cards: one bilingual data file (`docs/phrases.yml`) read into cards with line numbers.

The handbook's phrase boxes, the phrase-cards page and the printed desk cards all come from these objects,
so a phrase is written once and can never differ between the website and the cards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.core.yaml_lines import Located, items_of, mapping_of
from handbook.sources.config_file import load_data_list

MIN_PHRASES, MAX_PHRASES = 3, 6


@dataclass(frozen=True)
class Card:
    id: str
    page: str
    anchor: str
    title: dict[str, str]
    when: dict[str, str]
    phrases: tuple[dict[str, str], ...]
    line: int
    desk: tuple[int, ...] = ()  # the phrases marked `desk: true`, by position: the key phrases of the desk sheet
    # field ("title", "when", "phrase 1", ...) -> locale -> (line, col) of that text, for problems about it
    places: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict[str, dict[str, tuple[int, int]]])
    section_at: tuple[int, int] = (0, 0)  # (line, col) of the `section:` value, where a wrong target is fixed

    # What the website and the print step show. A field that validation reported as missing in a language
    # shows as nothing (the title as the card's ID), so the live preview renders on after the report.
    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.id

    def when_in(self, lang: str) -> str:
        return self.when.get(lang, "")

    def phrases_in(self, lang: str) -> list[str]:
        return [phrase[lang] for phrase in self.phrases if phrase.get(lang)]


def _places(node: Located | None) -> dict[str, tuple[int, int]]:
    entries = mapping_of(node)
    if entries is None:
        return {}
    return {locale: (value.line, value.col) for locale, value in entries.items()}


def _texts(
    field: Located | None, locales: list[str], where: str, path: str, card_id: str, problems: list[Problem]
) -> dict[str, str]:
    if field is None:
        return {}
    entries = mapping_of(field)
    if entries is None:
        problems.append(Problem(path, field.line, 1, Code.CARD_FORMAT, f"card '{card_id}': {where} must map languages to text"))
        return {}
    texts: dict[str, str] = {}
    for locale in locales:
        value = entries.get(locale)
        text = str(value.value).strip() if value is not None and isinstance(value.value, str) else ""
        if not text:
            # Point at the empty text when the key is there, else at the field that lacks the language.
            line, col = (value.line, value.col) if value is not None else (field.line, field.col)
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    Code.CARD_LANGUAGE,
                    f"card '{card_id}': {where} has no '{locale}' text"
                    + (f" (`{locale}:` is there but empty)" if value is not None else ""),
                    f"write the {where} in '{locale}' after `{locale}:`" if value is not None else f"add `{locale}:` under it",
                    locale,
                )
            )
        texts[locale] = text
    return texts


def _on_desk(node: Located, path: str, card_id: str, problems: list[Problem]) -> bool:
    """Whether a phrase is marked `desk: true`; any value but a YAML boolean is a problem on its line."""
    entries = mapping_of(node)
    flag = entries.get("desk") if entries is not None else None
    if flag is None:
        return False
    if not isinstance(flag.meaning, bool):
        problems.append(Problem(path, flag.line, 1, Code.CARD_FORMAT, f"card '{card_id}': `desk` must be `true` or `false`"))
        return False
    return flag.meaning


def load_cards(path: Path, display_path: str, locales: list[str]) -> tuple[list[Card], list[Problem]]:
    """Read the card file; every fault becomes a `Problem`, never an exception."""
    entries, problems = load_data_list(path, display_path, "cards", Code.CARD_FORMAT)
    cards: list[Card] = []
    seen: dict[str, int] = {}
    for entry in entries:
        fields = mapping_of(entry)
        if fields is None:
            problems.append(Problem(display_path, entry.line, 1, Code.CARD_FORMAT, "each card must be a mapping"))
            continue
        card_id = str(fields["id"].value) if "id" in fields else ""
        if not card_id:
            problems.append(Problem(display_path, entry.line, 1, Code.CARD_FORMAT, "card without `id`"))
            continue
        if card_id in seen:
            problems.append(
                Problem(
                    display_path,
                    entry.line,
                    entry.col,
                    Code.CARD_DUPLICATE,
                    f"card '{card_id}' is defined twice, first at {display_path}:{seen[card_id]}",
                    "rename one of them",
                )
            )
            continue
        seen[card_id] = entry.line
        section = str(fields["section"].value) if "section" in fields else ""
        page, _, anchor = section.partition("#")
        if not page or not anchor:
            where = fields.get("section") or entry
            message = f"card '{card_id}': `section` must be `page#section-id`"
            problems.append(Problem(display_path, where.line, where.col, Code.CARD_FORMAT, message))
        title = _texts(fields.get("title"), locales, "title", display_path, card_id, problems)
        if "title" not in fields:
            problems.append(Problem(display_path, entry.line, 1, Code.CARD_FORMAT, f"card '{card_id}' has no `title`"))
        when = _texts(fields.get("when"), locales, "when", display_path, card_id, problems)
        phrase_nodes = fields.get("phrases")
        phrase_items = items_of(phrase_nodes)
        phrases: list[dict[str, str]] = []
        desk: list[int] = []
        if phrase_nodes is None or phrase_items is None:
            problems.append(Problem(display_path, entry.line, 1, Code.CARD_FORMAT, f"card '{card_id}' has no `phrases` list"))
        else:
            for node in phrase_items:
                if _on_desk(node, display_path, card_id, problems):
                    desk.append(len(phrases))
                phrases.append(_texts(node, locales, f"phrase at line {node.line}", display_path, card_id, problems))
            if not MIN_PHRASES <= len(phrases) <= MAX_PHRASES:
                problems.append(
                    Problem(
                        display_path,
                        phrase_nodes.line,
                        phrase_nodes.col,
                        Code.CARD_SIZE,
                        f"card '{card_id}' has {len(phrases)} phrases",
                        f"use {MIN_PHRASES} to {MAX_PHRASES}",
                    )
                )
        places = {"title": _places(fields.get("title")), "when": _places(fields.get("when"))}
        places |= {f"phrase {n}": _places(node) for n, node in enumerate(phrase_items or [], 1)}
        section_node = fields.get("section")
        section_at = (section_node.line, section_node.col) if section_node else (entry.line, entry.col)
        card = Card(card_id, page, anchor, title, when, tuple(phrases), entry.line, tuple(desk), places, section_at)
        cards.append(card)
    return cards, problems
