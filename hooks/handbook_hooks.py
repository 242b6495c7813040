"""MkDocs hooks: validate the handbook once per build and render its directives into each page.

Thin on purpose: the logic lives in the `handbook` package. mkdocs-static-i18n runs every event from
`on_config` on once per language; the model is built in the first (default-language) run and reused.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from handbook.checks.leftovers import check_output_html
from handbook.model import PAGE_NAME
from handbook.render import expand_page
from handbook.settings import settings_from_mkdocs
from handbook.validate import validate

log = logging.getLogger("mkdocs.plugins.handbook")
state: dict = {}


def _language(config) -> str:
    return config.plugins["i18n"].current_language


def on_startup(command, dirty):
    state["command"] = command


def on_config(config):
    settings = settings_from_mkdocs(config)
    if _language(config) == settings.default_locale or "validation" not in state:
        result = validate(settings)
        state["validation"] = result
        for problem in result.problems:
            log.error(problem.format())
        for line in result.lines()[len(result.problems) :]:
            log.info(line)
        if result.problems and state.get("command") == "build":
            raise PluginError(f"{len(result.problems)} validation problem(s); see above or build/validation.json")
    return config


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
    return expand_page(
        markdown,
        state["validation"].handbook,
        model,
        language,
        prefix="../" * (depth - lang_depth),
        root_prefix="../" * depth,
    )


def on_post_page(output, page, config):
    model = _page_of(page, config)
    path = model.path if model else page.file.src_uri
    for problem in check_output_html(output, path, _language(config)):
        log.error(problem.format())
    return output
