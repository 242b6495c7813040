"""`make new-page`: a new chapter in every language, with matching headings and IDs, added to the navigation.

The files it writes show in the live preview at once; their two placeholder sentences are reported as
LEFTOVER until replaced, so an unwritten chapter is never published.
"""

from __future__ import annotations

import json
import re
from typing import cast

import yaml

from handbook.sources.config_file import syntax_problem
from handbook.sources.settings import Settings

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = {
    "nl": ("Waar gaat dit hoofdstuk over?", "Schrijf hier de eerste alinea van dit hoofdstuk in je eigen woorden."),
    "en": ("What is this chapter about?", "Write the first paragraph of this chapter here, in your own words."),
}


class NewPageError(ValueError):
    pass


def page_text(title: str, slug: str, lang: str) -> str:
    heading, paragraph = PLACEHOLDER.get(lang, PLACEHOLDER["en"])
    return f"# {title} {{#{slug}}}\n\n## {heading} {{#about-{slug}}}\n\n{paragraph}\n"


def yaml_text(text: str) -> str:
    """A title as YAML reads it back unchanged: plain when it can be, else a quoted (JSON) string.

    A title may hold `: `, `#` or quotes, which plain YAML would take for structure or a comment."""
    try:
        if yaml.safe_load(f"key: {text}") == {"key": text} and yaml.safe_load(f"{text}: value") == {text: "value"}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def add_to_nav(config_text: str, slug: str, title_default: str, titles: dict[str, str], before: str) -> str:
    """mkdocs.yml with the page in `nav:` (before `before`) and its title in each language's nav_translations."""
    lines = config_text.splitlines(keepends=True)
    nav_start = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    nav_end = next((i for i in range(nav_start + 1, len(lines)) if not lines[i].startswith("  ")), len(lines))
    position = next((i for i in range(nav_start + 1, nav_end) if lines[i].rstrip().endswith(f": {before}")), nav_end)
    lines.insert(position, f"  - {yaml_text(title_default)}: {slug}.md\n")
    # The titles of the pages before it in the menu, nearest first: its translation goes after theirs, in menu order.
    earlier = [_nav_title(line) for line in reversed(lines[nav_start + 1 : position])]
    for lang, title in titles.items():
        language = next((i for i, line in enumerate(lines) if line.strip() == f"- locale: {lang}"), None)
        if language is None:
            continue
        block = next((i for i in range(language, len(lines)) if lines[i].strip() == "nav_translations:"), None)
        if block is None:
            continue
        indent = lines[block + 1][: len(lines[block + 1]) - len(lines[block + 1].lstrip())]
        end = next((i for i in range(block + 1, len(lines)) if not lines[i].startswith(indent)), len(lines))
        translated = {_nav_title(lines[i], entry=False): i for i in range(block + 1, end)}
        after = next((translated[name] for name in earlier if name in translated), block)
        lines.insert(after + 1, f"{indent}{yaml_text(title_default)}: {yaml_text(title)}\n")
    return "".join(lines)


def _nav_title(line: str, entry: bool = True) -> object:
    """The title of a `  - Title: page.md` line of `nav:` (or of a `Title: translation` line), as YAML reads it
    (a text, or a number or date for a title YAML reads as one); None for any other line."""
    try:
        value: object = yaml.safe_load(line.strip().removeprefix("- ") if entry else line.strip())
    except yaml.YAMLError:
        return None
    if not isinstance(value, dict):
        return None
    mapping = cast(dict[object, object], value)  # a YAML mapping: keys and values of any YAML type
    return next(iter(mapping)) if len(mapping) == 1 else None


def create_page(settings: Settings, slug: str, titles: dict[str, str], before: str = "phrase-cards.md") -> list[str]:
    """Write the page files and update mkdocs.yml; returns the paths written."""
    if not SLUG.match(slug or ""):
        raise NewPageError(f"SLUG must be lowercase English words joined by hyphens, got '{slug}'")
    missing = [lang for lang in settings.locales if not titles.get(lang, "").strip()]
    if missing:
        raise NewPageError("missing title for " + ", ".join(f"TITLE_{lang.upper()}" for lang in missing))
    paths = [settings.docs_dir / f"{slug}.{lang}.md" for lang in settings.locales]
    existing = [settings.relative(p) for p in paths if p.exists()]
    if existing:
        raise NewPageError(f"page already exists: {', '.join(existing)}")
    if not any(line.startswith("nav:") for line in settings.config_path.read_text(encoding="utf-8").splitlines()):
        raise NewPageError("mkdocs.yml has no `nav:` list to add the page to")
    default = settings.default_locale
    others = {lang: titles[lang] for lang in settings.locales if lang != default}
    config = add_to_nav(settings.config_path.read_text(encoding="utf-8"), slug, titles[default], others, before)
    # Nothing is written until the new mkdocs.yml is known to read: a failure leaves every file as it was.
    problem = syntax_problem(config, settings.relative(settings.config_path))
    if problem:
        raise NewPageError(f"the titles would break mkdocs.yml: {problem.format()}")
    for lang, path in zip(settings.locales, paths, strict=True):
        path.write_text(page_text(titles[lang], slug, lang), encoding="utf-8")
    settings.config_path.write_text(config, encoding="utf-8")
    return [settings.relative(p) for p in paths] + [settings.relative(settings.config_path)]
