"""The print step of a build: every PDF started as soon as its inputs are ready and typeset in worker processes
while the site goes on, or copied from the previous build when nothing it is made from has changed."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from handbook.core.problems import Problem
from handbook.printing.cache import STORE, PreviousPrint, input_key
from handbook.printing.document import RenderedPage
from handbook.printing.hyphenation import use_hyphenation_dictionaries
from handbook.printing.jobs import desk_jobs, handbook_source, print_shop_jobs
from handbook.printing.places import places
from handbook.printing.typeset import PrintJob, PrintResult, render_job
from handbook.sources.downloads import FOLDER as DOWNLOADS
from handbook.sources.model import Handbook
from handbook.sources.switches import read_switches


def fresh_print() -> bool:
    """HANDBOOK_FRESH_PRINT=1: typeset every PDF from scratch, as on a fresh clone, with nothing from the last
    build (neither its PDFs nor its page numbers), in the print step and in validation's card check alike."""
    # Read where the queue is made: the card check in validation makes one without the settings at hand.
    return read_switches().fresh_print


class PrintQueue:
    """PDFs on their way into one folder, added as their inputs become ready: a PDF whose inputs are unchanged
    is copied from the previous build (unless `fresh_print`), the others are typeset in worker processes, one per
    core, while the caller goes on with other work. `finish` waits for them all."""

    def __init__(
        self, previous: PreviousPrint, out_dir: Path, languages: tuple[str, ...] = (), run_started: float = float("inf")
    ):
        self.previous, self.out_dir, self.languages = previous, out_dir, languages
        self.reuse = not fresh_print()
        self.run_started = run_started  # wall time: a PDF kept since then was typeset by this run's validation
        self.entries: list[tuple[PrintJob | None, str, PrintResult | Future[PrintResult]]] = []
        self.pool: ProcessPoolExecutor | None = None

    def add(self, jobs: list[PrintJob]) -> None:
        """Start these jobs; the longest first, as the workers take them in order."""
        for job in jobs:
            self.add_keyed(job.name, input_key(job, self.previous.places), lambda job=job: job)

    def add_keyed(self, name: str, key: str, make_job: Callable[[], PrintJob | None]) -> None:
        """Start the PDF `name` whose inputs have the digest `key`; `make_job` is called only when the previous
        build's PDF cannot be reused (None: the job could not be made, its problems are reported elsewhere)."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        restored = self.previous.restore(name, key, self.out_dir) if self.reuse else None
        if restored is not None:
            restored.typeset_in_validation = self.previous.kept_at(name, key) >= self.run_started
            self.entries.append((None, key, restored))
            return
        job = make_job()
        if job is not None:
            self.entries.append((job, key, self._workers().submit(render_job, job, str(self.out_dir))))

    def _workers(self) -> ProcessPoolExecutor:
        if self.pool is None:
            # WeasyPrint takes most of a second to load: only a build that typesets something pays for it, and
            # loading it before the workers fork spares each of them loading it again.
            import importlib

            import pyphen

            importlib.import_module("weasyprint")

            # The same goes for the hyphenation dictionaries (a fifth of a second each): Pyphen keeps them per process.
            use_hyphenation_dictionaries()
            for dictionary in filter(None, map(pyphen.language_fallback, self.languages)):
                pyphen.Pyphen(lang=dictionary)
            self.pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1)
        return self.pool

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def finish(self) -> list[PrintResult]:
        """Every job's result in the order added; each new PDF without a problem is kept for the next build."""
        results: list[PrintResult] = []
        try:
            for job, key, entry in self.entries:
                result = entry.result() if isinstance(entry, Future) else entry
                if isinstance(entry, Future) and job is not None and not result.errors:  # a typeset entry has its job
                    self.previous.keep(job, key, result, self.out_dir)
                results.append(result)
        finally:
            if self.pool is not None:
                self.pool.shutdown()
        return results


def print_or_reuse(jobs: list[PrintJob], previous: PreviousPrint, out_dir: Path) -> list[PrintResult]:
    """Each job's PDF in out_dir: the kept one when its inputs are unchanged, else typeset (in parallel) and kept."""
    queue = PrintQueue(previous, out_dir)
    queue.add(jobs)
    return queue.finish()


@dataclass
class BuildPrint:
    """Every PDF of a build on its way into site_dir/downloads, and the problems of assembling them.

    The sheets and cards need only the model, so they start as soon as validation has passed; each handbook
    starts once its language's pages are built, while the build goes on with the next language.
    """

    handbook: Handbook
    site_dir: Path
    queue: PrintQueue
    problems: list[Problem]
    started: float = field(default_factory=time.perf_counter)
    handbooks: set[str] = field(default_factory=set[str])  # the languages whose handbook has started

    def add_handbook(self, lang: str, rendered: dict[str, RenderedPage]) -> None:
        """Start a language's handbook. What it is assembled from is known before it is assembled: a rebuild that
        changed nothing in it copies the previous PDF without parsing a page."""
        self.handbooks.add(lang)
        source = handbook_source(self.handbook, self.handbook.settings.language(lang), rendered, self.site_dir)

        def assemble() -> PrintJob | None:
            # Its page numbers are guessed from the document alone, never from the previous build's: the slots a
            # guess leaves are part of the PDF, which must follow from its inputs whatever was built before.
            job, problems = source.assemble()
            self.problems.extend(problems)
            return None if problems else job

        self.queue.add_keyed(source.name, source.key(), assemble)

    def cancel(self) -> None:
        """Stop typesetting: the run failed. What is being typeset still ends, in a site that is not published."""
        self.queue.cancel()

    def finish(self) -> tuple[list[PrintResult], list[Problem]]:
        results = self.queue.finish()
        return results, self.problems + [problem for result in results for problem in result.errors]


def start_print(handbook: Handbook, site_dir: Path, run_started: float = float("inf")) -> BuildPrint:
    """Start the PDFs that need only the model. `run_started` (wall time) tells the PDFs the run's validation
    typeset from those of an earlier build."""
    settings = handbook.settings
    store = PreviousPrint(settings.build_dir / STORE, places(settings.docs_dir, site_dir))
    queue = PrintQueue(store, site_dir / DOWNLOADS, tuple(settings.locales), run_started)
    shop_jobs, problems = print_shop_jobs(handbook)
    queue.add(desk_jobs(handbook) + shop_jobs)
    return BuildPrint(handbook, site_dir, queue, problems)
