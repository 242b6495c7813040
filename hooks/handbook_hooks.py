"""MkDocs hooks: validate the handbook once per run and render its directives into each page.

Thin on purpose: the logic lives in the `handbook` package (`handbook.run.build_run` holds a run from its start to its
end). mkdocs-static-i18n runs every event from `on_config` on once per language; the run starts in the first
(default-language) one and is reused by the others.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal, Protocol, cast

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.checks.rendered import check_rendered
from handbook.core.log_messages import RepeatedLinkWarnings
from handbook.core.problems import Problem, closing_line
from handbook.pages.directives import expand_page
from handbook.pages.link_forms import page_forms, with_forms_script
from handbook.pages.published_links import redirects_for_language
from handbook.pages.translation_notices import lag_notices, render_status
from handbook.run.build_run import BuildRun, finish_run, page_prefixes, start_run
from handbook.run.preview import serve_last_pdfs
from handbook.sources.assets import shared_assets
from handbook.sources.config_file import reporting_config_problems
from handbook.sources.edition import format_edition, last_commit_timestamp
from handbook.sources.settings import settings_from_mkdocs
from handbook.sources.site_address import mkdocs_site_url
from handbook.website.alternates import without_head_alternates
from handbook.website.csp import add_policy
from handbook.website.phone_links import with_phone_links
from handbook.website.site_output import scope_search_to_language, valid_toggles
from handbook.website.table_hyphens import with_table_hyphens
from handbook.website.theme_files import unused_theme_files

log = logging.getLogger("mkdocs.plugins.handbook")
started_as: str = "build"  # the command MkDocs gave on_startup
run: BuildRun | None = None  # the run under way, from the default language's on_config to on_post_build


class I18nPlugin(Protocol):
    """What the hooks read of mkdocs-static-i18n's plugin, which has no type information."""

    current_language: str | None
    default_language: str
    building: bool


class RedirectsPlugin(Protocol):
    """The tables of mkdocs-redirects' plugin the hooks set for each language; the plugin has no type information."""

    redirects: dict[str, str]  # old page -> new page
    doc_pages: dict[str, File]  # source path -> file


def _i18n(config: MkDocsConfig) -> I18nPlugin:
    return cast(I18nPlugin, config.plugins["i18n"])  # MkDocs knows it as a BasePlugin: the attributes read are declared above


def _current() -> BuildRun:
    """The run under way: every event from the default language's on_config on has one."""
    if run is None:
        raise RuntimeError("no handbook run: the default language's on_config has not started one")
    return run


def _language(config: MkDocsConfig) -> str:
    # The i18n plugin sets the language in its own on_config, after ours: None means the first (default) run.
    i18n = _i18n(config)
    return i18n.current_language or i18n.default_language


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global started_as
    started_as = command
    # mkdocs-static-i18n logs each language's whole configuration at INFO on every build and save, burying the
    # problems an author needs to see; its warnings still show.
    logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)
    repeated = RepeatedLinkWarnings(lambda: run.validation.problems + run.rendered_problems if run else [])
    logging.getLogger("mkdocs.structure.pages").addFilter(repeated)
    # MkDocs dates the sitemap from SOURCE_DATE_EPOCH when set: use the last commit, so builds reproduce.
    stamp = last_commit_timestamp(Path.cwd())
    if stamp is not None:
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(stamp))


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
    server.builder = reporting_config_problems(server.builder, config.config_file_path)
    return server


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global run
    settings = settings_from_mkdocs(config)
    config.site_url = mkdocs_site_url(settings.site_url)  # for a placeholder, its path only
    if _language(config) == settings.default_locale:
        run = start_run(settings, started_as, config.site_dir)
        log.info(f"validation took {1000 * run.validation.seconds:.0f} ms")
        # Every problem is printed at the end of the run, counted once (see on_post_build). MkDocs' strict mode
        # counts the log records of each language's build on its own and would stop the second language with a
        # count of its records only, before the list: it is left to the outer build, whose count was armed
        # before this event and sees every language.
        config.strict = False
    else:
        _current().languages_built(until=_language(config))  # their handbooks typeset while this language builds
    return config


@event_priority(-150)  # after the i18n plugin has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    run = _current()
    handbook = run.handbook
    for file in run.unreadable(files):  # reported as INPUT-ENCODING; the other pages are still rendered and checked
        files.remove(file)
    language = handbook.settings.language(_language(config))
    if language.default:
        run.start_pdfs()  # the sheets and cards need only the model; MkDocs has just emptied the site folder
    else:
        # The i18n plugin leaves a file without a language suffix out of the other languages; put it back at
        # its one address, so a shared image is found (and shown) on every language's pages.
        for uri in shared_assets(handbook.assets, handbook.settings.locales):
            if uri not in files.src_uris and not (config.exclude_docs and config.exclude_docs.match_file(uri)):
                files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    for uri in unused_theme_files(list(files.src_uris), handbook.settings.locales):
        files.remove(files.src_uris[uri])
    if "redirects" in config.plugins:
        redirects = cast(RedirectsPlugin, config.plugins["redirects"])  # a BasePlugin to MkDocs: its tables are declared above
        pages = {file.src_uri: file for file in files.documentation_pages()}
        redirects.redirects, redirects.doc_pages = redirects_for_language(redirects.redirects, pages, language)
    return files


def _report(problems: list[Problem], lines: list[str], problems_last: bool = False) -> None:
    """The problems as errors and the summary lines (notices, counts) as information, in the order asked for."""
    for line in lines if problems_last else []:
        log.info(line)
    for problem in problems:
        log.error(problem.format())
    for line in [] if problems_last else lines:
        log.info(line)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    run = _current()
    # MkDocs compiles Material's templates afresh for each language of every build, live previews included.
    cache = run.handbook.settings.build_dir / "cache" / "templates"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    # Every page of this language is rendered by now: check the links and text of its HTML.
    lang = _language(config)
    started = time.perf_counter()
    problems = check_rendered(run.handbook, lang, run.rendered.get(lang, {}), [f.url for f in files], run.validation.problems)
    log.info(f"rendered-page check ({lang}) took {1000 * (time.perf_counter() - started):.0f} ms")
    run.rendered_problems += problems  # printed with the others at the end of the run
    # Jinja types `globals` by the entries it starts with; the templates' globals are any values.
    template_globals = cast(dict[str, object], env.globals)
    template_globals["live_preview"] = run.preview  # no service worker in a preview: main.html leaves it out
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    run = _current()
    model = run.page(page.file.src_uri, _language(config))
    if model is None:
        return markdown
    handbook, translations = run.handbook, run.validation.translations
    assert translations is not None  # a run's validation always reads the translation status
    language = handbook.settings.language(model.lang)
    notices = lag_notices(handbook, translations, model, language) if handbook.settings.translation_lag == "notice" else {}
    wants_status = any(directive.name == "translation-status" for directive in model.scan.directives)
    status_table = render_status(handbook, translations, language, model.slug) if wants_status else ""
    prefix, root_prefix = page_prefixes(page.url, language)
    updated = format_edition(translations.file_dates.get(model.path), model.lang)
    return expand_page(markdown, handbook, model, language, prefix, root_prefix, updated, notices, status_table)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    run = _current()
    model = run.page(page.file.src_uri, _language(config))
    if model is not None:
        # MkDocs' `title` is text once the page's Markdown is read, as it is by now.
        title = cast(str, page.title)  # pyright: ignore[reportUnknownMemberType]  # MkDocs' weak_property descriptor is untyped
        run.keep_rendered(model, page.url, model.scan.title or title, html)
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    run = _current()
    model = run.page(page.file.src_uri, _language(config))
    run.rendered_problems += run.output_problems(output, page.file.src_uri, _language(config))
    language = run.handbook.settings.language(_language(config))
    if not language.default:
        output = scope_search_to_language(output, language.locale)
    if model is not None:
        output = with_forms_script(output, page_forms(run.link_index, model.slug, model.lang))
    output = with_table_hyphens(with_phone_links(output), language.locale)
    return _with_policy(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        _current().not_found[_language(config)] = _with_policy(output)
    return output


def _with_policy(html: str) -> str:
    run = _current()
    html, hashes = add_policy(valid_toggles(without_head_alternates(html)), preview=run.preview)
    run.script_hashes.update(hashes)
    return html


@event_priority(-200)  # after the i18n plugin's on_post_build, which builds the other languages
def on_post_build(config: MkDocsConfig) -> None:
    if _i18n(config).building:
        return  # only the outermost run ends after every language is built
    run = _current()
    printed, summary = finish_run(run)
    problems = run.problems(printed)
    run.validation.report(problems)
    lines = run.validation.lines(problems)[len(problems) :]
    if run.preview:
        log.info(serve_last_pdfs(run.handbook.settings.root / "site", run.site_dir))
        # Last, so that the problems of this save are what the terminal shows when the browser reloads.
        _report(problems, lines, problems_last=True)
        return
    _report(problems, lines + summary)
    if problems:
        # Abort, not a BuildError: MkDocs prints its text as the run's last line, not after an "ERROR" copy.
        raise Abort(closing_line("build", problems))


def on_build_error(error: Exception) -> None:
    # A run that stops early (a problem, or MkDocs' own error in any language's build) must not leave worker
    # processes typesetting: the interpreter would end with a traceback from the pool's shutdown.
    if run is not None and run.pdfs is not None:
        run.pdfs.cancel()
