"""One validation run: read the handbook, run every check, print and save the report.

Shared by the MkDocs hook (every build and live preview) and `scripts/check.py` (`make check`), so both
report exactly the same problems.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from handbook import card_lock
from handbook.checks import run_checks, translation_lag
from handbook.checks.translations import translation_coverage
from handbook.codes import Code
from handbook.model import Handbook, load_handbook
from handbook.printing.edition import last_changed
from handbook.problems import Problem, sorted_problems, summary_lines, write_report
from handbook.published_links import lock_notice
from handbook.settings import Settings
from handbook.translation_lock import LOCK_FILE, read_lock_file

REPORT = "validation.json"  # in the build folder (settings.build_dir)


@dataclass
class Validation:
    handbook: Handbook
    problems: list[Problem]
    coverage: dict[str, float]
    seconds: float = 0.0
    notice: str = ""  # not a problem, but something to do before committing (a links.lock behind the pages)
    translations: translation_lag.TranslationStatus | None = None

    def lines(self) -> list[str]:
        notices = [line for line in self.notice.split("\n") if line]
        counts = [translation_lag.summary_line(self.translations, self.handbook.settings.locales)] if self.translations else []
        return [p.format() for p in self.problems] + notices + summary_lines(self.problems, self.coverage) + counts


def validate(settings: Settings) -> Validation:
    started = time.perf_counter()
    handbook = load_handbook(settings)
    problems = run_checks(handbook)
    coverage = translation_coverage(handbook, problems)
    dates = last_changed(settings.root, settings.relative(settings.docs_dir))
    status = translation_lag.translation_status(handbook, dates, dt.date.today())
    stale = translation_lag.check(handbook, status)
    records = read_lock_file(settings.root / LOCK_FILE)
    stale += card_lock.check(handbook, card_lock.card_states(handbook, records))
    lagging = [p for p in stale if p.code == Code.TRANSLATION_STALE and settings.translation_lag == "notice"]
    problems = sorted_problems(problems + [p for p in stale if p not in lagging])
    seconds = time.perf_counter() - started
    published = [f"published with a notice (translation_lag: notice): {p.format()}" for p in lagging]
    notice = "\n".join(line for line in (lock_notice(handbook), translation_lag.lock_notice(status), *published) if line)
    write_report(settings.build_dir / REPORT, problems, coverage, seconds, notice)
    translation_lag.write_status(settings.build_dir / translation_lag.REPORT, handbook, status)
    return Validation(handbook, problems, coverage, seconds, notice, status)
