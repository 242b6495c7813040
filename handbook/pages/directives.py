"""Turns the model's structured parts into page content: phrase boxes, the card overview, downloads, sources.

These run inside `on_page_markdown`; they return Markdown with small HTML blocks, so the website and the
print step (which reads the built pages) show the same thing.
"""

from __future__ import annotations

import re
from html import escape

from handbook.pages.deck import QUICK_HELP, deck, listed_sections
from handbook.pages.desk import has_desk_sheet
from handbook.pages.published_links import link_index
from handbook.sources.addresses import page_address
from handbook.sources.downloads import CHECKLISTS, DESK_SHEET, DUPLEX, HANDBOOK, PHRASE_CARDS, PRINT_SHOP, PRINT_SHOP_TWO_SIDED
from handbook.sources.markdown_scan import Directive, scan_markdown
from handbook.sources.model import SOURCES_PAGE, Handbook, Page
from handbook.sources.phrases import Card
from handbook.sources.settings import Language

# A phrase in the handbook's other languages, under the phrase it translates: hidden until a reader asks for it
# (phrases.js), never printed (the print step drops it) and kept out of the search index, whose results are the
# page's language only.
ALONGSIDE = "phrase-alongside"


def card_text(card: Card, lang: str, when_class: str, alongside: tuple[str, ...] = ()) -> str:
    """A card's situation line and its phrases as HTML: the one markup of a card's text, on the web and on paper.

    Each phrase carries its wording in the `alongside` languages, for a reader whose customer speaks one of them."""
    when = f'<p class="{when_class}">{escape(card.when_in(lang))}</p>' if card.when_in(lang) else ""
    items: list[str] = []
    for phrase in card.phrases:
        if not phrase.get(lang):
            continue
        others = "".join(
            f'<span class="{ALONGSIDE}" lang="{other}" hidden data-search-exclude>{escape(phrase[other])}</span>'
            for other in alongside
            if phrase.get(other)
        )
        items.append(f"<li>{escape(phrase[lang])}{others}</li>")
    return when + "<ul>" + "".join(items) + "</ul>"


# Two capitals open an abbreviation (KVK, AVG); "I" is written so anywhere in English.
KEEPS_ITS_CAPITAL = re.compile(r"[A-Z]{2}|I\b|I’")


def phrase_box_title(card: Card, language: Language) -> str:
    """ "Zo zeg je het: de klant is boos": the card's title runs on after the colon, so it starts in lower case as
    Dutch and English both write it there, unless its first word is written in capitals (an abbreviation such as
    KVK) or is the English "I"."""
    title = card.title_in(language.locale)
    if title[:1].isupper() and not KEEPS_ITS_CAPITAL.match(title):
        title = title[0].lower() + title[1:]
    return f"{language.label('phrases_title')}: {title}"


# Under the phrase box of a chapter section that quick help's list sends a reader to mid-call: the way back to the
# list, as each situation on quick help ends with one. Web only, like theirs.
BACK_TO_LIST = "back-to-list"


def render_phrase_box(card: Card, language: Language, alongside: tuple[str, ...] = (), back_to_list: str = "") -> str:
    """The card's phrase box; `back_to_list`, when given, is the address of quick help's list, linked under it."""
    back = (
        f'<p class="{BACK_TO_LIST}"><a class="to-list" href="{back_to_list}">{escape(language.label("back_to_list"))}</a></p>'
        if back_to_list
        else ""
    )
    return (
        f'<div class="phrases" id="phrases-{card.id}" data-card="{card.id}">'
        f'<p class="phrases-title">{escape(phrase_box_title(card, language))}</p>'
        f"{card_text(card, language.locale, 'phrases-when', alongside)}</div>{back}"
    )


def render_card_overview(handbook: Handbook, language: Language, prefix: str) -> str:
    ordered = deck(handbook)
    total = len(ordered)
    cards: list[str] = []
    for number, card in enumerate(ordered, 1):
        lang = language.locale
        link = page_address(prefix, card.page, card.anchor)
        cards.append(
            f'<article class="phrase-card" id="card-{card.id}">'
            f'<h3 class="phrase-card-title">{escape(card.title_in(lang))}</h3>{card_text(card, lang, "phrases-when")}'
            f'<p class="phrase-card-foot"><a href="{link}">{escape(language.label("card_section_link"))}</a>'
            f' <span class="phrase-card-number">{number}/{total}</span></p></article>'
        )
    return f'<div class="phrase-card-grid">{"".join(cards)}</div>'


def render_downloads(handbook: Handbook, language: Language, root_prefix: str) -> str:
    lang = language.locale
    locales = handbook.settings.locales
    entries = [(HANDBOOK.format(lang=lang), language.label("download_handbook"))]
    if has_desk_sheet(handbook):
        entries.append((DESK_SHEET.format(lang=lang), language.label("download_desk")))
    entries += [
        (PHRASE_CARDS.format(lang=lang), language.label("download_cards")),
        (CHECKLISTS.format(lang=lang), language.label("download_checklists")),
    ]
    if len(locales) >= 2:
        entries.append((DUPLEX.format(front=locales[0], back=locales[1]), language.label("download_duplex")))
    return _download_list(entries, root_prefix)


def render_print_shop_downloads(handbook: Handbook, language: Language, root_prefix: str) -> str:
    """The phrase cards as a print shop takes them: this language, and the two-sided set when there are two."""
    locales = handbook.settings.locales
    entries = [(PRINT_SHOP.format(lang=language.locale), language.label("download_print_shop"))]
    if len(locales) >= 2:
        two_sided = PRINT_SHOP_TWO_SIDED.format(front=locales[0], back=locales[1])
        entries.append((two_sided, language.label("download_print_shop_two_sided")))
    return _download_list(entries, root_prefix)


def _download_list(entries: list[tuple[str, str]], root_prefix: str) -> str:
    items = "".join(
        f'<li><a href="{root_prefix}downloads/{name}" download>{escape(label)}</a> (PDF)</li>' for name, label in entries
    )
    return f'<ul class="downloads">{items}</ul>'


def render_link_index(handbook: Handbook, language: Language) -> str:
    """Every section with its permanent URL and copy buttons for it in each wiki's form, for wiki editors."""
    lang = language.locale
    rows: list[str] = []
    for entry in link_index(handbook):
        if lang not in entry["url"]:
            continue
        url = entry["url"][lang]
        level = "page" if entry["id"] == entry["page"] or url.endswith("/") else "section"
        title = entry["title"][lang]
        wiki = "".join(
            f'<button type="button" class="copy-form" data-copy="{escape(text)}" '
            f'aria-label="{escape(language.label("copy_as").format(form=language.label(f"form_{form}")))}: {escape(title)}">'
            f"{escape(language.label(f'form_{form}'))}</button>"
            for form, text in entry["forms"][lang].items()
            if form != "url"
        )
        rows.append(
            f'<tr class="link-{level}"><td>{escape(title)}</td><td><code>{escape(url)}</code></td>'
            f'<td><button type="button" class="copy-url md-button" data-url="{escape(url)}">'
            f'{escape(language.label("copy_url"))}</button><span class="copy-link-status" role="status"></span></td>'
            f'<td class="link-forms">{wiki}<span class="copy-link-status" role="status"></span></td></tr>'
        )
    head = "".join(f"<th>{escape(language.label(key))}</th>" for key in ("link_title", "link_url", "link_copy", "link_forms"))
    return f'<table class="link-index"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def render_page_footer(handbook: Handbook, page: Page, language: Language, prefix: str, updated: str) -> str:
    """The chapter's sources and the date it last changed, at its foot."""
    changed = f'<p class="page-updated">{escape(language.label("last_updated"))}: {escape(updated)}</p>' if updated else ""
    keys = page.sources
    sources = handbook.page(SOURCES_PAGE, page.lang)
    if not keys or sources is None:
        return f"\n\n{changed}\n" if changed else ""
    titles = {h.id: h.title for h in sources.scan.headings if h.id}
    links = ", ".join(f'<a href="{page_address(prefix, SOURCES_PAGE, key)}">{escape(titles.get(key, key))}</a>' for key in keys)
    return f'\n\n<div class="chapter-sources"><p>{escape(language.label("sources_label"))}: {links}</p>{changed}</div>\n'


def expand_page(
    markdown: str,
    handbook: Handbook,
    page: Page,
    language: Language,
    prefix: str,
    root_prefix: str,
    updated: str = "",
    notices: dict[str, str] | None = None,
    status_table: str = "",
) -> str:
    """The page's Markdown with each directive replaced and each notice placed, at the lines its one parse found.

    `notices` are HTML blocks to put under the heading with that ID (a lagging translation); `status_table`
    replaces `{% translation-status %}`. Nothing is looked up by counting lines in what MkDocs passed: MkDocs
    hands over the body the model read (it may drop blank lines at either end), so the model's body and its
    parse are used; should another plugin have changed the text, that text is parsed once more instead."""
    body, scan, first = page.body, page.scan, page.body_line
    if markdown.strip() != body.strip():
        body, scan, first = markdown, scan_markdown(markdown), 1
    lines = body.split("\n")
    for directive in scan.directives:
        at = directive.line - first
        replacement = _expanded(directive, handbook, page, language, prefix, root_prefix, status_table)
        if replacement is not None and 0 <= at < len(lines):
            lines[at] = directive.indent + replacement
    for heading in scan.headings:
        notice = (notices or {}).get(heading.id or "")
        if notice:
            at = heading.end_line - first
            lines[at] = f"{lines[at]}\n\n{notice}\n"
    return "\n".join(lines) + render_page_footer(handbook, page, language, prefix, updated)


def _phrase_box(card: Card, handbook: Handbook, page: Page, language: Language, prefix: str) -> str:
    """A `{% phrases %}` box on `page`: with the other languages' wording, and, in a chapter section that quick
    help's list leads to, the way back to that list."""
    others = tuple(locale for locale in handbook.settings.locales if locale != language.locale)
    listed = page.slug != QUICK_HELP and f"{card.page}#{card.anchor}" in listed_sections(handbook, language.locale)
    return render_phrase_box(card, language, others, page_address(prefix, QUICK_HELP, QUICK_HELP) if listed else "")


def _expanded(
    directive: Directive,
    handbook: Handbook,
    page: Page,
    language: Language,
    prefix: str,
    root_prefix: str,
    status_table: str,
) -> str | None:
    """The HTML for one directive, or None when it names nothing (reported at its line by the leftovers check)."""
    name, argument = directive.name, directive.argument
    card = handbook.card(argument) if name == "phrases" else None
    renderers = {
        "phrases": lambda: _phrase_box(card, handbook, page, language, prefix) if card else None,
        "phrase-cards": lambda: render_card_overview(handbook, language, prefix),
        "link-index": lambda: render_link_index(handbook, language),
        "downloads": lambda: render_downloads(handbook, language, root_prefix),
        "print-shop-downloads": lambda: render_print_shop_downloads(handbook, language, root_prefix),
        "translation-status": lambda: status_table or None,
    }
    render = renderers.get(name)
    return render() if render else None
