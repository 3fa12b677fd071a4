"""The N-model project that ``scale.py`` measures: the real project with its model files
cloned under new ids, or with unreferenced models left out when N is below the real count."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import yaml


def _scalars(node) -> set[str]:
    if isinstance(node, dict):
        return set().union(*(_scalars(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_scalars(v) for v in node)) if node else set()
    return {node} if isinstance(node, str) else set()


def _referenced(data: Path, skip: set[str]) -> set[str]:
    """Every string value in the data files, but a model file's own id and the files in ``skip``."""
    found: set[str] = set()
    for path in data.rglob("*.yaml"):
        if path.parent.name == "models" and path.stem in skip:
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found |= _scalars(doc) - ({path.stem} if path.parent.name == "models" else set())
    return found


def _drop_last_pair(data: Path) -> bool:
    """Leave out the last head-to-head pair (its models may then go); False when none is left."""
    path = data / "comparisons.yaml"
    pairs = yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]
    if not pairs:
        return False
    path.write_text(yaml.safe_dump({"pairs": pairs[:-1]}, default_flow_style=None), encoding="utf-8")
    return True


def _shrink(data: Path, n: int) -> None:
    models = sorted(p.stem for p in (data / "models").glob("*.yaml"))
    removed: set[str] = set()
    while len(models) - len(removed) > n:
        referenced = _referenced(data, removed)
        candidates = [m for m in reversed(models) if m not in removed and m not in referenced]
        if candidates:
            removed.add(candidates[0])
        elif not _drop_last_pair(data):
            raise SystemExit(f"cannot shrink below {len(models) - len(removed)} models: the rest are referenced")
    for model in removed:
        (data / "models" / f"{model}.yaml").unlink()


def _grow(data: Path, n: int) -> None:
    base = sorted((data / "models").glob("*.yaml"))
    copies, k = len(base), 2
    while copies < n:
        for path in base[: n - copies]:
            text = path.read_text(encoding="utf-8")
            doc = yaml.safe_load(text)
            new_id = f"{doc['id']}-x{k}"
            lines = text.splitlines(keepends=True)
            for i, line in enumerate(lines):
                if line.startswith("id: "):
                    lines[i] = f"id: {new_id}\n"
                elif line.startswith("name: "):
                    lines[i] = f"name: {json.dumps(doc['name'] + f' x{k}')}\n"
            (data / "models" / f"{new_id}.yaml").write_text("".join(lines), encoding="utf-8")
            copies += 1
        k += 1


def make_project(root: Path, target: Path, n: int) -> tuple[Path, Path]:
    """Make ``target`` a project with ``n`` models; returns (project folder, pristine docs copy).

    The hand-written docs are the files git tracks under ``root/docs``.
    """
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(root / name, target / name)
    shutil.copytree(root / "data", target / "data")
    tracked = subprocess.run(["git", "-C", str(root), "ls-files", "docs"], capture_output=True, text=True,
                             check=True).stdout.split()
    pristine = target / ".pristine-docs"
    for rel in tracked:
        (pristine / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / rel, pristine / rel)
    pristine = pristine / "docs"
    count = len(list((target / "data" / "models").glob("*.yaml")))
    (_shrink if n < count else _grow)(target / "data", n)
    return target, pristine
