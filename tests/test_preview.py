"""`make serve` as an author meets it: the open page reloads by itself after a save, the download links answer,
and the problems of a save are the last thing in the terminal."""

from __future__ import annotations

import os
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
