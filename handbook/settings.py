"""The few facts of `mkdocs.yml` the handbook model needs, lifted out of MkDocs' config object.

Hooks and scripts both get a loaded MkDocs config; reducing it to plain data here keeps the checks and the
print step independent of MkDocs and easy to test with small hand-made settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Language:
    locale: str
    default: bool
    site_name: str
    nav_translations: dict[str, str] = field(default_factory=dict)
    ui: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NavEntry:
    title: str
    path: str | None  # None for a section heading in the navigation
    line: int


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
    translation_lag: str = "fail"  # `extra: translation_lag`: "fail" or "notice" for a stale translation

    @property
    def locales(self) -> list[str]:
        return [lang.locale for lang in self.languages]

    @property
    def default_locale(self) -> str:
        return next((lang.locale for lang in self.languages if lang.default), self.languages[0].locale)

    def language(self, locale: str) -> Language:
        return next(lang for lang in self.languages if lang.locale == locale)

    def relative(self, path: Path) -> str:
        """A path as printed in problems: relative to the repository, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _line_of(config_text: list[str], needle: str) -> int:
    return next((n for n, line in enumerate(config_text, 1) if needle in line), 1)


def _flatten_nav(items, config_text: list[str]) -> list[NavEntry]:
    entries: list[NavEntry] = []
    for item in items or []:
        if isinstance(item, str):
            entries.append(NavEntry(item, item, _line_of(config_text, item)))
            continue
        if not isinstance(item, dict):
            continue
        for title, value in item.items():
            if isinstance(value, str):
                entries.append(NavEntry(str(title), value, _line_of(config_text, value)))
            else:
                entries.append(NavEntry(str(title), None, _line_of(config_text, f"{title}:")))
                entries.extend(_flatten_nav(value, config_text))
    return entries


def settings_from_mkdocs(config) -> Settings:
    """Build `Settings` from a loaded `MkDocsConfig` (hook or script: the same function)."""
    config_path = Path(config.config_file_path).resolve()
    root = config_path.parent
    config_text = config_path.read_text(encoding="utf-8").splitlines()
    i18n = config.plugins.get("i18n")
    languages = []
    for lang in i18n.config.languages if i18n else []:
        extra = lang.extra or {}
        languages.append(
            Language(
                locale=lang.locale,
                default=bool(lang.default),
                site_name=lang.site_name or "",
                nav_translations=dict(lang.nav_translations or {}),
                ui=dict(extra.get("ui") or {}),
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
        nav=tuple(_flatten_nav(config.nav, config_text)),
        overrides_dir=Path(custom_dir).resolve() if custom_dir else None,
        page_redirects=dict(redirects.config.get("redirect_maps") or {}) if redirects else {},
        section_redirects={str(k): str(v) for k, v in (config.extra.get("section_redirects") or {}).items()},
        translation_lag=str(config.extra.get("translation_lag") or "fail"),
    )
