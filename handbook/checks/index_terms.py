"""The index terms lead to printed sections: a term whose page number would be missing or wrong is found here,
at its line in the index file, before anything is built.

A target is checked after the section redirects (the model follows them when it reads the file), so a renamed
section keeps its index entries; one whose redirect leads nowhere is reported with the redirect it went through.
"""

from __future__ import annotations

import difflib

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.index_terms import IndexTarget, IndexTerm
from handbook.sources.model import Handbook


def _closest(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return match[0] if match else ""


def _target_problems(handbook: Handbook, term: IndexTerm, target: IndexTarget) -> list[Problem]:
    locales = handbook.settings.locales
    name = term.word_in(handbook.settings.default_locale)
    where = f"'{target.key}'" + (f" (where the redirect of '{target.written}' leads)" if target.written else "")

    def problem(message: str, fix: str = "", lang: str = "") -> Problem:
        message = f"index term '{name}': {message}"
        return Problem(handbook.index_path, target.line, target.col, Code.INDEX_TARGET, message, fix, lang)

    pages = handbook.pages.get(target.page, {})
    if not pages:
        suggestion = _closest(target.page, sorted(handbook.pages))
        fix = f"did you mean `{suggestion}#{target.anchor}`?" if suggestion else "write `page#section-id` of a printed page"
        return [problem(f"{where} names no page of the handbook", fix)]
    if any(page.meta.get("print", True) is False for page in pages.values() if page.meta_readable):
        return [problem(f"{where} is on a web-only page (`print: false`), which the printed handbook leaves out")]
    missing = [lang for lang in locales if target.anchor not in (pages[lang].scan.section_ids if lang in pages else [])]
    if not missing:
        return []
    sections = next((page.scan.section_ids for page in pages.values()), list[str]())
    suggestion = _closest(target.anchor, sections)
    fix = f"did you mean `{target.page}#{suggestion}`?" if suggestion else f"see the `{{#...}}` IDs of {target.page}'s headings"
    if missing == locales:  # once, not once per language in the same words
        return [problem(f"{where} is not a section of the handbook", fix)]
    # A section missing in one language is ID-PARITY's fault at that page; here, only where the index meets it.
    return [problem(f"{where} is not a section of {pages[lang].path}", fix, lang) for lang in missing if lang in pages]


def check(handbook: Handbook) -> list[Problem]:
    terms = handbook.index_terms
    return [problem for term in terms for target in term.targets for problem in _target_problems(handbook, term, target)]
