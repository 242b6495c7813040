"""Lighthouse's verdict on every page, as a table and a list of what misses the handbook's targets.

Quick help is opened on a phone, often on a poor connection: each page must score at least 95 for performance
and 100 for accessibility, best practices and SEO under Lighthouse's default mobile settings, and a first visit
to quick help may transfer at most 200 KiB.

A single run's performance score moves by a few points with the machine's load; comparisons (a theme feature on
or off, a change to the pages) take the median of several runs of the same page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NotRequired, TypedDict

TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
QUICK_HELP_BUDGET_KIB = 200
QUICK_HELP = "quick-help/"


class _Resource(TypedDict):
    resourceType: str
    transferSize: int


class _Details(TypedDict, total=False):
    items: list[_Resource]


class _Audit(TypedDict):
    score: float | None
    numericValue: float  # of the metrics read here
    details: NotRequired[_Details]


class _AuditRef(TypedDict):
    id: str
    weight: float


class _Category(TypedDict):
    score: float | None
    auditRefs: list[_AuditRef]


class LighthouseReport(TypedDict):
    """The parts of Lighthouse's JSON report read here."""

    audits: dict[str, _Audit]
    categories: dict[str, _Category]
    environment: NotRequired[dict[str, float]]


@dataclass(frozen=True)
class PageResult:
    path: str
    scores: dict[str, int]
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    cls: float
    kib: float
    failing: tuple[str, ...]  # the scored audits below 1, for the reader of the table
    # Lighthouse's measure of the machine's speed during the run: its timings scale with it, and on a busy
    # shared machine a low index explains a low performance score.
    benchmark: float = 0.0
    script_kib: float = 0.0  # transferred, as Lighthouse counts it: what the theme's and our scripts cost
    css_kib: float = 0.0


def _transferred_kib(report: LighthouseReport, resource_type: str) -> float:
    summary = report["audits"].get("resource-summary")
    details: _Details = summary.get("details", {}) if summary is not None else {}
    items = details.get("items", [])
    return sum(item["transferSize"] for item in items if item["resourceType"] == resource_type) / 1024


def _below_one(audit: _Audit) -> bool:
    score = audit.get("score")
    return score is not None and score < 1


def page_result(path: str, report: LighthouseReport) -> PageResult:
    """The figures of one page from Lighthouse's JSON report."""
    audits = report["audits"]
    failing = tuple(
        sorted(
            {
                ref["id"]
                for category in report["categories"].values()
                for ref in category["auditRefs"]
                if ref["weight"] and _below_one(audits[ref["id"]])
            }
        )
    )
    return PageResult(
        path=path,
        scores={name: round(100 * (category["score"] or 0)) for name, category in report["categories"].items()},
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        kib=audits["total-byte-weight"]["numericValue"] / 1024,
        failing=failing,
        benchmark=report.get("environment", {}).get("benchmarkIndex", 0.0),
        script_kib=_transferred_kib(report, "script"),
        css_kib=_transferred_kib(report, "stylesheet"),
    )


def median_run(runs: list[PageResult]) -> PageResult:
    """The run with the median performance score (ties by time blocked), as Lighthouse's docs advise for
    comparisons; its path is the page's."""
    ordered = sorted(runs, key=lambda r: (r.scores["performance"], -r.tbt_ms))
    return replace(ordered[(len(ordered) - 1) // 2], path=runs[0].path)


def misses(results: list[PageResult]) -> list[str]:
    """Every target a page misses, one line each; empty when all pages meet them."""
    found: list[str] = []
    for result in results:
        for category, target in TARGETS.items():
            if result.scores.get(category, 0) < target:
                found.append(f"{result.path}: {category} {result.scores.get(category)} < {target}")
        if result.path.endswith(QUICK_HELP) and result.kib > QUICK_HELP_BUDGET_KIB:
            found.append(f"{result.path}: {result.kib:.0f} KiB > {QUICK_HELP_BUDGET_KIB} KiB on a first visit")
    return found


def table(results: list[PageResult]) -> str:
    """The per-page figures as a Markdown table, the worst page (by performance, then time blocked) named last."""
    lines = [
        "| page | perf. | access. | best pr. | SEO | FCP s | LCP s | TBT ms | CLS | KiB | CPU index | audits below 1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = r.scores
        lines.append(
            f"| {r.path} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
            f"| {r.fcp_ms / 1000:.1f} | {r.lcp_ms / 1000:.1f} | {r.tbt_ms:.0f} | {r.cls:.3f} | {r.kib:.0f} "
            f"| {r.benchmark:.0f} | {', '.join(r.failing)} |"
        )
    worst = min(results, key=lambda r: (r.scores["performance"], -r.tbt_ms))
    lines += ["", f"Worst page: {worst.path}, performance {worst.scores['performance']} (TBT {worst.tbt_ms:.0f} ms)."]
    return "\n".join(lines) + "\n"


def comparison_table(rows: list[tuple[str, str, list[PageResult]]]) -> str:
    """One line per variant and page: (variant, why it matters to readers, one median run per page)."""
    lines = [
        "| variant | page | perf. (median of runs) | TBT ms | LCP s | script KiB | CSS KiB | total KiB | readers |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for variant, note, results in rows:
        for r in results:
            lines.append(
                f"| {variant} | {r.path} | {r.scores['performance']} | {r.tbt_ms:.0f} | {r.lcp_ms / 1000:.1f} "
                f"| {r.script_kib:.1f} | {r.css_kib:.1f} | {r.kib:.0f} | {note} |"
            )
    return "\n".join(lines) + "\n"
