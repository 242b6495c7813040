"""Missing translations: pages, texts of every size, titles, UI strings, checklists and card texts.

mkdocs-static-i18n hides a missing page (fallback or silence); this check makes every gap an error. Every
translatable unit (`handbook.translations.translation_units`: page title, headings, paragraphs, list and checklist items,
table cells, box titles, each card field) is tested twice:

- SAME-TEXT: the unit is identical to a unit of the default-language page (or the same card field). Text
  may stay identical when it is only links, or when, once quoted text, text marked with another `lang`,
  code, URLs and link targets are set aside, every word left starts with a capital and is not a known word
  of the default language, and it is not one single ordinary word longer than four letters: numbers,
  names (`Annemieke Tissink`), `Tip`, `OK`, `WhatsApp` may stay; `Telefoonregels`, `Kernpunt` may not. A
  name made of ordinary words (`"De Ondernemer"`) is set aside by its quotes.
- WRONG-LANGUAGE: a paragraph of six words or more reads as the other language on its own; shorter texts
  are judged together (`handbook.translations.language_guess`): one that plainly reads as the other language is
  reported, and when a page's (or card's) short texts together read as the other language, every one
  leaning that way is reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.markdown_scan import LINK
from handbook.sources.model import SOURCES_PAGE, Handbook, Page
from handbook.sources.settings import CODE_UI_KEYS
from handbook.translations.language_guess import (
    WORD,
    WORDS,
    clearly_other,
    leans_other,
    other_language,
    reads_as_other,
    words_outside_quotes,
)
from handbook.translations.translation_units import Unit, card_units, page_units

UI_KEY = re.compile(r"\bui\.([A-Za-z_][\w]*)")
# The small words inside Dutch and other names (`Sanne de Wit`, `Jan van der Berg`): a name stays a name.
NAME_PARTICLES = frozenset({"de", "den", "der", "van", "von", "ten", "ter", "te", "het", "la", "le", "du", "da"})
# Paragraphs this long are judged on their own; shorter ones join the page's short texts.
PARAGRAPH_WORDS = 6
# Problems that mean a unit is not (yet) translated; they lower the "% translated" figure.
TRANSLATION_CODES = frozenset({Code.SAME_TEXT, Code.WRONG_LANGUAGE, Code.CARD_LANGUAGE, Code.CHECKLIST_EMPTY})


def translation_coverage(handbook: Handbook, problems: list[Problem]) -> dict[str, float]:
    """Per language, the share of translatable units that are translated without a translation problem.

    The units are those of `handbook.translations.translation_units`: every page's title, headings, paragraphs, list and
    checklist items, table cells and box titles, and every card's title, `when` and phrases. A unit counts
    as translated when its language has it, its text is not empty, and no translation problem
    (TRANSLATION_CODES) points at its line. A page missing in a language counts with the units of its
    default-language version, all untranslated.
    """
    flagged = {(p.path, p.line) for p in problems if p.code in TRANSLATION_CODES}
    default = handbook.settings.default_locale
    coverage: dict[str, float] = {}
    for lang in handbook.settings.locales:
        total = done = 0
        for langs in handbook.pages.values():
            page = langs.get(lang)
            if page is None:
                reference = langs.get(default) or next(iter(langs.values()))
                total += len(page_units(reference.scan, PARAGRAPH_WORDS))
                continue
            units = page_units(page.scan, PARAGRAPH_WORDS)
            total += len(units)
            done += sum((page.path, unit.line) not in flagged for unit in units)
        for card in handbook.cards:
            for unit in card_units(card):
                total += 1
                line = unit.places.get(lang, (0, 0))[0]
                done += bool(unit.texts.get(lang)) and (handbook.cards_path, line) not in flagged
        coverage[lang] = done / total if total else 1.0
    return coverage


def check_pages(handbook: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    for slug, langs in sorted(handbook.pages.items()):
        for lang in handbook.settings.locales:
            if lang not in langs:
                existing = next(iter(langs.values()))
                problems.append(
                    Problem(
                        existing.path,
                        1,
                        1,
                        Code.PAGE_UNTRANSLATED,
                        f"page '{slug}' has no '{lang}' version",
                        f"create `docs/{slug}.{lang}.md`",
                        lang,
                    )
                )
    return problems


def may_stay_identical(text: str, other: str) -> bool:
    """True for text that may read the same in both languages (see the module docstring)."""
    if not WORD.search(LINK.sub(" ", text)):
        return True  # link-only
    words = words_outside_quotes(text)
    if len(words) == 1 and len(words[0]) > 4 and words[0][1:].islower():
        return False  # one ordinary word, like an untranslated page title `Telefoonregels`
    names = [word for word in words if word not in NAME_PARTICLES] if len(words) > 1 else words
    return all(word[0].isupper() and word.lower() not in WORDS[other] for word in names)


def _wrong_language(path: str, unit: Unit, other: str, lang: str, pooled: bool) -> Problem:
    why = ", like this page's other short texts" if pooled else ""
    return Problem(
        path,
        unit.line,
        unit.col,
        Code.WRONG_LANGUAGE,
        f"{unit.kind} reads as '{other}', not '{lang}'{why}",
        f"translate it into '{lang}'; a quotation in '{other}' stays, marked: `*...*{{lang={other}}}`",
        lang,
    )


def _language_problems(path: str, units: Sequence[Unit], lang: str) -> list[Problem]:
    """WRONG-LANGUAGE for long paragraphs on their own, and for short texts judged together."""
    problems: list[Problem] = []
    short: list[Unit] = []
    for unit in units:
        if not unit.short:
            other = other_language(unit.text, lang)
            if other:
                problems.append(_wrong_language(path, unit, other, lang, False))
        else:
            short.append(unit)
    pooled = reads_as_other([unit.text for unit in short], lang)
    for unit in short:
        other = clearly_other(unit.text, lang) or (pooled and leans_other(unit.text, lang))
        if other:
            problems.append(_wrong_language(path, unit, other, lang, not clearly_other(unit.text, lang)))
    return problems


def check_page_texts(handbook: Handbook) -> list[Problem]:
    """SAME-TEXT for every unit copied from the default language, WRONG-LANGUAGE for the rest."""
    problems: list[Problem] = []
    default = handbook.settings.default_locale
    for langs in handbook.pages.values():
        reference = langs.get(default)
        reference_path = reference.path if reference else ""  # a text is only "identical" where this page exists
        reference_texts: dict[str, Unit] = {}  # text -> its first unit in the default language
        for unit in page_units(reference.scan, PARAGRAPH_WORDS) if reference else []:
            reference_texts.setdefault(unit.text, unit)
        for page in langs.values():
            units = page_units(page.scan, PARAGRAPH_WORDS)
            same: list[Unit] = []
            if page is not reference:
                same = [u for u in units if u.text in reference_texts and not may_stay_identical(u.text, default)]
            problems += [
                page.problem(
                    unit.line,
                    unit.col,
                    Code.SAME_TEXT,
                    f"{unit.kind} is identical in {reference_path}:{reference_texts[unit.text].line}",
                    f"translate it into '{page.lang}'",
                )
                for unit in same
            ]
            problems += _language_problems(page.path, [u for u in units if u not in same], page.lang)
            problems += _unmarked_quotations(page)
    return problems


# An emphasised title or quotation (`*...*`, `_..._`) with no attribute list after it.
EMPHASIS = re.compile(r"(?<![*_\w])(\*{1,2}|_{1,2})(?=\S)([^*_\n]{8,}?)(?<=\S)\1(?!\{)")


def _unmarked_quotations(page: Page) -> list[Problem]:
    """WRONG-LANGUAGE for a title or quotation in the other language, emphasised but not marked with its language.

    Inside a paragraph in the page's own language it passes the paragraph test, yet a screen reader would read it
    with the page's rules (WCAG 3.1.2); marked, `*Titel*{lang=nl}`, it carries `lang` on the web and in the PDF."""
    problems: list[Problem] = []
    for line, raw in page.scan.text_lines:
        for match in EMPHASIS.finditer(raw):
            other = clearly_other(match.group(2), page.lang)
            if other:
                problems.append(
                    page.problem(
                        line,
                        match.start() + 1,
                        Code.WRONG_LANGUAGE,
                        f"'{match.group(2)}' reads as '{other}' but is not marked as '{other}'",
                        f"mark the quotation with its language: `{match.group(0)}{{lang={other}}}`",
                    )
                )
    return problems


def check_card_texts(handbook: Handbook) -> list[Problem]:
    """The same two tests for each card: each field against the default language, all fields together."""
    problems: list[Problem] = []
    default = handbook.settings.default_locale
    for card in handbook.cards:
        units = card_units(card)
        for lang in handbook.settings.locales:
            texts: list[Unit] = []
            for unit in units:
                text = unit.texts.get(lang, "")
                line, col = unit.places.get(lang, (card.line, 1))
                if not text:
                    continue
                if lang != default and text == unit.texts.get(default) and not may_stay_identical(text, default):
                    problems.append(
                        handbook.cards_problem(
                            line,
                            col,
                            Code.SAME_TEXT,
                            f"card '{card.id}': {unit.field} is identical in '{default}'"
                            f" at {handbook.cards_path}:{unit.places.get(default, (card.line, 1))[0]}",
                            f"translate it into '{lang}'",
                            lang,
                        )
                    )
                else:
                    texts.append(Unit(f"card '{card.id}': {unit.field}", text, line, col))
            problems += _language_problems(handbook.cards_path, texts, lang)
    return problems


def check_titles(handbook: Handbook) -> list[Problem]:
    settings = handbook.settings
    config = settings.config_display
    problems: list[Problem] = []
    nav_titles = [entry.title for entry in settings.nav]
    for language in settings.languages:
        if not language.site_name.strip():
            problems.append(
                settings.config_problem(
                    *language.place,
                    Code.SITE_NAME,
                    f"language '{language.locale}' has no site_name",
                    "set `site_name:` under that language",
                    language.locale,
                )
            )
        if language.default:
            continue
        block = language.nav_translations_line
        for entry in settings.nav:
            if entry.title not in language.nav_translations:
                problems.append(
                    settings.config_problem(
                        block or entry.line,
                        1,
                        Code.NAV_TITLE,
                        f"navigation title '{entry.title}' at {config}:{entry.line} has no '{language.locale}' translation",
                        f"add the line `{entry.title}: <title in '{language.locale}'>` under this `nav_translations:`"
                        if block
                        else f"add `nav_translations:` to language '{language.locale}', with `{entry.title}: <title>` below",
                        language.locale,
                    )
                )
        for title in language.nav_translations:
            if title not in nav_titles:
                problems.append(
                    settings.config_problem(
                        1,
                        1,
                        Code.NAV_TITLE,
                        f"translation for unknown navigation title '{title}'",
                        "match the title in `nav:` exactly",
                        language.locale,
                    )
                )
    for langs in handbook.pages.values():
        for page in langs.values():
            for box in page.scan.admonitions:
                if not (box.title or "").strip():
                    problems.append(
                        page.problem(
                            box.line,
                            box.col,
                            Code.TITLE_MISSING,
                            f"'{box.kind}' box has no title in '{page.lang}'",
                            f'write `!!! {box.kind} "Title"`',
                        )
                    )
    return problems


def check_ui_strings(handbook: Handbook) -> list[Problem]:
    settings = handbook.settings
    config = settings.config_display
    problems: list[Problem] = []
    all_keys = set[str]().union(*(lang.ui for lang in settings.languages)) if settings.languages else set[str]()
    used: dict[str, tuple[str, int, int]] = {}
    if settings.overrides_dir and settings.overrides_dir.is_dir():
        for template in sorted(settings.overrides_dir.rglob("*")):
            if template.suffix != ".html" or not template.is_file():
                continue
            for lineno, line in enumerate(template.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
                for match in UI_KEY.finditer(line):
                    used.setdefault(match.group(1), (settings.relative(template), lineno, match.start() + 1))
    for language in settings.languages:
        for key in sorted(all_keys | set(used) | set(CODE_UI_KEYS)):
            if not str(language.ui.get(key, "")).strip():
                path, line, col = used.get(key, (config, *(language.ui_place or language.place)))
                problems.append(
                    Problem(
                        path,
                        line,
                        col,
                        Code.UI_STRING,
                        f"UI string '{key}' has no '{language.locale}' text",
                        f"add `{key}:` under `extra: ui:` of '{language.locale}' in {config}",
                        language.locale,
                    )
                )
    return problems


def check_checklists(handbook: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    default = handbook.settings.default_locale
    for langs in handbook.pages.values():
        reference = langs.get(default)
        for page in langs.values():
            for tasklist in page.scan.tasklists:
                for item in tasklist.items:
                    if not item.text.strip():
                        problems.append(page.problem(item.line, 1, Code.CHECKLIST_EMPTY, "checklist item is empty"))
            if reference is None or page is reference:
                continue
            theirs = {t.section_id: t for t in reference.scan.tasklists}
            for tasklist in page.scan.tasklists:
                there = theirs.get(tasklist.section_id)
                if there is not None and (expected := len(there.items)) != len(tasklist.items):
                    problems.append(
                        page.problem(
                            tasklist.line,
                            1,
                            Code.CHECKLIST_PARITY,
                            f"checklist has {len(tasklist.items)} items, the one at {reference.path}:{there.line} has {expected}",
                            "translate item for item",
                        )
                    )
    return problems


def check_sources(handbook: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    for langs in handbook.pages.values():
        for page in langs.values():
            sources_page = handbook.page(SOURCES_PAGE, page.lang)
            known = set(sources_page.scan.section_ids) if sources_page else set[str]()
            for key in page.sources:
                if key not in known:
                    problems.append(
                        page.problem(
                            2,
                            1,
                            Code.SOURCE_UNKNOWN,
                            f"source '{key}' is not an article on the sources page",
                            "use the ID of an article heading in sources.md",
                        )
                    )
    return problems


def check(handbook: Handbook) -> list[Problem]:
    return (
        check_pages(handbook)
        + check_page_texts(handbook)
        + check_card_texts(handbook)
        + check_titles(handbook)
        + check_ui_strings(handbook)
        + check_checklists(handbook)
        + check_sources(handbook)
    )
