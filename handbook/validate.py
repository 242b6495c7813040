"""One validation run: read the handbook, run every check, print and save the report.

Shared by the MkDocs hook (every build and live preview) and `scripts/check.py` (`make check`), so both
report exactly the same problems.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from handbook.checks import run_checks
from handbook.checks.translations import translation_coverage
from handbook.model import Handbook, load_handbook
from handbook.problems import Problem, summary_lines, write_report
from handbook.published_links import lock_notice
from handbook.settings import Settings

REPORT = "validation.json"  # in the build folder (settings.build_dir)


@dataclass
class Validation:
    handbook: Handbook
    problems: list[Problem]
    coverage: dict[str, float]
    seconds: float = 0.0
    notice: str = ""  # not a problem, but something to do before committing (a links.lock behind the pages)

    def lines(self) -> list[str]:
        notices = [self.notice] if self.notice else []
        return [p.format() for p in self.problems] + notices + summary_lines(self.problems, self.coverage)


def validate(settings: Settings) -> Validation:
    started = time.perf_counter()
    handbook = load_handbook(settings)
    problems = run_checks(handbook)
    coverage = translation_coverage(handbook, problems)
    seconds = time.perf_counter() - started
    notice = lock_notice(handbook)
    write_report(settings.build_dir / REPORT, problems, coverage, seconds, notice)
    return Validation(handbook, problems, coverage, seconds, notice)
