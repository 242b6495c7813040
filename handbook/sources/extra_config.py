"""The handbook's own keys under `extra:` in mkdocs.yml, declared and validated the way MkDocs validates its own.

MkDocs hands `extra:` to the templates unchecked, so a typo there (`translation_lag: notise`, a list where the
section redirects belong) used to surface as a traceback or as a silently ignored setting. The keys the handbook
reads are declared here with MkDocs' config option classes, as Material's plugins declare theirs, and validated
by MkDocs' own `load_dict` and `validate()`. Each refusal comes back as a `Fault` naming the key (and the entry of
a block) and the values it accepts; `handbook.sources.settings` places it at its line and column in mkdocs.yml.

Only the handbook's keys are validated: `extra:` also holds Material's (`status`, `alternate`, `social`) and the
templates' own (`language_root`), which stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol, TypeVar, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

SECTION_ADDRESS = re.compile(r"[^\s#]+#[^\s#]+")  # `page#section-id`
LAG_POLICIES = ("fail", "notice")


def shown(value: object) -> str:
    """A value as an author reads it in a message: 'notise', the number 3, a list."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes, no, on and off without quotes as true or false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a block of entries"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


@dataclass(frozen=True)
class EntryFault:
    """A fault of one entry of a block: in its name (`in_name`) or in its value."""

    entry: str
    in_name: bool
    message: str


class EntryErrors(ValidationError):
    """MkDocs' validation error for a block, with each faulty entry kept apart so each is reported at its line."""

    def __init__(self, faults: list[EntryFault]) -> None:
        super().__init__("; ".join(fault.message for fault in faults))
        self.faults = tuple(faults)


class OneOf(c.Choice[str]):
    """MkDocs' Choice, refusing in an author's words and naming what it accepts."""

    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            raise ValidationError(f"is {shown(value)}, not one of {', '.join(f'`{choice}`' for choice in self.choices)}")
        return super().run_validation(value)


class Entries(c.DictOfItems[str]):
    """A block of `name: text` lines: MkDocs' DictOfItems of strings, with each entry that is wrong named on its own."""

    shape = "`name: text`"

    def entry_fault(self, name: str, value: object) -> EntryFault | None:
        if not isinstance(value, str):
            return EntryFault(name, False, f"`{name}` is {shown(value)}, not a text")
        return None

    def run_validation(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            raise ValidationError(f"is {shown(value)}, not a block of {self.shape} lines")
        # MkDocs' YAML loader gives a mapping of anything: a name is read as text (`1:` is the entry `1`).
        block = cast("dict[object, object]", value)
        items = [(str(name), item) for name, item in block.items()]
        faults = [fault for name, item in items if (fault := self.entry_fault(name, item)) is not None]
        if faults:
            raise EntryErrors(faults)
        return super().run_validation(dict(items))


class SectionRedirects(Entries):
    """`page#old-id: page#new-id` lines: both sides name a section."""

    shape = "`page#old-id: page#new-id`"

    def entry_fault(self, name: str, value: object) -> EntryFault | None:
        if not SECTION_ADDRESS.fullmatch(name):
            return EntryFault(name, True, f"`{name}` is not a section address `page#old-id`")
        if not isinstance(value, str) or not SECTION_ADDRESS.fullmatch(value):
            return EntryFault(name, False, f"`{name}` leads to {shown(value)}, not to a section address `page#new-id`")
        return None


class ExtraConfig(Config):
    """A block of `extra:` keys, with what fixes a refused value of each: (the whole value, one entry of it)."""

    fixes: ClassVar[Mapping[str, tuple[str, str]]] = {}


class HandbookExtra(ExtraConfig):
    """The handbook's keys in mkdocs.yml's top-level `extra:`."""

    translation_lag = OneOf(LAG_POLICIES, default="fail")
    section_redirects = c.Optional(SectionRedirects(c.Type(str)))

    fixes: ClassVar[Mapping[str, tuple[str, str]]] = {
        "translation_lag": (
            "`fail` stops the build at a section changed in one language only; `notice` publishes it with a note"
            " to readers that the translation may lag behind",
            "",
        ),
        "section_redirects": (
            "write `section_redirects:` alone on its line, each redirect indented below it as `page#old-id: page#new-id`",
            "write both sides as `page#section-id`, like `self-care#document-everything: after#document-everything`",
        ),
    }


class LanguageExtra(ExtraConfig):
    """The handbook's keys in each language's `extra:` under the i18n plugin."""

    ui = c.Optional(Entries(c.Type(str)))

    fixes: ClassVar[Mapping[str, tuple[str, str]]] = {
        "ui": (
            "write `ui:` alone on its line, each label indented below it as `name: text`",
            'put the label in quotes, `name: "text"`, so YAML reads it as text',
        ),
    }


class _Loadable(Protocol):
    """`Config.load_dict` as it is called here: MkDocs annotates its argument as a bare `dict`."""

    def load_dict(self, patch: dict[str, object], /) -> None: ...


@dataclass(frozen=True)
class Fault:
    """A value of `key` that its option refused; `entry` when the fault is one entry of a block."""

    key: str
    message: str
    fix: str
    entry: EntryFault | None = None


SomeConfig = TypeVar("SomeConfig", bound=ExtraConfig)


def validated(schema: type[SomeConfig], extra: Mapping[str, object]) -> tuple[SomeConfig, list[Fault]]:
    """The keys of `extra` that `schema` declares, loaded and validated by MkDocs, and what it refused.

    MkDocs' `validate()` stops at the first option that fails; that option's faulty entries, or the whole value,
    are noted and left out for another round, so one run reports every fault and the rest still holds (a block
    with one faulty entry keeps its others; a key refused as a whole is back at its default)."""
    declared = {name for name, option in vars(schema).items() if isinstance(option, BaseConfigOption)}
    loaded = {key: value for key, value in extra.items() if key in declared}
    faults: list[Fault] = []
    while True:
        config = schema()
        cast(_Loadable, config).load_dict(dict(loaded))
        failed, _warnings = config.validate()
        failed = [(key, error) for key, error in failed if key in loaded]  # a default never fails; guards the loop
        if not failed:
            return config, faults
        for key, error in failed:
            fix, entry_fix = schema.fixes.get(key, ("", ""))
            block = loaded.pop(key)
            if isinstance(error, EntryErrors) and isinstance(block, dict):
                faults.extend(Fault(key, entry.message, entry_fix or fix, entry) for entry in error.faults)
                wrong = {entry.entry for entry in error.faults}
                entries = cast("dict[object, object]", block)  # MkDocs' YAML loader: a mapping of anything
                loaded[key] = {name: item for name, item in entries.items() if str(name) not in wrong}
            else:
                faults.append(Fault(key, str(error), fix))
