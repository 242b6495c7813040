"""One run of MkDocs over the handbook (a build, a deploy or a live-preview rebuild) as the hook drives it.

mkdocs-static-i18n runs every event from `on_config` on once per language, and only the first run knows it is
the start. This object carries what the run has read, rendered and found from that start to its end, and does
the steps that are not page-by-page (validation at the start; the site's finishing, the print step and the
compressed copies at the end), so the hook only passes MkDocs' events on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.checks.leftovers import check_output_html, page_output_problems
from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.pages.link_forms import IndexEntry
from handbook.pages.published_links import link_index
from handbook.printing.document import RenderedPage
from handbook.sources.model import Handbook, Page
from handbook.sources.settings import Language, Settings, published_site_dir

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files

    from handbook.printing.print_step import BuildPrint
from handbook.checks.validate import Validation, validate


def is_live_preview(command: str) -> bool:
    """`mkdocs serve` says "serve" to plugins, but `mkdocs serve --clean` says "build"; neither may print or stop."""
    return command == "serve" or sys.argv[1:2] == ["serve"]


@dataclass
class BuildRun:
    command: str  # as MkDocs names it: "build", "serve", "gh-deploy"
    site_dir: Path
    validation: Validation
    link_index: list[IndexEntry]  # every section with its links in every wiki form, for the copy buttons
    # lang -> slug -> page
    rendered: dict[str, dict[str, RenderedPage]] = field(default_factory=dict[str, dict[str, RenderedPage]])
    rendered_problems: list[Problem] = field(default_factory=list[Problem])  # found in the rendered pages and their HTML
    not_found: dict[str, str] = field(default_factory=dict[str, str])  # lang -> its 404 page
    script_hashes: set[str] = field(default_factory=set[str])
    pdfs: BuildPrint | None = None  # typesetting in worker processes while the site builds
    started: float = field(default_factory=time.time)  # wall time, for telling this run's files from older ones

    @property
    def handbook(self) -> Handbook:
        return self.validation.handbook

    @property
    def preview(self) -> bool:
        return is_live_preview(self.command)

    def page(self, src_uri: str, lang: str) -> Page | None:
        return self.handbook.page_for_file(src_uri, lang)

    @property
    def publishing(self) -> bool:
        """Whether this run makes the PDFs: a build or deploy whose sources passed, not a site-only build."""
        return not self.preview and not self.validation.problems and not self.handbook.settings.switches.skip_print

    def start_pdfs(self) -> None:
        """Start the PDFs that need only the model; called once MkDocs has emptied the site folder."""
        if self.pdfs is None and self.publishing:
            from handbook.printing.print_step import start_print  # live previews never load the print machinery

            self.pdfs = start_print(self.handbook, self.site_dir, run_started=self.started)

    def languages_built(self, until: str | None = None) -> None:
        """Start the handbook of every language built before `until` (all of them when None): its pages and
        their images are in place, while the build goes on with the next language."""
        if self.pdfs is None or self.rendered_problems:
            return
        for language in self.handbook.settings.languages:
            if language.locale == until:
                break
            if language.locale not in self.pdfs.handbooks:
                self.pdfs.add_handbook(language.locale, self.rendered.get(language.locale, {}))

    def keep_rendered(self, page: Page, url: str, title: str, html: str) -> None:
        self.rendered.setdefault(page.lang, {})[page.slug] = RenderedPage(page.slug, page.lang, url, title, html, page.path)

    def unreadable(self, files: Files) -> list[File]:
        """The pages among MkDocs' `files` the model could not read (not UTF-8): left out of a run that goes on to
        render the other pages, where MkDocs would stop at them with a traceback."""
        settings = self.handbook.settings
        bad = {p.path for p in self.handbook.input_problems if p.code == Code.INPUT_ENCODING}
        return [
            file
            for file in files.documentation_pages()
            if file.abs_src_path is not None and settings.relative(Path(file.abs_src_path)) in bad
        ]

    def output_problems(self, html: str, src_uri: str, lang: str) -> list[Problem]:
        """Leftovers in one page's final HTML that the sources do not already show."""
        model = self.page(src_uri, lang)
        problems = self.validation.problems
        if model is None:
            known = frozenset(problem.message for problem in problems if problem.code == Code.LEFTOVER)
            return check_output_html(html, src_uri, lang, (), known)
        return page_output_problems(html, self.handbook, model, lang, problems)

    def failure(self) -> bool:
        """Whether this run must fail before printing: problems in the sources or in the rendered pages.

        A run with source problems still renders every page, so that the problems only the rendered pages show
        are reported in the same run, not in a second round after the first ones are fixed."""
        return bool(self.validation.problems or self.rendered_problems)

    def problems(self, printed: Sequence[Problem] = ()) -> list[Problem]:
        """Every problem of the run, the print step's `printed` ones included, for the closing report."""
        return self.validation.complete(self.rendered_problems + list(printed))


def start_run(settings: Settings, command: str, site_dir: str) -> BuildRun:
    started = time.time()
    result = validate(settings)
    return BuildRun(command, Path(site_dir), result, link_index(result.handbook), started=started)


def page_prefixes(page_url: str, language: Language) -> tuple[str, str]:
    """The relative way up from a page to its language's root and to the site's root (`../`, `../../`)."""
    depth = page_url.count("/")
    return "../" * (depth - (0 if language.default else 1)), "../" * depth


def finish_run(run: BuildRun) -> tuple[list[Problem], list[str]]:
    """The site finished; for a publishing run also the PDFs and the compressed copies. (Print problems, summary.)

    The PDFs are typeset in worker processes while this process finishes the site and compresses it.
    """
    from handbook.website.precompress import CACHE as COMPRESSED
    from handbook.website.precompress import CompressionCache, precompress, text_files
    from handbook.website.site_output import LINKS, finish_site, write_links, write_server_config

    handbook = run.handbook
    published = published_site_dir(run.site_dir, handbook.settings.switches)
    if not run.preview and not run.failure():
        write_server_config(run.site_dir, handbook.settings, sorted(run.script_hashes), published)
    if run.pdfs is None or run.failure():
        # A preview, a run about to fail, or a site-only build (make check, the benchmark's floor): no PDFs.
        # A live preview gets no offline worker: an author must never read a cached page.
        if run.pdfs is not None:
            run.pdfs.cancel()
        finish_site(run.site_dir, handbook, run.not_found, offline=not run.preview)
        return [], []
    from handbook.printing.report import REPORT, print_summary, write_print_report

    run.languages_built()
    finish_site(run.site_dir, handbook, run.not_found)
    # For nginx's gzip_static and brotli_static; links.json last, once it knows each section's place in the PDFs.
    links, cache = run.site_dir / LINKS, CompressionCache(handbook.settings.build_dir / COMPRESSED)
    precompress([path for path in text_files(run.site_dir) if path != links], cache)
    results, problems = run.pdfs.finish()
    write_print_report(handbook.settings.build_dir / REPORT, results, problems, time.perf_counter() - run.pdfs.started)
    write_links(run.site_dir, handbook, results)
    precompress([links], cache)
    cache.prune()
    return problems, print_summary(results, detailed=sys.stderr.isatty())
