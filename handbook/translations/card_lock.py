"""Phrase cards in `translations.lock`: a card changed in one language since both said the same thing.

A card is read aloud mid-call, so a Dutch phrase improved while the English card keeps the old words is worse
than a stale paragraph. Each card is recorded like a section, under the key `cards#<card id>`, with a
fingerprint per language of its title, its `when` line and its phrases (normalised as sections are). A card
changed in one language only is TRANSLATION-STALE at the lagging language's text in the card file, unless the
change is accepted (`make translations-update ACCEPT=cards#<id>`).

The states are the lock's own `SectionState`s, so `make translations-update` records, refuses and accepts cards
exactly as it does sections; only the place a problem is reported differs.
"""

from __future__ import annotations

from collections.abc import Sequence

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.model import Handbook
from handbook.sources.phrases import Card
from handbook.translations.translation_lock import LOCK_FILE, Section, SectionState, fingerprint, judge, normalise

CARDS_KEY = "cards"  # the "page" part of a card's key in the lock


def _card_section(card: Card, lang: str) -> Section | None:
    texts = [card.title.get(lang, ""), card.when.get(lang, ""), *(phrase.get(lang, "") for phrase in card.phrases)]
    if not any(texts):
        return None
    text = normalise("\n".join(texts))
    line = card.places.get("title", {}).get(lang, (card.line, 1))[0]
    return Section(card.id, line, text, fingerprint(text))


def card_states(handbook: Handbook, records: dict[str, dict[str, str]]) -> list[SectionState]:
    """Every card, in file order, compared with the record."""
    locales = handbook.settings.locales
    states: list[SectionState] = []
    for card in handbook.cards:
        state = SectionState(CARDS_KEY, card.id, "")
        state.now = {lang: found for lang in locales if (found := _card_section(card, lang))}
        state.recorded = records.get(state.key, {})
        judge(state, locales)
        states.append(state)
    return states


def _card_lines(handbook: Handbook) -> dict[str, range]:
    """Each card's lines in the card file, from its `- id:` line to the next card's."""
    starts = [card.line for card in handbook.cards] + [1 << 30]
    return {card.id: range(card.line, starts[number + 1]) for number, card in enumerate(handbook.cards)}


def check(handbook: Handbook, states: list[SectionState], faults: Sequence[Problem] = ()) -> list[Problem]:
    """TRANSLATION-STALE for a card changed in one language only, at the lagging language's title in the file; none
    when the changed language has a problem of its own in that card (a phrase too long, a missing text): the change
    is most likely the slip, reported there, and not to be translated into the other language."""
    problems: list[Problem] = []
    lines = _card_lines(handbook)
    for state in states:
        if state.state != "stale":
            continue
        own = [
            f for f in faults if f.path == handbook.cards_path and f.line in lines.get(state.id, ()) and f.lang in state.changed
        ]
        if own:
            continue
        changed = ", ".join(f"'{lang}' (line {state.now[lang].line})" for lang in state.changed)
        for lang in state.lagging:
            text = state.now[state.changed[0]].text
            problems.append(
                handbook.cards_problem(
                    state.now[lang].line,
                    1,
                    Code.TRANSLATION_STALE,
                    f"card '{state.id}' changed in {changed} since {LOCK_FILE}, its '{lang}' text did not; "
                    f"the changed text now: {text[:120]}{'…' if len(text) > 120 else ''}",
                    f"translate the change into the '{lang}' phrases, then run `make translations-update`; "
                    f"if it needs no translation: `make translations-update ACCEPT={state.key}`",
                    lang,
                )
            )
    return problems
