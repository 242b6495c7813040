"""A built site on Python's own HTTP server, answering like the generated nginx configuration does.

Opened from disk (file://), a built site misleads: the menu's folder addresses show folder listings and a missing
page shows the browser's error instead of the handbook's 404 page. `make preview-site` and the tests serve site/
with this where nginx is not installed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import sys
import threading
from collections.abc import Generator
from pathlib import Path
from typing import Any


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site quietly; a missing page gets the 404 page of its language's folder, as in nginx."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 else None
        if page is None:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)
        # `/en/missing/` gets en/404.html; a top-level address (`/missing/`, `/en`) gets the site's own.
        localised = root / first[0] / "404.html" if len(first) == 2 and first[0] else None
        for page in (localised, root / "404.html"):
            if page is not None and page.is_file() and page.resolve().is_relative_to(root.resolve()):
                return page
        return None


class SiteServer(http.server.ThreadingHTTPServer):
    """Leaves out the traceback Python's server prints when a reader closes a page before it has loaded."""

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        # A browser that navigates on, or a tab that closes, drops its connection mid-answer: nothing went wrong.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(directory: Path, port: int = 0) -> Generator[str, None, None]:
    """`directory` on 127.0.0.1:`port` (0: a free one) until the block ends; yields its base URL."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = SiteServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
