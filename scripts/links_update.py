"""`make links-update`: add every page and section published now to links.lock (entries are never removed)."""

import sys

from handbook.config_file import settings_or_report
from handbook.model import load_handbook
from handbook.published_links import LOCK_FILE, updated_lock


def main() -> int:
    settings = settings_or_report()
    if settings is None:
        return 1
    lock = settings.root / LOCK_FILE
    text, added = updated_lock(lock, load_handbook(settings))
    lock.write_text(text, encoding="utf-8")
    print(f"{LOCK_FILE}: {len(added)} new entr{'y' if len(added) == 1 else 'ies'}")
    for entry in added:
        print(f"  + {entry}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
