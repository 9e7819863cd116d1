"""The folder tree is the architecture: these tests read every module's imports (with `ast`,
nothing is imported) and fail when a layer reaches upward, when modules import each other in a
cycle, or when an import hides inside a function.

Layers, lowest first: `repository.core`; `indexes`; the features in the order of FEATURES; the
facade `repository.app`; then `repository.cli`, `repository.run` and `repository.demo`, which
drive the facade. `ui/` and `pages/` see only the facade.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("repository", "indexes", "ui")
FEATURES = ("records", "ingest", "workbench", "disposal", "ppid", "letters", "catalogue")
DRIVERS = ("cli", "run", "demo")
FORBIDDEN_IN_PAGES = ("ZODB", "ZEO", "transaction", "whoosh", "BTrees", "persistent")
LAZY_MARKERS = ("# heavy", "# optional")


@dataclass
class Module:
    name: str
    path: Path
    imports: set[str] = field(default_factory=set)
    inner: list[tuple[int, str]] = field(default_factory=list)
    third_party: set[str] = field(default_factory=set)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> list[Path]:
    found = [ROOT / "streamlit_app.py", *sorted((ROOT / "pages").glob("*.py"))]
    for top in PROJECT:
        found += sorted((ROOT / top).rglob("*.py"))
    return found


def _resolve(module: str, node: ast.ImportFrom, names: set[str]) -> list[str]:
    """`from a.b import c` imports module a.b.c when that is a module, else a.b itself."""
    base = node.module or ""
    if node.level:
        package = module.split(".")[: -node.level] if node.level else []
        base = ".".join([*package, base]) if base else ".".join(package)
    targets = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        targets.append(candidate if candidate in names else base)
    return targets


def _graph() -> dict[str, Module]:
    modules = {_module_name(p): Module(_module_name(p), p) for p in _sources()}
    names = set(modules)
    for module in modules.values():
        source = module.path.read_text()
        tree = ast.parse(source)
        lines = source.splitlines()
        inside = {
            id(node)
            for fn in ast.walk(tree)
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(fn)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = _resolve(module.name, node, names)
            else:
                continue
            if id(node) in inside:
                module.inner.append((node.lineno, lines[node.lineno - 1].strip()))
            for target in targets:
                if target.split(".")[0] in PROJECT:
                    module.imports.add(target if target in names else target.rsplit(".", 1)[0])
                else:
                    module.third_party.add(target.split(".")[0])
    return modules


GRAPH = _graph()


def _layer(name: str) -> tuple[int, str]:
    """(rank, label) of a module; a module may import only ranks at or below its own."""
    parts = name.split(".")
    if parts[0] == "indexes":
        return 1, "indexes"
    if parts[0] != "repository" or len(parts) == 1:
        return 99, parts[0]
    if parts[1] == "core":
        return 0, "core"
    if parts[1] in FEATURES:
        return 2 + FEATURES.index(parts[1]), parts[1]
    if parts[1] == "app":
        return 20, "app"
    if parts[1] in DRIVERS:
        return 30, parts[1]
    return 99, parts[1]


def test_the_graph_covers_every_package():
    packages = {name.split(".")[1] for name in GRAPH if name.startswith("repository.")}
    assert {"core", "records", "ingest", "workbench", "disposal", "ppid", "app"} <= packages
    assert {"cli", "run", "demo"} <= packages


def test_no_import_cycles():
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for target in sorted(GRAPH[name].imports):
            if target not in GRAPH or target == name:
                continue
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_no_imports_inside_functions_but_heavy_or_optional_ones_said_so():
    hidden = [
        f"{m.path.relative_to(ROOT)}:{line}: {text}"
        for m in GRAPH.values()
        for line, text in m.inner
        if not any(marker in text for marker in LAZY_MARKERS)
    ]
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if n.startswith("repository")))
def test_repository_modules_import_only_downward(name):
    rank, label = _layer(name)
    upward = []
    for target in GRAPH[name].imports:
        if target.startswith("ui") or target.split(".")[0] == "pages":
            upward.append(target)
            continue
        target_rank, target_label = _layer(target)
        same_driver = target_label == label
        if target_rank > rank and not same_driver:
            upward.append(target)
    if label in DRIVERS:
        upward += [
            t for t in GRAPH[name].imports if t.startswith("repository.cli") and label != "cli"
        ]
    assert not upward, f"{name} ({label}) reaches up to {sorted(upward)}"


def test_nothing_outside_the_cli_imports_it():
    users = [n for n, m in GRAPH.items() if any(t.startswith("repository.cli") for t in m.imports)]
    assert all(n.startswith("repository.cli") for n in users), users


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if n.startswith("indexes")))
def test_indexes_import_only_the_core(name):
    outside = [t for t in GRAPH[name].imports if not t.startswith(("indexes", "repository.core"))]
    assert not outside, f"{name} imports {outside}"


@pytest.mark.parametrize(
    "name", sorted(n for n in GRAPH if n.startswith(("ui", "pages")) or n == "streamlit_app")
)
def test_pages_and_ui_see_only_the_facade(name):
    module = GRAPH[name]
    outside = [t for t in module.imports if not (t == "repository.app" or t.startswith("ui"))]
    assert not outside, f"{name} imports {outside}"
    assert not (module.third_party & set(FORBIDDEN_IN_PAGES)), module.third_party


def test_services_have_no_streamlit_and_persistent_classes_live_in_repository():
    with_streamlit = [
        n
        for n, m in GRAPH.items()
        if n.startswith(("repository", "indexes")) and "streamlit" in m.third_party
    ]
    assert not with_streamlit
    persistent_elsewhere = [
        n
        for n, m in GRAPH.items()
        if not n.startswith("repository") and "persistent" in m.third_party
    ]
    assert not persistent_elsewhere


def test_the_rules_can_fail():
    """The checks above see what they are meant to see (a checker that sees nothing passes)."""
    assert "repository.core.content" in GRAPH["indexes.documents"].imports
    assert "repository.app" in GRAPH["ui.frame"].imports
    assert _layer("repository.ppid.services")[0] > _layer("repository.records.services")[0]
    assert GRAPH["repository.core.exports"].inner, "the lazy pandas import is seen"
