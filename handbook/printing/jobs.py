"""Which PDFs a build makes and what goes into each: the print jobs, assembled from the rendered pages."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.pages.deck import DeckSection, deck, deck_sections
from handbook.pages.desk import desk_sheet, has_desk_sheet
from handbook.printing.book_index import BookIndex, book_index
from handbook.printing.cache import inputs_digest
from handbook.printing.desk import desk_body, desk_limits
from handbook.printing.document import URL_SCHEME, PrintLabels, RenderedPage, combine, page_css
from handbook.printing.fonts import font_face_css
from handbook.printing.places import Places, places
from handbook.printing.print_shop import PROFILE, VARIANT, profile_css, shop_cards_body, shop_fit_limits
from handbook.printing.sheets import cards_body, checklist_body, fit_limits
from handbook.printing.typeset import PrintJob
from handbook.sources.assets import asset_url
from handbook.sources.downloads import CHECKLISTS, DESK_SHEET, DUPLEX, HANDBOOK, PHRASE_CARDS, PRINT_SHOP, PRINT_SHOP_TWO_SIDED
from handbook.sources.edition import format_edition, last_commit_date, last_commit_timestamp
from handbook.sources.model import Handbook, Page
from handbook.sources.settings import Language


def _source(handbook: Handbook, slug: str, lang: str) -> Page:
    """The source page of a rendered page, which every rendered page has."""
    page = handbook.page(slug, lang)
    if page is None:
        raise LookupError(f"no source page {slug} in {lang}")
    return page


def nav_order(handbook: Handbook, rendered: dict[str, RenderedPage]) -> list[RenderedPage]:
    """The printed chapters: pages in navigation order, except web-only pages (front matter `print: false`)."""
    slugs = handbook.settings.nav_slugs
    return [
        rendered[slug]
        for slug in slugs
        if slug in rendered and _source(handbook, slug, rendered[slug].lang).meta.get("print", True) is not False
    ]


def stylesheet(name: str) -> str:
    return font_face_css() + "\n" + (files("handbook.printing") / name).read_text(encoding="utf-8")


def sheet_document(lang: str, title: str, css: str, body: str, head: str = "", author: str = "") -> str:
    """A sheet's HTML; `author` (the handbook's name in that language) becomes the PDF's author, as for the book."""
    byline = f'<meta name="author" content="{escape(author)}">' if author else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"{byline}{head}<style>{css}</style></head><body>{body}</body></html>"
    )


def deck_sections_by_language(handbook: Handbook, languages: Sequence[Language]) -> dict[str, list[DeckSection]]:
    """Per language, the deck's sections: named on each card's foot and heading the index sheet."""
    return {language.locale: deck_sections(handbook, language.locale) for language in languages}


def card_index_headings(languages: Sequence[Language]) -> dict[str, str]:
    return {language.locale: language.label("cards_index") for language in languages}


def phrase_card_job(handbook: Handbook, language: Language, css: str) -> PrintJob:
    """One language's sheets of phrase cards; validation lays out the same job to find cards that do not fit."""
    lang = language.locale
    title = " – ".join(filter(None, [language.site_name, language.label("download_cards")]))
    cards = deck(handbook)
    body = cards_body(cards, lang, None, "", deck_sections_by_language(handbook, [language]), card_index_headings([language]))
    return PrintJob(
        PHRASE_CARDS.format(lang=lang),
        sheet_document(lang, title, css, body, author=language.site_name),
        handbook.settings.docs_dir.as_uri() + "/",
        handbook.cards_path,
        lang,
        fit_limits(cards, lang, handbook.cards_path),
    )


def desk_jobs(handbook: Handbook) -> list[PrintJob]:
    """Phrase cards per language, the duplex set, the checklists and the desk sheet per language."""
    settings = handbook.settings
    css = stylesheet("sheets.css")
    desk_css = stylesheet("desk.css")
    base = settings.docs_dir.as_uri() + "/"
    slugs = settings.nav_slugs
    jobs: list[PrintJob] = []
    for language in settings.languages:
        lang = language.locale
        jobs.append(phrase_card_job(handbook, language, css))
        title = f"{language.site_name} – {language.label('download_checklists')}"
        body = checklist_body(handbook, language, slugs)
        jobs.append(
            PrintJob(
                CHECKLISTS.format(lang=lang),
                sheet_document(lang, title, css, body, author=language.site_name),
                base,
                f"docs/*.{lang}.md",
                lang,
            )
        )
        # Validation has already failed the build when a source of the sheet is missing (handbook.pages.desk.check).
        sheet = desk_sheet(handbook, lang)[0] if has_desk_sheet(handbook) else None
        if sheet is not None:
            title = f"{language.site_name} – {language.label('desk_title')}"
            document = sheet_document(lang, title, desk_css, desk_body(sheet, language), author=language.site_name)
            jobs.append(PrintJob(DESK_SHEET.format(lang=lang), document, base, sheet.route.path, lang, desk_limits(sheet)))
    if len(settings.languages) >= 2:
        front, back = settings.languages[0], settings.languages[1]
        title = f"{front.site_name} – {front.label('download_duplex')}"
        cards = deck(handbook)
        body = cards_body(
            cards,
            front.locale,
            back.locale,
            front.label("cards_duplex_instructions"),
            deck_sections_by_language(handbook, [front, back]),
            card_index_headings([front, back]),
        )
        # The backs are checked too: a duplex set is never printed with an overflowing card on either side.
        limits = fit_limits(cards, front.locale, handbook.cards_path)
        limits += fit_limits(cards, back.locale, handbook.cards_path)
        jobs.append(
            PrintJob(
                DUPLEX.format(front=front.locale, back=back.locale),
                sheet_document(front.locale, title, css, body, author=front.site_name),
                base,
                handbook.cards_path,
                front.locale,
                limits,
            )
        )
    return jobs


def print_shop_job(handbook: Handbook, langs: Sequence[Language], css: str, dated: dt.datetime | None = None) -> PrintJob:
    """The cards of one language for a print shop, or (two languages) each front followed by its back.

    Validation lays out the same job, undated and without the colour profile (neither moves a line), to find the
    cards whose text leaves the safe zone.
    """
    locales = [language.locale for language in langs]
    front = langs[0]
    label = "download_print_shop" if len(langs) == 1 else "download_print_shop_two_sided"
    title = " – ".join(filter(None, [front.site_name, front.label(label)]))
    # PDF/X requires creation and modification dates; they come from the last commit, never the clock.
    stamp = dated.strftime("%Y-%m-%dT%H:%M:%SZ") if dated else ""
    head = f'<meta name="dcterms.created" content="{stamp}"><meta name="dcterms.modified" content="{stamp}">' if stamp else ""
    limits = tuple(limit for lang in locales for limit in shop_fit_limits(handbook.cards, lang, handbook.cards_path))
    if len(langs) == 1:
        name = PRINT_SHOP.format(lang=locales[0])
    else:
        name = PRINT_SHOP_TWO_SIDED.format(front=locales[0], back=locales[1])
    document = sheet_document(front.locale, title, css, shop_cards_body(deck(handbook), locales), head, front.site_name)
    return PrintJob(
        name,
        document,
        handbook.settings.docs_dir.as_uri() + "/",
        handbook.cards_path,
        front.locale,
        limits,
        variant=VARIANT,
        identity=places(handbook.settings.docs_dir).portable(document),
    )


def print_shop_jobs(handbook: Handbook) -> tuple[list[PrintJob], list[Problem]]:
    """Phrase cards for a print shop per language and the two-sided set; none without the CMYK profile."""
    settings = handbook.settings
    if not handbook.cards:
        return [], []
    if not PROFILE.is_file():
        message = f"print-shop phrase cards not written: the CMYK profile {PROFILE} is missing"
        suggestion = "restore it from the repository (`git checkout -- handbook/printing/profiles`)"
        return [], [handbook.cards_problem(1, 1, Code.PRINT_LAYOUT, message, suggestion)]
    css = stylesheet("print-shop.css") + "\n" + profile_css()
    stamp = last_commit_timestamp(settings.root) or 0
    dated = dt.datetime.fromtimestamp(stamp, tz=dt.UTC)
    jobs = [print_shop_job(handbook, [language], css, dated) for language in settings.languages]
    if len(settings.languages) >= 2:
        jobs.append(print_shop_job(handbook, settings.languages[:2], css, dated))
    return jobs, []


def image_sources(handbook: Handbook, pages: list[RenderedPage], lang: str, site_files: str) -> dict[str, tuple[str, int, int]]:
    """The built file of every image the printed pages show, as the typesetter asks for it, with the place in
    the Markdown that shows it: a file the typesetter cannot load is reported there."""
    settings = handbook.settings
    sources: dict[str, tuple[str, int, int]] = {}
    for rendered in pages:
        page = _source(handbook, rendered.slug, lang)
        page_dir = posixpath.dirname(page.slug)
        for link in page.scan.links:
            if not link.is_image or URL_SCHEME.match(link.target):
                continue
            docs_path = posixpath.normpath(posixpath.join(page_dir, link.target.split("#")[0]))
            url = asset_url(handbook.assets, docs_path, lang, settings.locales, settings.default_locale)
            if url is not None:
                sources.setdefault(site_files + quote(url), (page.path, link.line, link.col))
    return sources


def section_sources(handbook: Handbook, pages: list[RenderedPage], lang: str) -> dict[str, tuple[str, int, int]]:
    """Each heading of the printed pages under its ID in the print document, with its place in the Markdown: a
    fault found in the laid-out pages is reported at the heading of its section."""
    sources: dict[str, tuple[str, int, int]] = {}
    for rendered in pages:
        page = _source(handbook, rendered.slug, lang)
        for heading in page.scan.headings:
            if heading.id:
                sources[f"{rendered.slug}--{heading.id}"] = (page.path, heading.line, heading.col)
    return sources


@dataclass
class HandbookSource:
    """Everything one language's handbook is assembled from; `key` digests it without assembling anything."""

    handbook: Handbook
    lang: str
    labels: PrintLabels
    pages: list[RenderedPage]  # the printed pages, in navigation order
    css: str
    site_files: str  # the built site's folder as a `file:` URL ending in `/`
    places: Places  # this checkout's folders, which the key leaves out: a PDF is the same in every folder
    index: BookIndex  # printed after the last chapter

    @property
    def name(self) -> str:
        return HANDBOOK.format(lang=self.lang)

    def key(self) -> str:
        settings = self.handbook.settings
        pages = [part for page in self.pages for part in (page.slug, page.url, page.title, page.html)]
        # What the index prints: where in the index file a term stands does not change the PDF.
        index = [self.index.title, *(repr((e.term, [t.key for t in e.sections])) for e in self.index.entries)]
        return inputs_digest(self.name, settings.site_url, repr(self.labels), self.places.portable(self.css), *pages, *index)

    def assemble(self) -> tuple[PrintJob, list[Problem]]:
        settings = self.handbook.settings
        html, problems = combine(
            self.pages, self.labels, self.lang, settings.folders, settings.site_url, self.css, self.site_files, self.index
        )
        job = PrintJob(
            self.name,
            html,
            settings.docs_dir.as_uri() + "/",
            f"docs/*.{self.lang}.md",
            self.lang,
            page_hint={},
            image_sources=image_sources(self.handbook, self.pages, self.lang, self.site_files),
            section_sources=section_sources(self.handbook, self.pages, self.lang),
        )
        return job, problems


def handbook_source(handbook: Handbook, language: Language, rendered: dict[str, RenderedPage], site_dir: Path) -> HandbookSource:
    """One language's handbook from its rendered pages (slug -> page); its images are the built site's files
    under `site_dir`."""
    labels = PrintLabels(
        site_name=language.site_name,
        subtitle=language.label("print_subtitle"),
        language_name=language.label("print_language"),
        edition_label=language.label("print_edition"),
        edition=format_edition(last_commit_date(handbook.settings.root), language.locale),
        contents=language.label("print_contents"),
        page_of=language.label("print_page_of"),
        page_ref=language.label("print_page_ref"),
        online=language.label("print_online"),
        on_website=language.label("print_on_website"),
        card_shown=language.label("print_card_shown"),
    )
    css = stylesheet("handbook.css") + "\n" + page_css(labels)
    pages = nav_order(handbook, rendered)
    folders = places(handbook.settings.docs_dir, site_dir)
    index = book_index(handbook.index_terms, language.locale, language.label("print_index"), handbook.index_path)
    return HandbookSource(handbook, language.locale, labels, pages, css, site_dir.resolve().as_uri() + "/", folders, index)
