"""The index of the printed handbook: one bilingual data file (`docs/index-terms.yml`) read into terms with line
numbers, each naming the sections that treat it.

A reader of a printed reference book looks a word up at the back ("incassokosten", "112") and finds its pages.
The terms are written once, both languages side by side, like the phrase cards; the checks hold every target to a
printed section (handbook/checks/index_terms.py) and the print step sorts and numbers them per language
(handbook/printing/book_index.py). A target renamed with a section redirect is followed, as a reader's old link
is: renaming a section never breaks the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.core.yaml_lines import Located, items_of, mapping_of
from handbook.sources.config_file import load_data_list

INDEX_FILE = "index-terms.yml"
TARGETS_KEY = "sections"
MAX_TARGETS = 4  # more pages than this after a word, and a reader no longer finds the one that treats it
WORD = re.compile(r"[^\W_]+")  # a run of letters or digits
APOSTROPHES = str.maketrans("", "", "'’")  # part of a word (“I’ve”, “professional’s”), not a break in it


def sort_key(term: str) -> str:
    """What a term is sorted and told apart by: its words without case, accents or punctuation, so that “ik heb al
    betaald” stands among the i's, één among the e's and `Review` is the same term as `review`. Words are compared
    one by one (word by word, as most indexes do: “I want …” before “I’ve …”, `no-show` before `nobody`). Dutch and
    English sort alike on these terms: Dutch dictionaries sort ij as i followed by j (NFKD makes the ligature ĳ so)."""
    decomposed = unicodedata.normalize("NFKD", term)
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(WORD.findall(bare.translate(APOSTROPHES).casefold()))


@dataclass(frozen=True)
class IndexTarget:
    """A section an index term points at, after the section redirects in mkdocs.yml."""

    page: str
    anchor: str
    line: int  # where it is written in the index file
    col: int
    written: str = ""  # `page#section-id` as written, when a redirect led elsewhere

    @property
    def key(self) -> str:
        return f"{self.page}#{self.anchor}"


@dataclass(frozen=True)
class IndexTerm:
    words: dict[str, str]  # locale -> the term as printed in that language's index
    targets: tuple[IndexTarget, ...]
    line: int
    # locale -> (line, col) of that language's word, for problems about it
    places: dict[str, tuple[int, int]] = field(default_factory=dict[str, tuple[int, int]])

    def word_in(self, lang: str) -> str:
        """The term in `lang`; another language's while validation reports the missing one, so a preview goes on."""
        return self.words.get(lang) or next((word for word in self.words.values() if word), "")


def followed(target: str, redirects: dict[str, str]) -> str:
    """Where `page#section-id` leads through the section redirects (a renamed section may be renamed again)."""
    seen = {target}
    while target in redirects and redirects[target] not in seen:
        target = redirects[target]
        seen.add(target)
    return target


def _targets(node: Located, term: str, redirects: dict[str, str], path: str) -> tuple[list[IndexTarget], list[Problem]]:
    """The sections a term names under `sections:`, each followed through the redirects, and what is wrong with them."""
    listed = items_of(node)
    values = listed if listed is not None else [node]  # one section may be written without a list
    targets: list[IndexTarget] = []
    problems: list[Problem] = []
    if not values:
        problems.append(Problem(path, node.line, node.col, Code.INDEX_FORMAT, f"index term '{term}' names no section"))
    for value in values:
        written = value.value.strip() if isinstance(value.value, str) else ""
        page, _, anchor = written.partition("#")
        if not page or not anchor or "#" in anchor:
            message = f"index term '{term}': each of its `{TARGETS_KEY}` must be `page#section-id`"
            problems.append(
                Problem(path, value.line, value.col, Code.INDEX_FORMAT, message, "for example `refunds#consumer-rights`")
            )
            continue
        resolved = followed(written, redirects)
        target_page, _, target_anchor = resolved.partition("#")
        target = IndexTarget(target_page, target_anchor, value.line, value.col, written if resolved != written else "")
        first = next((other for other in targets if other.key == target.key), None)
        if first is not None:
            renamed = f" (`{written}` is its old name, redirected)" if target.written else ""
            problems.append(
                Problem(
                    path,
                    value.line,
                    value.col,
                    Code.INDEX_DUPLICATE,
                    f"index term '{term}' names the section '{target.key}' twice, first at {path}:{first.line}:{first.col}",
                    "name each section once" + renamed,
                )
            )
            continue
        targets.append(target)
    if len(targets) > MAX_TARGETS:
        message = f"index term '{term}' names {len(targets)} sections"
        fix = f"keep the {MAX_TARGETS} or fewer that treat it; a passing mention needs no page in the index"
        problems.append(Problem(path, node.line, node.col, Code.INDEX_FORMAT, message, fix))
    return targets, problems


def _term(entry: Located, locales: list[str], redirects: dict[str, str], path: str, problems: list[Problem]) -> IndexTerm | None:
    fields = mapping_of(entry)
    if fields is None:
        problems.append(Problem(path, entry.line, entry.col, Code.INDEX_FORMAT, "each index term must be a mapping"))
        return None
    words: dict[str, str] = {}
    places: dict[str, tuple[int, int]] = {}
    for locale in locales:
        value = fields.get(locale)
        word = value.value.strip() if value is not None and isinstance(value.value, str) else ""
        if word:
            words[locale] = word
            places[locale] = (value.line, value.col) if value is not None else (entry.line, entry.col)
    name = next(iter(words.values()), "")
    for locale in locales:
        if locale in words:
            continue
        value = fields.get(locale)
        line, col = (value.line, value.col) if value is not None else (entry.line, entry.col)
        there = f" (`{locale}:` is there but empty)" if value is not None else ""
        problems.append(
            Problem(
                path,
                line,
                col,
                Code.INDEX_LANGUAGE,
                f"index term '{name}' has no '{locale}' word{there}",
                f"write the term in '{locale}' after `{locale}:`" if value is not None else f"add `{locale}:` with the term",
                locale,
            )
        )
    for key, value in fields.items():
        if key not in locales and key != TARGETS_KEY:
            expected = ", ".join(f"`{known}:`" for known in [*locales, TARGETS_KEY])
            message = f"index term '{name}' has an unknown key `{key}:`"
            # A key is not located, but the keys of one entry all start in its column, on their values' line.
            problems.append(Problem(path, value.line, entry.col, Code.INDEX_FORMAT, message, f"an index term has {expected}"))
    node = fields.get(TARGETS_KEY)
    if node is None:
        message = f"index term '{name}' has no `{TARGETS_KEY}:`"
        fix = f"add `{TARGETS_KEY}: [page#section-id]`, the sections that treat it"
        problems.append(Problem(path, entry.line, entry.col, Code.INDEX_FORMAT, message, fix))
        return None
    targets, found = _targets(node, name, redirects, path)
    problems.extend(found)
    return IndexTerm(words, tuple(targets), entry.line, places)


def _duplicates(terms: list[IndexTerm], locales: list[str], path: str) -> list[Problem]:
    """A term listed twice in one language (case, accents and punctuation aside): its pages belong in one entry."""
    problems: list[Problem] = []
    for locale in locales:
        first: dict[str, IndexTerm] = {}
        for term in terms:
            word = term.words.get(locale)
            if word is None:
                continue
            earlier = first.setdefault(sort_key(word), term)
            if earlier is term:
                continue
            line, col = term.places[locale]
            message = f"index term '{word}' is already listed at {path}:{earlier.places[locale][0]}"
            fix = "put the sections of both in one entry" + (
                f" (it reads '{earlier.words[locale]}' there)" if earlier.words[locale] != word else ""
            )
            problems.append(Problem(path, line, col, Code.INDEX_DUPLICATE, message, fix, locale))
    return problems


def load_index_terms(
    path: Path, display_path: str, locales: list[str], redirects: dict[str, str]
) -> tuple[list[IndexTerm], list[Problem]]:
    """Read the index file; every fault becomes a `Problem`, never an exception. No file: no index."""
    entries, problems = load_data_list(path, display_path, "terms", Code.INDEX_FORMAT)
    terms = [term for entry in entries if (term := _term(entry, locales, redirects, display_path, problems)) is not None]
    return terms, problems + _duplicates(terms, locales, display_path)
