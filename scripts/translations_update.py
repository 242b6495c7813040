"""`make translations-update [ACCEPT=page#section ...]`: record every section and card in step in translations.lock.

A section changed in one language only is refused and listed, unless named in ACCEPT (a change that needs no
translation, such as a typo fix). Only translations.lock is written.
"""

import os
import sys

from handbook.core.problems import plural
from handbook.sources.config_file import settings_or_report
from handbook.sources.model import Handbook, load_handbook
from handbook.translations.card_lock import card_states
from handbook.translations.translation_lock import LOCK_FILE, SectionState, read_lock_file, section_states, updated_lock


def _where(handbook: Handbook, state: SectionState, lang: str) -> str:
    """The file a section's (or a card's) text in `lang` is in, with its line."""
    page = handbook.page(state.slug, lang)
    return f"{page.path if page else handbook.cards_path}:{state.now[lang].line}"


def main() -> int:
    settings = settings_or_report()
    if settings is None:
        return 1
    lock = settings.root / LOCK_FILE
    records = read_lock_file(lock)
    handbook = load_handbook(settings)
    accept = set(os.environ.get("ACCEPT", "").replace(",", " ").split())
    states = section_states(handbook, records) + card_states(handbook, records)
    update = updated_lock(states, records, accept)
    lock.write_text(update.text, encoding="utf-8")
    print(f"{LOCK_FILE}: {plural(len(update.recorded), 'change')} recorded")
    for line in update.recorded:
        print(f"  {line}")
    for key in update.unknown_accepts:
        print(f"  ACCEPT={key}: not a stale section, nothing to accept", file=sys.stderr)
    if not update.refused:
        return 0
    print(f"{LOCK_FILE}: {plural(len(update.refused), 'stale section')} not recorded:", file=sys.stderr)
    for state in update.refused:
        pages = ", ".join(_where(handbook, state, lang) for lang in state.changed)
        lagging = ", ".join(_where(handbook, state, lang) for lang in state.lagging)
        print(f"  ! {state.key}: changed in {pages}, not in {lagging}", file=sys.stderr)
    print(
        "translate them first; for a change that needs no translation: make translations-update ACCEPT=page#section",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
