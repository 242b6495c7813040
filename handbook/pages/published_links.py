"""Links that never break: the published-links lock, section redirects and the link index for wiki editors.

`links.lock` lists every page and section ever published (`page` and `page#section`, one per line). A build
fails when one of them disappears without a redirect; `make links-update` only ever adds lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from handbook.core.codes import Code
from handbook.core.problems import Problem, plural
from handbook.pages.link_forms import IndexEntry, link_forms
from handbook.sources.addresses import page_address
from handbook.sources.downloads import HANDBOOK
from handbook.sources.model import PAGE_NAME, Handbook, Page
from handbook.sources.new_page import PLACEHOLDER
from handbook.sources.settings import Language
from handbook.sources.site_address import site_base
from handbook.translations.translation_lock import LOCK_FILE as TRANSLATIONS_LOCK
from handbook.translations.translation_lock import read_lock_file

LOCK_FILE = "links.lock"
LOCK_HEADER = (
    "# Every page and section ever published, one per line: `page` or `page#section-id`.\n"
    "# Added by `make links-update`, never removed. A build fails when an entry disappears without a redirect:\n"
    "# pages in mkdocs.yml under `plugins: redirects: redirect_maps`, sections under `extra: section_redirects`.\n"
)


@dataclass(frozen=True)
class LockEntry:
    page: str
    section: str
    line: int
    col: int = 1  # where the entry starts on its line

    @property
    def key(self) -> str:
        return f"{self.page}#{self.section}" if self.section else self.page

    @property
    def section_col(self) -> int:
        """The column of the section ID after `#` (of the page name for a page entry): what a lost section names."""
        return self.col + len(self.page) + 1 if self.section else self.col


def published_entries(handbook: Handbook) -> set[str]:
    """What the handbook publishes now: every page, and every section of it, in the default language; not the
    placeholder section `make new-page` writes, which is renamed when the chapter is written."""
    placeholders = {heading for texts in PLACEHOLDER.values() for heading in texts[:1]}
    entries: set[str] = set()
    for slug, langs in handbook.pages.items():
        page = langs.get(handbook.settings.default_locale) or next(iter(langs.values()))
        entries.add(slug)
        entries.update(f"{slug}#{h.id}" for h in page.scan.headings if h.id and h.title not in placeholders)
    return entries


def read_lock(path: Path) -> list[LockEntry]:
    if not path.exists():
        return []
    entries: list[LockEntry] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        text = line.strip()
        if text and not text.startswith("#"):
            page, _, section = text.partition("#")
            entries.append(LockEntry(page, section, number, len(line) - len(line.lstrip()) + 1))
    return entries


def unrecorded_entries(path: Path, handbook: Handbook) -> list[str]:
    """Pages and sections the handbook publishes that the lock does not list yet."""
    known = {entry.key for entry in read_lock(path)}
    return sorted(published_entries(handbook) - known)


def lock_notice(handbook: Handbook) -> str:
    """A line for the end of a run when the lock is behind: the author records new sections before committing."""
    added = unrecorded_entries(handbook.settings.root / LOCK_FILE, handbook)
    if not added:
        return ""
    shown = ", ".join(added[:3]) + (f" and {len(added) - 3} more" if len(added) > 3 else "")
    count = plural(len(added), "new page or section", "new pages or sections")
    return f"links.lock: {count} not recorded yet ({shown}): run `make links-update` before you commit"


def updated_lock(path: Path, handbook: Handbook) -> tuple[str, list[str]]:
    """The lock's new text with today's entries added (none removed), and the added entries."""
    added = unrecorded_entries(path, handbook)
    text = path.read_text(encoding="utf-8") if path.exists() else LOCK_HEADER
    if added:
        text = text.rstrip("\n") + "\n" + "\n".join(added) + "\n"
    return text, added


def check_lock(handbook: Handbook) -> list[Problem]:
    settings = handbook.settings
    lock_path = settings.root / LOCK_FILE
    display = settings.relative(lock_path)
    problems: list[Problem] = []
    for entry in read_lock(lock_path):
        for lang in settings.locales:
            problem = _lost_entry(handbook, entry, lang)
            if problem:
                message, fix, col = problem
                problems.append(Problem(display, entry.line, col, Code.LINK_LOCKED, message, fix, lang))
    redirects = [("section redirect", old, new) for old, new in settings.section_redirects.items()]
    redirects += [("page redirect", old, new) for old, new in settings.page_redirects.items()]
    for kind, old, new in redirects:
        target = _as_section_key(new)
        for lang in settings.locales:
            if not _exists(handbook, target, lang):
                line, col = settings.redirect_place(old)
                message = f"{kind} '{old}' leads to missing '{new}' in '{lang}'"
                problems.append(settings.config_problem(line, col, Code.LINK_LOCKED, message, "", lang))
            elif kind == "section redirect" and _exists(handbook, old, lang):
                # The redirect script runs on every arrival at the old #hash, so a section that is back under
                # its old ID would be unreachable from every link that names it.
                line, col = settings.redirect_place(old)
                message = (
                    f"section redirect '{old}' comes from a section that exists in '{lang}': its links would land on '{new}'"
                )
                fix = f"remove the redirect of `{old}` now that the section is back, or give the section another ID"
                problems.append(settings.config_problem(line, col, Code.LINK_LOCKED, message, fix, lang))
    return problems


def _lost_entry(handbook: Handbook, entry: LockEntry, lang: str) -> tuple[str, str, int] | None:
    """Why a locked entry no longer leads anywhere in `lang` (message, fix, column of the part that is lost), or
    None when it still does."""
    settings = handbook.settings
    page_slug = entry.page
    page = handbook.page(page_slug, lang)
    if page is None:
        moved_to = settings.page_redirects.get(f"{page_slug}.md")
        if moved_to is None:
            return (
                f"published page '{entry.page}' no longer exists in '{lang}'",
                f"restore it or redirect `{entry.page}.md` under redirects: redirect_maps",
                entry.col,
            )
        # The redirect page carries the reader's #hash along, so the section must exist on the new page.
        page_slug = _as_section_key(moved_to).partition("#")[0]
        page = handbook.page(page_slug, lang)
        if page is None:
            return None  # reported once for the redirect itself
    if not entry.section or entry.section in page.scan.section_ids:
        return None
    key = f"{page_slug}#{entry.section}"
    target = settings.section_redirects.get(key)
    if target and _exists(handbook, target, lang):
        return None
    if target:
        line, col = settings.redirect_place(key)
        return (
            f"published section '{entry.key}' no longer exists in {page.path},"
            f" and its redirect at {settings.config_display}:{line}:{col} leads to missing '{target}'",
            f"point the redirect at an existing `page#section-id`, or restore the ID `{entry.section}`",
            entry.section_col,
        )
    others = [handbook.page(page_slug, other) for other in settings.locales if other != lang]
    if any(other and entry.section in other.scan.section_ids for other in others):
        return None  # still there in another language: a typo in one file, which ID-PARITY points at
    renamed = _renamed_to(handbook, page_slug, entry.section, page)
    if renamed is None:
        return (
            f"published section '{entry.key}' no longer exists in {page.path}",
            f"restore the ID `{entry.section}`, or redirect it to the section that now says what it said: add "
            f"`{key}: {page_slug}#that-id` under extra: section_redirects",
            entry.section_col,
        )
    return (
        f"published section '{entry.key}' no longer exists in {page.path}; did you rename it to `{renamed}`?",
        f"restore the ID `{entry.section}`, or if you renamed it on purpose add `{key}: {page_slug}#{renamed}` under "
        "extra: section_redirects",
        entry.section_col,
    )


def _renamed_to(handbook: Handbook, page_slug: str, lost: str, page: Page) -> str | None:
    """The ID that took the lost section's place, or None when that is not clear.

    A rename leaves a new ID (not in links.lock) where the old one was: between the same neighbours in the order
    translations.lock recorded the page's sections in. Without that record, a page with one new ID only. Never a
    look-alike of the old ID: a wrong redirect sends every wiki link to the wrong advice, for ever.
    """
    root = handbook.settings.root
    locked = {entry.section for entry in read_lock(root / LOCK_FILE) if entry.page == page_slug}
    now = page.scan.section_ids
    new = [h.id for h in page.scan.headings if h.id and h.level > 1 and h.id not in locked]  # the page's top stays
    recorded = [key.partition("#")[2] for key in read_lock_file(root / TRANSLATIONS_LOCK) if key.partition("#")[0] == page_slug]
    if lost not in recorded:
        return new[0] if len(new) == 1 else None
    place = recorded.index(lost)
    before = next((section for section in reversed(recorded[:place]) if section in now), None)
    after = next((section for section in recorded[place + 1 :] if section in now), None)
    at = now.index(before) + 1 if before else 0
    if at < len(now) and now[at] in new and (after is None or now.index(after) == at + 1):
        return now[at]
    return None


DocFile = TypeVar("DocFile")  # mkdocs-redirects' file objects (MkDocs' `File`): passed through, never looked into


def redirects_for_language(
    redirect_maps: Mapping[str, str], doc_pages: Mapping[str, DocFile], language: Language
) -> tuple[dict[str, str], dict[str, DocFile]]:
    """mkdocs-redirects' two tables (old page -> new page, source path -> file) for one language's build.

    Under mkdocs-static-i18n the plugin would look a target up by a source path that carries the language
    suffix (`page.en.md`) and write every language's redirect to the same place at the site root. Prefixing the
    old path with the language's folder and adding `page.md` for this language's `page.<lang>.md` lets one
    `redirect_maps` entry (`old.md: new.md`) serve every language.
    """
    redirects = {f"{language.folder}{old}": new for old, new in redirect_maps.items()}
    targets = dict(doc_pages)
    for source, file in doc_pages.items():
        match = PAGE_NAME.match(source)
        if match and match.group("lang") == language.locale:
            targets[f"{match.group('slug')}.md"] = file
    return redirects, targets


def _as_section_key(target: str) -> str:
    """A redirect target as `page` or `page#section`: page redirects name files (`page.md#section`)."""
    page, hash_sign, section = target.partition("#")
    return page.removesuffix(".md") + hash_sign + section


def _exists(handbook: Handbook, target: str, lang: str) -> bool:
    page_slug, _, section = target.partition("#")
    page = handbook.page(page_slug, lang)
    return page is not None and (not section or section in page.scan.section_ids)


def page_url(site_url: str, folder: str, slug: str, section: str = "") -> str:
    """The absolute URL of a page (or one of its sections) in the language whose folder is `folder`; relative to
    the site's root while `site_url` is a placeholder (site_address.py), `./` for the root itself."""
    return site_base(site_url) + page_address(folder, slug, section) or "./"


def pdf_anchor(slug: str, section_id: str) -> str:
    """The ID a page's section has in the handbook PDF (and its named destination there)."""
    return f"{slug}--{section_id}"


def link_index(handbook: Handbook, pdf_pages: dict[str, dict[str, int]] | None = None) -> list[IndexEntry]:
    """Every section with its page, title, absolute URL (relative to the site's root in a preview) and that link in
    each wiki's form, per language, in navigation order.

    `pdf_pages` gives, per language, the page of each section in that language's handbook PDF (by `pdf_anchor`,
    as the print step found them); a section that is printed then also gets its PDF page and a URL that opens
    the PDF at its named destination.
    """
    settings = handbook.settings
    prefixes = settings.folders
    order = settings.nav_slugs
    order += sorted(slug for slug in handbook.pages if slug not in order)
    index: list[IndexEntry] = []
    for slug in order:
        reference = handbook.page(slug, settings.default_locale)
        if reference is None:
            continue
        for heading in reference.scan.headings:
            if not heading.id:
                continue
            entry: IndexEntry = {"id": heading.id, "page": slug, "title": {}, "url": {}, "forms": {}}
            for lang, prefix in prefixes.items():
                page = handbook.page(slug, lang)
                match = next((h for h in page.scan.headings if h.id == heading.id), None) if page else None
                if match is None:
                    continue
                entry["title"][lang] = match.title
                section = "" if heading.level == 1 else heading.id
                entry["url"][lang] = page_url(settings.site_url, prefix, slug, section)
                entry["forms"][lang] = link_forms(match.title, entry["url"][lang])
                anchor = pdf_anchor(slug, heading.id)
                printed = (pdf_pages or {}).get(lang, {})
                if anchor in printed:
                    pdf = f"{site_base(settings.site_url)}downloads/{HANDBOOK.format(lang=lang)}#nameddest={anchor}"
                    entry.setdefault("pdf", {})[lang] = {"page": printed[anchor], "url": pdf}
            index.append(entry)
    return index
