"""TRANSLATION-STALE: a section changed in one language since `translations.lock` while the other did not.

The status is worked out once per validation (`translation_status`): the hook turns it into notices on the
pages when `extra: translation_lag: notice`, `make check` ends with its counts, and
`build/translation-status.json` lists every section for the people who translate.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NotRequired, TypedDict

from handbook.core.codes import Code
from handbook.core.problems import Problem, plural
from handbook.sources.model import Handbook
from handbook.translations.language_guess import other_language
from handbook.translations.translation_history import Change, find_change
from handbook.translations.translation_lock import LOCK_FILE, SectionState, read_lock_file, section_states, shortened, word_diff

REPORT = "translation-status.json"  # in the build folder (settings.build_dir)


@dataclass
class TranslationStatus:
    states: list[SectionState]
    # (key, changed language) -> change
    changes: dict[tuple[str, str], Change] = field(default_factory=dict[tuple[str, str], Change])
    file_dates: dict[str, dt.date] = field(default_factory=dict[str, dt.date])  # page path -> last commit that touched it

    @property
    def stale(self) -> list[SectionState]:
        return [state for state in self.states if state.state == "stale"]

    def counts(self, locales: list[str]) -> dict[str, dict[str, int]]:
        """Per language: sections in step, stale (this language lags) and missing."""
        counts = {lang: {"in step": 0, "stale": 0, "missing": 0} for lang in locales}
        for state in self.states:
            for lang in locales:
                if lang not in state.now:
                    counts[lang]["missing"] += 1
                elif state.state == "stale" and lang in state.lagging:
                    counts[lang]["stale"] += 1
                else:
                    counts[lang]["in step"] += 1
        return counts

    def changed_on(self, state: SectionState, lang: str, handbook: Handbook) -> dt.date | None:
        """When `lang`'s text of the section last changed: exact for a stale section's changed language,
        otherwise the last commit of that language's file."""
        change = self.changes.get((state.key, lang))
        if change and change.changed_on:
            return change.changed_on
        page = handbook.page(state.slug, lang)
        return self.file_dates.get(page.path) if page else None


def translation_status(handbook: Handbook, file_dates: dict[str, dt.date], today: dt.date) -> TranslationStatus:
    """Every section compared with the lock; for each stale one, its old text and date from git."""
    settings = handbook.settings
    status = TranslationStatus(section_states(handbook, read_lock_file(settings.root / LOCK_FILE)), {}, file_dates)
    for state in status.stale:
        for lang in state.changed:
            path = handbook.pages[state.slug][lang].path  # a language the section changed in has the page
            status.changes[(state.key, lang)] = find_change(settings.root, path, state.id, state.recorded[lang], today)
    return status


def _what_changed(state: SectionState, lang: str, change: Change) -> str:
    if change.old_text is None:
        return f"{change.why_missing}; its text now: {shortened(state.now[lang].text, 120)}"
    return word_diff(change.old_text, state.now[lang].text)


def _section_lines(handbook: Handbook, state: SectionState, lang: str) -> range:
    """The file lines of `lang`'s text of the section, as the lock counts them: from its heading (the top of the
    page for the first section) to the next heading with an ID."""
    page = handbook.pages[state.slug][lang]  # a language the section is in has the page
    starts = [heading.line for heading in page.scan.headings if heading.id]
    number = starts.index(state.now[lang].line)
    first = 1 if number == 0 else starts[number]
    return range(first, starts[number + 1] if number + 1 < len(starts) else 1 << 30)


def _faulty(handbook: Handbook, state: SectionState, lang: str, faults: Sequence[Problem]) -> bool:
    """Whether `lang`'s text of the section has a fault of its own: then its change is most likely the slip
    (Dutch pasted into the English page, a `translation_missing`, a removed ID), reported there, and telling the
    other language to "translate the change" would copy the slip into it."""
    path, lines = handbook.pages[state.slug][lang].path, _section_lines(handbook, state, lang)
    return any(fault.path == path and fault.line in lines for fault in faults)


def check(handbook: Handbook, status: TranslationStatus, faults: Sequence[Problem] = ()) -> list[Problem]:
    """One problem per stale section and lagging language, at that language's heading of the section; none for
    a section whose changed language has one of the other `faults` in it."""
    problems: list[Problem] = []
    for state in status.stale:
        for lang in state.lagging:
            page = handbook.pages[state.slug][lang]  # a stale section is in every language
            for changed in state.changed:
                if _faulty(handbook, state, changed, faults):
                    continue
                change = status.changes[(state.key, changed)]
                where = f"{handbook.pages[state.slug][changed].path}:{state.now[changed].line}"
                problems.append(
                    page.problem(
                        state.now[lang].line,
                        1,
                        Code.TRANSLATION_STALE,
                        f"section '{state.key}' changed in {where} since {LOCK_FILE}, "
                        f"this translation did not: {_what_changed(state, changed, change)}",
                        _fix(state, changed, lang, change, where),
                    )
                )
    return problems


def _fix(state: SectionState, changed: str, lang: str, change: Change, where: str) -> str:
    """Translate the change here, unless it looks like a slip in the changed language: words of this language
    added there (pasted by mistake) are to be undone there, not translated into the language they are in."""
    translate = "translate the change here, then run `make translations-update`"
    undo = f"if the change at {where} was a mistake, undo it there"
    accept = f"if it needs no translation: `make translations-update ACCEPT={state.key}`"
    if change.old_text is not None:
        old, new = change.old_text.split(), state.now[changed].text.split()
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        added = " ".join(word for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal" for word in new[j1:j2])
        if other_language(added, changed, min_hits=2) == lang:
            return f"the words added at {where} read as '{lang}', not '{changed}': undo them there; {translate} otherwise"
    return f"{translate}; {undo}; {accept}"


def lock_notice(status: TranslationStatus) -> str:
    """A line for the end of a run when sections are in step but not recorded as such yet."""
    pending = [s.key for s in status.states if s.state in ("new", "updated")]
    if not pending:
        return ""
    shown = ", ".join(pending[:3]) + (f" and {len(pending) - 3} more" if len(pending) > 3 else "")
    count = plural(len(pending), "section")
    return f"{LOCK_FILE}: {count} in step but not recorded yet ({shown}): run `make translations-update`"


def summary_line(status: TranslationStatus, locales: list[str]) -> str:
    parts = [
        f"{lang}: {c['in step']} in step, {c['stale']} stale, {c['missing']} missing"
        for lang, c in status.counts(locales).items()
    ]
    return "translations per language: " + "; ".join(parts)


class _SectionEntry(TypedDict):
    """One section in build/translation-status.json."""

    section: str
    state: str
    lagging: list[str]
    changed: dict[str, str | None]  # language -> date of its last change, when known
    diff: NotRequired[dict[str, str]]  # a stale section's changed language -> what changed


def write_status(path: Path, handbook: Handbook, status: TranslationStatus) -> None:
    """build/translation-status.json: every section, its state, and when each language last changed."""
    locales = handbook.settings.locales
    sections: list[_SectionEntry] = []
    for state in status.states:
        entry: _SectionEntry = {
            "section": state.key,
            "state": state.state,
            "lagging": list(state.lagging),
            "changed": {
                lang: str(date) if (date := status.changed_on(state, lang, handbook)) else None
                for lang in locales
                if lang in state.now
            },
        }
        for lang in state.changed if state.state == "stale" else ():
            change = status.changes[(state.key, lang)]
            entry.setdefault("diff", {})[lang] = _what_changed(state, lang, change)
        sections.append(entry)
    report: dict[str, object] = {
        "policy": handbook.settings.translation_lag,
        "counts": status.counts(locales),
        "dates": "per language, the last commit of its file; for a stale section's changed language, when the section changed",
        "sections": sections,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
