"""Quality gates in a real browser on every page of both languages: accessibility (axe-core), privacy (no
request leaves the local server, no cookies), the Content-Security-Policy, keyboard reach and box contrast."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, TOOLS_REQUIRED, gate_report

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def all_pages(site):
    return sorted("/" + p.relative_to(site).parent.as_posix().removeprefix(".") for p in site.rglob("index.html"))


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        if TOOLS_REQUIRED:
            pytest.fail("axe-core is missing: `make test` installs it with npm ci in tests/axe")
        pytest.skip("axe-core not installed (make test runs npm ci in tests/axe)")
    return AXE.read_text(encoding="utf-8")


def test_no_serious_or_critical_accessibility_violations(browser, served_site, built_site, axe_source):
    context = browser.new_context(bypass_csp=True)  # axe is injected by the test, not part of the site
    page = context.new_page()
    found = []
    pages = all_pages(built_site)
    for path in pages:
        page.goto(served_site + path.rstrip("/") + "/")
        page.evaluate(axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
    context.close()
    gate_report["accessibility"] = f"{len(pages)} pages checked with axe-core, {len(found)} serious/critical violations"
    assert found == []


def test_pages_request_nothing_from_other_hosts_set_no_cookies_and_obey_csp(browser, served_site, built_site):
    context = browser.new_context()
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    requests, foreign, violations = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    local = urlsplit(served_site).netloc
    pages = all_pages(built_site)
    for path in pages:
        page.goto(served_site + path.rstrip("/") + "/", wait_until="networkidle")
        violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme not in ("data", "blob") and parts.netloc != local:
            foreign.append(url)
    cookies = context.cookies()
    context.close()
    gate_report["privacy"] = (
        f"{len(pages)} pages loaded, {len(requests)} requests, {len(foreign)} to other hosts, "
        f"{len(cookies)} cookies, {len(violations)} CSP violations"
    )
    assert foreign == [] and cookies == [] and violations == []
    assert len(requests) > len(pages)


def test_site_works_under_its_csp(browser, served_site, real_handbook):
    context = browser.new_context()
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site + "/en/conversation/")
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    checklists = len(real_handbook.page("conversation", "en").scan.tasklists)
    assert page.locator("button.copy-link").count() > 5 and page.locator("button.checklist-clear").count() == checklists > 0
    assert page.evaluate("window.__csp") == [] and errors == []
    context.close()


@pytest.mark.parametrize("path", ["/conversation/", "/en/conversation/"])
def test_keyboard_reaches_language_switch_search_checkboxes_and_copy_buttons(browser, served_site, path):
    page = browser.new_page()
    page.goto(served_site + path)
    expected_boxes = page.locator("ul.task-list input[type=checkbox]").count()
    expected_buttons = page.locator("button.copy-link").count()
    seen = set()
    # Tab until focus comes back to an element it has already visited: the whole page has been walked.
    for _ in range(600):
        page.keyboard.press("Tab")
        label, again = page.evaluate("""() => {
            const e = document.activeElement;
            if (!e || e === document.body) return ['', false];
            const again = e.hasAttribute('data-walked');
            e.setAttribute('data-walked', '');
            if (e.matches('a[hreflang]')) return ['lang:' + e.hreflang, again];
            if (e.matches('input.md-search__input')) return ['search', again];
            const boxes = [...document.querySelectorAll('ul.task-list input')];
            if (e.matches('ul.task-list input')) return ['box:' + boxes.indexOf(e), again];
            if (e.matches('button.copy-link')) return ['copy:' + e.parentElement.id, again];
            return ['', again];
        }""")
        if again:
            break
        seen.add(label)
    else:
        pytest.fail("focus never came back round in 600 Tab presses")
    page.close()
    assert {"lang:nl", "lang:en", "search"} <= seen
    assert len([s for s in seen if s.startswith("box:")]) == expected_boxes > 0
    assert len([s for s in seen if s.startswith("copy:")]) == expected_buttons > 0
    gate_report[f"keyboard {path}"] = f"{expected_boxes} checkboxes and {expected_buttons} copy buttons reached by Tab"


CONTRAST = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tip_and_key_point_boxes_pass_wcag_aa_contrast(browser, served_site, scheme):
    page = browser.new_page()
    page.goto(served_site + "/en/conversation/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    ratios = page.evaluate(CONTRAST, ".admonition.tip p, .admonition.keypoint p, .admonition-title")
    page.close()
    assert ratios and min(ratios) >= 4.5, ratios


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", ["/", "/en/conversation/"])
def test_sidebar_titles_have_7_to_1_contrast_on_a_solid_background(browser, served_site, scheme, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site + path)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    selector = ".md-sidebar--primary .md-nav__title, .md-sidebar--secondary .md-nav__title"
    ratios = page.evaluate(CONTRAST, selector)
    # A checker that cannot see past the sticky title reads its own background: it must be opaque.
    alphas = page.evaluate(
        "(sel) => [...document.querySelectorAll(sel)].map(el => getComputedStyle(el).backgroundColor)", selector
    )
    page.close()
    assert len(ratios) >= 2 and min(ratios) >= 7, ratios
    assert all(not color.startswith("rgba") for color in alphas), alphas
