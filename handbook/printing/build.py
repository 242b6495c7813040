"""The print step of a build: assemble every print job, render them in parallel, report in one format."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from handbook.model import Handbook
from handbook.printing.document import RenderedPage
from handbook.printing.jobs import desk_jobs, handbook_jobs, print_shop_jobs
from handbook.printing.previous import STORE, PreviousPrint, input_key
from handbook.printing.render import PrintJob, PrintResult, render_all
from handbook.problems import Problem

QUOTED = re.compile(r"at '([^']+)'")


def print_all(
    handbook: Handbook,
    rendered: dict[str, dict[str, RenderedPage]],
    site_dir: Path,
    reuse: bool = True,
) -> tuple[list[PrintResult], list[Problem]]:
    """Every PDF into site_dir/downloads; `reuse=False` typesets all of them from scratch, as a fresh clone does."""
    jobs, problems = handbook_jobs(handbook, rendered, site_dir)
    if problems:
        return [], problems
    previous = PreviousPrint(handbook.settings.build_dir / STORE)
    out_dir = site_dir / "downloads"
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [
        replace(job, page_hint=previous.page_hint(job.name) if reuse else {}) if job.page_hint is not None else job
        for job in jobs
    ]
    jobs += desk_jobs(handbook)
    shop_jobs, problems = print_shop_jobs(handbook)
    jobs += shop_jobs
    results = print_or_reuse(jobs, previous, out_dir, reuse)
    for result in results:
        problems.extend(located(problem, handbook) for problem in result.errors)
    return results, problems


def print_or_reuse(jobs: list[PrintJob], previous: PreviousPrint, out_dir: Path, reuse: bool = True) -> list[PrintResult]:
    """Each job's PDF in out_dir: the kept one when its inputs are unchanged, else typeset (in parallel) and kept."""
    keys = [input_key(job) for job in jobs]
    results = [previous.restore(job, key, out_dir) if reuse else None for job, key in zip(jobs, keys, strict=True)]
    to_render = [index for index, result in enumerate(results) if result is None]
    rendered_now = render_all([jobs[index] for index in to_render], out_dir)
    for index, result in zip(to_render, rendered_now, strict=True):
        results[index] = result
        if not result.errors:
            previous.keep(jobs[index], keys[index], result, out_dir)
    return results


def located(problem: Problem, handbook: Handbook) -> Problem:
    """A print problem moved to the source line that holds the resource WeasyPrint names, when one does.

    A handbook PDF is made from every page of a language, so WeasyPrint's message ("Failed to load image at
    'assets/x.png'") is all that tells which page is at fault.
    """
    quoted = QUOTED.search(problem.message)
    if not quoted:
        return problem
    resource = quoted.group(1)
    # A local file is named by its absolute file:// URL; the source names it relative to the page.
    needle = resource.rsplit("/", 1)[-1] if "://" in resource else resource
    for langs in handbook.pages.values():
        page = langs.get(problem.lang)
        if page is None:
            continue
        text = (handbook.settings.root / page.path).read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            column = line.find(needle)
            if column >= 0:
                return replace(problem, path=page.path, line=number, col=column + 1)
    return problem
