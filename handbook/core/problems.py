"""Problems found in the sources, in the one format every check, hook and script prints.

The format follows compilers and Sphinx (`path:line:col: CODE message (suggestion)`) so editors and CI logs
can jump to the spot; collecting problems instead of raising lets one run report all of them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from handbook.core.codes import Code


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    code: Code
    message: str
    suggestion: str = ""
    lang: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", Code(self.code))  # a code the table lacks is a ValueError here, not in a report

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        return f"{text} ({self.suggestion})" if self.suggestion else text


def plural(count: int, noun: str, nouns: str = "") -> str:
    """'1 problem', '2 problems': counts in messages read as sentences."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def closing_line(command: str, problems: list[Problem]) -> str:
    """The last line of a failed run, the same for `make check` and `make build`: how many problems it showed."""
    return f"{command} failed: {plural(len(problems), 'problem')} (listed above)"


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems))


def _percent(share: float) -> str:
    return f"{int(share * 100 + 1e-9)}%"  # rounded down, with room for float error (0.57 * 100)


def summary_lines(problems: list[Problem], coverage: dict[str, float]) -> list[str]:
    """Counts per check and per language, and translation coverage, for the end of a run.

    `coverage` is the share of each language's translatable units (page titles, headings, paragraphs, list
    and checklist items, table cells, box titles, card fields) translated without a translation problem;
    see `handbook.checks.translations.translation_coverage`. Shown rounded down, so one untranslated unit
    never reads as "100% translated".
    """
    if not problems:
        head = "validation: no problems"
    else:
        per_code = ", ".join(f"{code} {n}" for code, n in sorted(Counter(p.code for p in problems).items()))
        head = f"validation: {plural(len(problems), 'problem')}: {per_code}"
    per_lang = Counter(p.lang or "all" for p in problems)
    langs = ", ".join(
        f"{lang}: {plural(per_lang.get(lang, 0), 'problem')}, {_percent(coverage[lang])} translated" for lang in sorted(coverage)
    )
    return [head, f"validation per language: {langs}"] if langs else [head]


def write_report(path: Path, problems: list[Problem], coverage: dict[str, float], seconds: float, notice: str = "") -> None:
    """The JSON report at build/validation.json, for tools that read results instead of logs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "problems": [asdict(p) for p in problems],
        "counts": dict(sorted(Counter(p.code for p in problems).items())),
        "coverage": coverage,
        "ok": not problems,
        "seconds": round(seconds, 3),
        "notice": notice,
    }
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
