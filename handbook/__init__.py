"""Shared code of the handbook build: one model of the sources, the checks that read it, and the print step.

MkDocs hooks (`hooks/`) and command-line scripts (`scripts/`) are thin entry points over these functions.
"""
