"""The few facts of `mkdocs.yml` the handbook model needs, lifted out of MkDocs' config object.

Hooks and scripts both get a loaded MkDocs config; reducing it to plain data here keeps the checks and the
print step independent of MkDocs and easy to test with small hand-made settings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from handbook.codes import Code
from handbook.problems import Problem
from handbook.yaml_lines import Located, YamlError, load_located


def build_dir(root: Path) -> Path:
    """Where builds keep their reports and caches: `build/` of the handbook, or HANDBOOK_BUILD_DIR.

    The test suite points it elsewhere, so running the tests never reads or changes a checkout's own build.
    """
    override = os.environ.get("HANDBOOK_BUILD_DIR")
    return Path(override) if override else root / "build"


SERVER_CONFIG = "nginx-site.conf"


def server_config_path(build_dir: Path, site_dir: Path) -> Path:
    """Where a build writes the server's half of its site, `nginx-site.conf`: the build folder; for a staged
    build (`make build`, which names HANDBOOK_PUBLISH_DIR) beside the staged site, in its staging folder, to be
    published with the site or dropped with it (handbook/site_swap.py)."""
    return (site_dir.parent if os.environ.get("HANDBOOK_PUBLISH_DIR") else build_dir) / SERVER_CONFIG


def published_site_dir(site_dir: Path) -> Path:
    """Where the site being built will be served from: `make build` builds into a staging folder and swaps it in
    as site/, naming that in HANDBOOK_PUBLISH_DIR; a plain `mkdocs build` is served where it is built."""
    override = os.environ.get("HANDBOOK_PUBLISH_DIR")
    return Path(override) if override else site_dir


# The UI labels the package's own code prints (the templates' labels are found in overrides/ by the check).
# Validation requires each in every language; `Language.label` never fails on one, for the live preview,
# which renders whatever validation reported.
CODE_UI_KEYS = (
    "app_short_name",
    "card_section_link",
    "cards_duplex_instructions",
    "cards_index",
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
    "print_contents",
    "print_edition",
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
    nav_translations: dict[str, str] = field(default_factory=dict)
    ui: dict[str, str] = field(default_factory=dict)
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
    page_redirects: dict[str, str] = field(default_factory=dict)  # old.md -> new.md (mkdocs-redirects)
    section_redirects: dict[str, str] = field(default_factory=dict)  # page#old-id -> page#new-id
    # (line, col) in mkdocs.yml of each redirect's target, page redirects and section redirects alike, by old name
    redirect_places: dict[str, tuple[int, int]] = field(default_factory=dict)
    translation_lag: str = "fail"  # `extra: translation_lag`: "fail" or "notice" for a stale translation

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
        return build_dir(self.root)

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
        if node is None:
            return None
        if isinstance(node.value, list):
            node = next((item.value[key] for item in node.value if isinstance(item.value, dict) and key in item.value), None)
        else:
            node = node.value.get(key) if isinstance(node.value, dict) else None
    return node


def _is_list(node: Located | None, index: int) -> bool:
    return node is not None and isinstance(node.value, list) and index < len(node.value)


def _place(node: Located | None) -> tuple[int, int]:
    return (node.line, node.col) if node is not None else (1, 1)


def _flatten_nav(items: list, located: Located | None) -> list[NavEntry]:
    """Every navigation entry of MkDocs' loaded `nav`, at the line and column of its page (or of its title, for a
    section) in the located tree of mkdocs.yml, where that tree has the same entry."""
    entries: list[NavEntry] = []
    for index, item in enumerate(items):
        node = located.value[index] if _is_list(located, index) else None
        if isinstance(item, str):
            entries.append(NavEntry(item, item, *_place(node)))
            continue
        if not isinstance(item, dict):
            continue
        for title, value in item.items():
            title = str(title)
            below = _child(node, title)
            if isinstance(value, list):
                entries.append(NavEntry(title, None, *_place(node)))
                entries.extend(_flatten_nav(value, below))
            elif isinstance(value, str):
                entries.append(NavEntry(title, value, *_place(below)))
    return entries


def _redirect_places(config: Located | None) -> dict[str, tuple[int, int]]:
    places = {}
    for block in (_child(config, "plugins", "redirects", "redirect_maps"), _child(config, "extra", "section_redirects")):
        if block is not None and isinstance(block.value, dict):
            places.update({old: (value.line, value.col) for old, value in block.value.items()})
    return places


def settings_from_mkdocs(config) -> Settings:
    """Build `Settings` from a loaded `MkDocsConfig` (hook or script: the same function)."""
    config_path = Path(config.config_file_path).resolve()
    root = config_path.parent
    # MkDocs has read the file: its values are taken from `config`; the located tree only says where they are.
    try:
        located = load_located(config_path.read_text(encoding="utf-8"), any_tag=True)
    except YamlError:
        located = None  # positions then fall back to line 1
    i18n = config.plugins.get("i18n")
    located_languages = _child(located, "plugins", "i18n", "languages")
    languages = []
    for index, lang in enumerate(i18n.config.languages if i18n else []):
        extra = lang.extra or {}
        located_language = located_languages.value[index] if _is_list(located_languages, index) else None
        block = _child(located_language, "nav_translations")
        ui = _child(located_language, "extra", "ui")
        languages.append(
            Language(
                locale=lang.locale,
                default=bool(lang.default),
                site_name=lang.site_name or "",
                nav_translations=dict(lang.nav_translations or {}),
                ui=dict(extra.get("ui") or {}),
                # the line of the `nav_translations:` key, one above its first entry
                nav_translations_line=block.line - 1 if block is not None else 0,
                place=(located_language.line, located_language.col) if located_language is not None else (1, 1),
                ui_place=(ui.line, ui.col) if ui is not None and isinstance(ui.value, dict) and ui.value else None,
            )
        )
    custom_dir = config.theme.custom_dir
    redirects = config.plugins.get("redirects")
    return Settings(
        root=root,
        docs_dir=Path(config.docs_dir).resolve(),
        config_path=config_path,
        site_url=config.site_url or "",
        languages=tuple(languages),
        nav=tuple(_flatten_nav(config.nav or [], _child(located, "nav"))),
        overrides_dir=Path(custom_dir).resolve() if custom_dir else None,
        page_redirects=dict(redirects.config.get("redirect_maps") or {}) if redirects else {},
        section_redirects={str(k): str(v) for k, v in (config.extra.get("section_redirects") or {}).items()},
        redirect_places=_redirect_places(located),
        translation_lag=str(config.extra.get("translation_lag") or "fail"),
    )
