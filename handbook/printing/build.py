"""The print step of a build: assemble every print job, render them in parallel, report in one format."""

from __future__ import annotations

from pathlib import Path

from handbook.model import Handbook
from handbook.printing.document import RenderedPage
from handbook.printing.jobs import desk_jobs, handbook_jobs
from handbook.printing.render import PrintResult, render_all
from handbook.problems import Problem


def print_all(
    handbook: Handbook,
    rendered: dict[str, dict[str, RenderedPage]],
    site_dir: Path,
) -> tuple[list[PrintResult], list[Problem]]:
    jobs, problems = handbook_jobs(handbook, rendered)
    if problems:
        return [], problems
    jobs += desk_jobs(handbook)
    results = render_all(jobs, site_dir / "downloads")
    for result in results:
        problems.extend(result.errors)
    return results, problems


def print_summary(results: list[PrintResult], detailed: bool) -> str:
    """One line for CI logs; one line per PDF (name, pages, seconds) on a terminal."""
    total = f"print: {len(results)} PDFs, {sum(r.pages for r in results)} pages"
    if not detailed:
        return total
    return "\n".join([*(f"print: {r.name}: {r.pages} pages in {r.seconds:.1f} s" for r in results), total])
