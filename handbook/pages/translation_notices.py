"""What readers and translators see of a lagging translation: a notice under a stale section's heading (with
`extra: translation_lag: notice`) and the translation status page (`{% translation-status %}`).

Both are placed into a page's Markdown in `on_page_markdown` by `handbook.pages.directives.expand_page`, at the
places the page's one parse found (the heading's last line, the directive's line), so the web page and the
PDF (built from that page's HTML) show the same notice. The link to the other language is relative to the page, so
it works wherever the site is served; the PDF prints it as the section's address on the website (or, while the
address is a placeholder, as "on the website": printing/document.py).
"""

from __future__ import annotations

from html import escape

from handbook.sources.addresses import page_address
from handbook.sources.edition import format_edition
from handbook.sources.model import Handbook, Page
from handbook.sources.settings import Language
from handbook.translations.translation_lag import TranslationStatus
from handbook.translations.translation_lock import SectionState


def _language_name(language: Language, locale: str) -> str:
    return language.ui.get(f"language_{locale}", locale)


def _section_url(handbook: Handbook, state: SectionState, locale: str, on_page: str) -> str:
    """The section in `locale`, linked from the page whose address is `on_page` (`en/translation-status/`)."""
    settings = handbook.settings
    prefix = settings.language(locale).folder
    page = handbook.page(state.slug, locale)
    top = page is not None and page.scan.headings and page.scan.headings[0].id == state.id
    return "../" * on_page.count("/") + page_address(prefix, state.slug, "" if top else state.id)


def lag_notice(handbook: Handbook, status: TranslationStatus, state: SectionState, language: Language) -> str:
    """The notice for a section whose text in `language` lags behind another language's, on its own page."""
    changed = state.changed[0]
    date = format_edition(status.changed_on(state, changed, handbook), language.locale)
    name = _language_name(language, changed)
    text = language.ui["lag_notice"].format(language=name, date=date)
    link = language.ui["lag_link"].format(language=name)
    url = _section_url(handbook, state, changed, page_address(language.folder, state.slug))
    # `lang` on the link: it leads into the other language on purpose (the rendered-page check lets it).
    anchor = f'<a href="{escape(url)}" lang="{escape(changed)}">{escape(link)}</a>'
    return f'<div class="lag-notice" role="note"><p>{escape(text)} {anchor}</p></div>'


def lag_notices(handbook: Handbook, status: TranslationStatus, page: Page, language: Language) -> dict[str, str]:
    """The notice for each section of this page in which its language lags, by section ID."""
    return {
        state.id: lag_notice(handbook, status, state, language)
        for state in status.stale
        if state.slug == page.slug and page.lang in state.lagging
    }


def render_status(handbook: Handbook, status: TranslationStatus, language: Language, slug: str) -> str:
    """The status page's table (on page `slug`): every section that is stale or missing in some language, with links."""
    ui = language.ui
    on_page = page_address(language.folder, slug)
    rows: list[str] = []
    for state in status.states:
        if state.state not in ("stale", "missing"):
            continue
        names = ", ".join(_language_name(language, lang) for lang in state.lagging)
        if state.state == "stale":
            changed = state.changed[0]
            date = format_edition(status.changed_on(state, changed, handbook), language.locale)
            what = ui["status_stale"].format(language=_language_name(language, changed), date=date, lagging=names)
        else:
            what = ui["status_missing"].format(lagging=names)
        links = " · ".join(
            f'<a href="{escape(_section_url(handbook, state, lang, on_page))}" lang="{lang}">'
            f"{escape(_language_name(language, lang))}</a>"
            for lang in handbook.settings.locales
            if lang in state.now
        )
        rows.append(f"<tr><td><code>{escape(state.key)}</code></td><td>{escape(what)}</td><td>{links}</td></tr>")
    counts = status.counts(handbook.settings.locales)
    summary = "".join(
        f"<li>{escape(_language_name(language, lang))}: "
        f"{escape(ui['status_counts'].format(in_step=c['in step'], stale=c['stale'], missing=c['missing']))}</li>"
        for lang, c in counts.items()
    )
    if not rows:
        return f'<ul class="translation-counts">{summary}</ul>\n\n<p>{escape(ui["status_none"])}</p>'
    head = "".join(f"<th>{escape(ui[key])}</th>" for key in ("status_section", "status_state", "status_read"))
    table = f'<table class="translation-status"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return f'<ul class="translation-counts">{summary}</ul>\n\n{table}'
