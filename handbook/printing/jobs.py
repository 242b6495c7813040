"""Which PDFs a build makes and what goes into each: the print jobs, assembled from the rendered pages."""

from __future__ import annotations

from importlib.resources import files

from handbook.downloads import HANDBOOK
from handbook.model import Handbook
from handbook.printing.document import PrintLabels, RenderedPage, combine, page_css
from handbook.printing.edition import format_edition, last_commit_date
from handbook.printing.fonts import font_face_css
from handbook.printing.render import PrintJob
from handbook.problems import Problem


def nav_order(handbook: Handbook, rendered: dict[str, RenderedPage]) -> list[RenderedPage]:
    slugs = [entry.path.removesuffix(".md") for entry in handbook.settings.nav if entry.path]
    return [rendered[slug] for slug in slugs if slug in rendered]


def handbook_jobs(handbook: Handbook, rendered: dict[str, dict[str, RenderedPage]]) -> tuple[list[PrintJob], list[Problem]]:
    settings = handbook.settings
    edition_date = last_commit_date(settings.root)
    base_css = font_face_css() + "\n" + (files("handbook.printing") / "handbook.css").read_text(encoding="utf-8")
    jobs, problems = [], []
    for language in settings.languages:
        ui = language.ui
        labels = PrintLabels(
            site_name=language.site_name,
            subtitle=ui["print_subtitle"],
            language_name=ui["print_language"],
            edition_label=ui["print_edition"],
            edition=format_edition(edition_date, language.locale),
            contents=ui["print_contents"],
            page_of=ui["print_page_of"],
            page_ref=ui["print_page_ref"],
        )
        prefix = "" if language.default else f"{language.locale}/"
        pages = nav_order(handbook, rendered.get(language.locale, {}))
        html, found = combine(pages, labels, language.locale, prefix, settings.site_url, base_css + "\n" + page_css(labels))
        problems.extend(found)
        jobs.append(
            PrintJob(
                HANDBOOK.format(lang=language.locale),
                html,
                settings.docs_dir.as_uri() + "/",
                f"docs/*.{language.locale}.md",
                language.locale,
            )
        )
    return jobs, problems
