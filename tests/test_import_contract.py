"""The layers hold: read from the sources, every import counted (function-level and type-only ones too).

- ``forms`` imports neither ``tui`` nor ``textual``: the model, checks, storage and renderers run without the UI;
- the command line (``tui.cli`` and its subcommand modules) imports no other ``tui`` module, except the one
  import of ``tui.app`` by which ``shenbao`` alone starts the app;
- no two of shenbao's modules import each other, directly or round a circle.

In the style of harlequin's import-hygiene test: nothing to install, the graph is read with ``ast``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from repo_paths import TESTS

ROOT = TESTS
while not (ROOT / "pyproject.toml").exists():
    ROOT = ROOT.parent
PACKAGES = ("forms", "tui")
APP_ENTRY = "tui.app"
"""The one module of the app the command line may import (lazily, to start the app)."""


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _imported(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """Every dotted name ``name``'s source imports, with its line, relative imports made absolute."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            yield base, node.lineno
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def _own(dotted: str) -> str | None:
    """The shenbao module a dotted name lives in (``forms.model.money.parse_amount`` → ``forms.model.money``)."""
    while dotted and dotted not in MODULES:
        dotted = dotted.rpartition(".")[0]
    return dotted or None


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for dotted, _line in _imported(name, path):
            target = _own(dotted)
            if target is not None and target != name:
                graph[name].add(target)
    return graph


def _is_command_line(name: str) -> bool:
    return name == "tui.cli" or name.startswith(("tui.cli.", "tui.cli_", "tui.cmd_"))


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    circles.append(sorted(component))
    return circles


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "forms" in graph and "tui.cli" in graph
    assert any(graph.values()), "no import found: the reader is broken, not the code clean"


def test_forms_imports_neither_tui_nor_textual() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line} imports {dotted}"
        for name, path in MODULES.items()
        if name.split(".")[0] == "forms"
        for dotted, line in _imported(name, path)
        if dotted.split(".")[0] in ("tui", "textual")
    ]
    assert bad == []


def test_the_command_line_imports_no_screen_widget_or_section() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line} imports {dotted}"
        for name, path in MODULES.items()
        if _is_command_line(name)
        for dotted, line in _imported(name, path)
        if dotted.split(".")[0] == "textual"
        or (
            ((target := _own(dotted)) or "").startswith("tui")
            and not _is_command_line(target or "")
            and target not in ("tui", APP_ENTRY)
        )
    ]
    assert bad == []


def test_the_app_is_started_through_one_import() -> None:
    entries = {
        f"{name}:{line}"
        for name, path in MODULES.items()
        if _is_command_line(name)
        for dotted, line in _imported(name, path)
        if _own(dotted) == APP_ENTRY
    }
    assert len(entries) == 1, entries


def test_no_import_circles() -> None:
    assert _circles(_graph()) == []


def test_a_circle_would_be_found() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
