"""Whether every phrase card fits its printed 90 x 65 mm, found during validation by laying the cards out.

Both layouts are checked: the office sheets and the print shop's single cards, whose text keeps 4 mm inside the
trim. A card that fits neither is reported once per language, as the office sheets see it.

Only a real layout knows: a character-count estimate let cards through that overflowed on paper, and blocked
cards that fit. Run in validation, the same layout makes `make check`, the live preview and `make build`
report the same cards. A layout costs about a second, so its result is kept beside the build cache and
reused while the cards, fonts, stylesheet and typesetter are unchanged.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from handbook.model import Handbook
from handbook.printing.jobs import phrase_card_job, print_shop_job, stylesheet
from handbook.printing.previous import input_key
from handbook.printing.render import PrintJob
from handbook.problems import Problem

STORE = Path("cache") / "card-fit"  # in the build folder (settings.build_dir)


def _cached(path: Path, key: str) -> list[Problem] | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry.get("key") != key:
            return None
        return [Problem(**problem) for problem in entry["problems"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def card_fit_problems(handbook: Handbook) -> list[Problem]:
    """CARD-TOO-LONG for each card that does not fit, per language, from a layout of the printed cards."""
    if not handbook.cards:
        return []
    sheets, shop = stylesheet("sheets.css"), stylesheet("print-shop.css")
    store = handbook.settings.build_dir / STORE
    problems: dict[tuple[int, str | None], Problem] = {}
    for language in handbook.settings.languages:
        jobs = {
            language.locale: phrase_card_job(handbook, language, sheets),
            f"{language.locale}-print-shop": print_shop_job(handbook, [language], shop),
        }
        for name, job in jobs.items():
            for problem in _laid_out(job, store / f"{name}.json"):
                problems.setdefault((problem.line, problem.lang), problem)
    return list(problems.values())


def _laid_out(job: PrintJob, path: Path) -> list[Problem]:
    """The job's overflowing cards, from the layout kept at `path` while the job is unchanged."""
    key = input_key(job)
    found = _cached(path, key)
    if found is None:
        from weasyprint import HTML  # loaded only when the cards changed since the last check

        from handbook.printing.render import overflowing

        found = overflowing(HTML(string=job.html, base_url=job.base_url).render(), job.fit_limits)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps({"key": key, "problems": [asdict(p) for p in found]}), encoding="utf-8")
        partial.replace(path)
    return found
