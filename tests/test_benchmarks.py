"""The benchmark scripts the README names still run (their figures are not tested: speed is
measured by the benchmarks themselves, never by timed tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_build_time_runs_every_step_once():
    result = _run("benchmarks/build_time.py", "1")
    assert result.returncode == 0, result.stderr
    steps = [line.split(" median ")[0].strip() for line in result.stdout.splitlines()]
    assert steps == ["load + validate", "as-of view", "calculator data", "render all files"]


def test_scale_imports_and_explains_itself():
    result = _run("benchmarks/scale.py", "--help")
    assert result.returncode == 0 and "numbers of models" in result.stdout, result.stderr
