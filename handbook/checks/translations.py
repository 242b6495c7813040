"""Missing translations: pages, paragraphs, titles, UI strings, checklists and card texts in every language.

mkdocs-static-i18n hides a missing page (fallback or silence); this check makes every gap an error.
"""

from __future__ import annotations

import re

from handbook.language_guess import other_language, words_outside_quotes
from handbook.model import Handbook
from handbook.problems import Problem

UI_KEY = re.compile(r"\bui\.([A-Za-z_][\w]*)")
SOURCES_PAGE = "sources"


def translation_coverage(handbook: Handbook) -> dict[str, float]:
    total = len(handbook.pages) or 1
    return {lang: sum(lang in langs for langs in handbook.pages.values()) / total for lang in handbook.settings.locales}


def check_pages(handbook: Handbook) -> list[Problem]:
    problems = []
    for slug, langs in sorted(handbook.pages.items()):
        for lang in handbook.settings.locales:
            if lang not in langs:
                existing = next(iter(langs.values()))
                problems.append(
                    Problem(
                        existing.path,
                        1,
                        1,
                        "PAGE-UNTRANSLATED",
                        f"page '{slug}' has no '{lang}' version",
                        f"create `docs/{slug}.{lang}.md`",
                        lang,
                    )
                )
    return problems


def check_paragraphs(handbook: Handbook) -> list[Problem]:
    problems = []
    default = handbook.settings.default_locale
    for langs in handbook.pages.values():
        reference = langs.get(default)
        reference_texts = {p.text for p in reference.scan.paragraphs} if reference else set()
        for page in langs.values():
            for paragraph in page.scan.paragraphs:
                other = other_language(paragraph.text, page.lang)
                if other:
                    problems.append(
                        Problem(
                            page.path,
                            paragraph.line,
                            1,
                            "WRONG-LANGUAGE",
                            f"paragraph reads as '{other}', not '{page.lang}'",
                            "translate it, or put literal text in quotes",
                            page.lang,
                        )
                    )
                elif (
                    page is not reference and paragraph.text in reference_texts and len(words_outside_quotes(paragraph.text)) >= 4
                ):
                    problems.append(
                        Problem(
                            page.path,
                            paragraph.line,
                            1,
                            "SAME-TEXT",
                            f"paragraph is identical in {reference.path}",
                            "translate it",
                            page.lang,
                        )
                    )
    return problems


def check_titles(handbook: Handbook) -> list[Problem]:
    settings = handbook.settings
    config = settings.relative(settings.config_path)
    problems = []
    nav_titles = [entry.title for entry in settings.nav]
    for language in settings.languages:
        if not language.site_name.strip():
            problems.append(
                Problem(
                    config,
                    1,
                    1,
                    "SITE-NAME",
                    f"language '{language.locale}' has no site_name",
                    "set `site_name:` under that language",
                    language.locale,
                )
            )
        if language.default:
            continue
        block = _nav_translations_line(settings.config_path, language.locale)
        for entry in settings.nav:
            if entry.title not in language.nav_translations:
                problems.append(
                    Problem(
                        config,
                        block or entry.line,
                        1,
                        "NAV-TITLE",
                        f"navigation title '{entry.title}' (line {entry.line}) has no '{language.locale}' translation",
                        f"add the line `{entry.title}: <title in '{language.locale}'>` under this `nav_translations:`"
                        if block
                        else f"add `nav_translations:` to language '{language.locale}', with `{entry.title}: <title>` below",
                        language.locale,
                    )
                )
        for title in language.nav_translations:
            if title not in nav_titles:
                problems.append(
                    Problem(
                        config,
                        1,
                        1,
                        "NAV-TITLE",
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
                        Problem(
                            page.path,
                            box.line,
                            box.col,
                            "TITLE-MISSING",
                            f"'{box.kind}' box has no title in '{page.lang}'",
                            f'write `!!! {box.kind} "Title"`',
                            page.lang,
                        )
                    )
    return problems


def check_ui_strings(handbook: Handbook) -> list[Problem]:
    settings = handbook.settings
    config = settings.relative(settings.config_path)
    problems = []
    all_keys = set().union(*(lang.ui for lang in settings.languages)) if settings.languages else set()
    used: dict[str, tuple[str, int, int]] = {}
    if settings.overrides_dir and settings.overrides_dir.is_dir():
        for template in sorted(settings.overrides_dir.rglob("*")):
            if template.suffix != ".html" or not template.is_file():
                continue
            for lineno, line in enumerate(template.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                for match in UI_KEY.finditer(line):
                    used.setdefault(match.group(1), (settings.relative(template), lineno, match.start() + 1))
    for language in settings.languages:
        for key in sorted(all_keys | set(used)):
            if not str(language.ui.get(key, "")).strip():
                path, line, col = used.get(key, (config, 1, 1))
                problems.append(
                    Problem(
                        path,
                        line,
                        col,
                        "UI-STRING",
                        f"UI string '{key}' has no '{language.locale}' text",
                        f"add `{key}:` under `extra: ui:` of '{language.locale}' in {config}",
                        language.locale,
                    )
                )
    return problems


def check_checklists(handbook: Handbook) -> list[Problem]:
    problems = []
    default = handbook.settings.default_locale
    for langs in handbook.pages.values():
        reference = langs.get(default)
        for page in langs.values():
            for tasklist in page.scan.tasklists:
                for item in tasklist.items:
                    if not item.text.strip():
                        problems.append(
                            Problem(page.path, item.line, 1, "CHECKLIST-EMPTY", "checklist item is empty", "", page.lang)
                        )
            if reference is None or page is reference:
                continue
            theirs = {t.section_id: len(t.items) for t in reference.scan.tasklists}
            for tasklist in page.scan.tasklists:
                expected = theirs.get(tasklist.section_id)
                if expected is not None and expected != len(tasklist.items):
                    problems.append(
                        Problem(
                            page.path,
                            tasklist.line,
                            1,
                            "CHECKLIST-PARITY",
                            f"checklist has {len(tasklist.items)} items, {reference.path} has {expected}",
                            "translate item for item",
                            page.lang,
                        )
                    )
    return problems


def check_sources(handbook: Handbook) -> list[Problem]:
    problems = []
    for langs in handbook.pages.values():
        for page in langs.values():
            sources_page = handbook.page(SOURCES_PAGE, page.lang)
            known = set(sources_page.scan.section_ids) if sources_page else set()
            cited = page.meta.get("sources") or []
            if not isinstance(cited, list):
                cited = [cited]
            for key in cited:
                if str(key) not in known:
                    problems.append(
                        Problem(
                            page.path,
                            2,
                            1,
                            "SOURCE-UNKNOWN",
                            f"source '{key}' is not an article on the sources page",
                            "use the ID of an article heading in sources.md",
                            page.lang,
                        )
                    )
    return problems


def _nav_translations_line(config_path, locale: str) -> int:
    """The line of a language's `nav_translations:` in mkdocs.yml, where a missing title is added; 0 if none."""
    lines = config_path.read_text(encoding="utf-8").splitlines()
    start = next((n for n, line in enumerate(lines, 1) if line.strip() == f"- locale: {locale}"), 0)
    for number in range(start + 1, len(lines) + 1) if start else ():
        text = lines[number - 1].strip()
        if text.startswith("- locale:"):
            return 0
        if text == "nav_translations:":
            return number
    return 0


def check(handbook: Handbook) -> list[Problem]:
    return (
        check_pages(handbook)
        + check_paragraphs(handbook)
        + check_titles(handbook)
        + check_ui_strings(handbook)
        + check_checklists(handbook)
        + check_sources(handbook)
    )
