"""The print step of a build: assemble every print job, render them in parallel, report in one format."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from handbook.model import Handbook
from handbook.printing.document import RenderedPage
from handbook.printing.jobs import desk_jobs, handbook_jobs
from handbook.printing.render import PrintResult, render_all
from handbook.printing.report import read_json
from handbook.problems import Problem

# Where each handbook's contents and cross-references pointed last time: the first guess of the next build.
PAGE_HINTS = Path("build") / "print-pages.json"
QUOTED = re.compile(r"at '([^']+)'")


def print_all(
    handbook: Handbook,
    rendered: dict[str, dict[str, RenderedPage]],
    site_dir: Path,
) -> tuple[list[PrintResult], list[Problem]]:
    jobs, problems = handbook_jobs(handbook, rendered)
    if problems:
        return [], problems
    hints_path = handbook.settings.root / PAGE_HINTS
    hints = read_json(hints_path)
    jobs = [replace(job, page_hint=_hint(hints, job.name)) if job.page_hint is not None else job for job in jobs]
    jobs += desk_jobs(handbook)
    results = render_all(jobs, site_dir / "downloads")
    hints.update({result.name: result.page_numbers for result in results if result.page_numbers})
    hints_path.parent.mkdir(parents=True, exist_ok=True)
    hints_path.write_text(json.dumps(hints, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for result in results:
        problems.extend(located(problem, handbook) for problem in result.errors)
    return results, problems


def located(problem: Problem, handbook: Handbook) -> Problem:
    """A print problem moved to the source line that holds the resource WeasyPrint names, when one does.

    A handbook PDF is made from every page of a language, so WeasyPrint's message ("Failed to load image at
    'assets/x.png'") is all that tells which page is at fault.
    """
    quoted = QUOTED.search(problem.message)
    if not quoted:
        return problem
    resource = quoted.group(1)
    for langs in handbook.pages.values():
        page = langs.get(problem.lang)
        if page is None:
            continue
        text = (handbook.settings.root / page.path).read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            column = line.find(resource.rsplit("/", 1)[-1] if "://" in resource else resource)
            if column >= 0:
                return replace(problem, path=page.path, line=number, col=column + 1)
    return problem


def _hint(hints: dict, name: str) -> dict[str, int]:
    hint = hints.get(name)
    return {key: value for key, value in hint.items() if isinstance(value, int)} if isinstance(hint, dict) else {}
