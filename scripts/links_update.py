"""`make links-update`: add every page and section published now to links.lock (entries are never removed).

An entry is a promise that the address keeps working for ever, so only what a build would publish is recorded:
nothing while the sources have problems (a `make new-page` placeholder among them), never a placeholder section.
"""

import sys

from handbook.checks.validate import validate
from handbook.core.problems import plural
from handbook.pages.published_links import LOCK_FILE, updated_lock
from handbook.sources.config_file import settings_or_report


def main() -> int:
    settings = settings_or_report()
    if settings is None:
        return 1
    result = validate(settings)
    if result.problems:
        print("\n".join(problem.format() for problem in result.problems), file=sys.stderr)
        count = plural(len(result.problems), "problem")
        print(f"{LOCK_FILE}: not updated: {count} (listed above); a build would publish nothing yet", file=sys.stderr)
        return 1
    lock = settings.root / LOCK_FILE
    text, added = updated_lock(lock, result.handbook)
    lock.write_text(text, encoding="utf-8")
    print(f"{LOCK_FILE}: {plural(len(added), 'new entry', 'new entries')}")
    for entry in added:
        print(f"  + {entry}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
