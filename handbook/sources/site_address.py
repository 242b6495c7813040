"""Whether the site's address is real yet, decided in one place: absolute addresses are written only for a real one.

mkdocs.yml ships with a placeholder `site_url` (a host under `.example`), so that a fresh clone builds. An address
on a reserved name (RFC 2606 and 6761: `.example`, `.invalid`, `.test`, `localhost`, `example.com/.net/.org`)
leads nowhere, and once printed on paper or pasted into a wiki it can never be corrected. A build on such an
address is a preview: the PDFs name a section "on the website" instead of printing its address, links.json says
it is a preview and gives addresses relative to the site's root, and the web pages link relatively (their copy
buttons resolve a link against the address the page was served from). `make publish` refuses such an address
(`handbook.run.publish_address`, which asks this module).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

RESERVED_TOP_LEVEL = ("example", "invalid", "localhost", "test")
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")


def is_placeholder(url: str) -> bool:
    """Whether `url` names no real host: none at all, a reserved name or a loopback address."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    top_level = host.rsplit(".", 1)[-1]
    return top_level in RESERVED_TOP_LEVEL or any(host == name or host.endswith("." + name) for name in RESERVED_DOMAINS)


def site_base(site_url: str) -> str:
    """What every absolute address of the site starts with (`https://host/path/`); `` while the address is a
    placeholder, which leaves addresses relative to the site's root."""
    return "" if is_placeholder(site_url) else site_url.rstrip("/") + "/"


def mkdocs_site_url(site_url: str) -> str:
    """The `site_url` MkDocs should build with: for a placeholder only its path, so that the canonical links and
    the sitemap name paths from the host's root instead of a host that does not exist, and the 404 page still
    finds its files below that path."""
    return urlsplit(site_url).path or "/" if is_placeholder(site_url) else site_url
