"""Shared code of the handbook build, in rooms that each own one part; a room imports only the rooms below it.

From the bottom: `core` (problem codes and reports, line-numbered YAML, whole-file writes, git), `sources` (the one
model of the handbook read from docs/ and mkdocs.yml), `translations` (what is translated and what lags),
`pages` (what the model adds to the rendered pages), `printing` (the PDFs), `website` (the website's finishing
and its serving configuration), `checks` (every problem of one run) and `run` (one MkDocs run, a preview,
a publish). `tests/test_layout.py` holds this order.
"""
