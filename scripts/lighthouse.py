"""`make lighthouse`: Lighthouse (pinned in tests/lighthouse/) on every page of the built site, served by nginx.

Mobile defaults, Debian's Chromium. About 20 s a page, 28 pages: too slow for every `make test`, so it is its own
target. Writes build/lighthouse.md (the per-page table) and build/lighthouse/*.json; fails when a page misses
a target (see devtools/lighthouse.py).

Two narrower runs, for deciding about a change (a single run moves by a few points, so these take medians):
`--sample` measures quick help (nl) and the English conversation chapter (or the pages named after it, such as
`--sample / en/`) of the built site/ three times each;
`--features` builds the site (without PDFs) in a copy of the project once with every theme feature of mkdocs.yml
and once with each feature switched off, measures the same two pages three times on each, and writes
build/lighthouse-features.md.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from devtools.lighthouse import LighthouseReport, PageResult, comparison_table, median_run, misses, page_result, table
from devtools.nginx_server import serving
from handbook.sources.settings import build_dir
from handbook.website.precompress import precompress, text_files

ATTEMPTS = 3
RUNS = 3  # per page and variant in --sample and --features
LIGHTHOUSE = Path("tests/lighthouse/node_modules/.bin/lighthouse")
SAMPLE_PAGES = ("quick-help/", "en/conversation/")
PROJECT_FILES = ("mkdocs.yml", "docs", "hooks", "overrides", "links.lock", "translations.lock")
# What a reader would lose with each feature off (mkdocs.yml `theme.features`).
FEATURE_USE = {
    "navigation.sections": "menu groups for top-level sections; the handbook's menu is a flat list of pages",
    "navigation.top": "the back-to-top button on long chapters, on a phone the way back to the menu",
    "navigation.footer": "previous and next chapter at the end of each page: reading the handbook in order",
    "search.highlight": "the searched words marked on the page a search result opens",
    "content.tooltips": "the theme's own tooltips for titled links and buttons instead of the browser's",
}


def run_lighthouse(url: str, output: Path) -> LighthouseReport | None:
    """Lighthouse's report on one address, or None when it failed every attempt."""
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}"]
    command.append("--chrome-flags=--headless=new --no-sandbox")
    # On a busy machine Chromium's trace sometimes misses the navigation (NO_NAVSTART): try again.
    if any(subprocess.run(command, env=env).returncode == 0 for _ in range(ATTEMPTS)):
        return json.loads(output.read_text(encoding="utf-8"))
    return None


def measured(base: str, path: str, reports: Path, runs: int) -> PageResult | None:
    """The median of `runs` runs on one page (its reports kept in `reports`), or None if a run failed."""
    results: list[PageResult] = []
    for number in range(runs):
        name = path.strip("/").replace("/", "_") or "index"
        report = run_lighthouse(f"{base}/{path}", reports / (f"{name}.json" if runs == 1 else f"{name}-{number + 1}.json"))
        if report is None:
            return None
        results.append(page_result("/" + path, report))
        print(f"/{path}: {results[-1].scores}", flush=True)
    return median_run(results)


def every_page(site: Path, build: Path) -> int:
    reports = build / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    paths = sorted(p.relative_to(site).parent.as_posix().removeprefix(".").strip("/") for p in site.rglob("index.html"))
    results: list[PageResult] = []
    unmeasured: list[str] = []
    with serving(build / "nginx-site.conf") as url:
        for path in (p + "/" if p else "" for p in paths):
            result = measured(url, path, reports, 1)
            if result is None:
                unmeasured.append(f"/{path}: Lighthouse failed {ATTEMPTS} times")
            else:
                results.append(result)
    (build / "lighthouse.md").write_text(table(results) + "".join(f"\n{line}" for line in unmeasured), encoding="utf-8")
    print(table(results))
    found = misses(results) + unmeasured
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


def sample(conf: Path, reports: Path, pages: tuple[str, ...] = SAMPLE_PAGES) -> list[PageResult]:
    reports.mkdir(parents=True, exist_ok=True)
    with serving(conf) as url:
        results = [measured(url, path, reports, RUNS) for path in pages]
    measured_pages = [result for result in results if result is not None]
    if len(measured_pages) < len(results):
        raise RuntimeError(f"Lighthouse failed {ATTEMPTS} times on a page served with {conf}")
    return measured_pages


def without_feature(config: str, feature: str) -> str:
    """mkdocs.yml with one entry of `theme.features` removed."""
    return re.sub(rf"^    - {re.escape(feature)}\n", "", config, count=1, flags=re.M)


def built_variant(root: Path, work: Path, config: str) -> Path:
    """The site built (no PDFs, compressed as `make build` does) in a copy of the project with `config`;
    returns the copy's nginx-site.conf."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "HANDBOOK_BUILD_DIR"} | {"HANDBOOK_SKIP_PRINT": "1"}
    env |= {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # as the Makefile sets them
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=work, env=env, check=True)
    precompress(text_files(work / "site"))
    return work / "build" / "nginx-site.conf"


def features(root: Path, build: Path) -> int:
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^  features:\n((?:    - .+\n)+)", config, flags=re.M)
    names = re.findall(r"^    - (\S+)", block.group(1), flags=re.M) if block else []
    variants = [("all features on", "(the published site)", config)]
    variants += [(f"without {name}", FEATURE_USE.get(name, ""), without_feature(config, name)) for name in names]
    out = build / "lighthouse-features"
    rows: list[tuple[str, str, list[PageResult]]] = []
    loads: list[str] = []
    for number, (variant, note, text) in enumerate(variants):
        conf = built_variant(root, out / f"site-{number}", text)
        rows.append((variant, note, sample(conf, out / f"reports-{number}")))
        loads.append(f"{variant}: {os.getloadavg()[1]:.1f}")  # the machine's load over the variant's runs
        print(comparison_table(rows[-1:]), flush=True)
    heading = (
        f"Lighthouse performance per theme feature: median of {RUNS} runs, mobile defaults, nginx with the build's "
        "configuration; each variant built without PDFs in a copy of the project.\n\n"
    )
    footer = f"\nLoad average (5 min) after each variant's runs, on {os.cpu_count()} cores: {'; '.join(loads)}.\n"
    (build / "lighthouse-features.md").write_text(heading + comparison_table(rows) + footer, encoding="utf-8")
    print(comparison_table(rows))
    return 0


def main() -> int:
    root = Path.cwd()
    build = build_dir(root)
    if "--features" in sys.argv[1:]:
        return features(root, build)
    if "--sample" in sys.argv[1:]:
        named = tuple(arg.strip("/") + "/" if arg.strip("/") else "" for arg in sys.argv[1:] if arg != "--sample")
        results = sample(build / "nginx-site.conf", build / "lighthouse-sample", named or SAMPLE_PAGES)
        text = comparison_table([("site/", "", results)])
        (build / "lighthouse-sample.md").write_text(text, encoding="utf-8")
        print(text)
        return 0
    return every_page(root / "site", build)


if __name__ == "__main__":
    sys.exit(main())
