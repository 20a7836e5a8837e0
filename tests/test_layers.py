"""The house's boundaries, as tests: SQL lives in ``embargo/store/``; packages import each other without cycles.

Both read the source (the AST), not the running program, so an import inside a
function or a query built in a helper counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import embargo

ROOT = Path(embargo.__file__).parent

#: A statement's first word: a string that starts so is SQL.
_SQL = re.compile(
    r"^\s*((SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|BEGIN|PRAGMA|WITH|SAVEPOINT|RELEASE)\s+\S|(COMMIT|ROLLBACK)\s*$)"
)
#: Calls that run SQL on a connection.
_RUNS = frozenset({"execute", "executemany", "executescript"})
#: Files outside the store that may hold SQL, and why.
SQL_ALLOWED = {
    # rigour's name lexicon, cached in a SQLite file of its own in the user's cache folder: not the store
    "names/_person_lexicon.py",
}


def _modules() -> list[tuple[str, ast.Module]]:
    return [
        (p.relative_to(ROOT).as_posix(), ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(ROOT.rglob("*.py"))
    ]


def sql_outside_store() -> list[str]:
    """Every SQL string and every ``execute`` call outside ``embargo/store/``, as ``file:line: what``."""
    found = []
    for rel, tree in _modules():
        if rel.startswith("store/") or rel in SQL_ALLOWED:
            continue
        for node in ast.walk(tree):
            text = None
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                text = str(node.values[0].value)
            if text is not None and _SQL.match(text):
                found.append(f"{rel}:{node.lineno}: SQL {text.strip()[:50]!r}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RUNS:
                found.append(f"{rel}:{node.lineno}: .{node.func.attr}()")
    return sorted(set(found))


def test_no_sql_outside_the_store() -> None:
    assert sql_outside_store() == []


def _package(module: str) -> str | None:
    """``embargo.monitor.alerts`` -> ``monitor``; ``embargo.errors`` -> ``errors``; anything else -> None."""
    parts = module.split(".")
    if parts[0] != "embargo" or len(parts) < 2:
        return None
    return parts[1]


def package_imports() -> dict[str, dict[str, str]]:
    """``{package: {package it imports: the first file that does}}`` over every import in the tree."""
    edges: dict[str, dict[str, str]] = defaultdict(dict)
    for rel, tree in _modules():
        parts = Path(rel).with_suffix("").parts
        if parts == ("__init__",) or parts == ("__main__",):
            continue  # the package's face: it re-exports the public names of every part
        source = parts[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
            else:
                continue
            for target in targets:
                package = _package(target)
                if package and package != source:
                    edges[source].setdefault(package, rel)
    return edges


def import_cycles() -> list[list[str]]:
    """The packages that import each other, directly or through others (strongly connected, Tarjan)."""
    edges = package_imports()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                cycles.append(sorted(part))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(cycles)


def test_no_import_cycles_between_packages() -> None:
    edges = package_imports()
    report = [
        f"{a} -> {b} ({edges[a][b]})"
        for cycle in import_cycles()
        for a in cycle
        for b in cycle
        if b in edges.get(a, {})
    ]
    assert report == []


#: The packages from the bottom up (docs/architecture.md, "Parts and their dependencies"): a package
#: imports only packages of lower layers, never one of its own layer or above.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors"}),
    frozenset({"settings", "budget", "extras", "cells"}),
    frozenset({"model"}),
    frozenset({"names"}),
    frozenset({"store"}),
    frozenset({"sources", "matching", "index"}),
    frozenset({"screening", "audit", "auth"}),
    frozenset({"parties", "ownership"}),
    frozenset({"ingest", "spark", "text", "monitor", "report"}),
    frozenset({"engines", "server", "payments"}),
    frozenset({"api", "web"}),
    frozenset({"app", "cli"}),
)


def test_every_package_has_a_layer() -> None:
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()}
    packages |= {p.stem for p in ROOT.glob("*.py") if not p.name.startswith("_")}
    placed = set().union(*LAYERS)
    assert packages - placed == set()
    assert placed - packages == set()


def test_packages_import_only_lower_layers() -> None:
    layer = {package: n for n, part in enumerate(LAYERS) for package in part}
    wrong = [
        f"{a} (layer {layer[a]}) -> {b} (layer {layer[b]}) in {where}"
        for a, targets in package_imports().items()
        for b, where in targets.items()
        if layer[b] >= layer[a]
    ]
    assert wrong == []
