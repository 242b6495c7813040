"""What the print step reports: a line for the log, and `build/print.json`, read by `make build`.

Kept apart from the print step itself, so that `make build` reads a report without loading the print machinery.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, cast

from handbook.core.problems import plural

if TYPE_CHECKING:
    from handbook.core.problems import Problem
    from handbook.printing.typeset import PrintResult

# Written after the print step of every build. `make build` reads it to tell a print failure (publish the new
# website, keep the previous PDFs) from a failed website build (keep everything).
REPORT = "print.json"  # in the build folder (settings.build_dir)


class PrintReport(TypedDict):
    """The contents of `build/print.json`."""

    ok: bool
    seconds: float
    seconds_per_pdf: dict[str, float]
    layouts_per_pdf: dict[str, int]
    pdfs: dict[str, int]
    problems: list[dict[str, object]]


def _how(result: PrintResult) -> str:
    if result.layouts:
        return plural(result.layouts, "layout")
    return "typeset during validation" if result.typeset_in_validation else "unchanged since the last build"


def print_summary(results: list[PrintResult], detailed: bool) -> list[str]:
    """One line for CI logs; one line per PDF (name, pages, how it was made, seconds) on a terminal."""
    total = f"print: {plural(len(results), 'PDF')}, {plural(sum(r.pages for r in results), 'page')}"
    if not detailed:
        return [total]
    lines = [f"print: {r.name}: {plural(r.pages, 'page')}, {_how(r)}, {r.seconds:.1f} s" for r in results]
    return [*lines, total]


def write_print_report(path: Path, results: list[PrintResult], problems: list[Problem], seconds: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report: PrintReport = {
        "ok": not problems,
        "seconds": round(seconds, 3),
        "seconds_per_pdf": {r.name: round(r.seconds, 3) for r in results},
        "layouts_per_pdf": {r.name: r.layouts for r in results},
        "pdfs": {r.name: r.pages for r in results if not r.errors},
        "problems": [asdict(p) for p in problems],
    }
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_json(path: Path) -> dict[str, object]:
    try:
        data: object = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    # A JSON object's keys are always strings.
    return cast("dict[str, object]", data) if isinstance(data, dict) else {}


def print_failed(path: Path) -> bool:
    """Whether the last build got as far as printing and failed there (the website itself is complete)."""
    return read_json(path).get("ok") is False
