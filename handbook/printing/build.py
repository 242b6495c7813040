"""The print step of a build: assemble every print job, render them in parallel, report in one format."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from handbook.downloads import FOLDER as DOWNLOADS
from handbook.model import Handbook
from handbook.printing.document import RenderedPage
from handbook.printing.jobs import desk_jobs, handbook_jobs, print_shop_jobs
from handbook.printing.previous import STORE, PreviousPrint, input_key
from handbook.printing.render import PrintJob, PrintResult, Typesetting
from handbook.problems import Problem


@dataclass
class PrintBatch:
    """PDFs on their way into one folder: those whose inputs are unchanged copied from the previous build, the
    rest being typeset in worker processes until `finish`."""

    jobs: list[PrintJob]
    keys: list[str]
    results: list[PrintResult | None]
    typesetting: Typesetting
    previous: PreviousPrint
    out_dir: Path

    @classmethod
    def start(cls, jobs: list[PrintJob], previous: PreviousPrint, out_dir: Path, reuse: bool = True) -> PrintBatch:
        out_dir.mkdir(parents=True, exist_ok=True)
        keys = [input_key(job) for job in jobs]
        results = [previous.restore(job, key, out_dir) if reuse else None for job, key in zip(jobs, keys, strict=True)]
        typesetting = Typesetting([job for job, result in zip(jobs, results, strict=True) if result is None], out_dir)
        return cls(jobs, keys, results, typesetting, previous, out_dir)

    def finish(self) -> list[PrintResult]:
        """Every job's result in the order of the jobs; each new PDF without a problem is kept for the next build."""
        typeset = iter(self.typesetting.results())
        results = []
        for job, key, result in zip(self.jobs, self.keys, self.results, strict=True):
            if result is None:
                result = next(typeset)
                if not result.errors:
                    self.previous.keep(job, key, result, self.out_dir)
            results.append(result)
        return results


def print_or_reuse(jobs: list[PrintJob], previous: PreviousPrint, out_dir: Path, reuse: bool = True) -> list[PrintResult]:
    """Each job's PDF in out_dir: the kept one when its inputs are unchanged, else typeset (in parallel) and kept."""
    return PrintBatch.start(jobs, previous, out_dir, reuse).finish()


@dataclass
class HandbookPrint:
    """Every PDF of a build on its way into site_dir/downloads; the problems of assembling the print documents."""

    batch: PrintBatch | None
    problems: list[Problem]

    def finish(self) -> tuple[list[PrintResult], list[Problem]]:
        if self.batch is None:
            return [], self.problems
        results = self.batch.finish()
        problems = list(self.problems)
        for result in results:
            problems.extend(result.errors)
        return results, problems


def start_print(
    handbook: Handbook,
    rendered: dict[str, dict[str, RenderedPage]],
    site_dir: Path,
    reuse: bool = True,
) -> HandbookPrint:
    """Start every PDF; `reuse=False` typesets all of them from scratch, as a fresh clone does. The caller may do
    other work before `finish()`: the typesetting runs in worker processes."""
    jobs, problems = handbook_jobs(handbook, rendered, site_dir)
    if problems:
        return HandbookPrint(None, problems)
    previous = PreviousPrint(handbook.settings.build_dir / STORE)
    jobs = [
        replace(job, page_hint=previous.page_hint(job.name) if reuse else {}) if job.page_hint is not None else job
        for job in jobs
    ]
    jobs += desk_jobs(handbook)
    shop_jobs, problems = print_shop_jobs(handbook)
    jobs += shop_jobs
    return HandbookPrint(PrintBatch.start(jobs, previous, site_dir / DOWNLOADS, reuse), problems)
