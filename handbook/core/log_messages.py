"""Collecting what a library logs, so its warnings become the project's own problems, and leaving out what it
logs about a fault the project reports better.

MkDocs only logs a bad setting, and WeasyPrint only logs a missing image or font; both are turned into
`path:line:col` problems from the messages kept here. MkDocs also warns about links on its own, without a line;
those the project reports are left out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from handbook.core.problems import Problem


class MessageCollector(logging.Handler):
    """Keeps the text of every record at `level` or above."""

    def __init__(self, level: int):
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class RepeatedLinkWarnings(logging.Filter):
    """Leaves out MkDocs' warning about a link (no line number, its own words) when the project reports a problem
    with the same link in the same file, at its line and with a fix. For the logger `mkdocs.structure.pages`."""

    LINK = re.compile(r"^Doc file '([^']+)' contains (?:a|an [a-z ]+) link '([^']*)'")

    def __init__(self, known: Callable[[], list[Problem]]):
        super().__init__()
        self.known = known

    def filter(self, record: logging.LogRecord) -> bool:
        found = self.LINK.match(record.getMessage())
        if not found:
            return True
        path = "/" + found.group(1)  # MkDocs names the file inside docs/, the project from the repository
        target, _, anchor = found.group(2).partition("#")
        named = [f"'#{anchor}'"] if anchor else [f"'{target}'", f"'{target.rsplit('/', 1)[-1]}'"]
        return not any(
            p.path.endswith(path) and p.code.startswith("LINK") and any(name in p.message for name in named) for p in self.known()
        )
