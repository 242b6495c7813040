"""YAML loading that remembers line numbers, so a data-file problem can point at `path:line`.

PyYAML's safe loader drops positions; composing the node tree ourselves keeps them at no extra cost. libyaml's
composer (when PyYAML has it) gives the same nodes and marks in a fraction of the time: the card file alone took
about 60 ms to compose in Python, a quarter of a validation run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import yaml

COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Located:
    """A YAML value with the 1-based line (and column) it starts on."""

    value: object
    line: int
    # What YAML means by a scalar (`false`, `3`); `value` keeps the text as written, which card texts need.
    meaning: object = None
    col: int = 1


class YamlError(ValueError):
    def __init__(self, message: str, line: int, col: int):
        super().__init__(message)
        self.line = line
        self.col = col


def _convert(node: yaml.Node, scalars: yaml.constructor.SafeConstructor, any_tag: bool) -> Located:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.MappingNode):
        return Located({str(key.value): _convert(value, scalars, any_tag) for key, value in node.value}, line, col=col)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(item, scalars, any_tag) for item in node.value], line, col=col)
    if any_tag and node.tag not in scalars.yaml_constructors:
        return Located(node.value, line, node.value, col)
    try:
        meaning: object = scalars.construct_object(node)  # pyright: ignore[reportUnknownMemberType] -- types-PyYAML leaves `node` unannotated
    except (yaml.YAMLError, ValueError) as error:  # an unknown tag, or a date like 2024-13-45
        raise YamlError(f"malformed YAML value: {error}", line, node.start_mark.column + 1) from None
    return Located(node.value if node.value is not None else "", line, meaning, col)


def error_mark(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where to point an author: the opening of what was never closed, when the file simply ended too soon."""
    if error.context_mark is not None and "<stream end>" in str(error.problem or ""):
        return error.context_mark
    return error.problem_mark or error.context_mark


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=COMPOSER)
    except yaml.YAMLError:
        # libyaml marks a fault where it gave up, often a line later: the Python composer marks the fault itself.
        return yaml.compose(text, Loader=yaml.SafeLoader)


def load_located(text: str, any_tag: bool = False) -> Located:
    """Parse YAML text into nested `Located` values (dicts of str, lists, strings).

    `any_tag` keeps a scalar with a tag this loader does not know (mkdocs.yml's `!ENV`, `!relative`,
    `!!python/name:`) as the text written, where the handbook's own files treat it as an error."""
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error_mark(error)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(f"malformed YAML: {error.problem or error.context}", line, col) from None
    except yaml.YAMLError as error:
        raise YamlError(f"malformed YAML: {error}", 1, 1) from None
    return _convert(node, yaml.constructor.SafeConstructor(), any_tag) if node is not None else Located({}, 1)


def mapping_of(node: Located | None) -> dict[str, Located] | None:
    """The node's entries by key when it is a mapping, else None (no node, a list or a scalar)."""
    value = node.value if node is not None else None
    if not isinstance(value, dict):
        return None
    return cast("dict[str, Located]", value)  # what `_convert` makes of a mapping node


def items_of(node: Located | None) -> list[Located] | None:
    """The node's items when it is a list, else None (no node, a mapping or a scalar)."""
    value = node.value if node is not None else None
    if not isinstance(value, list):
        return None
    return cast("list[Located]", value)  # what `_convert` makes of a sequence node


def plain(located: Located) -> object:
    """Drop the line numbers again and read scalars as YAML means them (for front matter, as MkDocs reads it)."""
    value = located.value
    if isinstance(value, dict):
        mapping = cast("dict[str, Located]", value)  # what `_convert` makes of a mapping node
        return {key: plain(item) for key, item in mapping.items()}
    if isinstance(value, list):
        sequence = cast("list[Located]", value)  # what `_convert` makes of a sequence node
        return [plain(item) for item in sequence]
    return located.meaning
