"""`make serve` as an author meets it: the open page reloads by itself after a save, the download links answer,
and the problems of a save are the last thing in the terminal."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    """A copy of the handbook under `mkdocs serve`, with one PDF left by an earlier build; yields (url, copy, log)."""
    copy = tmp_path / "handbook"
    copy_project(copy)
    (copy / "site" / "downloads").mkdir(parents=True)
    (copy / "site" / "downloads" / "handbook-nl.pdf").write_bytes(b"%PDF-1.7 last build\n")
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=copy,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    else:
        server.terminate()
        pytest.fail("mkdocs serve did not answer within 60 s:\n" + Path(log.name).read_text(encoding="utf-8")[-3000:])
    try:
        yield url, copy, Path(log.name)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def wait_for_log(log: Path, needle: str, after: int, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")[after:]
        if needle in text:
            return text
        time.sleep(0.2)
    pytest.fail(f"{needle!r} not in the serve log:\n{log.read_text(encoding='utf-8')[-3000:]}")


def test_open_page_reloads_by_itself_after_a_save(preview, browser):
    url, copy, _ = preview
    page = browser.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(url + "en/after/")
    page.wait_for_timeout(1500)  # the reload script starts polling
    source = copy / "docs" / "after.en.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n\nA sentence saved while the page was open.\n", encoding="utf-8")
    # Polled from here: a predicate evaluated in the page would itself need 'unsafe-eval'.
    deadline = time.monotonic() + 30
    while "A sentence saved while the page was open." not in page.inner_text("body"):
        assert time.monotonic() < deadline, "the open page did not reload within 30 s of the save"
        page.wait_for_timeout(300)
    assert blocked == []
    page.close()


def test_preview_serves_the_last_builds_pdfs_and_says_so(preview):
    url, _, log = preview
    with urllib.request.urlopen(url + "downloads/handbook-nl.pdf", timeout=5) as response:
        assert response.read().startswith(b"%PDF-1.7 last build")
    assert "PDFs of the last `make build`" in log.read_text(encoding="utf-8")


def test_a_saves_problems_come_last_after_a_summary(preview):
    _, copy, log = preview
    start = len(log.read_text(encoding="utf-8"))
    source = copy / "docs" / "after.nl.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n\nZie [de fout](after.md#bestaat-niet).\n", encoding="utf-8")
    text = wait_for_log(log, "LINK-ANCHOR", start)
    text = wait_for_log(log, "Reloading browsers", start) if "Reloading browsers" not in text else text
    lines = [line for line in text.splitlines() if line.strip()]
    problem = max(i for i, line in enumerate(lines) if "LINK-ANCHOR" in line)
    summary = max(i for i, line in enumerate(lines) if "validation:" in line)
    assert summary < problem, "\n".join(lines)
    # After the problem only MkDocs' own closing lines follow, never a screenful of configuration.
    assert len(lines) - problem <= 4, "\n".join(lines[problem:])
    assert "mkdocs_static_i18n" not in text


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for_page(url: str, needle: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
        except TimeoutError:  # the server answers once its rebuild is done: on a busy machine, after 5 s
            continue
        if needle in page:
            return page
        time.sleep(0.3)
    pytest.fail(f"{needle!r} not served at {url} within {timeout} s")


def test_preview_pages_register_no_service_worker(preview, browser):
    url, _, log = preview
    data = re.search(r'<script type="application/json" id="handbook-ui">(.*?)</script>', fetch(url + "en/after/"))
    ui = json.loads(data.group(1))
    assert ui["offline-worker"] is None and "copy-link" in ui  # the rest of the page's data is there
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url + "en/after/")
    page.wait_for_timeout(1500)  # offline.js runs after the page has loaded
    assert requested and not [address for address in requested if address.endswith(("sw.js", ".webmanifest"))], requested
    assert page.locator("h1").inner_text()  # the page itself is there
    page.close()
    assert "code 404" not in log.read_text(encoding="utf-8")


def test_rendered_page_problems_are_counted_and_listed_last(preview):
    _, copy, log = preview
    start = len(log.read_text(encoding="utf-8"))
    source = copy / "docs" / "after.nl.md"
    source.write_text(
        source.read_text(encoding="utf-8") + '\n\nZie <a href="../returns-policy/">terugbetalen</a>.\n', encoding="utf-8"
    )
    text = wait_for_log(log, "Reloading browsers", start)
    lines = [line for line in text.splitlines() if line.strip()]
    problem = max(i for i, line in enumerate(lines) if "LINK-PAGE" in line)
    assert any(line.endswith("validation: 1 problem: LINK-PAGE 1") for line in lines[:problem]), "\n".join(lines)
    assert not any("no problems" in line or "TRANSLATION-STALE" in line for line in lines), "\n".join(lines)
    assert len(lines) - problem <= 4, "\n".join(lines[problem:])


def test_a_broken_mkdocs_yml_is_shown_and_the_last_good_build_served_until_it_is_fixed(preview):
    url, copy, log = preview
    config = copy / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    lines = good.split("\n")
    slip = next(number for number, line in enumerate(lines, 1) if line.startswith("site_name:")) + 1
    start = len(log.read_text(encoding="utf-8"))
    config.write_text("\n".join([*lines[: slip - 1], "  wrong: indentation", *lines[slip - 1 :]]), encoding="utf-8")
    text = wait_for_log(log, "INPUT-CONFIG", start)
    assert re.search(rf"^ERROR\s+-\s+mkdocs\.yml:{slip}:\d+: INPUT-CONFIG malformed YAML", text, re.M), text
    assert "Traceback" not in text
    assert "Follow up" in fetch(url + "en/after/")  # still serving the last good build
    page = copy / "docs" / "after.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nWritten while mkdocs.yml was broken.\n", encoding="utf-8")
    config.write_text(good, encoding="utf-8")
    wait_for_page(url + "en/after/", "Written while mkdocs.yml was broken.")
