"""`make new-page SLUG=... TITLE_NL=... TITLE_EN=...`: start a chapter in every language (see AUTHORING.md)."""

import os
import sys

from handbook.sources.config_file import load_site_config
from handbook.sources.new_page import NewPageError, create_page
from handbook.sources.settings import settings_from_mkdocs


def main() -> int:
    config, problems = load_site_config("mkdocs.yml")
    if config is None:
        print("\n".join(problem.format() for problem in problems), file=sys.stderr)
        print("new-page: fix mkdocs.yml first; nothing was written", file=sys.stderr)
        return 2
    settings = settings_from_mkdocs(config)
    titles = {lang: os.environ.get(f"TITLE_{lang.upper()}", "") for lang in settings.locales}
    try:
        written = create_page(settings, os.environ.get("SLUG", ""), titles)
    except NewPageError as error:
        print(f"new-page: {error}", file=sys.stderr)
        print("usage: make new-page SLUG=handling-refunds TITLE_NL='Terugbetalen' TITLE_EN='Refunds'", file=sys.stderr)
        return 2
    print("\n".join(f"wrote {path}" for path in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
