"""pa11y (pinned in tests/pa11y/) with both its runners, axe and HTML_CodeSniffer, at WCAG2AA at phone width
(390 px) in light and dark mode, on a sample of pages: one of each kind of page in both languages (the home page,
a chapter with boxes and checklists, the quick help, the phrase cards, templates, the links page and the 404
page). No errors but the listed false positives. Every page is checked by axe-core in test_quality_gates.py.

One Node process and one Chromium check them, a few at a time; a planted page with low-contrast text is checked
in the same run and must fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from conftest import CHROMIUM, ROOT, TOOLS_REQUIRED, gate_report, serve_directory

PA11Y = ROOT / "tests" / "pa11y"
WIDTHS = [390]
# One page of each layout, in both languages (the English under en/).
SAMPLE = ["", "conversation/", "quick-help/", "phrase-cards/", "templates/", "links/", "404.html"]
SCHEMES = ["light", "dark"]

# (runner code, CSS selector, why it is not a fault). Each is Material's markup, looked at by hand.
FALSE_POSITIVES = [
    (
        "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2",
        "html > body > header > nav > form",
        "Material's colour-scheme switch: its radio buttons take effect at once and there is nothing to submit; "
        "a submit button would only let Enter reload the page",
    ),
    (
        "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2",
        "html > body > header > nav > div:nth-child(8) > div > form",
        "Material's search: results appear while typing and Enter opens the first one; there is nothing to submit",
    ),
]
PLANTED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Planted fault</title></head>
<body><main><h1>Planted fault</h1><p style="color:#c8c8c8;background:#ffffff">Pale grey text on white.</p></main>
</body></html>"""


def _missing(what: str):
    if TOOLS_REQUIRED:
        pytest.fail(f"{what} is missing: `make test` installs it")
    pytest.skip(f"{what} is not installed (`make test` installs it)")


def run_pa11y(urls: list[str]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        _missing("node (nodejs)")
    if not (PA11Y / "node_modules" / "pa11y").exists():
        _missing("pa11y (npm ci in tests/pa11y)")
    if not os.path.exists(CHROMIUM):
        _missing("chromium")
    job = {"urls": urls, "widths": WIDTHS, "schemes": SCHEMES, "parallel": 3}
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "true", "CHROME_PATH": CHROMIUM}
    result = subprocess.run(
        [node, str(PA11Y / "run.js")], input=json.dumps(job), capture_output=True, text=True, env=env, timeout=900
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


def is_false_positive(error: dict) -> bool:
    return any(error["code"] == code and error["selector"] == selector for code, selector, _ in FALSE_POSITIVES)


def test_pa11y_finds_no_errors_on_any_page_and_finds_a_planted_one(built_site, served_site, tmp_path):
    pages = [f"/{prefix}{page}" for prefix in ("", "en/") for page in SAMPLE]
    files = [built_site / page.lstrip("/") / ("index.html" if page.endswith("/") else "") for page in pages]
    assert [file for file in files if not file.is_file()] == [], "a sampled page is not in the build"
    (tmp_path / "index.html").write_text(PLANTED, encoding="utf-8")
    with serve_directory(tmp_path) as planted_url:
        results = run_pa11y([served_site + page for page in pages] + [planted_url + "/"])
    planted = [r for r in results if r["url"].startswith(planted_url)]
    assert len(planted) == len(WIDTHS) * len(SCHEMES)
    assert all(any(e["code"] == "color-contrast" for e in r["errors"]) for r in planted), "pa11y missed the planted fault"
    found = [
        f"{r['url'].removeprefix(served_site)} {r['width']}px {r['scheme']}: {e['runner']} {e['code']} at {e['selector']}"
        for r in results
        if not r["url"].startswith(planted_url)
        for e in r["errors"]
        if not is_false_positive(e)
    ]
    checks = len(results) - len(planted)
    gate_report["pa11y"] = f"{checks} checks ({len(pages)} pages at 390 px x 2 schemes), {len(found)} errors"
    assert checks == len(pages) * len(WIDTHS) * len(SCHEMES)
    assert found == []
