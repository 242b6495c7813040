"""The environment variables that change what a build does, read in one place into one typed, frozen object.

A switch read with `os.environ.get(...) == "1"` where it is used turns a typo (`HANDBOOK_FRESH_PRINT=yes`) into a
build that silently ignores it. Read here, a value a switch does not accept becomes a problem that names the
variable and what it accepts, and the run fails before it has done anything the author did not ask for.

SOURCE_DATE_EPOCH is not here: it is the reproducible-builds standard, set by the hook for MkDocs' sitemap and
read by `handbook.sources.edition` only where a checkout has no git history; a value that is not a whole number
is ignored there, as the standard asks.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from handbook.core.codes import Code
from handbook.core.problems import Problem

ON, OFF = "1", ("0", "")  # what a flag accepts; unset is off too

# Each flag with what it does when on, for the message that names what a flag accepts.
FLAGS = {
    "HANDBOOK_SKIP_PRINT": "build the website without its PDFs",
    "HANDBOOK_FRESH_PRINT": "typeset every PDF afresh, reusing nothing from the last build",
}
# Each folder with what it is; any text names a folder, and empty or unset means the default.
FOLDERS = {
    "HANDBOOK_BUILD_DIR": "the folder for reports and caches instead of build/",
    "HANDBOOK_PUBLISH_DIR": "the folder the site being built will be served from (set by `make build`, `make check`)",
}


@dataclass(frozen=True)
class Switches:
    build_dir: Path | None = None  # HANDBOOK_BUILD_DIR
    publish_dir: Path | None = None  # HANDBOOK_PUBLISH_DIR
    skip_print: bool = False  # HANDBOOK_SKIP_PRINT=1
    fresh_print: bool = False  # HANDBOOK_FRESH_PRINT=1
    # One problem per switch set to a value it does not accept; that switch then reads as off.
    problems: tuple[Problem, ...] = ()


def switch_problem(name: str, value: str) -> Problem:
    """A flag set to what it does not accept, at the variable's name (an environment has no lines)."""
    return Problem(
        f"${name}",
        1,
        1,
        Code.INPUT_SWITCH,
        f"{name} is {value!r}, which this switch does not accept",
        f"set {name}={ON} to {FLAGS[name]}; {name}=0, empty or unset for the default",
    )


def _flag(environ: Mapping[str, str], name: str, problems: list[Problem]) -> bool:
    value = environ.get(name, "")
    if value != ON and value not in OFF:
        problems.append(switch_problem(name, value))
    return value == ON


def _folder(environ: Mapping[str, str], name: str) -> Path | None:
    value = environ.get(name, "")
    return Path(value) if value else None


def read_switches(environ: Mapping[str, str] | None = None) -> Switches:
    """The switches of this process's environment (or of `environ`), each flag checked."""
    environ = os.environ if environ is None else environ
    problems: list[Problem] = []
    skip_print = _flag(environ, "HANDBOOK_SKIP_PRINT", problems)
    fresh_print = _flag(environ, "HANDBOOK_FRESH_PRINT", problems)
    return Switches(
        build_dir=_folder(environ, "HANDBOOK_BUILD_DIR"),
        publish_dir=_folder(environ, "HANDBOOK_PUBLISH_DIR"),
        skip_print=skip_print,
        fresh_print=fresh_print,
        problems=tuple(problems),
    )
