"""The benchmark's typesetter limit: WeasyPrint laying out each combined handbook once, bare, with nothing around it.

`bench_typesetter.py dump FOLDER` (run in a copy of the project) builds the site without PDFs through the
project's own hooks, assembles each language's handbook HTML exactly as the print step does (handbook_source), swaps
its print stylesheet for a bare one (the body font only: no page rules, no page numbers) and writes
FOLDER/handbook-<lang>.html plus FOLDER/base-url.txt. `bench_typesetter.py typeset HTML PDF BASE_URL` lays one out
once and writes it untagged (no PDF variant), then prints the seconds that took, as the print step times a job.
`bench_typesetter.py variants FULL_HTML BASE_URL RUNS` times the handbook as built with one cost switched off at a
time (tagging, hyphenation, the contents leaders, borders, running heads), to show what each costs.
scripts/bench.py times the two languages' `typeset` processes at once.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from handbook.run.build_run import BuildRun

HOOKS = "hooks/handbook_hooks.py"  # as mkdocs.yml names the hooks, and MkDocs keys their module
STYLE = re.compile(r"<style>.*?</style>", re.S)


def bare_stylesheet() -> str:
    from handbook.printing.fonts import font_face_css

    return font_face_css() + '\nbody { font-family: "Handbook Serif"; }\n'


def with_stylesheet(html: str, css: str) -> str:
    """The document with its first (only) <style> block replaced by `css`."""
    return STYLE.sub(lambda _: f"<style>{css}</style>", html, count=1)


def dump(folder: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config  # pyright: ignore[reportUnknownVariableType] (MkDocs leaves its **kwargs unannotated)

    from handbook.printing.jobs import handbook_source

    os.environ["HANDBOOK_SKIP_PRINT"] = "1"  # the pages rendered and kept by the hooks are all this needs
    site_dir = folder / "site"
    config = load_config("mkdocs.yml", site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    # MkDocs types its hooks as a list; they are a dict of the hook modules by file name.
    hooks = cast("dict[str, ModuleType]", config.hooks)
    run: BuildRun = hooks[HOOKS].run  # the hooks module's run, kept after the build
    built = [
        handbook_source(run.handbook, lang, run.rendered.get(lang.locale, {}), site_dir).assemble()
        for lang in run.handbook.settings.languages
    ]
    jobs, problems = [job for job, _ in built], [problem for _, found in built for problem in found]
    if problems:
        raise SystemExit("\n".join(problem.format() for problem in problems))
    css = bare_stylesheet()
    for job in jobs:
        (folder / job.name.replace(".pdf", ".html")).write_text(with_stylesheet(job.html, css), encoding="utf-8")
        (folder / job.name.replace(".pdf", ".full.html")).write_text(job.html, encoding="utf-8")
    (folder / "base-url.txt").write_text(jobs[0].base_url, encoding="utf-8")


def typeset(html: Path, pdf: Path, base_url: str) -> None:
    from handbook.printing.laid_out import render

    started = time.perf_counter()
    render(html.read_text(encoding="utf-8"), base_url).write_pdf(pdf)
    print(f"seconds {time.perf_counter() - started:.3f}")


# What the print stylesheet and the PDF options cost: each variant switches one thing off (CSS added last).
VARIANTS = {
    "as built (tagged PDF/UA)": ("", "pdf/ua-1"),
    "untagged": ("", None),
    "no hyphenation": ("* { hyphens: manual !important }", "pdf/ua-1"),
    "no contents leaders": (".toc a { background: none !important }", "pdf/ua-1"),
    "no borders, radii, backgrounds": (
        "* { border: none !important; border-radius: 0 !important; background: none !important }",
        "pdf/ua-1",
    ),
    "no running heads and footers": ("@page main { @top-center { content: none } @bottom-center { content: none } }", "pdf/ua-1"),
}


def variants(html: Path, base_url: str, runs: int) -> None:
    """Seconds to lay out and to write the document, per variant (median of `runs`), as a Markdown table."""
    import statistics

    from handbook.printing.laid_out import render

    text = html.read_text(encoding="utf-8")
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in VARIANTS}
    pages: dict[str, int] = {}
    for _ in range(runs):  # alternating, so the machine's drift touches every variant alike
        for name, (css, variant) in VARIANTS.items():
            started = time.perf_counter()
            laid_out = render(text.replace("</style>", css + "</style>", 1), base_url)
            times[name][0].append(time.perf_counter() - started)
            started = time.perf_counter()
            laid_out.write_pdf(pdf_variant=variant)
            times[name][1].append(time.perf_counter() - started)
            pages[name] = len(laid_out.pages)
    print("| variant | layout s | write s | pages |\n|---|---|---|---|")
    for name, (layouts, writes) in times.items():
        print(f"| {name} | {statistics.median(layouts):.2f} | {statistics.median(writes):.2f} | {pages[name]} |")


def main(args: list[str]) -> int:
    if args[:1] == ["dump"] and len(args) == 2:
        dump(Path(args[1]).resolve())
    elif args[:1] == ["variants"] and len(args) == 4:
        variants(Path(args[1]), args[2], int(args[3]))
    elif args[:1] == ["typeset"] and len(args) == 4:
        typeset(Path(args[1]), Path(args[2]), args[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
