"""`make lighthouse`: Lighthouse (pinned in tests/lighthouse/) on every page of the built site, served by nginx.

Mobile defaults, Debian's Chromium. About 20 s a page, 28 pages: too slow for every `make test`, so it is its own
target. Writes build/lighthouse.md (the per-page table) and build/lighthouse/*.json; fails when a page misses
a target (see handbook/lighthouse.py).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from handbook.lighthouse import misses, page_result, table
from handbook.nginx_server import serving
from handbook.settings import build_dir

ATTEMPTS = 3
LIGHTHOUSE = Path("tests/lighthouse/node_modules/.bin/lighthouse")


def main() -> int:
    root = Path.cwd()
    site, build = root / "site", build_dir(root)
    reports = build / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    paths = sorted(p.relative_to(site).parent.as_posix().removeprefix(".").strip("/") for p in site.rglob("index.html"))
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    results, unmeasured = [], []
    with serving(build / "nginx-site.conf") as url:
        for path in (p + "/" if p else "" for p in paths):
            output = reports / f"{path.strip('/').replace('/', '_') or 'index'}.json"
            command = [str(LIGHTHOUSE), f"{url}/{path}", "--quiet", "--output=json", f"--output-path={output}"]
            command.append("--chrome-flags=--headless=new --no-sandbox")
            # On a busy machine Chromium's trace sometimes misses the navigation (NO_NAVSTART): try again.
            if not any(subprocess.run(command, env=env).returncode == 0 for _ in range(ATTEMPTS)):
                unmeasured.append(f"/{path}: Lighthouse failed {ATTEMPTS} times")
                continue
            results.append(page_result("/" + path, json.loads(output.read_text(encoding="utf-8"))))
            print(f"/{path}: {results[-1].scores}", flush=True)
    (build / "lighthouse.md").write_text(table(results) + "".join(f"\n{line}" for line in unmeasured), encoding="utf-8")
    print(table(results))
    found = misses(results) + unmeasured
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
