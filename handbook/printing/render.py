"""Runs WeasyPrint on finished print documents, one process per document, and reports faults as problems.

WeasyPrint only logs a missing image or font; such a log line is turned into an error naming the document's
source, and a PDF is written under a temporary name first, so a failed job never replaces a good PDF.
"""

from __future__ import annotations

import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from weasyprint import HTML


@dataclass(frozen=True)
class PrintJob:
    name: str  # output file name under downloads/
    html: str
    base_url: str
    source: str  # what an author should look at when this job fails
    lang: str


@dataclass
class PrintResult:
    name: str
    pages: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_job(job: PrintJob, out_dir: str) -> PrintResult:
    started = time.perf_counter()
    result = PrintResult(job.name)
    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = HTML(string=job.html, base_url=job.base_url).render()
        result.pages = len(document.pages)
        if collector.messages:
            result.errors = [f"{job.source}: {job.name}: {message}" for message in collector.messages]
            return result
        target = Path(out_dir) / job.name
        partial = target.with_suffix(".pdf.part")
        document.write_pdf(partial, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
        partial.replace(target)
    except Exception as error:  # WeasyPrint raises many types; each must become a clean message
        result.errors.append(f"{job.source}: {job.name}: cannot lay out: {error}")
    finally:
        logger.removeHandler(collector)
        result.seconds = time.perf_counter() - started
    return result


def render_all(jobs: list[PrintJob], out_dir: Path, workers: int | None = None) -> list[PrintResult]:
    """Render every job, in parallel processes; results in the order of `jobs`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(len(jobs), workers or os.cpu_count() or 1))
    if workers == 1:
        return [render_job(job, str(out_dir)) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(render_job, jobs, [str(out_dir)] * len(jobs)))
