"""The record of translations in step (`translations.lock`): section fingerprints, and what changed since.

An improved Dutch section whose English text keeps the old advice passes every other check. The lock lists,
one line per section, a fingerprint of each language's text as it was when both said the same thing:

    conversation#stay-calm nl=3f2a9c0b71d4 en=a81c55e0e92f

A section is a heading with an ID and everything up to the next heading of the same or higher level. It is
recorded as its own text (up to the next heading with an ID, of any level) plus its subsections' lines, so an
edit is flagged once, at the innermost section that holds it, not again at every section around it. Text
before a page's first heading belongs to its first section.

The fingerprint is the first 12 hex digits of the SHA-256 of the section's text normalised: Markdown markup
(emphasis, links, images, list and box markers, table pipes, HTML tags, heading IDs) reduced to its words and
whitespace collapsed, so reflowing a paragraph or adding bold does not count as a change. The lock holds
hashes only, to stay short and readable in a diff; the old text a message shows is read back from git
(`handbook.translations.translation_history`), which keeps every version the hashes were taken from.

Everything here is pure: the model's page text in, states and lock text out.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handbook.sources.markdown_scan import Heading
from handbook.sources.model import Handbook, Page

LOCK_FILE = "translations.lock"
LOCK_HEADER = (
    "# Sections whose languages were last known to say the same thing: `page#section lang=fingerprint ...`.\n"
    "# Written by `make translations-update`; a section changed in one language only is TRANSLATION-STALE.\n"
)
FINGERPRINT_DIGITS = 12

# Markdown reduced to its words, in this order.
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*(?:[#.]|[\w-]+=)[^}\n]*\}")
AROUND_BRACKETS = re.compile(r"\s*([()\[\]])\s*")  # a tag or attribute list gone leaves a space beside them
IMAGE_OR_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.IGNORECASE)
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
BOX_LINE = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+"(.*)")?[ \t]*$', re.MULTILINE)
TABLE_RULE = re.compile(r"^[ \t|:-]*-{3,}[ \t|:-]*$", re.MULTILINE)
LINE_MARKER = re.compile(r"^[ \t]*(?:#{1,6}|>|[-*+](?:[ \t]+\[[ xX]\])?|\d{1,9}[.)])(?=[ \t]|$)", re.MULTILINE)
EMPHASIS = re.compile(r"\*+|~~|`+|(?<!\w)_+|_+(?!\w)")
SPACE = re.compile(r"\s+")


def normalise(markdown: str) -> str:
    """A section's words: markup that only formats is dropped, and every run of whitespace is one space."""
    text = ATTRIBUTE_LIST.sub(" ", markdown)
    text = BOX_LINE.sub(lambda m: m.group(1) or "", text)
    text = IMAGE_OR_LINK.sub(r"\1", text)
    text = IMAGE_OR_LINK.sub(r"\1", text)  # a link around an image
    text = AUTOLINK.sub(r"\1", text)
    text = HTML_TAG.sub(" ", text)
    text = TABLE_RULE.sub(" ", text)
    text = LINE_MARKER.sub(" ", text)
    text = EMPHASIS.sub("", text.replace("|", " ").replace("\\", ""))
    return AROUND_BRACKETS.sub(r"\1", SPACE.sub(" ", text)).strip()


def fingerprint(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:FINGERPRINT_DIGITS]


@dataclass(frozen=True)
class Section:
    id: str
    line: int  # file line of its heading
    text: str  # normalised
    fingerprint: str


def page_sections(body: str, headings: Sequence[Heading], body_line: int) -> list[Section]:
    """Each ID'd heading's own text, from a page body and its scanned headings (`Page.body`, `scan.headings`)."""
    lines = body.split("\n")
    starts = [(h.id, h.line) for h in headings if h.id]  # (id, line)
    sections: list[Section] = []
    for number, (section_id, line) in enumerate(starts):
        first = 0 if number == 0 else line - body_line
        end = starts[number + 1][1] - body_line if number + 1 < len(starts) else len(lines)
        text = normalise("\n".join(lines[first:end]))
        sections.append(Section(section_id, line, text, fingerprint(text)))
    return sections


def sections_of(page: Page) -> list[Section]:
    return page_sections(page.body, page.scan.headings, page.body_line)


@dataclass
class SectionState:
    """One section across languages: its state, and per language its text now and its recorded fingerprint."""

    slug: str
    id: str
    state: str  # "in step", "new", "updated" (both changed), "stale", "missing"
    now: dict[str, Section] = field(default_factory=dict[str, Section])
    recorded: dict[str, str] = field(default_factory=dict[str, str])
    changed: tuple[str, ...] = ()  # languages whose text differs from the record
    lagging: tuple[str, ...] = ()  # stale: languages that did not change; missing: languages without it

    @property
    def key(self) -> str:
        return f"{self.slug}#{self.id}"


def read_lock(text: str) -> dict[str, dict[str, str]]:
    """`page#section` -> language -> fingerprint; comments and blank lines skipped."""
    records: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        records[words[0]] = dict(word.split("=", 1) for word in words[1:] if "=" in word)
    return records


def read_lock_file(path: Path) -> dict[str, dict[str, str]]:
    return read_lock(path.read_text(encoding="utf-8")) if path.exists() else {}


def section_states(handbook: Handbook, records: dict[str, dict[str, str]]) -> list[SectionState]:
    """Every section of every page, in page order then file order, compared with the record."""
    locales = handbook.settings.locales
    states: list[SectionState] = []
    for slug, langs in sorted(handbook.pages.items()):
        now = {lang: {s.id: s for s in sections_of(page)} for lang, page in langs.items()}
        order = list(dict.fromkeys(sid for lang in locales for sid in now.get(lang, {})))
        for section_id in order:
            state = SectionState(slug, section_id, "")
            state.now = {lang: now[lang][section_id] for lang in locales if section_id in now.get(lang, {})}
            state.recorded = records.get(state.key, {})
            judge(state, locales)
            states.append(state)
    return states


def judge(state: SectionState, locales: list[str]) -> None:
    absent = tuple(lang for lang in locales if lang not in state.now)
    if absent:
        state.state, state.lagging = "missing", absent
        return
    if not all(lang in state.recorded for lang in locales):
        state.state = "new"
        return
    state.changed = tuple(lang for lang in locales if state.now[lang].fingerprint != state.recorded[lang])
    if not state.changed:
        state.state = "in step"
    elif len(state.changed) == len(locales):
        state.state = "updated"
    else:
        state.state = "stale"
        state.lagging = tuple(lang for lang in locales if lang not in state.changed)


@dataclass
class LockUpdate:
    text: str
    recorded: list[str] = field(default_factory=list[str])  # "+ key" new, "~ key" updated or accepted, "- key" removed
    refused: list[SectionState] = field(default_factory=list[SectionState])
    unknown_accepts: list[str] = field(default_factory=list[str])


def updated_lock(states: list[SectionState], records: dict[str, dict[str, str]], accept: set[str]) -> LockUpdate:
    """The lock rewritten for the sections now: in-step, new and updated sections recorded, named stale ones too.

    A stale section not in `accept` keeps its old line and is refused; a section missing in a language keeps its
    old line (it is being written); a section gone from every language leaves the lock.
    """
    update = LockUpdate("")
    lines: list[str] = []
    seen: set[str] = set()
    for state in states:
        seen.add(state.key)
        old = records.get(state.key)
        if state.state == "missing" or (state.state == "stale" and state.key not in accept):
            if state.state == "stale":
                update.refused.append(state)
            if old:
                lines.append(format_record(state.key, old))
            continue
        fingerprints = {lang: section.fingerprint for lang, section in state.now.items()}
        lines.append(format_record(state.key, fingerprints))
        if old is None:
            update.recorded.append(f"+ {state.key}")
        elif old != fingerprints:
            update.recorded.append(f"~ {state.key}" + (" (accepted)" if state.state == "stale" else ""))
    update.recorded += [f"- {key}" for key in records if key not in seen]
    update.unknown_accepts = sorted(accept - {s.key for s in states if s.state == "stale"})
    update.text = LOCK_HEADER + "".join(line + "\n" for line in lines)
    return update


def format_record(key: str, fingerprints: dict[str, str]) -> str:
    return " ".join([key, *(f"{lang}={value}" for lang, value in fingerprints.items())])


def word_diff(old: str, new: str, context: int = 4, limit: int = 300) -> str:
    """The change from `old` to `new` as `[-removed-]{+added+}` with a few words around each change."""
    before, after = old.split(), new.split()
    parts: list[str] = []
    opcodes = difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_grouped_opcodes(context)
    for group in opcodes:
        words: list[str] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                words += before[i1:i2]
                continue
            if i2 > i1:
                words.append("[-" + " ".join(before[i1:i2]) + "-]")
            if j2 > j1:
                words.append("{+" + " ".join(after[j1:j2]) + "+}")
        parts.append(" ".join(words))
    return shortened(" … ".join(parts), limit)


def shortened(text: str, limit: int) -> str:
    """`text` cut after a whole word to about `limit` characters, with "…"; a change cut short keeps its closing
    `-]` or `+}`, so the reader still sees where it ends."""
    if len(text) <= limit:
        return text
    words, kept = text.split(" "), list[str]()
    while words and len(" ".join([*kept, words[0]])) < limit:
        kept.append(words.pop(0))
    cut = " ".join(kept or [words[0]])
    opened = max(cut.rfind("[-"), cut.rfind("{+"))
    if opened != -1 and cut.find("-]" if cut[opened] == "[" else "+}", opened) == -1:
        return cut + " …" + ("-]" if cut[opened] == "[" else "+}")
    return cut + " …"
