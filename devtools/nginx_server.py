"""Debian's nginx serving a built site with the generated `nginx-site.conf`, on a loopback port, as any user.

The tests and `make lighthouse` check the site as readers get it: through the server configuration the build
writes, not through a stand-in. nginx runs in the foreground as one process with its own small main
configuration; pid, logs and temporary files go to a private folder, so no system nginx is touched.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Generator
from pathlib import Path

NGINX = "/usr/sbin/nginx"
PREFIX = "/usr/share/nginx/"  # Debian's module paths (modules/...) are relative to it
BROTLI_MODULE = Path(PREFIX, "modules-available", "mod-http-brotli-static.conf")
MIME_TYPES = Path("/etc/nginx/mime.types")


def missing_packages() -> list[str]:
    """The Debian packages `nginx-site.conf` needs that are not installed."""
    missing = [] if shutil.which("nginx") or Path(NGINX).exists() else ["nginx"]
    return missing + ([] if BROTLI_MODULE.exists() else ["libnginx-mod-http-brotli-static"])


def main_config(site_conf: Path, port: int, work: Path) -> str:
    temp = "\n".join(f"  {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
master_process off;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
include {BROTLI_MODULE};
events {{ worker_connections 64; }}
http {{
  include {MIME_TYPES};
  default_type application/octet-stream;
  access_log {work / "access.log"};
{temp}
  server {{
    listen 127.0.0.1:{port};
    include {site_conf.resolve()};
  }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(site_conf: Path, port: int = 0) -> Generator[str, None, None]:
    """nginx serving with `site_conf` on `port` (0: a free one) until the block ends; yields its base URL."""
    work = Path(tempfile.mkdtemp(prefix="handbook-nginx-"))
    port = port or _free_port()
    config = work / "nginx.conf"
    config.write_text(main_config(site_conf, port, work), encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-q", "-c", str(config), "-p", PREFIX], capture_output=True, text=True)
    if test.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise RuntimeError(f"nginx rejects the configuration:\n{test.stderr}")
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", PREFIX], stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.communicate(timeout=10)  # waits, and closes its stderr pipe (unclosed, Python warns)
        shutil.rmtree(work, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped: {process.stderr.read() if process.stderr else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start listening within 10 s")
