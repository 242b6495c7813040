"""`make screenshots`: pictures of the built site and PDFs for a person to look at, and for the README.

Written to build/screenshots/: the home page, quick help and a chapter at phone and desktop size in light and
dark mode (Debian's Chromium through Playwright), and the first pages of each handbook PDF (pdftoppm). A
picture proves nothing by existing, so this is a tool to run and look at, not a test.
"""

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

VIEWPORTS: "dict[str, ViewportSize]" = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGES = {"home-nl": "/", "quick-help-en": "/en/quick-help/", "conversation-en": "/en/conversation/"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def site_pictures(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    written: list[Path] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for size, viewport in VIEWPORTS.items():
                for label, path in PAGES.items():
                    for scheme in ("light", "dark"):
                        page = browser.new_page(viewport=viewport, color_scheme=scheme)
                        page.goto(base + path)
                        target = out / f"site-{label}-{size}-{scheme}.png"
                        page.screenshot(path=str(target))
                        written.append(target)
                        page.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def pdf_pictures(site: Path, out: Path) -> list[Path]:
    for pdf in sorted((site / "downloads").glob("*.pdf")):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "4", str(pdf), str(out / pdf.stem)], check=True)
    return sorted(out.glob("*-?.png")) + sorted(out.glob("*-??.png"))


def main() -> int:
    site = Path("site")
    if not (site / "index.html").exists():
        print("no site/ yet: run `make build` first", file=sys.stderr)
        return 1
    out = Path("build") / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    written = site_pictures(site, out) + pdf_pictures(site, out)
    print(f"screenshots: {len(written)} pictures in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
