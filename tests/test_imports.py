"""The house rule: packages follow the data flow, imports point down it, and nothing loops.

Reads every module of ``generator/`` with :mod:`ast` (imports at the top, inside functions
and under ``TYPE_CHECKING`` all count) and fails, naming the modules, on an import that a
package may not make and on any import loop between modules.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from .conftest import ROOT

ALLOWED: dict[str, frozenset[str]] = {
    "facts": frozenset(),
    "answers": frozenset({"facts"}),
    "pages": frozenset({"answers", "facts"}),
    "site": frozenset({"facts"}),
    "clips": frozenset({"facts", "answers", "pages", "site"}),
    "watch": frozenset({"facts", "answers", "pages", "site"}),
}
"""Package → the packages it may import. Modules directly in ``generator/`` (the CLI, the
pipeline, the commands, the settings) wire the packages and may import any of them; no
package may import them. Keep in step with docs/about/structure.md."""
TOP = "(top)"


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(name: str, is_package: bool, node: ast.AST, modules: set[str]) -> list[str]:
    """The project modules an import statement names (``from . import x`` names module x)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in modules]
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = name.split(".") if is_package else name.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        parent = ".".join(base + ([node.module] if node.module else []))
    else:
        parent = node.module or ""
    found = [f"{parent}.{a.name}" if f"{parent}.{a.name}" in modules else parent for a in node.names]
    return sorted({m for m in found if m in modules})


def _dotted(node: ast.Attribute) -> str | None:
    """``generator.pages.format.cents`` for that attribute chain; None unless it starts at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id, *reversed(parts)]) if isinstance(node, ast.Name) else None


def _reached(node: ast.AST, modules: set[str]) -> list[str]:
    """The project module an attribute chain such as ``generator.pages.format.cents`` reaches."""
    dotted = _dotted(node) if isinstance(node, ast.Attribute) else None
    while dotted and "." in dotted:
        if dotted in modules:
            return [dotted]
        dotted = dotted.rpartition(".")[0]
    return []


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the project modules it imports (or reaches as ``generator.x.y`` attributes),
    for every ``*.py`` under ``root`` (the package)."""
    files = {module_name(root, p): p for p in root.rglob("*.py")}
    modules = set(files)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.update(_targets(name, is_package, node, modules))
            found.update(_reached(node, modules))
        graph[name] = found - {name}
    return graph


def package_of(module: str) -> str:
    """``generator.facts.load`` → ``facts``; ``generator.cli`` and ``generator`` → the top."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else TOP


def packages(root: Path) -> list[str]:
    """The packages below ``root`` (folders with an ``__init__.py``)."""
    return sorted(p.parent.name for p in root.glob("*/__init__.py"))


def forbidden_imports(graph: dict[str, set[str]]) -> list[str]:
    """``a → b (why)`` for each import that goes up the flow or sideways between packages."""
    out = []
    for module, targets in sorted(graph.items()):
        here = package_of(module)
        if here != TOP and here not in ALLOWED:
            out.append(f"{module}: package '{here}' has no place in the flow yet: add it to ALLOWED in "
                       "tests/test_imports.py and to docs/about/structure.md")
            continue
        for target in sorted(targets):
            there = package_of(target)
            if here == TOP or there == here:
                continue
            if there == TOP:
                out.append(f"{module} → {target} (no package may import the wiring at the top)")
            elif there not in ALLOWED[here]:
                may = ", ".join(sorted(ALLOWED[here])) or "nothing else of the project"
                out.append(f"{module} → {target} ({here} may import {may})")
    return out


def _cycle(graph: dict[str, set[str]], members: set[str]) -> list[str]:
    """The shortest chain ``a → b → … → a`` inside ``members`` from the first of them (breadth first)."""
    start = min(members)
    paths = {nxt: [start, nxt] for nxt in sorted(graph[start] & members)}
    queue = list(paths)
    while start not in paths:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & members):
            if nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    return paths[start]


def import_loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """One chain ``a → b → … → a`` for every set of modules that import each other in a loop
    (strongly connected components, Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = set()
            while True:
                members.add(stack.pop())
                if node in members:
                    break
            if len(members) > 1:
                loops.append(_cycle(graph, members))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(loops)


def test_packages_import_only_down_the_flow():
    assert forbidden_imports(import_graph(ROOT / "generator")) == []


def test_no_module_imports_another_in_a_loop():
    assert import_loops(import_graph(ROOT / "generator")) == []


def test_every_package_says_what_it_owns_and_may_import():
    """Each package's docstring ends with an "Imports …" paragraph naming exactly the packages
    it may import, so the rule a contributor reads is the rule this test enforces."""
    assert packages(ROOT / "generator") == sorted(ALLOWED), "every package needs its place in ALLOWED"
    for package, allowed in ALLOWED.items():
        doc = ast.get_docstring(ast.parse((ROOT / "generator" / package / "__init__.py").read_text()))
        rule = doc.split("\n\n")[-1]
        named = {p for p in ALLOWED if f":mod:`generator.{p}`" in rule}
        assert (rule.startswith("Imports"), named) == (True, set(allowed)), package


def test_the_allowed_imports_form_a_flow_without_loops():
    graph = {f"generator.{p}.x": {f"generator.{q}.x" for q in allowed} for p, allowed in ALLOWED.items()}
    assert import_loops(graph) == []


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "generator", tmp_path / "generator",
                                ignore=shutil.ignore_patterns("__pycache__", "templates")))


def test_an_upward_or_sideways_import_is_named(tmp_path: Path):
    root = _copy(tmp_path)
    with (root / "facts" / "load.py").open("a") as handle:
        handle.write("\nfrom ..pages import format as fmt\n")
    with (root / "site" / "write.py").open("a") as handle:
        handle.write("\n\ndef _late():\n    from ..pages.render import render_pages\n    return render_pages\n")
    with (root / "answers" / "costs.py").open("a") as handle:
        handle.write("\nfrom .. import pipeline\n")
    with (root / "facts" / "catalog.py").open("a") as handle:
        handle.write("\nimport generator.facts.load\n\n\ndef _cents(x):\n    return generator.pages.format.cents(x)\n")
    found = forbidden_imports(import_graph(root))
    for expected in (
        "generator.answers.costs → generator.pipeline (no package may import the wiring at the top)",
        "generator.facts.catalog → generator.pages.format (facts may import nothing else of the project)",
        "generator.facts.load → generator.pages.format (facts may import nothing else of the project)",
        "generator.site.write → generator.pages.render (site may import facts)",
    ):
        assert expected in found


def test_a_package_the_rule_does_not_know_is_named(tmp_path: Path):
    root = _copy(tmp_path)
    (root / "planner").mkdir()
    (root / "planner" / "__init__.py").write_text('"""Job plans."""\n')
    (root / "planner" / "jobs.py").write_text("from ..facts import catalog\n")
    assert "generator.planner.jobs: package 'planner' has no place in the flow yet: add it to ALLOWED in " \
           "tests/test_imports.py and to docs/about/structure.md" in forbidden_imports(import_graph(root))


def test_a_loop_is_named_with_its_modules(tmp_path: Path):
    root = _copy(tmp_path)
    with (root / "pages" / "format.py").open("a") as handle:
        handle.write("\nif False:\n    from .views import Link\n")
    assert ["generator.pages.format", "generator.pages.views", "generator.pages.format"] in import_loops(import_graph(root))


def test_importing_a_package_loads_only_what_it_may_import():
    """The rule holds when the code runs, too: importing every module of a package in a fresh
    interpreter loads no module of a package it may not import (the root package's public
    names are imported lazily for this)."""
    import json
    import subprocess
    import sys

    for package, allowed in ALLOWED.items():
        names = sorted(module_name(ROOT / "generator", p) for p in (ROOT / "generator" / package).rglob("*.py"))
        code = ("import importlib, json, sys\n" + "".join(f"importlib.import_module({n!r})\n" for n in names)
                + "print(json.dumps(sorted(m for m in sys.modules if m.startswith('generator'))))")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        loaded = {package_of(m) for m in json.loads(done.stdout)} - {TOP}
        assert loaded <= {package, *allowed}, (package, sorted(loaded - {package, *allowed}))
