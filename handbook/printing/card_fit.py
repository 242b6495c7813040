"""Whether every phrase card fits its printed 90 x 65 mm, and each desk sheet its one A4 page, found during
validation by typesetting them.

Both layouts are checked: the office sheets and the print shop's single cards, whose text keeps 4 mm inside the
trim. A card that fits neither is reported once per language, as the office sheets see it.

Only a real layout knows: a character-count estimate let cards through that overflowed on paper, and blocked
cards that fit. Run in validation, the same layout makes `make check`, the live preview and `make build`
report the same cards. The desk sheets are checked the same way, so that `make check` rejects what the build
would. The check typesets the very print jobs the print step makes, in parallel, and keeps
their PDFs in the print cache: the print step then copies them instead of typesetting the cards again, and a
check after an edit elsewhere typesets nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.printing.cache import STORE, PreviousPrint
from handbook.printing.jobs import desk_jobs, print_shop_job, print_shop_jobs, stylesheet
from handbook.printing.places import places
from handbook.printing.print_step import print_or_reuse
from handbook.sources.downloads import DESK_SHEET, PHRASE_CARDS, PRINT_SHOP
from handbook.sources.model import Handbook


def card_jobs(handbook: Handbook):
    """The print jobs of single cards (the office sheets and the print shop's cards) and the desk sheets, per
    language."""
    kinds = (PHRASE_CARDS, PRINT_SHOP, DESK_SHEET)
    names = {name.format(lang=language.locale) for language in handbook.settings.languages for name in kinds}
    shop_jobs, missing_profile = print_shop_jobs(handbook)
    if missing_profile:  # the print step reports it; the cards still fit or not without the colour profile
        shop_jobs = [
            print_shop_job(handbook, [language], stylesheet("print-shop.css")) for language in handbook.settings.languages
        ]
    return [job for job in desk_jobs(handbook) + shop_jobs if job.name in names]


def card_fit_problems(handbook: Handbook) -> list[Problem]:
    """CARD-TOO-LONG for each card that does not fit, per language, from a layout of the printed cards;
    DESK-TOO-LONG for each part of a desk sheet that runs off its page."""
    if not handbook.cards:
        return []
    build_dir = handbook.settings.build_dir
    build_dir.mkdir(parents=True, exist_ok=True)
    problems: dict[tuple[str, int, str | None], Problem] = {}
    with tempfile.TemporaryDirectory(dir=build_dir) as scratch:
        store = PreviousPrint(build_dir / STORE, places(handbook.settings.docs_dir))
        results = print_or_reuse(card_jobs(handbook), store, Path(scratch))
    for result in results:
        for problem in result.errors:
            if problem.code in (Code.CARD_TOO_LONG, Code.DESK_TOO_LONG):
                problems.setdefault((problem.path, problem.line, problem.lang), problem)
    return list(problems.values())
