"""The package's rooms and their order: a room imports only the rooms below it, and no module imports itself
back through others. The order is the one `handbook/__init__.py` describes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "handbook"
ROOMS = ("core", "sources", "translations", "pages", "printing", "website", "checks", "run")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every handbook (or devtools) module a file imports, at any depth of the file (imports inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in ("handbook", "devtools")}


def package_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {target for target in imports_of(path) if target in modules} for name, path in modules.items()}


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ROOMS) else None


def test_every_module_lives_in_a_room_and_every_room_says_what_it_owns():
    loose = [path.name for path in PACKAGE.glob("*.py") if path.name != "__init__.py"]
    assert loose == [], "modules outside a room"
    for room in ROOMS:
        init = PACKAGE / room / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{room} has no docstring"
    assert sorted(path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__") == sorted(ROOMS)


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in graph.items():
        source_room = room_of(module)
        for target in targets:
            target_room = room_of(target)
            if source_room and target_room and ROOMS.index(target_room) > ROOMS.index(source_room):
                found.append(f"{module} -> {target}")
    return sorted(found)


def test_rooms_import_only_downwards():
    assert upward_imports(package_graph()) == []


def test_an_upward_import_is_found():
    graph = package_graph()
    graph["handbook.core.codes"] = graph["handbook.core.codes"] | {"handbook.run.build_run"}
    assert upward_imports(graph) == ["handbook.core.codes -> handbook.run.build_run"]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def without_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Imports of a package's `__init__` re-exports count as imports of the module itself, not of the room."""
    return {
        module: {target for target in targets if not (PACKAGE / target.split(".", 1)[1].replace(".", "/")).is_dir()}
        for module, targets in graph.items()
    }


def test_no_module_imports_itself_back():
    assert cycles(without_packages(package_graph())) == []


def test_a_circle_is_found():
    graph = without_packages(package_graph())
    graph["handbook.core.codes"] = graph["handbook.core.codes"] | {"handbook.core.problems"}
    assert ["handbook.core.codes", "handbook.core.problems"] in cycles(graph)


@pytest.mark.parametrize("folder", ["handbook", "hooks", "scripts"])
def test_the_build_never_imports_the_measuring_tools(folder):
    runtime = [
        path for path in (ROOT / folder).rglob("*.py") if path.name not in ("lighthouse.py", "preview_site.py", "bench.py")
    ]
    assert [
        str(path.relative_to(ROOT)) for path in runtime if any(name.startswith("devtools") for name in imports_of(path))
    ] == []
