"""`make publish` and `make rollback`: put the built site/ live on the serving host, or go back one release.

    publish.py check-address        stop before a build whose site address is still a placeholder
    publish.py publish DEST         publish site/ (built by `make build`) to DEST as a new release
    publish.py rollback DEST        make the release that was live before the current one live again

DEST is a folder or `user@host:/folder`; HANDBOOK_SSH holds ssh options (`ssh -i key -p 2222`), HANDBOOK_KEEP how
many releases stay (3).
"""

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from handbook.run.publish_address import configured_site_url, refusal
from handbook.run.releases import KEEP, Destination, PublishError, commit_of, publish, release_name, rollback
from handbook.sources.settings import build_dir

# The build's output contract (DESIGN.md): a site missing one of these was not made by a finished `make build`
# (a preview build, HANDBOOK_SKIP_PRINT=1) and would show readers broken download links.
REQUIRED = (
    "index.html",
    "404.html",
    "en/index.html",
    "en/404.html",
    "links.json",
    "downloads/handbook-nl.pdf",
    "downloads/handbook-en.pdf",
    "downloads/phrase-cards-nl.pdf",
    "downloads/phrase-cards-en.pdf",
    "downloads/phrase-cards-nl-en-duplex.pdf",
    "downloads/checklists-nl.pdf",
    "downloads/checklists-en.pdf",
)


def built_site_problem(site: Path) -> str | None:
    """Why `site` is not fit to publish, or None."""
    missing = [name for name in REQUIRED if not (site / name).is_file()]
    if missing:
        return f"not published: {site} is not a complete build (missing {', '.join(missing)}); run `make build`"
    return refusal(json.loads((site / "links.json").read_text(encoding="utf-8")).get("site_url", ""))


USAGE = "usage: make publish DEST=/srv/handbook, make rollback DEST=user@host:/srv/handbook (see scripts/publish.py)"


def run(argv: list[str], root: Path) -> str | None:
    """Carry out the command; the message it stopped with, or None."""
    if argv == ["check-address"]:
        return refusal(configured_site_url(root))
    if len(argv) != 2 or argv[0] not in ("publish", "rollback") or not argv[1]:
        return USAGE
    action, dest = argv
    try:
        destination = Destination.parse(dest, os.environ.get("HANDBOOK_SSH", ""))
        if action == "rollback":
            print(rollback(destination), end="")
            return None
        problem = built_site_problem(root / "site")
        if problem:
            return problem
        name = release_name(commit_of(root), datetime.now(UTC))
        keep = int(os.environ.get("HANDBOOK_KEEP") or KEEP)
        print(publish(root / "site", build_dir(root) / "nginx-site.conf", destination, name, keep), end="")
    except PublishError as error:
        return f"{action} to {dest} failed: {error}"
    return None


def main() -> int:
    message = run(sys.argv[1:], Path.cwd())
    if message:
        print(message, file=sys.stderr)
    return 1 if message else 0


if __name__ == "__main__":
    sys.exit(main())
