"""`make preview-site`: the built site/ on a loopback address, served as readers will get it, until Ctrl+C.

With Debian's nginx installed it is the build's own `build/nginx-site.conf` (headers, redirects, compressed
copies); without it, Python's server with the same folder addresses and 404 pages.
"""

import argparse
import contextlib
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from devtools import nginx_server
from handbook.sources.settings import build_dir
from handbook.website import static_server


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (0: any free port)")
    port = parser.parse_args().port
    root = Path.cwd()
    site, conf = root / "site", build_dir(root) / "nginx-site.conf"
    if not (site / "index.html").is_file():
        print("no built site in site/: run `make build` first", file=sys.stderr)
        return 1
    # The build writes the configuration for the site it built; one from another checkout serves another folder.
    use_nginx = not nginx_server.missing_packages() and conf.is_file() and f"root {site.resolve()};" in conf.read_text()

    # Stopped with SIGTERM too, the server is shut down on the way out: an nginx child is not left running.
    def stop(signum: int, frame: FrameType | None) -> None:
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    server = nginx_server.serving(conf, port) if use_nginx else static_server.serving(site, port)
    with server as url, contextlib.suppress(KeyboardInterrupt):
        how = f"nginx with {conf.relative_to(root)}" if use_nginx else "Python's server (install nginx for its headers)"
        print(f"serving site/ at {url}/ (English: {url}/en/) with {how}; stop with Ctrl+C", flush=True)
        while True:
            time.sleep(3600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
