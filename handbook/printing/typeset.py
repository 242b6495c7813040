"""Runs WeasyPrint on finished print documents, one process per document, and reports faults as problems.

WeasyPrint only logs a missing image or font; such a log line is turned into an error naming the document's
source, and a PDF is written under a temporary name first, so a failed job never replaces a good PDF.
"""

from __future__ import annotations

import gc
import logging
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.core.atomic import replacing
from handbook.core.codes import Code
from handbook.core.log_messages import MessageCollector
from handbook.core.problems import Problem, plural
from handbook.printing import print_shop
from handbook.printing.document import numbered_targets, with_page_numbers
from handbook.printing.laid_out import render
from handbook.printing.page_slots import estimated_pages, fill_page_numbers, printed_page_numbers
from handbook.printing.resources import FailedResources, file_digests, recording_fetcher
from handbook.printing.stray_lines import stray_lines
from handbook.printing.structure import finish_structure, recorded_text_languages

if TYPE_CHECKING:
    from collections.abc import Sequence

    from handbook.printing.laid_out import Document
    from handbook.printing.page_slots import Filled
    from handbook.printing.resources import RecordingFetcher
    from handbook.printing.stray_lines import StrayLine

# How every PDF is written: streams compressed, in its job's PDF variant. Part of a PDF's cache key.
PDF_OPTIONS = {"uncompressed_pdf": False}


@dataclass(frozen=True)
class PrintJob:
    name: str  # output file name under downloads/
    html: str
    base_url: str
    source: str  # what an author should look at when this job fails
    lang: str
    # (element ID, lowest allowed top position in mm, problem): text that must fit a fixed box, like a card
    fit_limits: tuple[tuple[str, float, Problem], ...] = ()
    # For a document that prints page numbers (contents, cross-references): the pages its targets had last
    # time, a first guess that saves a layout when it is still right. None: nothing to number.
    page_hint: dict[str, int] | None = None
    # Tagged for screen readers, or PDF/X-4 for a print shop (finished by print_shop.finish)
    variant: str = "pdf/ua-1"
    # URL of each image the document shows -> (source path, line, column) of the Markdown that shows it
    image_sources: dict[str, tuple[str, int, int]] = field(default_factory=dict[str, tuple[str, int, int]])
    # ID of each heading in the document -> (source path, line, column) of that heading in the Markdown
    section_sources: dict[str, tuple[str, int, int]] = field(default_factory=dict[str, tuple[str, int, int]])
    # The document with its folders named as in every checkout (places.py): what a print-shop file's ID is made of
    identity: str = ""


@dataclass
class PrintResult:
    name: str
    pages: int = 0
    seconds: float = 0.0
    errors: list[Problem] = field(default_factory=list[Problem])
    page_numbers: dict[str, int] = field(default_factory=dict[str, int])
    layouts: int = 0
    typeset_in_validation: bool = False  # copied, but typeset in this run: the card-fit check made it
    # Of a numbered document: the page of every ID a chapter gave it (`page--section`), for links.json.
    anchor_pages: dict[str, int] = field(default_factory=dict[str, int])
    # Every local file the typesetter loaded (images, fonts), with its digest: the PDF is current while they are.
    loaded: dict[str, str] = field(default_factory=dict[str, str])


def _layout_problem(job: PrintJob, message: str) -> Problem:
    return Problem(job.source, 1, 1, Code.PRINT_LAYOUT, f"{job.name}: {message}", "", job.lang)


def _resource_problem(job: PrintJob, url: str, message: str) -> Problem:
    """A file the typesetter could not load, at the line of the Markdown that shows it when the job knows it."""
    path, line, col = job.image_sources.get(url, (job.source, 1, 1))
    return Problem(path, line, col, Code.PRINT_LAYOUT, f"{job.name}: {message}", "", job.lang)


def _stray_line_problem(job: PrintJob, stray: StrayLine) -> Problem:
    """A stray line, at the heading of its section in the Markdown when the job knows it."""
    path, line, col = job.section_sources.get(stray.section, (job.source, 1, 1))
    message = f"{job.name}, page {stray.page}: “{stray.text}” stands alone on a line in the middle of a paragraph"
    return Problem(path, line, col, Code.PRINT_STRAY_LINE, message, "", job.lang)


# About one line of card text (10 pt at 1.3 line height), to say how much an overflowing text must lose.
LINE_MM = 4.6


def overflowing(document: Document, limits: Sequence[tuple[str, float, Problem]]) -> list[Problem]:
    """The problems of the limits whose element was laid out lower than allowed (or not at all), with the excess."""
    if not limits:
        return []
    positions: dict[str, tuple[float, float]] = {}
    for page in document.pages:
        positions.update(page.anchors)
    px_per_mm = 96 / 25.4
    found: list[Problem] = []
    for anchor, lowest, problem in limits:
        if anchor not in positions:
            found.append(problem)
            continue
        excess = positions[anchor][1] / px_per_mm - lowest
        if excess > 0.01:
            lines = max(1, round(excess / LINE_MM))
            found.append(replace(problem, message=f"{problem.message}: about {plural(lines, 'line')} too long"))
    return found


def anchor_pages(document: Document) -> dict[str, int]:
    """The page number (counted from the cover) on which each ID first appears."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def lay_out(job: PrintJob, result: PrintResult, fetcher: RecordingFetcher | None = None, max_layouts: int = 3) -> Document:
    """Lay the document out once, then write the page numbers into it (handbook.printing.page_slots).

    Only a number with more digits than its guess needs another layout, with the numbers just found.
    """
    if job.page_hint is None:  # WeasyPrint is loaded by the print queue before its workers start
        result.layouts = 1
        return render(job.html, job.base_url, fetcher)
    targets = numbered_targets(job.html)
    guess = estimated_pages(job.html, targets) | {target: job.page_hint[target] for target in targets if target in job.page_hint}
    document: Document | None = None
    filled: Filled | None = None
    found: dict[str, int] = {}
    for result.layouts in range(1, max_layouts + 1):
        # A laid-out handbook of hundreds of pages takes hundreds of MB: never hold two at once.
        document = None
        gc.collect()
        document = render(with_page_numbers(job.html, guess), job.base_url, fetcher)
        found = anchor_pages(document)
        result.page_numbers = {target: found[target] for target in targets if target in found}
        filled = fill_page_numbers(document, result.page_numbers)
        if not filled.too_wide:
            break
        guess = result.page_numbers
    else:
        result.errors.append(_layout_problem(job, f"page numbers still too wide for their place after {max_layouts} layouts"))
    assert document is not None and filled is not None  # max_layouts >= 1: laid out at least once
    printed = printed_page_numbers(document)
    # Every number printed is its target's page, and a target goes without one only where every reference to it
    # stands on its own page or in a page list that prints its page already.
    unprinted = filled.on_own_page | filled.repeated
    misprinted = sorted(
        target
        for target, page in result.page_numbers.items()
        if printed.get(target, set()) - {page} or (target not in printed and target not in unprinted)
    )
    if misprinted:
        result.errors.append(_layout_problem(job, f"page numbers not those of their targets: {', '.join(misprinted)}"))
    result.anchor_pages = {anchor: page for anchor, page in sorted(found.items()) if "--" in anchor}
    return document


def render_job(job: PrintJob, out_dir: str) -> PrintResult:
    started = time.perf_counter()
    result = PrintResult(job.name)
    fetcher = recording_fetcher()
    collector = MessageCollector(logging.WARNING)
    failed = FailedResources(fetcher.requested)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    logger.addHandler(failed)
    try:
        document = lay_out(job, result, fetcher)
        result.pages = len(document.pages)
        result.errors += overflowing(document, job.fit_limits)
        if job.page_hint is not None:  # the handbooks: running text in columns of full width
            result.errors += [_stray_line_problem(job, stray) for stray in stray_lines(document)]
        result.errors += [_resource_problem(job, url, message) for url, message in failed.failures]
        reported = {message for _, message in failed.failures}
        result.errors += [_layout_problem(job, message) for message in collector.messages if message not in reported]
        if result.errors:
            return result
        result.loaded = file_digests(fetcher.requested)
        # Finished under a temporary name, removed again when anything fails: a failed print step still
        # publishes the new website, and never with a half-finished PDF.
        with replacing(Path(out_dir) / job.name) as partial:
            with recorded_text_languages() as languages:
                document.write_pdf(partial, pdf_variant=job.variant, **PDF_OPTIONS)
            finish_structure(partial, languages)
            if job.variant == print_shop.VARIANT:
                print_shop.finish(partial, job.identity)
    except Exception as error:  # WeasyPrint raises many types; each must become a clean message
        result.errors.append(_layout_problem(job, f"cannot lay out: {error}"))
    finally:
        logger.removeHandler(collector)
        logger.removeHandler(failed)
        result.seconds = time.perf_counter() - started
    return result
