"""`make check`: run every validation of the handbook without building it; exit 1 on any problem."""

import sys

from mkdocs.config import load_config

from handbook.settings import settings_from_mkdocs
from handbook.validate import validate


def main() -> int:
    result = validate(settings_from_mkdocs(load_config("mkdocs.yml")))
    print("\n".join(result.lines()))
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
