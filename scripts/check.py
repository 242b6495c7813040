"""`make check`: every check a build makes, without the PDFs; exit 1 on any problem.

First the checks of the sources (about half a second). When they pass, the website is rendered into a
temporary folder, as `make build` and `make serve` do, because some faults exist only in the rendered pages
(a reference link without a definition, Markdown shown as text): so check, preview and build report the same.
"""

import os
import re
import subprocess
import sys
import tempfile

from handbook.config_file import load_site_config
from handbook.settings import settings_from_mkdocs
from handbook.validate import validate

LOGGED_PROBLEM = re.compile(r"^ERROR\s+-\s+(\S+:\d+:\d+: [A-Z][A-Z-]+ .*)$", re.M)


def rendered_page_problems() -> tuple[list[str], str]:
    """The problems a site-only build finds in the rendered pages, and its output when it failed otherwise."""
    with tempfile.TemporaryDirectory(prefix="handbook-check-") as site:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site]
        env = {**os.environ, "HANDBOOK_SKIP_PRINT": "1"}
        result = subprocess.run(command, capture_output=True, text=True, env=env)
    problems = LOGGED_PROBLEM.findall(result.stderr)
    return problems, "" if problems or result.returncode == 0 else result.stderr[-3000:]


def main() -> int:
    config, problems = load_site_config("mkdocs.yml")
    if config is None:
        print("\n".join(problem.format() for problem in problems))
        print(f"validation: stopped at mkdocs.yml, {len(problems)} problem(s); fix it first")
        return 1
    result = validate(settings_from_mkdocs(config))
    if result.problems:
        print("\n".join(result.lines()))
        return 1
    rendered, failure = rendered_page_problems()
    print("\n".join(rendered + result.lines()))
    if rendered:
        print(f"rendered pages: {len(rendered)} problem(s)")
    if failure:
        print(f"the site did not render:\n{failure}")
    return 1 if rendered or failure else 0


if __name__ == "__main__":
    sys.exit(main())
