"""The few facts of `mkdocs.yml` the handbook model needs, lifted out of MkDocs' config object.

Hooks and scripts both get a loaded MkDocs config; reducing it to plain data here keeps the checks and the
print step independent of MkDocs and easy to test with small hand-made settings. The handbook's own `extra:` keys
are validated here, by MkDocs' machinery (`handbook.sources.extra_config`), and the environment's switches read
(`handbook.sources.switches`): what either refuses is in `Settings.problems`, reported with the other problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, cast

from mkdocs.config.defaults import MkDocsConfig

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.core.yaml_lines import Located, YamlError, items_of, load_located, mapping_of
from handbook.sources.extra_config import Fault, HandbookExtra, LanguageExtra, validated
from handbook.sources.switches import Switches, read_switches


def build_dir(root: Path, switches: Switches | None = None) -> Path:
    """Where builds keep their reports and caches: `build/` of the handbook, or HANDBOOK_BUILD_DIR.

    The test suite points it elsewhere, so running the tests never reads or changes a checkout's own build.
    A script that has no settings yet passes no `switches`: they are read from the environment then.
    """
    override = (switches or read_switches()).build_dir
    return override if override else root / "build"


SERVER_CONFIG = "nginx-site.conf"


def server_config_path(build_dir: Path, site_dir: Path, switches: Switches | None = None) -> Path:
    """Where a build writes the server's half of its site, `nginx-site.conf`: the build folder; for a staged
    build (`make build`, which names HANDBOOK_PUBLISH_DIR) beside the staged site, in its staging folder, to be
    published with the site or dropped with it (handbook/run/site_swap.py)."""
    staged = (switches or read_switches()).publish_dir is not None
    return (site_dir.parent if staged else build_dir) / SERVER_CONFIG


def published_site_dir(site_dir: Path, switches: Switches | None = None) -> Path:
    """Where the site being built will be served from: `make build` builds into a staging folder and swaps it in
    as site/, naming that in HANDBOOK_PUBLISH_DIR; a plain `mkdocs build` is served where it is built."""
    return (switches or read_switches()).publish_dir or site_dir


# The UI labels the package's own code prints (the templates' labels are found in overrides/ by the check).
# Validation requires each in every language; `Language.label` never fails on one, for the live preview,
# which renders whatever validation reported.
CODE_UI_KEYS = (
    "app_short_name",
    "back_to_list",
    "card_section_link",
    "cards_duplex_instructions",
    "cards_index",
    "cards_urgent",
    "checklist_customer",
    "checklist_date",
    "copy_url",
    "desk_phrases",
    "desk_title",
    "download_cards",
    "download_checklists",
    "download_desk",
    "download_duplex",
    "download_handbook",
    "download_print_shop",
    "download_print_shop_two_sided",
    "last_updated",
    "link_copy",
    "link_title",
    "link_url",
    "phrases_title",
    "print_card_shown",
    "print_contents",
    "print_edition",
    "print_index",
    "print_language",
    "print_on_website",
    "print_online",
    "print_page_of",
    "print_page_ref",
    "print_subtitle",
    "sources_label",
)


@dataclass(frozen=True)
class Language:
    locale: str
    default: bool
    site_name: str
    nav_translations: dict[str, str] = field(default_factory=dict[str, str])
    ui: dict[str, str] = field(default_factory=dict[str, str])
    nav_translations_line: int = 0  # where in mkdocs.yml its `nav_translations:` block starts (0: it has none)
    place: tuple[int, int] = (1, 1)  # (line, col) of its entry under the i18n plugin's `languages:` in mkdocs.yml
    ui_place: tuple[int, int] | None = None  # (line, col) of the first label of its `extra: ui:` block, if any

    @property
    def folder(self) -> str:
        """Its folder in the site: `en/`, and `` for the default language at the site root."""
        return "" if self.default else f"{self.locale}/"

    def label(self, key: str) -> str:
        """The UI label `key` in this language; the key itself while it is missing (validation reports that)."""
        return str(self.ui.get(key) or key)


@dataclass(frozen=True)
class NavEntry:
    title: str
    path: str | None  # None for a section heading in the navigation
    line: int
    col: int = 1


@dataclass(frozen=True)
class Settings:
    root: Path
    docs_dir: Path
    config_path: Path
    site_url: str
    languages: tuple[Language, ...]
    nav: tuple[NavEntry, ...]
    overrides_dir: Path | None = None
    page_redirects: dict[str, str] = field(default_factory=dict[str, str])  # old.md -> new.md (mkdocs-redirects)
    section_redirects: dict[str, str] = field(default_factory=dict[str, str])  # page#old-id -> page#new-id
    # (line, col) in mkdocs.yml of each redirect's target, page redirects and section redirects alike, by old name
    redirect_places: dict[str, tuple[int, int]] = field(default_factory=dict[str, tuple[int, int]])
    translation_lag: str = "fail"  # `extra: translation_lag`: "fail" or "notice" for a stale translation
    # The environment's switches, read once for these settings (hand-made settings read them too, so a test's
    # HANDBOOK_BUILD_DIR holds for them as well).
    switches: Switches = field(default_factory=read_switches)
    config_problems: tuple[Problem, ...] = ()  # values of the handbook's own `extra:` keys that were refused

    @property
    def problems(self) -> list[Problem]:
        """What the settings refused: `extra:` values at their place in mkdocs.yml, and switches set wrong."""
        return [*self.config_problems, *self.switches.problems]

    @property
    def locales(self) -> list[str]:
        return [lang.locale for lang in self.languages]

    @property
    def default_locale(self) -> str:
        return next((lang.locale for lang in self.languages if lang.default), self.languages[0].locale)

    @property
    def folders(self) -> dict[str, str]:
        """Each language's folder in the site, by locale."""
        return {lang.locale: lang.folder for lang in self.languages}

    @property
    def nav_slugs(self) -> list[str]:
        """The pages of the navigation, in its order."""
        return [entry.path.removesuffix(".md") for entry in self.nav if entry.path]

    def language(self, locale: str) -> Language:
        return next(lang for lang in self.languages if lang.locale == locale)

    def redirect_place(self, old: str) -> tuple[int, int]:
        return self.redirect_places.get(old, (1, 1))

    @property
    def build_dir(self) -> Path:
        return build_dir(self.root, self.switches)

    @property
    def config_display(self) -> str:
        """mkdocs.yml as printed in problems."""
        return self.relative(self.config_path)

    def config_problem(self, line: int, col: int, code: Code, message: str, fix: str = "", lang: str = "") -> Problem:
        """A problem at `line:col` of mkdocs.yml; `lang` when it concerns one language's settings."""
        return Problem(self.config_display, line, col, code, message, fix, lang)

    def relative(self, path: Path) -> str:
        """A path as printed in problems: relative to the repository, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _child(node: Located | None, *keys: str) -> Located | None:
    """The node under `keys` in a located mkdocs.yml (a list of plugins is searched for the named one)."""
    for key in keys:
        items, mapping = items_of(node), mapping_of(node)
        if items is not None:
            found = (mapping_of(item) for item in items)
            node = next((entry[key] for entry in found if entry is not None and key in entry), None)
        else:
            node = mapping.get(key) if mapping is not None else None
    return node


def _at(node: Located | None, index: int) -> Located | None:
    items = items_of(node)
    return items[index] if items is not None and index < len(items) else None


def _place(node: Located | None) -> tuple[int, int]:
    return (node.line, node.col) if node is not None else (1, 1)


def _flatten_nav(items: list[object], located: Located | None) -> list[NavEntry]:
    """Every navigation entry of MkDocs' loaded `nav`, at the line and column of its page (or of its title, for a
    section) in the located tree of mkdocs.yml, where that tree has the same entry."""
    entries: list[NavEntry] = []
    for index, item in enumerate(items):
        node = _at(located, index)
        if isinstance(item, str):
            entries.append(NavEntry(item, item, *_place(node)))
            continue
        if not isinstance(item, dict):
            continue
        # MkDocs' Nav option has checked it: a section or a page is a one-entry mapping of its title.
        for title, value in cast("dict[object, object]", item).items():
            title = str(title)
            below = _child(node, title)
            if isinstance(value, list):
                entries.append(NavEntry(title, None, *_place(node)))
                entries.extend(_flatten_nav(cast("list[object]", value), below))
            elif isinstance(value, str):
                entries.append(NavEntry(title, value, *_place(below)))
    return entries


def _redirect_places(config: Located | None) -> dict[str, tuple[int, int]]:
    places: dict[str, tuple[int, int]] = {}
    for block in (_child(config, "plugins", "redirects", "redirect_maps"), _child(config, "extra", "section_redirects")):
        places.update({old: (value.line, value.col) for old, value in (mapping_of(block) or {}).items()})
    return places


def _fault_place(fault: Fault, extra: Located | None) -> tuple[int, int]:
    """Where in mkdocs.yml a refused value is: the key's value; for one entry of a block, that entry's value, or
    its name (keys are not located, but a block's names all start in its column, on their values' line)."""
    value = _child(extra, fault.key)
    if fault.entry is None:
        return _place(value)
    entry = (mapping_of(value) or {}).get(fault.entry.entry)
    if entry is None or value is None:
        return _place(value)
    return (entry.line, value.col) if fault.entry.in_name else (entry.line, entry.col)


def _extra_problems(faults: list[Fault], extra: Located | None, display: str, where: str, lang: str = "") -> list[Problem]:
    problems: list[Problem] = []
    for fault in faults:
        line, col = _fault_place(fault, extra)
        message = f"{where}: {fault.key}: {fault.message}" if fault.entry else f"{where}: {fault.key} {fault.message}"
        problems.append(Problem(display, line, col, Code.INPUT_CONFIG, message, fault.fix, lang))
    return problems


class _I18nLanguage(Protocol):
    """One language of the i18n plugin, as its config declares it (mkdocs_static_i18n's options carry no types)."""

    locale: str
    default: bool
    site_name: str | None
    nav_translations: dict[str, str] | None
    extra: dict[str, object] | None


class _Plugin(Protocol):
    @property
    def config(self) -> Mapping[str, object]: ...


class _UntypedParts(Protocol):
    """The parts of MkDocs' config that MkDocs declares without a type: `nav` (its Nav option), `extra` (a
    SubConfig without a schema) and the plugins (a dict subclass without type arguments)."""

    nav: list[object] | None
    extra: Mapping[str, object]
    plugins: Mapping[str, _Plugin]


def settings_from_mkdocs(config: MkDocsConfig) -> Settings:
    """Build `Settings` from a loaded `MkDocsConfig` (hook or script: the same function)."""
    untyped = cast(_UntypedParts, config)  # the same object; see _UntypedParts
    config_path = Path(config.config_file_path).resolve()
    root = config_path.parent
    display = config_path.name  # mkdocs.yml as printed in problems: relative to the root, which is its folder
    # MkDocs has read the file: its values are taken from `config`; the located tree only says where they are.
    try:
        located = load_located(config_path.read_text(encoding="utf-8"), any_tag=True)
    except YamlError:
        located = None  # positions then fall back to line 1
    i18n = untyped.plugins.get("i18n")
    located_languages = _child(located, "plugins", "i18n", "languages")
    languages: list[Language] = []
    problems: list[Problem] = []
    # mkdocs_static_i18n has validated each language against its own (untyped) options.
    for index, lang in enumerate(cast("list[_I18nLanguage]", i18n.config["languages"]) if i18n else []):
        located_language = _at(located_languages, index)
        block = _child(located_language, "nav_translations")
        located_extra = _child(located_language, "extra")
        ui = _child(located_extra, "ui")
        extra, faults = validated(LanguageExtra, lang.extra or {})
        where = f"extra of the language `{lang.locale}`"
        problems += _extra_problems(faults, located_extra, display, where, lang.locale)
        languages.append(
            Language(
                locale=lang.locale,
                default=bool(lang.default),
                site_name=lang.site_name or "",
                nav_translations=dict(lang.nav_translations or {}),
                ui=dict(extra.ui or {}),
                # the line of the `nav_translations:` key, one above its first entry
                nav_translations_line=block.line - 1 if block is not None else 0,
                place=_place(located_language),
                ui_place=_place(ui) if ui is not None and mapping_of(ui) else None,
            )
        )
    extra, faults = validated(HandbookExtra, untyped.extra)
    problems += _extra_problems(faults, _child(located, "extra"), display, "extra")
    custom_dir = config.theme.custom_dir
    redirects = untyped.plugins.get("redirects")
    # mkdocs-redirects has checked that its `redirect_maps` is a mapping.
    redirect_maps = cast("dict[object, object]", redirects.config.get("redirect_maps") or {}) if redirects else {}
    return Settings(
        root=root,
        docs_dir=Path(config.docs_dir).resolve(),
        config_path=config_path,
        site_url=config.site_url or "",
        languages=tuple(languages),
        nav=tuple(_flatten_nav(untyped.nav or [], _child(located, "nav"))),
        overrides_dir=Path(custom_dir).resolve() if custom_dir else None,
        page_redirects={str(old): str(new) for old, new in redirect_maps.items()},
        section_redirects=dict(extra.section_redirects or {}),
        redirect_places=_redirect_places(located),
        translation_lag=extra.translation_lag,
        config_problems=tuple(problems),
    )
