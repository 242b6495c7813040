"""Collecting what a library logs, so its warnings become the project's own problems.

MkDocs only logs a bad setting, and WeasyPrint only logs a missing image or font; both are turned into
`path:line:col` problems from the messages kept here.
"""

from __future__ import annotations

import logging


class MessageCollector(logging.Handler):
    """Keeps the text of every record at `level` or above."""

    def __init__(self, level: int):
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())
