"""`make bench`: time the build against the usual tools, fairly, on the real handbook and on a synthetic one 20x its
size. Writes build/bench/results.md (a table and a line per target, computed from the figures) and plot.svg.

Fair means: every tool on the same two cores (each peer builds its two languages as two processes at once, as our
build uses both cores); wall seconds and CPU seconds (user + sys of every process, workers included); "cold" is a
fresh copy of the project with no build/ or site/, as a fresh clone is; and every round times every tool once,
in turn, so the machine's drift between minutes touches all of them alike. Figures are medians over the rounds.

Two floors: `mkdocs build` of the same config without the project's hooks (stock MkDocs and its plugins), and the
site with the hooks but no PDFs. The typesetter's limit is WeasyPrint laying out the same combined handbook once,
bare (scripts/bench_typesetter.py). Readers pay too: it times how long poppler (the renderer of Evince, Okular and
other PDF viewers) takes to draw each contents page of the handbooks, and a live-preview save under `mkdocs serve`.

The peers (mkdocs-to-pdf; mkdocs-print-site + Chromium's print to PDF) are installed in their own virtual
environment under build/bench/, never into the project's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import yaml
from pypdf import PdfReader
from pypdf.generic import Destination

from handbook.checks.validate import REPORT as VALIDATION_REPORT
from handbook.printing.report import REPORT as PRINT_REPORT
from handbook.printing.report import PrintReport, read_json

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
ALTERNATIVES = {"mkdocs-to-pdf": "0.12.1", "mkdocs-print-site-plugin": "2.9"}
PROJECT_FILES = ("mkdocs.yml", "docs", "hooks", "overrides", "links.lock", "translations.lock")
NOT_MULTIPLIED = {"index", "quick-help", "phrase-cards", "links", "sources"}
LANGS = ("nl", "en")
# The benchmark measures each work copy's own build folder, whatever the calling shell points builds at.
ENV = {key: value for key, value in os.environ.items() if key != "HANDBOOK_BUILD_DIR"} | {
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
}
EDITED_PAGE = Path("docs") / "conversation.nl.md"  # an author's typical rebuild: one page in one language changed

# What each round times, in this order; the targets name them.
OURS = "our full build, cold (site + all PDFs)"
TO_PDF = "mkdocs-to-pdf (2 PDFs, nl and en at once)"
PRINT_SITE = "print-site + Chromium (2 PDFs, nl and en at once)"
STOCK = "stock floor: mkdocs build without the hooks (both languages)"
SITE = "site with hooks, no PDFs (HANDBOOK_SKIP_PRINT=1), cold"
LIMIT = "typesetter's limit: WeasyPrint, both handbooks once, bare, untagged, at once"
REBUILD = "rebuild, nothing changed"
EDITED = "rebuild after editing one Dutch page"
# Figures from inside the timed processes (wall seconds only).
VALIDATION = "validation inside the cold build"
PRINTING = "PDFs inside the cold build, first started to last written"
HANDBOOKS = "both handbook PDFs inside that print step (in parallel, slowest)"
LIMIT_INSIDE = "layout and writing inside the typesetter's limit (slowest language)"
EDITED_NL = "handbook-nl.pdf inside the rebuild after the edit"


@dataclass(frozen=True)
class Measure:
    wall: float  # seconds until the last process ended
    cpu: float | None = None  # user + sys seconds of every process and of every child it waited for
    peak: int | None = None  # MiB of the largest single process
    output: str = ""


# Runs a command as a child subreaper and waits for every process under it, orphans included: Chromium's zygote
# leaves its renderer and GPU processes to be reaped by init, so their CPU time (about 1.4 s of each print) would
# otherwise go uncounted, and the wall time would stop before they had finished. Costs about 0.05 s per command.
REAPER = """
import ctypes, os, sys
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
code = 1
while True:
    try:
        done, status = os.wait()
    except ChildProcessError:
        break
    if done == pid:
        code = os.waitstatus_to_exitcode(status)
sys.exit(code)
"""


def run_together(chains: Sequence[tuple[list[str], Path, dict[str, str] | None]]) -> Measure:
    """Start every (command, cwd, env) at once; wall until all have ended, their CPU summed, the largest process.

    os.wait4's rusage covers a process and all the descendants it waited for, and REAPER waits for them all: the
    print step's worker processes, the shell's mkdocs and Chromium, Chromium's own helpers.
    """
    started = time.perf_counter()
    cpu, peak = 0.0, 0
    outputs: list[str] = []
    failed: list[str] = []
    with contextlib.ExitStack() as files:
        running: list[tuple[list[str], subprocess.Popen[str], IO[str]]] = []
        for command, cwd, env in chains:
            log = files.enter_context(tempfile.TemporaryFile(mode="w+", encoding="utf-8"))  # no process blocks on a pipe
            reaped = [sys.executable, "-I", "-S", "-c", REAPER, *map(str, command)]
            process = subprocess.Popen(reaped, cwd=cwd, env=env or ENV, stdout=log, stderr=subprocess.STDOUT, text=True)
            running.append((command, process, log))
        for command, process, log in running:
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
            peak = max(peak, int(usage.ru_maxrss / 1024))
            log.seek(0)
            outputs.append(log.read())
            if process.returncode:
                failed.append(f"{shlex.join(map(str, command))} failed:\n{outputs[-1][-3000:]}")
    wall = time.perf_counter() - started
    if failed:
        raise RuntimeError("\n".join(failed))
    return Measure(wall, cpu, peak, "\n".join(outputs))


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    return run_together([(command, cwd, env)])


def median(measures: list[Measure]) -> Measure:
    """Median wall and median CPU over the rounds, and the largest peak any round reached."""
    cpus = [m.cpu for m in measures if m.cpu is not None]
    peaks = [m.peak for m in measures if m.peak is not None]
    return Measure(
        statistics.median(m.wall for m in measures),
        statistics.median(cpus) if cpus else None,
        max(peaks) if peaks else None,
    )


def viewer_seconds(pdf: Path) -> list[float]:
    """Seconds poppler takes to draw each contents page (after the cover, before the first chapter) at 72 dpi."""
    reader = PdfReader(pdf)
    first = reader.outline[0]
    if not isinstance(first, Destination):  # the handbooks' outline opens with the first chapter, never a nested list
        raise TypeError(f"{pdf.name}: the outline does not start with a chapter")
    chapter_page = reader.get_destination_page_number(first)
    if chapter_page is None:
        raise ValueError(f"{pdf.name}: the first chapter's outline entry points at no page")
    first_chapter = chapter_page + 1
    return [
        run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-png", str(pdf), str(OUT / "viewer")], OUT).wall
        for page in range(2, first_chapter)
    ]


def with_lag_notices(config: str) -> str:
    """mkdocs.yml with `extra: translation_lag: notice`, whether or not it names the setting already."""
    if re.search(r"^  translation_lag:", config, flags=re.M):
        return re.sub(r"^  translation_lag:.*$", "  translation_lag: notice", config, count=1, flags=re.M)
    return config.replace("\nextra:\n", "\nextra:\n  translation_lag: notice\n", 1)


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
    text = with_lag_notices(config_path.read_text(encoding="utf-8"))
    config = yaml.load(text, Loader=yaml.BaseLoader)  # no !ENV resolution needed: only the nav is read
    extra_nav: list[str] = []
    translations: dict[str, str] = {}
    english = next(line for line in config["plugins"] if "i18n" in line)["i18n"]["languages"][1]["nav_translations"]
    for item in config["nav"]:
        ((title, path),) = item.items()
        if not isinstance(path, str):  # a group of web-only tool pages ("Hulpmiddelen"), not a chapter
            continue
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


def single_language_project(work: Path, lang: str, plugin: dict[str, dict[str, object]]) -> Path:
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


def fresh_copy(template: Path, name: str) -> Path:
    """A copy of a synthetic project as a fresh clone has it: no build/, no site/, nothing cached."""
    target = template.parent / f"{template.name}-{name}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target)
    return target


def without_hooks(config: str) -> str:
    """mkdocs.yml with its top-level `hooks:` list removed: the same site as stock MkDocs and its plugins build it.

    No other option needs removing: everything else in the config (extra:, the theme's overrides) is stock MkDocs,
    and the config builds with --strict without the hooks.
    """
    return re.sub(r"^hooks:[ \t]*\n(?:[ \t]+\S.*\n|[ \t]*\n)*", "", config, flags=re.M)


def stock_project(template: Path) -> Path:
    project = fresh_copy(template, "stock")
    config = project / "mkdocs.yml"
    config.write_text(without_hooks(config.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.rmtree(project / "hooks")  # nothing of the project's code can take part
    return project


class SizeBench:
    """The tools timed on one synthetic handbook: each method is one timed run (preparation untimed)."""

    def __init__(self, template: Path, alternatives: bool):
        self.template = template
        self.cold = template  # the latest cold build's copy, where that round's rebuilds run
        self.inside: dict[str, list[float]] = {}  # figures from inside the processes, per round
        self.stock = stock_project(template)
        self.build = [sys.executable, str(ROOT / "scripts" / "build.py")]
        # The typesetter's input: the combined handbooks, made once through the project's own print code.
        self.bare = fresh_copy(template, "bare")
        documents = self.bare / "build" / "typesetter"
        run([sys.executable, str(ROOT / "scripts" / "bench_typesetter.py"), "dump", str(documents)], self.bare)
        self.documents, self.base_url = documents, (documents / "base-url.txt").read_text(encoding="utf-8")
        self.steps: dict[str, Callable[[int], Measure]] = {OURS: self.ours}
        if alternatives:
            venv = alternatives_venv()
            self.mkdocs = str(venv / "bin" / "mkdocs")
            self.to_pdf_projects = [
                single_language_project(template, lang, {"to-pdf": {"output_path": f"handbook-{lang}.pdf"}}) for lang in LANGS
            ]
            self.print_projects = [
                single_language_project(template, lang, {"print-site": {"add_to_navigation": False}}) for lang in LANGS
            ]
            self.steps |= {TO_PDF: self.to_pdf, PRINT_SITE: self.print_site}
        self.steps |= {STOCK: self.stock_floor, SITE: self.site_floor, LIMIT: self.limit}
        self.steps |= {REBUILD: self.rebuild, EDITED: self.edited}  # last: they start from this round's cold build

    def keep(self, name: str, seconds: float) -> None:
        self.inside.setdefault(name, []).append(seconds)

    def ours(self, round_number: int) -> Measure:
        self.cold = fresh_copy(self.template, "cold")
        measure = run(self.build, self.cold)
        printing = cast(PrintReport, read_json(self.cold / "build" / PRINT_REPORT))  # written by write_print_report
        # validation.json is written by handbook/checks/validate.py; its "seconds" is a number.
        self.keep(VALIDATION, cast(float, read_json(self.cold / "build" / VALIDATION_REPORT)["seconds"]))
        self.keep(f"{PRINTING} ({len(printing['seconds_per_pdf'])} PDFs, overlapping the site build)", printing["seconds"])
        self.keep(HANDBOOKS, max(s for name, s in printing["seconds_per_pdf"].items() if name.startswith("handbook-")))
        return measure

    def to_pdf(self, round_number: int) -> Measure:
        env = {**ENV, "ENABLE_PDF_EXPORT": "1"}
        return run_together([([self.mkdocs, "build", "-q"], project, env) for project in self.to_pdf_projects])

    def print_site(self, round_number: int) -> Measure:
        chains: list[tuple[list[str], Path, dict[str, str] | None]] = []
        for lang, project in zip(LANGS, self.print_projects, strict=True):
            profile = project / "chromium-profile"  # one per language, fresh each run, so the two never meet
            shutil.rmtree(profile, ignore_errors=True)
            chrome = [
                "/usr/bin/chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={project / f'print-{lang}.pdf'}",
                "--no-pdf-header-footer",
                (project / "site" / "print_page" / "index.html").as_uri(),
            ]
            chains.append((["sh", "-c", f"{shlex.join([self.mkdocs, 'build', '-q'])} && {shlex.join(chrome)}"], project, None))
        return run_together(chains)

    def stock_floor(self, round_number: int) -> Measure:
        return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--clean"], self.stock)

    def site_floor(self, round_number: int) -> Measure:
        work = fresh_copy(self.template, "site")
        return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], work, {**ENV, "HANDBOOK_SKIP_PRINT": "1"})

    def limit(self, round_number: int) -> Measure:
        script = str(ROOT / "scripts" / "bench_typesetter.py")
        chains = [
            (
                [
                    sys.executable,
                    script,
                    "typeset",
                    str(self.documents / f"handbook-{lang}.html"),
                    f"handbook-{lang}.pdf",
                    self.base_url,
                ],
                self.documents,
                None,
            )
            for lang in LANGS
        ]
        measure = run_together(chains)
        self.keep(LIMIT_INSIDE, max(float(s) for s in re.findall(r"^seconds ([\d.]+)$", measure.output, flags=re.M)))
        return measure

    def rebuild(self, round_number: int) -> Measure:
        return run(self.build, self.cold)

    def edited(self, round_number: int) -> Measure:
        page = self.cold / EDITED_PAGE
        page.write_text(
            page.read_text(encoding="utf-8") + f"\nDit is wijziging {round_number + 1} van deze pagina.\n", encoding="utf-8"
        )
        measure = run(self.build, self.cold)
        printing = cast(PrintReport, read_json(self.cold / "build" / PRINT_REPORT))  # written by write_print_report
        self.keep(EDITED_NL, printing["seconds_per_pdf"]["handbook-nl.pdf"])
        return measure


@dataclass(frozen=True)
class PreviewEdit:
    """An author's save under `mkdocs serve`: which file, how it changes, and the served page that shows it."""

    name: str
    path: Path  # in the project
    url: str  # path of the served page
    edit: Callable[[str, str], str]  # (the file's text, a unique token) -> the saved text, which shows the token
    limit: float  # the target, in seconds from save to new HTML served


def sentence_added(text: str, token: str) -> str:
    return text + f"\n{token}\n"


def card_phrase_replaced(text: str, token: str) -> str:
    """The first card's second English phrase (not on the desk sheet) replaced by the token: a short line, so the
    card still fits and the save is an author's ordinary card edit."""
    phrases = text.index("    phrases:\n")
    second = [m for m in re.finditer(r'^(\s+en: )"[^"\n]*"$', text[phrases:], re.M)][1]
    start, end = phrases + second.start(), phrases + second.end()
    return text[:start] + f'{second.group(1)}"{token}"' + text[end:]


PREVIEW_EDITS = (
    PreviewEdit("a sentence added to a page", Path("docs") / "after.en.md", "/en/after/", sentence_added, 1.0),
    PreviewEdit("a phrase card edited", Path("docs") / "phrases.yml", "/en/quick-help/", card_phrase_replaced, 2.0),
)


def time_live_preview(work: Path, runs: int) -> dict[str, list[float]]:
    """Seconds from saving under `mkdocs serve` until the served page shows the change, per kind of edit."""
    with socket.socket() as probe:  # a port nothing else listens on, or the saves would be looked for elsewhere
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=work,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    originals = {edit.path: (work / edit.path).read_text(encoding="utf-8") for edit in PREVIEW_EDITS}
    times: dict[str, list[float]] = {edit.name: [] for edit in PREVIEW_EDITS}
    try:
        for _ in range(600):  # wait for the server to come up
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        for number in range(runs):
            for edit in PREVIEW_EDITS:
                token = f"Benchmark marker {number} {time.time_ns()}."
                started = time.perf_counter()
                (work / edit.path).write_text(edit.edit(originals[edit.path], token), encoding="utf-8")
                url = f"http://127.0.0.1:{port}{edit.url}"
                while not shows(url, token):
                    if time.perf_counter() - started > 300:
                        raise RuntimeError(f"live preview: {edit.name} did not show in {edit.url} within 300 s")
                    time.sleep(0.02)
                times[edit.name].append(time.perf_counter() - started)
                time.sleep(1)
    finally:
        for path, text in originals.items():
            (work / path).write_text(text, encoding="utf-8")
        server.terminate()
        server.wait()
    return times


def shows(url: str, token: str) -> bool:
    """Whether the served page has the token yet; a server still busy rebuilding has not."""
    try:
        return token in urllib.request.urlopen(url, timeout=60).read().decode("utf-8")
    except OSError:  # refused or reset while the server restarts its watcher; timeouts are OSErrors too
        return False


def time_unchanged_check(work: Path, runs: int) -> list[float]:
    """Seconds of `make check` with nothing changed since the last one (the first run, not timed, checks)."""
    command = [sys.executable, str(ROOT / "scripts" / "check.py")]
    subprocess.run(command, cwd=work, env=ENV, capture_output=True)
    return [run(command, work).wall for _ in range(runs)]


def seconds_line(what: str, limit: float, measured: list[float]) -> str:
    """'preview, …: ≤1 s: measured 1.69 s (median of 3) — missed'."""
    median_seconds = statistics.median(measured)
    verdict = "met" if median_seconds <= limit else "missed"
    return f"{what}: ≤{limit:g} s: measured {median_seconds:.2f} s (median of {len(measured)}) — {verdict}"


@dataclass(frozen=True)
class Target:
    size: int
    subject: str
    text: str  # how the issue states it
    other: str = ""  # what the subject is compared with; none: a memory limit
    faster: bool = False  # True: other / subject >= factor; False: subject / other <= factor
    factor: float = 1.0
    metrics: tuple[str, ...] = ("wall",)


def targets(sizes: list[int]) -> list[Target]:
    """The build-speed targets, for the sizes measured."""
    wanted = [
        Target(1, OURS, "≥1.2x faster than print-site + Chromium", PRINT_SITE, True, 1.2, ("wall", "cpu")),
        Target(1, OURS, "≥1.5x faster than mkdocs-to-pdf", TO_PDF, True, 1.5, ("wall", "cpu")),
        Target(1, OURS, "≤3.5x the stock floor", STOCK, False, 3.5),
        Target(1, EDITED, "≤2x the stock floor", STOCK, False, 2.0),
        Target(20, OURS, "within 1.5x of print-site + Chromium", PRINT_SITE, False, 1.5, ("wall", "cpu")),
        Target(20, OURS, "≥2x faster than mkdocs-to-pdf", TO_PDF, True, 2.0, ("wall", "cpu")),
    ]
    for size in sizes:
        wanted += [
            Target(size, EDITED, "≤1/4 of the cold build", OURS, False, 0.25),
            Target(size, OURS, "peak memory under 1 GB", factor=1024),
            Target(size, HANDBOOKS, "within 1.5x of the typesetter's limit", LIMIT_INSIDE, False, 1.5),
        ]
    return [target for target in wanted if target.size in sizes]


def target_line(target: Target, figures: dict[tuple[int, str], Measure]) -> str:
    """'1x, our full build …: ≥1.2x faster than …: measured 0.9x wall, 1.1x CPU — missed' from the figures."""
    head = f"{target.size}x, {target.subject}: {target.text}"
    subject = figures.get((target.size, target.subject))
    other = figures.get((target.size, target.other))
    if subject is None or (target.other and other is None):
        return f"{head}: not measured"
    if not target.other:
        met = subject.peak is not None and subject.peak < target.factor
        return f"{head}: measured {subject.peak} MiB — {'met' if met else 'missed'}"
    found: list[str] = []
    met = True
    for metric in target.metrics:
        mine, theirs = getattr(subject, metric), getattr(other, metric)
        if mine is None or theirs is None:
            return f"{head}: not measured"
        ratio = theirs / mine if target.faster else mine / theirs
        met = met and (ratio >= target.factor if target.faster else ratio <= target.factor)
        found.append(f"{ratio:.2f}x {'CPU' if metric == 'cpu' else metric}")
    return f"{head}: measured {', '.join(found)} — {'met' if met else 'missed'}"


def svg_plot(series: dict[str, dict[int, float]], path: Path) -> None:
    """Time against handbook size, one line per tool, as a small self-contained SVG."""
    width, height, margin = 640, 360, 56
    sizes = sorted({s for points in series.values() for s in points})
    top = max(v for points in series.values() for v in points.values()) * 1.1

    def x(s: int) -> float:
        return margin + (width - 2 * margin) * (s - sizes[0]) / max(1, sizes[-1] - sizes[0])

    def y(v: float) -> float:
        return height - margin - (height - 2 * margin) * v / top

    colours = ["#0f4c5c", "#1f7a4d", "#b5542f", "#6a3d9a", "#8a8a00", "#555555"]
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds at 1x (median reported); larger sizes get one")
    parser.add_argument("--sizes", default="1,20", help="handbook sizes, as multiples of the real one")
    parser.add_argument("--no-alternatives", action="store_true", help="skip mkdocs-to-pdf and print-site")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    figures: dict[tuple[int, str], Measure] = {}
    rows: list[tuple[int, str, Measure]] = []
    series: dict[str, dict[int, float]] = {}
    templates: dict[int, Path] = {}
    for size in sizes:
        templates[size] = synthetic_handbook(size)
        bench = SizeBench(templates[size], alternatives=not args.no_alternatives)
        measured: dict[str, list[Measure]] = {name: [] for name in bench.steps}
        for number in range(args.runs if size == 1 else 1):
            for name, step in bench.steps.items():  # round after round, every tool in turn
                measured[name].append(step(number))
                print(f"{size}x round {number + 1}: {name}: {measured[name][-1].wall:.1f} s", flush=True)
        for name, measures in measured.items():
            figures[size, name] = median(measures)
            rows.append((size, name, figures[size, name]))
            if name not in (REBUILD, EDITED):
                series.setdefault(name.split(":")[0].split(" (")[0], {})[size] = figures[size, name].wall
        for name, seconds in bench.inside.items():
            figures[size, name] = Measure(statistics.median(seconds))
            rows.append((size, name, figures[size, name]))
        for pdf in sorted((bench.cold / "site" / "downloads").glob("handbook-*.pdf")):
            drawn = viewer_seconds(pdf)
            rows.append(
                (size, f"PDF viewer: slowest of the {len(drawn)} contents pages of {pdf.name} (pdftoppm)", Measure(max(drawn)))
            )
    preview_copy = fresh_copy(templates.get(1) or synthetic_handbook(1), "preview")
    preview = time_live_preview(preview_copy, max(3, args.runs))
    unchanged_check = time_unchanged_check(preview_copy, max(3, args.runs))
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}. "
        f"Medians of {args.runs} alternating round(s) at 1x, 1 round at larger sizes, from one run of `make bench`.",
        "",
        "| size | what | wall s | CPU s | peak MiB |",
        "|---|---|---|---|---|",
    ]

    def cell(value: float | None, form: str) -> str:
        return "" if value is None else format(value, form)

    lines += [f"| {s}x | {name} | {m.wall:.2f} | {cell(m.cpu, '.2f')} | {cell(m.peak, 'd')} |" for s, name, m in rows]
    lines += ["", "Targets:", ""] + [f"- {target_line(t, figures)}" for t in targets(sizes)]
    lines += [
        f"- live preview at 1x, {edit.name}: {seconds_line('save to new HTML served', edit.limit, preview[edit.name])}"
        for edit in PREVIEW_EDITS
    ]
    lines += [f"- `make check` at 1x, nothing changed: {seconds_line('the whole run', 1.0, unchanged_check)}"]
    (OUT / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    svg_plot(series, OUT / "plot.svg")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
