"""A Content-Security-Policy for every page: only the site's own scripts, styles, fonts and requests.

Material puts a few small inline scripts in each page; they are allowed by their SHA-256 hash, so the policy
needs no 'unsafe-inline' and an injected script (should one ever slip past the checks) would not run.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.DOTALL)


def script_hashes(html: str) -> list[str]:
    hashes: list[str] = []
    for body in INLINE_SCRIPT.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def policy(hashes: list[str], preview: bool = False) -> str:
    """The site's policy. `preview` is for `mkdocs serve` only: its reload script is inline and changes with every
    request, so no hash can allow it; a build never gets this policy."""
    scripts = "'self' 'unsafe-inline'" if preview else " ".join(["'self'", *hashes])
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
        "manifest-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def add_policy(html: str, preview: bool = False) -> tuple[str, list[str]]:
    """The page with its policy as the first element of <head>, and the script hashes it allows."""
    hashes = script_hashes(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, preview)}">'
    head = html.find("<head>")
    if head == -1:
        return html, hashes
    return html[: head + 6] + meta + html[head + 6 :], hashes
