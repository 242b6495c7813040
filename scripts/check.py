"""`make check`: every check a build makes, without the PDFs; exit 1 on any problem.

First the checks of the sources (about half a second); then the website is rendered into a temporary folder,
as `make build` and `make serve` do, because some faults exist only in the rendered pages (a reference link
without a definition, Markdown shown as text). Both run even when the sources have problems, so one run names
every fault, and check, preview and build report the same.
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


def rendered_page_problems(known: set[str]) -> tuple[list[str], str]:
    """The problems a site-only build finds in the rendered pages besides the `known` ones of the sources, which
    it logs too, and its output when it failed for another reason."""
    with tempfile.TemporaryDirectory(prefix="handbook-check-") as work:
        site = os.path.join(work, "site")
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site]
        # Built to be checked, never served: staged like `make build`'s site, its nginx-site.conf is written
        # beside it in the temporary folder instead of replacing the published site's one in build/.
        env = {**os.environ, "HANDBOOK_SKIP_PRINT": "1", "HANDBOOK_PUBLISH_DIR": site}
        # Its problems quote the pages: UTF-8 both ways whatever the locale, so they match the ones found here.
        env["PYTHONIOENCODING"] = "utf-8"
        result = subprocess.run(command, capture_output=True, encoding="utf-8", errors="replace", env=env)
    logged = LOGGED_PROBLEM.findall(result.stderr)
    problems = [problem for problem in logged if problem not in known]
    return problems, "" if logged or result.returncode == 0 else result.stderr[-3000:]


def main() -> int:
    config, problems = load_site_config("mkdocs.yml")
    if config is None:
        print("\n".join(problem.format() for problem in problems))
        print(f"validation: stopped at mkdocs.yml, {len(problems)} problem(s); fix it first")
        return 1
    result = validate(settings_from_mkdocs(config))
    rendered, failure = rendered_page_problems({problem.format() for problem in result.problems})
    print("\n".join(rendered + result.lines()))
    if rendered:
        print(f"rendered pages: {len(rendered)} problem(s)")
    if failure:
        print(f"the site did not render:\n{failure}")
    return 1 if result.problems or rendered or failure else 0


if __name__ == "__main__":
    sys.exit(main())
