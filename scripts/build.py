"""`make build`: validate and build the site and its PDFs into a fresh folder, then swap it in as `site/`.

A failed build leaves the previous `site/` exactly as it was, so a reader never gets a half-written site.
When only the print step fails, the new website is published with the previous PDFs, and the build still fails.
"""

import os
import subprocess
import sys
from pathlib import Path

from handbook.checks.validate import REPORT as VALIDATION_REPORT
from handbook.printing.report import REPORT as PRINT_REPORT
from handbook.printing.report import print_failed, read_json
from handbook.run.build_lock import build_lock
from handbook.run.site_swap import SITE, carry_over_missing, publish, remove_abandoned, staging_area
from handbook.sources.config_file import syntax_problem
from handbook.sources.settings import build_dir

UNCHANGED = "build failed: the previous site/ is unchanged"


def pages_per_language(site: Path) -> str:
    """'12 pages in each of 2 languages': every other language has a folder with its own 404 page."""
    others = [folder for folder in site.iterdir() if (folder / "404.html").is_file() and (folder / "index.html").is_file()]
    counts = [sum(1 for _ in folder.rglob("index.html")) for folder in others]
    counts.insert(0, sum(1 for _ in site.rglob("index.html")) - sum(counts))
    if len(set(counts)) == 1:
        return f"{counts[0]} pages in each of {len(counts)} languages"
    return f"{' + '.join(map(str, counts))} pages in {len(counts)} languages"


def build_and_publish(root: Path, site: Path, build: Path, staging: Path) -> int:
    staged = staging / SITE
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(staged)]
    if not sys.stderr.isatty():
        command.append("--quiet")  # CI logs: problems only, then the one-line summary below
    (build / PRINT_REPORT).unlink(missing_ok=True)
    # The generated nginx-site.conf serves site/, where the staged site ends up.
    env = {**os.environ, "HANDBOOK_PUBLISH_DIR": str(site.resolve())}
    # MkDocs' closing words (its Abort message) come on stdout: they become the first half of this script's one
    # closing line, which adds what happened to site/.
    result = subprocess.run(command, cwd=root, env=env, stdout=subprocess.PIPE, text=True)
    said = [line for line in result.stdout.splitlines() if line.strip()]
    closing = said.pop() if result.returncode != 0 and said else "build failed"
    for line in said:
        print(line, file=sys.stderr)
    if result.returncode != 0:
        if not print_failed(build / PRINT_REPORT):
            print(f"{closing}; the previous site/ is unchanged", file=sys.stderr)
            return 1
        kept = carry_over_missing(staged, site, "downloads/*.pdf")
        publish(staging, site, build)
        print(f"{closing}; the website is updated, with the previous {', '.join(kept) or 'PDFs (none)'}", file=sys.stderr)
        return 1
    publish(staging, site, build)
    pdfs = sorted((site / "downloads").glob("*.pdf"))
    print(f"built {site.relative_to(root)}/: {pages_per_language(site)}, {len(pdfs)} PDFs in downloads/")
    notice = read_json(build / VALIDATION_REPORT).get("notice")
    if notice:
        print(notice)
    return 0


def main() -> int:
    root = Path.cwd()  # the handbook to build: the folder with mkdocs.yml (make runs this from the repo root)
    site = root / "site"
    build = build_dir(root)
    problem = syntax_problem((root / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")
    if problem:
        print(problem.format(), file=sys.stderr)
        print(UNCHANGED, file=sys.stderr)
        return 1
    with build_lock(build) as held:
        if not held:
            busy = f"build not started: another build of this handbook is running (it holds {build}/)"
            print(f"{busy}; build again once it has finished", file=sys.stderr)
            return 1
        remove_abandoned(site)
        with staging_area(site) as staging:
            return build_and_publish(root, site, build, staging)


if __name__ == "__main__":
    sys.exit(main())
