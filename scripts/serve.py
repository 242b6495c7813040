"""`make serve`: the live preview, started only when mkdocs.yml reads, so a slip in it is one located line."""

import os
import sys

from handbook.sources.config_file import syntax_problem


def main() -> int:
    with open("mkdocs.yml", encoding="utf-8") as config:
        problem = syntax_problem(config.read(), "mkdocs.yml")
    if problem:
        print(problem.format(), file=sys.stderr)
        return 1
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
