"""`make bench`: time the build against the usual tools, on the real handbook and on synthetic ones 5x and 20x
its size, as whole processes with the median of several runs. Writes build/bench/results.md and plot.svg.

Readers pay too: it also times how long poppler (the renderer of Evince, Okular and other PDF viewers) takes to
draw each contents page of the handbooks, the pages whose dotted leaders can be slow to draw.

The alternatives (mkdocs-to-pdf; mkdocs-print-site + Chromium's print to PDF) are installed in their own
virtual environment under build/bench/, never into the project's.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml
from pypdf import PdfReader

from handbook.printing.report import REPORT as PRINT_REPORT
from handbook.printing.report import read_json
from handbook.validate import REPORT as VALIDATION_REPORT

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
ALTERNATIVES = {"mkdocs-to-pdf": "0.12.1", "mkdocs-print-site-plugin": "2.9"}
PROJECT_FILES = ("mkdocs.yml", "docs", "hooks", "overrides", "links.lock", "translations.lock")
NOT_MULTIPLIED = {"index", "quick-help", "phrase-cards", "links", "sources"}
# The benchmark measures each work copy's own build folder, whatever the calling shell points builds at.
ENV = {key: value for key, value in os.environ.items() if key != "HANDBOOK_BUILD_DIR"}
ENV |= {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
EDITED_PAGE = Path("docs") / "conversation.nl.md"  # an author's typical rebuild: one page in one language changed


def run(command, cwd, env=None) -> tuple[float, int, str]:
    """Wall time, peak resident memory (MiB, largest process) and output of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)  # rusage of this process and the workers it waited for
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{output[-3000:]}")
    return seconds, int(usage.ru_maxrss / 1024), output


def viewer_seconds(pdf: Path) -> list[float]:
    """Seconds poppler takes to draw each contents page (after the cover, before the first chapter) at 72 dpi."""
    reader = PdfReader(pdf)
    first_chapter = reader.get_destination_page_number(reader.outline[0]) + 1
    return [
        run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-png", str(pdf), str(OUT / "viewer")], OUT)[0]
        for page in range(2, first_chapter)
    ]


def synthetic_handbook(size: int) -> Path:
    """A copy of the project whose chapters appear `size` times (same structure, links, boxes, checklists)."""
    work = OUT / "work" / f"{size}x"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    config_path = work / "mkdocs.yml"
    # The timed rebuilds edit one Dutch page only: publish with a notice instead of failing on the stale English.
    text = config_path.read_text(encoding="utf-8").replace("\nextra:\n", "\nextra:\n  translation_lag: notice\n", 1)
    config = yaml.load(text, Loader=yaml.BaseLoader)  # no !ENV resolution needed: only the nav is read
    extra_nav, translations = [], {}
    english = next(line for line in config["plugins"] if "i18n" in line)["i18n"]["languages"][1]["nav_translations"]
    for item in config["nav"]:
        ((title, path),) = item.items()
        slug = path.removesuffix(".md")
        if slug in NOT_MULTIPLIED:
            continue
        for copy in range(2, size + 1):
            for lang in ("nl", "en"):
                page = (work / "docs" / f"{slug}.{lang}.md").read_text(encoding="utf-8")
                page = re.sub(r"^# (.+?) \{#", lambda m, c=copy: f"# {m.group(1)} ({c}) {{#", page, count=1, flags=re.M)
                (work / "docs" / f"{slug}-{copy}.{lang}.md").write_text(page, encoding="utf-8")
            extra_nav.append(f"  - {title} {copy}: {slug}-{copy}.md\n")
            translations[f"{title} {copy}"] = f"{english[title]} {copy}"
    lines = text.splitlines(keepends=True)
    nav_end = next(i for i, line in enumerate(lines) if line.strip() == "- Zinnenkaarten: phrase-cards.md")
    lines[nav_end:nav_end] = extra_nav
    text = "".join(lines)
    marker = "          nav_translations:\n"
    text = text.replace(marker, marker + "".join(f"            {k}: {v}\n" for k, v in translations.items()), 1)
    config_path.write_text(text, encoding="utf-8")
    return work


def alternatives_venv() -> Path:
    venv = OUT / "venv-alternatives"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pins = [f"{name}=={version}" for name, version in ALTERNATIVES.items()]
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "mkdocs==1.6.1", "mkdocs-material==9.8.1", *pins], check=True
        )
    return venv


def single_language_project(work: Path, lang: str, plugin: dict) -> Path:
    """The same pages of one language as a plain MkDocs project with one PDF plugin (no i18n, no hooks)."""
    target = work.parent / f"{work.name}-{lang}-{next(iter(plugin))}"
    if target.exists():
        shutil.rmtree(target)
    (target / "docs").mkdir(parents=True)
    for page in (work / "docs").glob(f"*.{lang}.md"):
        shutil.copy(page, target / "docs" / page.name.replace(f".{lang}.md", ".md"))
    shutil.copytree(work / "docs" / "assets", target / "docs" / "assets")
    config = yaml.load((work / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    simple = {
        "site_name": "Handbook",
        "docs_dir": "docs",
        "theme": {"name": "material", "language": lang},
        "markdown_extensions": [
            "toc",
            "attr_list",
            "admonition",
            "md_in_html",
            "tables",
            {"pymdownx.tasklist": {"custom_checkbox": True}},
        ],
        "nav": config["nav"],
        "plugins": ["search", plugin],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(simple, allow_unicode=True), encoding="utf-8")
    return target


def time_alternatives(work: Path) -> dict[str, tuple[float, int]]:
    venv = alternatives_venv()
    mkdocs = str(venv / "bin" / "mkdocs")
    to_pdf, print_site = 0.0, 0.0
    peak_to_pdf = peak_print = 0
    for lang in ("nl", "en"):
        project = single_language_project(work, lang, {"to-pdf": {"output_path": f"handbook-{lang}.pdf"}})
        seconds, peak, _ = run([mkdocs, "build", "-q"], project, {**ENV, "ENABLE_PDF_EXPORT": "1"})
        to_pdf, peak_to_pdf = to_pdf + seconds, max(peak_to_pdf, peak)
        project = single_language_project(work, lang, {"print-site": {"add_to_navigation": False}})
        seconds, peak, _ = run([mkdocs, "build", "-q"], project)
        printed = project / f"print-{lang}.pdf"
        chrome = [
            "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            f"--print-to-pdf={printed}",
            "--no-pdf-header-footer",
            (project / "site" / "print_page" / "index.html").as_uri(),
        ]
        more, peak2, _ = run(chrome, project)
        print_site, peak_print = print_site + seconds + more, max(peak_print, peak, peak2)
    return {"mkdocs-to-pdf (2 PDFs)": (to_pdf, peak_to_pdf), "print-site + Chromium (2 PDFs)": (print_site, peak_print)}


def time_live_preview(work: Path, runs: int) -> list[float]:
    """Seconds from saving a page under `mkdocs serve` until the served page shows the change."""
    port = 8765
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=work,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/en/after/"
    page = work / "docs" / "after.en.md"
    original = page.read_text(encoding="utf-8")
    times = []
    try:
        for _ in range(600):  # wait for the server to come up
            try:
                urllib.request.urlopen(url, timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        for number in range(runs):
            token = f"Benchmark marker {number} {time.time_ns()}."
            started = time.perf_counter()
            page.write_text(original + f"\n{token}\n", encoding="utf-8")
            while token not in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                time.sleep(0.02)
            times.append(time.perf_counter() - started)
            time.sleep(1)
    finally:
        page.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()
    return times


def median_run(command, cwd, runs, env=None, before=None) -> tuple[float, int, str]:
    """Median time, peak memory and last output; `before(run)` prepares each run."""
    results = []
    for number in range(runs):
        if before:
            before(number)
        results.append(run(command, cwd, env))
    return statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2]


def time_rebuilds(work: Path, build: list[str], runs: int) -> list[tuple[int, str, float, int]]:
    """An author's rebuilds: with nothing changed, and after editing one Dutch page (a new edit each run)."""
    median_run(build, work, 1)  # leaves the PDFs and page numbers a rebuild starts from
    rows = [(1, "rebuild, nothing changed", *median_run(build, work, runs)[:2])]
    page = work / EDITED_PAGE
    original = page.read_text(encoding="utf-8")

    def edit(number):
        page.write_text(original + f"\nDit is wijziging {number + 1} van deze pagina.\n", encoding="utf-8")

    rows.append((1, "rebuild after editing one Dutch page", *median_run(build, work, runs, before=edit)[:2]))
    edited = read_json(work / "build" / PRINT_REPORT)["seconds_per_pdf"]
    rows.append((1, "handbook-nl.pdf inside that rebuild", edited["handbook-nl.pdf"], 0))
    page.write_text(original, encoding="utf-8")
    return rows


def svg_plot(series: dict[str, dict[int, float]], path: Path) -> None:
    """Time against handbook size, one line per tool, as a small self-contained SVG."""
    width, height, margin = 640, 360, 56
    sizes = sorted({s for points in series.values() for s in points})
    top = max(v for points in series.values() for v in points.values()) * 1.1
    x = lambda s: margin + (width - 2 * margin) * (s - sizes[0]) / max(1, sizes[-1] - sizes[0])  # noqa: E731
    y = lambda v: height - margin - (height - 2 * margin) * v / top  # noqa: E731
    colours = ["#0f4c5c", "#1f7a4d", "#b5542f", "#6a3d9a", "#8a8a00"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        f'font-size="12"><rect width="100%" height="100%" fill="white"/>',
        f'<line x1="{margin}" y1="{height - margin}" x2="{width - margin}" y2="{height - margin}" stroke="#333"/>',
        f'<line x1="{margin}" y1="{margin}" x2="{margin}" y2="{height - margin}" stroke="#333"/>',
        f'<text x="{width / 2}" y="{height - 16}" text-anchor="middle">handbook size (x the real one)</text>',
        f'<text x="14" y="{height / 2}" transform="rotate(-90 14 {height / 2})" text-anchor="middle">seconds</text>',
    ]
    for s in sizes:
        parts.append(f'<text x="{x(s)}" y="{height - margin + 16}" text-anchor="middle">{s}x</text>')
    for tick in range(0, int(top) + 1, max(1, int(top / 5))):
        parts.append(f'<text x="{margin - 6}" y="{y(tick) + 4}" text-anchor="end">{tick}</text>')
    for index, (name, points) in enumerate(series.items()):
        colour = colours[index % len(colours)]
        coords = " ".join(f"{x(s):.1f},{y(v):.1f}" for s, v in sorted(points.items()))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text x="{margin + 8}" y="{margin + 14 * index}" fill="{colour}">{name}</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median reported)")
    parser.add_argument("--sizes", default="1,5,20", help="handbook sizes, as multiples of the real one")
    parser.add_argument("--no-alternatives", action="store_true", help="skip mkdocs-to-pdf and print-site")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    rows, series = [], {}
    for size in sizes:
        work = synthetic_handbook(size)
        runs = args.runs if size == 1 else 1
        site = ["--site-dir", str(work / "out")]
        floor, floor_peak, _ = median_run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", *site], work, runs, {**ENV, "HANDBOOK_SKIP_PRINT": "1"}
        )
        build = [sys.executable, str(ROOT / "scripts" / "build.py")]
        # From cold, as on a fresh clone: no PDF or page number is taken from the previous build.
        full, full_peak, _ = median_run(build, work, runs, {**ENV, "HANDBOOK_FRESH_PRINT": "1"})
        validation = read_json(work / "build" / VALIDATION_REPORT)["seconds"]
        printing = read_json(work / "build" / PRINT_REPORT)
        handbooks = sorted(name for name in printing["seconds_per_pdf"] if name.startswith("handbook-"))
        measured = {"site only (floor)": (floor, floor_peak), "full build (site + 7 PDFs)": (full, full_peak)}
        if not args.no_alternatives:
            measured.update(time_alternatives(work))
        for name, (seconds, peak) in measured.items():
            rows.append((size, name, seconds, peak))
            series.setdefault(name, {})[size] = seconds
        if size == 1:
            rows += time_rebuilds(work, build, runs)
        rows.append((size, "validation inside the full build", validation, 0))
        rows.append((size, "print step inside the full build (7 PDFs in parallel)", printing["seconds"], 0))
        slowest = max(printing["seconds_per_pdf"][name] for name in handbooks)
        rows.append((size, f"both handbook PDFs inside it ({' and '.join(handbooks)} in parallel)", slowest, 0))
        for name in handbooks:
            drawn = viewer_seconds(work / "site" / "downloads" / name)
            rows.append((size, f"PDF viewer: slowest of the {len(drawn)} contents pages of {name} (pdftoppm)", max(drawn), 0))
        print(f"{size}x: floor {floor:.1f} s, full {full:.1f} s, validation {validation:.2f} s", flush=True)
    preview = time_live_preview(synthetic_handbook(1), max(3, args.runs))
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; median of {args.runs} runs at 1x, 1 run at larger sizes.",
        "",
        "| size | what | seconds | peak memory (MiB, largest process) |",
        "|---|---|---|---|",
    ]
    lines += [f"| {s}x | {name} | {sec:.2f} | {peak or ''} |" for s, name, sec, peak in rows]
    lines += [
        "",
        f"Live preview (save to new HTML served, real handbook): median {statistics.median(preview):.2f} s "
        f"over {len(preview)} saves.",
    ]
    (OUT / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    svg_plot(series, OUT / "plot.svg")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
