"""Shared test helpers: small fixture sites on disk, the real build of docs/, and a served site for browsers."""

from __future__ import annotations

import atexit
import fcntl
import inspect
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from PIL import Image

import devtools.project_copy
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs
from handbook.website.static_server import serving as serve_directory  # a built site as nginx serves it

ROOT = Path(__file__).resolve().parent.parent
# Every build the tests run, in-process or in a subprocess, in the checkout or in a copy, keeps its reports and
# caches here: the suite never reads the checkout's build/ (its cached PDFs could hide a change to the print
# code) and never writes it.
BUILD_DIR = Path(tempfile.mkdtemp(prefix="handbook-test-build-"))
os.environ["HANDBOOK_BUILD_DIR"] = str(BUILD_DIR)
atexit.register(shutil.rmtree, BUILD_DIR, ignore_errors=True)
# `make test` (and so CI) sets HANDBOOK_REQUIRE_TOOLS: there a missing browser, PDF tool, axe-core or network
# namespace fails the run. A developer running pytest by hand without them gets skips that say what is missing.
TOOLS_REQUIRED = bool(os.environ.get("HANDBOOK_REQUIRE_TOOLS") or os.environ.get("CI"))


def copy_project(target: Path) -> Path:
    """A copy of the handbook (sources, code, config) to change and build without touching the checkout."""
    return devtools.project_copy.copy_project(ROOT, target)


# `make test-fast` runs the tests not marked slow: the in-process ones. A test is slow when it starts a process
# (a build, a script, a checker), drives a browser, needs a built site, or feeds Hypothesis many examples.
SLOW_FIXTURES = {
    "browser",
    "built_site",
    "served_site",
    "preview",
    "ssh_server",
    "nginx_site",
    "two_builds",
    "planted_build",
    "example_site",
    "image_site",
    "desk_site",
    "copy",
    "handbook_copy",
    "planted",
}
SLOW_CALLS = (
    "subprocess.",
    "run_build(",
    "build(config",
    "render_job(",
    "lay_out(",
    "card_fit_problems(",
    "run_pa11y(",
    "@given(",
)


def calls_something_slow(function: object, depth: int = 2) -> bool:
    """Whether a test function, or a helper of the test files it calls (two calls deep), starts something slow."""
    if not inspect.isfunction(function):
        return False
    source = inspect.getsource(function)
    if any(call in source for call in SLOW_CALLS):
        return True
    module = sys.modules.get(function.__module__)
    if depth == 0 or module is None:
        return False
    helpers = {getattr(module, name, None) for name in re.findall(r"\b(\w+)\(", source)} - {function}
    ours = [helper for helper in helpers if inspect.isfunction(helper) and Path(inspect.getfile(helper)).parent == ROOT / "tests"]
    return any(calls_something_slow(helper, depth - 1) for helper in ours)


def is_slow(item: pytest.Item) -> bool:
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    return calls_something_slow(getattr(item, "function", None))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)


# Figures the quality-gate tests record, printed at the end of the run for readers of the CI log.
gate_report: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    if gate_report:
        terminalreporter.section("quality gates")
        for name, line in sorted(gate_report.items()):
            terminalreporter.write_line(f"{name}: {line}")


def _real_ui_labels() -> dict[str, dict[str, str]]:
    """Each language's UI labels from the real mkdocs.yml: a small test handbook needs the labels the code prints."""
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    return {language["locale"]: language.get("extra", {}).get("ui", {}) for language in i18n["languages"]}


REAL_UI = _real_ui_labels()

MINIMAL_CONFIG = {
    "site_name": "Test",
    "site_url": "https://example.test/",
    "theme": {"name": "material", "language": "nl"},
    "plugins": [
        {
            "i18n": {
                "docs_structure": "suffix",
                "fallback_to_default": False,
                "languages": [
                    {
                        "locale": "nl",
                        "name": "Nederlands",
                        "default": True,
                        "site_name": "Handboek",
                        "extra": {"ui": {**REAL_UI["nl"], "label": "Knop"}},
                    },
                    {
                        "locale": "en",
                        "name": "English",
                        "site_name": "Handbook",
                        "nav_translations": {"Thuis": "Home", "Gesprek": "Conversation"},
                        "extra": {"ui": {**REAL_UI["en"], "label": "Button"}},
                    },
                ],
            }
        }
    ],
    "nav": [{"Thuis": "index.md"}, {"Gesprek": "talk.md"}],
}

GOOD_PAGES = {
    "index.nl.md": "# Welkom {#home}\n\nLees [het gesprek](talk.md#stay-calm) voor je begint.\n",
    "index.en.md": "# Welcome {#home}\n\nRead [the conversation](talk.md#stay-calm) before you start.\n",
    "talk.nl.md": "# Het gesprek {#talk}\n\n## Blijf kalm {#stay-calm}\n\n"
    "Adem rustig in en uit en luister naar wat de klant zegt.\n",
    "talk.en.md": "# The conversation {#talk}\n\n## Stay calm {#stay-calm}\n\n"
    "Breathe slowly and listen to what the customer says.\n",
}


# A valid phrase card for the small test handbook (its section is GOOD_PAGES' talk#stay-calm).
CARD_FILE = """cards:
  - id: calm
    section: talk#stay-calm
    title: {nl: "Boos", en: "Angry"}
    phrases:
      - nl: "Ik hoor dat u boos bent."
        en: "I can hear you’re angry."
      - nl: "Vertelt u eens."
        en: "Tell me more."
      - nl: "Ik zoek het uit."
        en: "I’ll look into it."
"""


def write_site(root: Path, pages: dict[str, str], config_changes: dict | None = None) -> Path:
    """Write a small handbook (mkdocs.yml + docs/) under `root` and return the config path."""
    config = {**MINIMAL_CONFIG, **(config_changes or {})}
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    config_path = root / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


@pytest.fixture
def fixture_site(tmp_path):
    """Build a `Handbook` model from pages: `fixture_site({**GOOD_PAGES, 'x.nl.md': ...})`."""

    def make(pages: dict[str, str], config_changes: dict | None = None):
        config_path = write_site(tmp_path, pages, config_changes)
        return load_handbook(settings_from_mkdocs(load_config(str(config_path))))

    return make


@pytest.fixture(scope="session")
def real_handbook():
    """The model of the real docs/, for tests that take their expectations from the content."""
    return load_handbook(settings_from_mkdocs(load_config(str(ROOT / "mkdocs.yml"))))


def run_build(site_dir: Path, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **(env or {})}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=full_env)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id: str) -> Path:
    """The real docs/ built once per test run, strict, into a temporary folder that no test writes to.

    Under pytest-xdist the first worker to need it builds it while the others wait (a build on every worker would
    typeset the same PDFs once per core), and each worker takes the build's print cache into its own BUILD_DIR, so
    its later builds of an unchanged handbook copy the PDFs as the building worker's do."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the run's folder, above each worker's own
    real = shared / "real"
    with (shared / "real.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (real / "built").exists():
            real.mkdir(exist_ok=True)
            result = run_build(real / "site")
            assert result.returncode == 0, result.stderr[-3000:]
            # Kept beside the site: a later build in the same session writes another one into BUILD_DIR.
            shutil.copy(BUILD_DIR / "nginx-site.conf", real / "nginx-site.conf")
            shutil.copytree(BUILD_DIR / "cache", real / "cache", dirs_exist_ok=True)
            (real / "built").touch()
        else:
            shutil.copytree(real / "cache", BUILD_DIR / "cache", dirs_exist_ok=True)
    return real / "site"


@pytest.fixture(scope="session")
def served_site(built_site):
    with serve_directory(built_site) as url:
        yield url


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        if TOOLS_REQUIRED:
            pytest.fail("chromium is missing in CI: `make test` installs it as root")
        pytest.skip("Debian's chromium is not installed (run `make test` as root to install it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def first_page_image(pdf: Path, folder: Path, dpi: int) -> Image.Image:
    """The first page of a PDF as poppler draws it (pdftoppm), in colour, to look at its pixels."""
    subprocess.run(
        [require_tool("pdftoppm"), "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf), str(folder / "page")], check=True
    )
    return Image.open(next(folder.glob("page*.png"))).convert("RGB")


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if TOOLS_REQUIRED:
            pytest.fail(f"{name} is missing in CI: `make test` installs it as root")
        pytest.skip(f"{name} is not installed (`make test` installs it as root)")
    return path


def quick_help_as_written(lang: str, model) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Read from quick help's Markdown as an author writes it: the situations listed above the groups, then each
    group's button label and situations, as card IDs: the `{% phrases %}` under each situation's heading, then the
    cards no situation shows of the chapter sections the situation links to (its variants, its "read more")."""
    text = (ROOT / "docs" / f"quick-help.{lang}.md").read_text(encoding="utf-8")
    list_part, _, situations = text.partition("\n## ")
    sections = dict(re.findall(r"\{#([\w-]+)\}(.*?)(?=\n## |\Z)", "## " + situations, re.S))
    card_of = {situation: re.search(r"\{% phrases ([\w-]+) %\}", body).group(1) for situation, body in sections.items()}
    unshown = {}
    for card in model.cards:
        if card.id not in card_of.values():
            unshown.setdefault(f"{card.page}#{card.anchor}", []).append(card.id)
    cards_of = {
        situation: [
            card_of[situation],
            *(c for link in re.findall(r"\]\(([\w-]+#[\w-]+)\)", body.replace(".md#", "#")) for c in unshown.get(link, [])),
        ]
        for situation, body in sections.items()
    }
    buttons = dict((target, label) for label, target in re.findall(r"\[([^\]]+)\]\(#(group-[\w-]+)\)", list_part))
    head, *blocks = re.split(r"\n\{ #(group-[\w-]+) \}\n", list_part)
    urgent = [c for t in re.findall(r"^- \*\*\[[^\]]+\]\(#([\w-]+)\)\*\*$", head, re.M) for c in cards_of[t]]
    # An entry of a group is a situation (`#id`) or a chapter section (`page.md#id`), whose unshown cards it brings.
    entry = re.compile(r"^- \[[^\]]+\]\((?:#([\w-]+)|([\w-]+)\.md#([\w-]+))\)$", re.M)
    groups = [
        (
            buttons[group],
            [
                c
                for situation, page, section in entry.findall(block)
                for c in (cards_of.get(situation, []) if situation else unshown.get(f"{page}#{section}", []))
            ],
        )
        for group, block in zip(blocks[::2], blocks[1::2], strict=True)
    ]
    return urgent, groups
