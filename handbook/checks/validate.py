"""One validation run: read the handbook, run every check, print and save the report.

Shared by the MkDocs hook (every build and live preview) and `scripts/check.py` (`make check`), so both
report exactly the same problems.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from handbook.checks import run_checks
from handbook.checks.translations import translation_coverage
from handbook.core.codes import Code
from handbook.core.problems import Problem, sorted_problems, summary_lines, write_report
from handbook.pages.published_links import lock_notice
from handbook.sources.edition import last_changed
from handbook.sources.model import Handbook, load_handbook
from handbook.sources.settings import Settings
from handbook.translations import card_lock, translation_lag
from handbook.translations.translation_lock import LOCK_FILE, read_lock_file

REPORT = "validation.json"  # in the build folder (settings.build_dir)


@dataclass
class Validation:
    handbook: Handbook
    problems: list[Problem]  # the sources' problems, found before anything is rendered
    coverage: dict[str, float]
    seconds: float = 0.0
    notice: str = ""  # not a problem, but something to do before committing (a links.lock behind the pages)
    translations: translation_lag.TranslationStatus | None = None

    def complete(self, found: list[Problem]) -> list[Problem]:
        """Every problem of a run: the sources' and those `found` later (in the rendered pages, by the print
        step), without a stale translation whose changed language turned out to have a fault of its own."""
        if not found:
            return self.problems
        faults = [p for p in self.problems if p.code != Code.TRANSLATION_STALE] + list(found)
        status = self.translations  # None only for a validation made without a translation status: nothing stale
        found_stale = translation_lag.check(self.handbook, status, faults) if status is not None else []
        stale = set(_failing(found_stale, self.handbook.settings))
        cards = self.handbook.cards_path
        kept = [p for p in self.problems if p.code != Code.TRANSLATION_STALE or p in stale or p.path == cards]
        return sorted_problems(faults + kept)

    def report(self, problems: list[Problem]) -> None:
        """build/validation.json rewritten at the end of a run, with every problem it showed."""
        write_report(self.handbook.settings.build_dir / REPORT, problems, self.coverage, self.seconds, self.notice)

    def lines(self, problems: list[Problem] | None = None) -> list[str]:
        """The problems, then the notices and the summary, counting `problems` (by default the sources')."""
        problems = self.problems if problems is None else problems
        notices = [line for line in self.notice.split("\n") if line]
        counts = [translation_lag.summary_line(self.translations, self.handbook.settings.locales)] if self.translations else []
        return [p.format() for p in problems] + notices + summary_lines(problems, self.coverage) + counts


def _failing(stale: list[Problem], settings: Settings) -> list[Problem]:
    """The stale-translation problems that fail a run: all of them, unless the site publishes with a notice."""
    return [] if settings.translation_lag == "notice" else [p for p in stale if p.code == Code.TRANSLATION_STALE]


def validate(settings: Settings) -> Validation:
    started = time.perf_counter()
    handbook = load_handbook(settings)
    problems = run_checks(handbook)
    coverage = translation_coverage(handbook, problems)
    dates = last_changed(settings.root, settings.relative(settings.docs_dir))
    status = translation_lag.translation_status(handbook, dates, dt.date.today())
    stale = translation_lag.check(handbook, status, problems)
    failing = _failing(stale, settings)
    # A card has no room for a notice: a card changed in one language only fails in either mode.
    records = read_lock_file(settings.root / LOCK_FILE)
    cards = card_lock.check(handbook, card_lock.card_states(handbook, records), problems)
    problems = sorted_problems(problems + [p for p in stale if p.code != Code.TRANSLATION_STALE] + failing + cards)
    seconds = time.perf_counter() - started
    published = [f"published with a notice (translation_lag: notice): {p.format()}" for p in stale if p not in failing]
    notice = "\n".join(line for line in (lock_notice(handbook), translation_lag.lock_notice(status), *published) if line)
    write_report(settings.build_dir / REPORT, problems, coverage, seconds, notice)
    translation_lag.write_status(settings.build_dir / translation_lag.REPORT, handbook, status)
    return Validation(handbook, problems, coverage, seconds, notice, status)
