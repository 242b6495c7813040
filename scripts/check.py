"""`make check`: run every validation of the handbook without building it; exit 1 on any problem."""

import sys

from handbook.config_file import load_site_config
from handbook.settings import settings_from_mkdocs
from handbook.validate import validate


def main() -> int:
    config, problems = load_site_config("mkdocs.yml")
    if config is None:
        print("\n".join(problem.format() for problem in problems))
        print(f"validation: stopped at mkdocs.yml, {len(problems)} problem(s); fix it first")
        return 1
    result = validate(settings_from_mkdocs(config))
    print("\n".join(result.lines()))
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
