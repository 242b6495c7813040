"""MkDocs hooks: validate the handbook once per build and render its directives into each page.

Thin on purpose: the logic lives in the `handbook` package. mkdocs-static-i18n runs every event from
`on_config` on once per language; the model is built in the first (default-language) run and reused.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from handbook.alternates import without_head_alternates
from handbook.assets import shared_assets
from handbook.checks.leftovers import check_output_html
from handbook.checks.rendered import check_rendered
from handbook.config_file import reporting_config_problems
from handbook.csp import add_policy
from handbook.link_forms import page_forms, with_forms_script
from handbook.model import PAGE_NAME
from handbook.precompress import precompress_site
from handbook.preview import serve_last_pdfs
from handbook.printing.document import RenderedPage
from handbook.printing.edition import format_edition, last_commit_timestamp
from handbook.printing.report import REPORT as PRINT_REPORT
from handbook.printing.report import print_summary, write_print_report
from handbook.published_links import link_index, redirects_for_language
from handbook.render import expand_page
from handbook.settings import published_site_dir, settings_from_mkdocs
from handbook.site_output import finish_site, scope_search_to_language, write_links
from handbook.translation_notices import with_lag_notices, with_status
from handbook.validate import validate

log = logging.getLogger("mkdocs.plugins.handbook")
state: dict = {}


def _language(config) -> str:
    # The i18n plugin sets the language in its own on_config, after ours: None means the first (default) run.
    i18n = config.plugins["i18n"]
    return i18n.current_language or i18n.default_language


def on_startup(command, dirty):
    state["command"] = command
    # mkdocs-static-i18n logs each language's whole configuration at INFO on every build and save, burying the
    # problems an author needs to see; its warnings still show.
    logging.getLogger("mkdocs.plugins.mkdocs_static_i18n").setLevel(logging.WARNING)
    # MkDocs dates the sitemap from SOURCE_DATE_EPOCH when set: use the last commit, so builds reproduce.
    stamp = last_commit_timestamp(Path.cwd())
    if stamp is not None:
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(stamp))


def on_serve(server, config, builder):
    server.builder = reporting_config_problems(server.builder, config.config_file_path)
    return server


def on_config(config):
    settings = settings_from_mkdocs(config)
    if _language(config) == settings.default_locale:
        state["site_dir"] = config.site_dir
        state["rendered"] = {}
        state["rendered_problems"] = []
        state["not_found"] = {}
        state["script_hashes"] = set()
        result = validate(settings)
        state["changed"] = result.translations.file_dates
        log.info(f"validation took {1000 * result.seconds:.0f} ms")
        state["validation"] = result
        state["link_index"] = link_index(result.handbook)  # the copy buttons' links in every wiki form
        if state.get("command") != "serve":  # a live preview prints them last, in on_post_build
            _report_validation(result)
        if result.problems and state.get("command") == "build":
            raise PluginError(f"{len(result.problems)} validation problem(s); see above or build/validation.json")
    return config


@event_priority(-150)  # after the i18n plugin has chosen this language's files
def on_files(files, config):
    handbook = state["validation"].handbook
    language = handbook.settings.language(_language(config))
    if not language.default:
        # The i18n plugin leaves a file without a language suffix out of the other languages; put it back at
        # its one address, so a shared image is found (and shown) on every language's pages.
        for uri in shared_assets(handbook.assets, handbook.settings.locales):
            if uri not in files.src_uris and not (config.exclude_docs and config.exclude_docs.match_file(uri)):
                files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    redirects = config.plugins.get("redirects")
    if redirects is not None:
        pages = {file.src_uri: file for file in files.documentation_pages()}
        redirects.redirects, redirects.doc_pages = redirects_for_language(redirects.redirects, pages, language)
    return files


def _report_validation(result, problems_last: bool = False) -> None:
    summary = result.lines()[len(result.problems) :]
    for line in summary if problems_last else []:
        log.info(line)
    for problem in result.problems:
        log.error(problem.format())
    for line in [] if problems_last else summary:
        log.info(line)


def on_env(env, config, files):
    # MkDocs compiles Material's templates afresh for each language of every build, live previews included.
    cache = state["validation"].handbook.settings.build_dir / "cache" / "templates"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    # Every page of this language is rendered by now: check the links and text of its HTML.
    lang, validation = _language(config), state["validation"]
    rendered, started = state["rendered"].get(lang, {}), time.perf_counter()
    problems = check_rendered(validation.handbook, lang, rendered, [f.url for f in files], validation.problems)
    log.info(f"rendered-page check ({lang}) took {1000 * (time.perf_counter() - started):.0f} ms")
    for problem in problems:
        log.error(problem.format())
        state["rendered_problems"].append(problem)
    return env


def _page_of(page, config):
    match = PAGE_NAME.match(page.file.src_uri)
    slug = match.group("slug") if match else page.file.src_uri.removesuffix(".md")
    return state["validation"].handbook.page(slug, _language(config))


def on_page_markdown(markdown, page, config, files):
    model = _page_of(page, config)
    if model is None:
        return markdown
    settings = state["validation"].handbook.settings
    language = settings.language(model.lang)
    depth = page.url.count("/")
    lang_depth = 0 if language.default else 1
    translations = state["validation"].translations
    markdown = with_status(markdown, state["validation"].handbook, translations, language)
    if settings.translation_lag == "notice":
        markdown = with_lag_notices(markdown, state["validation"].handbook, translations, model, language)
    return expand_page(
        markdown,
        state["validation"].handbook,
        model,
        language,
        prefix="../" * (depth - lang_depth),
        root_prefix="../" * depth,
        updated=format_edition(state["changed"].get(model.path), model.lang),
    )


def on_post_page(output, page, config):
    model = _page_of(page, config)
    path = model.path if model else page.file.src_uri
    for problem in check_output_html(output, path, _language(config), model.scan.text_lines if model else ()):
        log.error(problem.format())
    language = state["validation"].handbook.settings.language(_language(config))
    if not language.default:
        output = scope_search_to_language(output, language.locale)
    if model is not None:
        output = with_forms_script(output, page_forms(state["link_index"], model.slug, model.lang))
    return _with_policy(output)


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        state["not_found"][_language(config)] = _with_policy(output)
    return output


def _with_policy(html: str) -> str:
    html, hashes = add_policy(without_head_alternates(html), preview=state.get("command") == "serve")
    state["script_hashes"].update(hashes)
    return html


def on_page_content(html, page, config, files):
    model = _page_of(page, config)
    if model is not None:
        state["rendered"].setdefault(model.lang, {})[model.slug] = RenderedPage(
            model.slug, model.lang, page.url, model.scan.title or page.title, html, model.path
        )
    return html


@event_priority(-200)  # after the i18n plugin's on_post_build, which builds the other languages
def on_post_build(config):
    if config.plugins["i18n"].building:
        return  # only the outermost run ends after every language is built
    handbook = state["validation"].handbook
    site_dir = Path(state["site_dir"])
    hashes, published = sorted(state["script_hashes"]), published_site_dir(site_dir)
    finish_site(site_dir, handbook, state["not_found"], hashes, published, offline=state.get("command") != "serve")
    rendered = state["rendered_problems"]
    if state.get("command") == "serve":
        log.info(serve_last_pdfs(handbook.settings.root / "site", Path(state["site_dir"])))
        # Last, so that the problems of this save are what the terminal shows when the browser reloads.
        _report_validation(state["validation"], problems_last=True)
    if rendered and state.get("command") == "build":
        raise PluginError(f"{len(rendered)} problem(s) in the rendered pages; see above")
    if state.get("command") == "serve":
        return
    if state.get("command") != "build":
        return
    if os.environ.get("HANDBOOK_SKIP_PRINT") == "1":
        return  # a site-only build (make check, the benchmark's floor): no PDFs and nothing to serve
    # Imported here: live previews and site-only builds never print.
    from handbook.printing.build import print_all

    started = time.perf_counter()
    fresh = os.environ.get("HANDBOOK_FRESH_PRINT") == "1"  # as on a fresh clone: nothing from the last build
    results, problems = print_all(handbook, state["rendered"], site_dir, reuse=not fresh)
    write_print_report(handbook.settings.build_dir / PRINT_REPORT, results, problems, time.perf_counter() - started)
    write_links(site_dir, handbook, results)  # now with each section's place in the PDFs
    # Last, so links.json is compressed as it ends up; for nginx's gzip_static and brotli_static.
    precompress_site(site_dir)
    for problem in problems:
        log.error(problem.format())
    if problems:
        raise PluginError(f"{len(problems)} print problem(s); no PDF with a problem was written")
    log.info(print_summary(results, detailed=sys.stderr.isatty()))
