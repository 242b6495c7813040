"""All checks of the handbook, run together so one run reports every problem, and the validation run that
prints and saves them. Imports every room below `run`.

Each check is a pure function `check(handbook) -> list[Problem]`; this module only runs them in order.
"""

from __future__ import annotations

from handbook.checks import (
    boxes,
    images,
    index_terms,
    leftovers,
    links,
    quick_help_list,
    sections,
    structure,
    translations,
    typography,
)
from handbook.core.problems import Problem, sorted_problems
from handbook.pages import desk
from handbook.pages.published_links import check_lock
from handbook.printing.card_fit import card_fit_problems
from handbook.sources.model import Handbook

CHECKS = (
    sections.check,
    links.check,
    index_terms.check,
    images.check,
    translations.check,
    boxes.check,
    leftovers.check_page_sources,
    check_lock,
    desk.check,
    quick_help_list.check,
    typography.check,
    card_fit_problems,
)


def run_checks(handbook: Handbook) -> list[Problem]:
    problems = list(handbook.input_problems)
    for check in CHECKS:
        problems.extend(check(handbook))
    # Last: a section whose languages differ in shape is reported only when no other problem explains it.
    problems.extend(structure.check(handbook, problems))
    return sorted_problems(problems)
