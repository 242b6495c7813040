"""`make check`: every check a build makes, without the PDFs; exit 1 on any problem.

The website is rendered into a temporary folder, as `make build` and `make serve` do, because some faults exist
only in the rendered pages (a reference link without a definition, Markdown shown as text); the checks of the
sources run first and report what they find even when the sources have problems, so one run names every fault.
Check, preview and build print the same problems, counted in the same closing line; check also names the one
fault of the machine that only the build's print step meets (the print shop's colour profile not installed).
With nothing changed since the last check, its output is printed again at once (handbook/run/check_memo.py).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from handbook.checks.validate import REPORT, validate
from handbook.core.problems import Problem, closing_line, plural, sorted_problems
from handbook.printing.jobs import print_shop_jobs
from handbook.run.check_memo import checkout_digest, remember, remembered
from handbook.sources.config_file import load_site_config
from handbook.sources.settings import build_dir, settings_from_mkdocs


def site_only_build() -> tuple[list[Problem] | None, str]:
    """Every problem of a build that makes no PDFs (from its report), or None and its output when it failed for
    another reason (its closing line names the problems; anything else is MkDocs' own error)."""
    with tempfile.TemporaryDirectory(prefix="handbook-check-") as site:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site]
        # Built to be checked, never served: its nginx-site.conf stays beside it in the temporary folder instead
        # of replacing the published site's one in build/.
        env = {**os.environ, "HANDBOOK_SKIP_PRINT": "1", "HANDBOOK_PUBLISH_DIR": site}
        # Its messages quote the pages: UTF-8 both ways whatever the locale.
        env["PYTHONIOENCODING"] = "utf-8"
        result = subprocess.run(command, capture_output=True, encoding="utf-8", errors="replace", env=env)
    config = load_site_config("mkdocs.yml")[0]
    if config is None:  # main() loaded it before the build: only a config broken meanwhile gets here
        return None, result.stderr[-3000:] + result.stdout[-1000:]
    settings = settings_from_mkdocs(config)
    report = json.loads((settings.build_dir / REPORT).read_text(encoding="utf-8"))
    problems = [Problem(**fields) for fields in report["problems"]]
    if result.returncode == 0 or result.stdout.strip() == closing_line("build", problems):
        return problems, ""
    return None, result.stderr[-3000:] + result.stdout[-1000:]


def check() -> tuple[list[str], int, bool]:
    """What a check prints, its exit status, and whether it is the outcome of these inputs (not of a site
    build that failed for a reason outside them)."""
    config, problems = load_site_config("mkdocs.yml")
    if config is None:
        lines = [problem.format() for problem in problems]
        return [*lines, f"check stopped at mkdocs.yml: {plural(len(problems), 'problem')}, fix it first"], 1, True
    result = validate(settings_from_mkdocs(config))
    problems, failure = site_only_build()
    if problems is None:
        return [*result.lines(), f"check failed: the site did not render:\n{failure}"], 1, False
    # A fault the print step alone finds in the build, named as such: the print shop's colour profile missing.
    _jobs, pdf_only = print_shop_jobs(result.handbook)
    problems = sorted_problems(problems + pdf_only)
    lines = result.lines(problems)
    if problems:
        lines.append(closing_line("check", problems))
    return lines, 1 if problems else 0, True


def main() -> int:
    root = Path.cwd()
    digest, memo_dir = checkout_digest(root), build_dir(root)
    previous = remembered(memo_dir, digest)
    if previous is not None:
        output, status = previous
    else:
        lines, status, conclusive = check()
        output = "\n".join(lines)
        if conclusive:
            remember(memo_dir, digest, output, status)
    print(output)
    return status


if __name__ == "__main__":
    sys.exit(main())
