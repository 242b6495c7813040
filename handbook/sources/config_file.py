"""Loading mkdocs.yml for the scripts: a malformed file ends in `mkdocs.yml:line:col` and a fix, never a traceback.

Authors edit mkdocs.yml for navigation titles and redirects. PyYAML's and MkDocs' own errors name positions
in their own words, inside a traceback; this module turns each into one problem in the project's format.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import yaml
from mkdocs.config import load_config  # pyright: ignore[reportUnknownVariableType]  # MkDocs leaves its **kwargs unannotated
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import get_yaml_loader

from handbook.core.codes import Code
from handbook.core.log_messages import MessageCollector
from handbook.core.problems import Problem
from handbook.core.yaml_lines import Located, YamlError, error_mark, items_of, load_located, mapping_of

if TYPE_CHECKING:
    from handbook.sources.settings import Settings

EMPTY_BLOCK = re.compile(r"^(\s*[\w-]+):\s*(\{\s*\}|\[\s*\])\s*(#.*)?$")
CONFIG_KEY = re.compile(r"'([\w.-]+)'")


# PyYAML's words for the slips authors make, in theirs.
PARSER_WORDS = {
    "expected <block end>, but found '<block mapping start>'": "a line indented more or less than the lines around it",
    "expected <block end>, but found '-'": "a list item `-` indented differently from the items before it",
    "mapping values are not allowed here": "a `: ` where none can be (indentation, or text with `: ` not in quotes)",
    "could not find expected ':'": "a line without `key: value` where one was expected",
}


def plain_yaml(problem: str) -> str:
    """PyYAML's description of a syntax fault in an author's words, where it is one of the usual slips."""
    return PARSER_WORDS.get(problem, problem)


def yaml_fix(text: str, line: int) -> str:
    """What most likely fixes a YAML syntax fault the parser marks at `line` of `text` (it often notices a slip
    only on the line after it): the same advice for every YAML file an author edits."""
    lines = text.splitlines()
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), 0)
    empty = EMPTY_BLOCK.match(lines[above - 1]) if above else None
    if empty:
        fix = f"line {above} ends in `{empty.group(2)}`, an empty block: remove it when you add the first entry below"
        return fix + f", so that it reads `{empty.group(1).strip()}:`"
    where = f"this line's and line {above}'s indentation" if above else "this line's indentation"
    return f"check {where} against the lines above them; put text with `: ` or `#` in quotes"


def load_data_file(path: Path, display_path: str) -> tuple[Located | None, Problem | None]:
    """One of the handbook's own YAML files under docs/ (the phrase cards, the index terms) with its line numbers,
    or the problem that stops it from being read: not UTF-8, or a YAML fault at its place with the likely fix."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        return None, Problem(display_path, 1, error.start + 1, Code.INPUT_ENCODING, "file is not UTF-8", "save it as UTF-8")
    try:
        return load_located(text), None
    except YamlError as error:
        message, fix = str(error), ""
        if message.startswith("malformed YAML: "):  # a syntax slip, not a value YAML cannot read
            message = "malformed YAML: " + plain_yaml(message.removeprefix("malformed YAML: "))
            fix = yaml_fix(text, error.line)
        return None, Problem(display_path, error.line, error.col, Code.INPUT_YAML, message, fix)


def load_data_list(path: Path, display_path: str, key: str, code: Code) -> tuple[list[Located], list[Problem]]:
    """The items of the top-level list `key:` of a data file under docs/, or the problems that stop it being read
    (reported with `code` when the file has no such list). A missing file is an empty list: the feature is off."""
    if not path.exists():
        return [], []
    data, unreadable = load_data_file(path, display_path)
    if data is None:
        return [], [unreadable] if unreadable else []
    top = mapping_of(data)
    entries = items_of(top.get(key) if top is not None else None)
    if entries is None:
        return [], [Problem(display_path, data.line, 1, code, f"expected a top-level `{key}:` list")]
    return entries, []


def syntax_problem(text: str, display: str) -> Problem | None:
    """The first YAML syntax fault of the file, with the fix an author most likely needs."""
    try:
        yaml.load(text, Loader=get_yaml_loader())
    except yaml.MarkedYAMLError as error:
        mark = error_mark(error)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"malformed YAML: {plain_yaml(str(error.problem or error))}"
        return Problem(display, line, col, Code.INPUT_CONFIG, message, yaml_fix(text, line))
    except yaml.YAMLError as error:
        return Problem(display, 1, 1, Code.INPUT_CONFIG, f"malformed YAML: {error}", "")
    return None


def _key_line(text: str, message: str) -> int:
    """The line of the setting an error message names, or 1."""
    for key in CONFIG_KEY.findall(message):
        name = key.rsplit(".", 1)[-1]
        for number, line in enumerate(text.splitlines(), 1):
            if re.match(rf"^\s*-?\s*{re.escape(name)}\s*:", line):
                return number
    return 1


def load_site_config(path: str | Path = "mkdocs.yml") -> tuple[MkDocsConfig | None, list[Problem]]:
    """The loaded config, or None and the problems that stop it from loading."""
    path = Path(path)
    display = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(display, 1, 1, Code.INPUT_CONFIG, f"cannot read the file: {error}", "save it as UTF-8")]
    problem = syntax_problem(text, display)
    if problem:
        return None, [problem]
    collector = MessageCollector(logging.ERROR)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(path))
    except MkDocsException as error:
        messages = collector.messages or [str(error)]
        return None, [
            Problem(display, _key_line(text, message), 1, Code.INPUT_CONFIG, message.replace("\n", " "), "see AUTHORING.md")
            for message in messages
        ]
    finally:
        logger.removeHandler(collector)
    return config, []


Params = ParamSpec("Params")
Result = TypeVar("Result")


def reporting_config_problems(builder: Callable[Params, Result], path: str | Path) -> Callable[Params, Result | None]:
    """Wrap the live preview's rebuild so a config broken mid-session is reported as problems, not a traceback,
    and the preview goes on serving the last good build until the file is saved again.

    MkDocs' rebuild loop catches only `Exception`: a `SystemExit` would end the server."""
    log = logging.getLogger("mkdocs.plugins.handbook")

    def rebuild(*args: Params.args, **kwargs: Params.kwargs) -> Result | None:
        try:
            return builder(*args, **kwargs)
        except MkDocsException as error:
            _, problems = load_site_config(path)
            lines = [problem.format() for problem in problems] or [f"{Path(path).name}:1:1: INPUT-CONFIG {error}"]
            log.info(f"preview: {Path(path).name} cannot be read, so the pages shown are those of the last good build")
            for line in lines:
                log.error(line)
            return None

    return rebuild


def settings_or_report() -> Settings | None:
    """The handbook's settings from ./mkdocs.yml for a script; None after printing why it cannot be read."""
    from handbook.sources.settings import settings_from_mkdocs

    config, problems = load_site_config("mkdocs.yml")
    if config is None:
        print("\n".join(problem.format() for problem in problems), file=sys.stderr)
        return None
    return settings_from_mkdocs(config)
