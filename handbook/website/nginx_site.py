"""The nginx directives that serve the built site: `build/nginx-site.conf`, included in a `server { }` block.

Written by the build from the same facts the pages are made from (the languages, the page redirects, the
Content-Security-Policy with this build's script hashes), so the server and the site cannot drift apart. The
file expects Debian's nginx with `libnginx-mod-http-brotli-static` and the `mime.types` its nginx.conf includes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from handbook.sources.addresses import source_address
from handbook.sources.settings import Language

# Material's own assets carry a content hash in their names (main.57a0d79d.min.css, search.a7633da7.min.js), and
# the build gives ours one (handbook.3f2a9c1e.css, fonts/handbook-serif-400-normal.0b1c2d3e.woff2; see
# handbook/website/fingerprint.py): a changed file is a new address, so browsers may keep these for a year without asking.
FINGERPRINTED = r"\.[0-9a-f]{8}(\.min)?\.(css|js|woff2)$"
IMMUTABLE = "public, max-age=31536000, immutable"
# Everything else (pages, PDFs, the search index, the offline worker) keeps its address when it changes: the
# browser may keep a copy but asks first (a cheap 304 when nothing changed).
REVALIDATE = "no-cache"
# Text types nginx labels with `charset utf-8` besides its default text/html, text/xml and text/plain.
CHARSET_TYPES = "text/css application/javascript application/json image/svg+xml application/xml application/manifest+json"


def security_headers(csp: str) -> dict[str, str]:
    """The HTTP headers every answer carries: the pages' policy plus what only a header can say."""
    return {
        "Content-Security-Policy": f"{csp}; frame-ancestors 'self'",
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def _headers(csp: str, cache: str, indent: str) -> list[str]:
    # nginx drops a block's inherited add_header lines as soon as the block has one of its own: each block that
    # sets a cache policy repeats the security headers.
    headers = {**security_headers(csp), "Cache-Control": cache}
    return [f'{indent}add_header {name} "{value}" always;' for name, value in headers.items()]


def redirect_target(new: str, folder: str) -> str:
    """Where nginx sends a renamed page: the new page (or its section) in the same language, or an address
    elsewhere as mkdocs-redirects takes it."""
    return new if "://" in new else "/" + source_address(folder, new)


def site_config(site_root: Path, csp: str, languages: Sequence[Language], page_redirects: dict[str, str]) -> str:
    """The text of nginx-site.conf for the site at `site_root` (absolute: nginx resolves `root` itself)."""
    lines = [
        "# Written by the handbook's build; include it in a server { } block (see README.md, Serving).",
        f"root {site_root};",
        "index index.html;",
        "server_tokens off;",
        "absolute_redirect off;",
        "charset utf-8;",
        f"charset_types {CHARSET_TYPES};",
        "# The build writes .gz and .br copies beside every text file; nginx sends the smallest one accepted.",
        "gzip_static on;",
        "brotli_static on;",
        "gzip_vary on;",
        *_headers(csp, REVALIDATE, ""),
        "error_page 404 /404.html;",
    ]
    for language in languages:
        if not language.default:
            lines.append(f"location /{language.locale}/ {{ error_page 404 /{language.locale}/404.html; }}")
    lines += [f'location ~ "{FINGERPRINTED}" {{', *_headers(csp, IMMUTABLE, "    "), "}"]
    # Debian's mime.types has no entry for the web app manifests; the service worker (sw.js) keeps the default
    # revalidation above, so a new build's worker is found on the next visit.
    lines.append('location ~ "\\.webmanifest$" { default_type application/manifest+json; }')
    for language in languages:
        folder = language.folder
        for old, new in sorted(page_redirects.items()):
            old_address = "/" + source_address(folder, old)
            lines.append(f"location = {old_address} {{ return 301 {redirect_target(new, folder)}; }}")
    return "\n".join(lines) + "\n"
