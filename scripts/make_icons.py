"""Renders the home-screen icons of the web app manifest from docs/assets/logo.svg, once, by hand.

No library in the lock renders SVG to PNG, so the PNGs are committed (docs/assets/icons/) and this script,
run with Debian's Chromium, makes them again after the logo changes: `.venv/bin/python scripts/make_icons.py`.
The white logo sits on the handbook's teal, with room around it for launchers that crop to a circle.
"""

from __future__ import annotations

import base64
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
LOGO = ROOT / "docs" / "assets" / "logo.svg"
ICONS = ROOT / "docs" / "assets" / "icons"
SIZES = (192, 512)
BACKGROUND = "#0f4c5c"


def icon_page(size: int) -> str:
    logo = base64.b64encode(LOGO.read_bytes()).decode("ascii")
    inner = round(size * 0.62)
    return (
        f'<html><body style="margin:0;width:{size}px;height:{size}px;background:{BACKGROUND};'
        'display:flex;align-items:center;justify-content:center">'
        f'<img src="data:image/svg+xml;base64,{logo}" width="{inner}" height="{inner}"></body></html>'
    )


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(icon_page(size))
            page.screenshot(path=str(ICONS / f"icon-{size}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
