"""The site address a publish refuses: the placeholder in mkdocs.yml, or any address that is not a real host.

Every absolute link the build writes (links.json, copy-link buttons, canonical links, sitemap, the PDFs' links
back to the website) is made from `site_url`. Published with the placeholder, the handbook would hand wiki
editors and printed books addresses that lead nowhere, so `make publish` and the pipelines stop first.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from handbook.sources.site_address import is_placeholder

HOW_TO_SET = (
    "set the address readers will use: HANDBOOK_SITE_URL=https://handbook.your-company.nl/ make publish DEST=...,"
    " or site_url in mkdocs.yml"
)


def configured_site_url(root: Path) -> str:
    """`site_url` as the build will see it: mkdocs.yml's value, or HANDBOOK_SITE_URL through its `!ENV` tag."""
    with open(root / "mkdocs.yml", encoding="utf-8") as config:
        return str(yaml.load(config, Loader=get_yaml_loader()).get("site_url") or "")


def placeholder_reason(site_url: str) -> str | None:
    """Why `site_url` cannot be published, or None for a real address."""
    if not site_url:
        return "no site address is set"
    parts = urlsplit(site_url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        return f"the site address {site_url} is not an http(s) address"
    if is_placeholder(site_url):
        return f"the site address {site_url} is a placeholder ({host} is reserved for examples or this machine)"
    return None


def refusal(site_url: str) -> str | None:
    """The message `make publish` stops with, or None when the address is real."""
    reason = placeholder_reason(site_url)
    return f"not published: {reason}; {HOW_TO_SET}" if reason else None
