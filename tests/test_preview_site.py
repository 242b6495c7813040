"""`make preview-site`: the built site on a loopback port, with folder addresses and 404 pages as on the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, TOOLS_REQUIRED

from devtools import nginx_server
from handbook.sources.settings import Language
from handbook.website.nginx_site import site_config

SCRIPT = ROOT / "scripts" / "preview_site.py"


def fake_site(root: Path) -> Path:
    site = root / "site"
    pages = {
        "index.html": "Welkom",
        "404.html": "Niet gevonden",
        "conversation/index.html": "Het gesprek",
        "en/index.html": "Welcome",
        "en/404.html": "Not found",
    }
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<!doctype html><title>{text}</title>{text}", encoding="utf-8")
    return site


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def check_preview(project: Path, build: Path, expect_server: str) -> None:
    """Start the preview, read pages through it, stop it: nothing answers on its port afterwards."""
    env = {**os.environ, "HANDBOOK_BUILD_DIR": str(build), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--port", "0"], cwd=project, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("serving site/ at http://127.0.0.1:") and expect_server in line, line
        url = line.split(" at ", 1)[1].split("/ ", 1)[0]
        assert fetch(url + "/") == (200, "<!doctype html><title>Welkom</title>Welkom")
        # A folder address is its page, never a folder listing.
        assert fetch(url + "/conversation/")[1].endswith("Het gesprek")
        assert fetch(url + "/en/")[1].endswith("Welcome")
        assert fetch(url + "/en/no-such-page/") == (404, "<!doctype html><title>Not found</title>Not found")
        assert fetch(url + "/no-such-page/")[0] == 404 and "Niet gevonden" in fetch(url + "/no-such-page/")[1]
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
        process.stdout.close()
    port = int(url.rsplit(":", 1)[1])
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_preview_with_pythons_server(tmp_path):
    fake_site(tmp_path)
    check_preview(tmp_path, tmp_path / "build", "Python's server")


def test_preview_with_the_builds_nginx_configuration(tmp_path):
    if nginx_server.missing_packages():
        if TOOLS_REQUIRED:
            pytest.fail(f"{', '.join(nginx_server.missing_packages())} missing in CI: `make test` installs them as root")
        pytest.skip("nginx is not installed (`make test` installs it as root)")
    site = fake_site(tmp_path)
    (tmp_path / "build").mkdir()
    languages = [Language("nl", True, "Handboek"), Language("en", False, "Handbook")]
    conf = site_config(site.resolve(), "default-src 'self'", languages, {})
    (tmp_path / "build" / "nginx-site.conf").write_text(conf, encoding="utf-8")
    check_preview(tmp_path, tmp_path / "build", "nginx with build/nginx-site.conf")


def test_preview_without_a_build_says_what_to_run(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 1 and "run `make build` first" in result.stderr
