"""The scheduled refresh (.github/workflows/refresh.yml): valid against the GitHub Actions
workflow JSON Schema (check-jsonschema's vendored copy, from PyPI; no network), and running
the commands the README names as the contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "refresh.yml"


def _validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True, timeout=120)


def test_the_workflow_passes_the_schema_and_a_broken_one_does_not(tmp_path):
    ok = _validate(WORKFLOW)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("    runs-on: ubuntu-latest", "    runs_on: ubuntu-latest"))
    failed = _validate(broken)
    assert failed.returncode == 1 and "'runs-on' is a required property" in failed.stdout


def test_the_workflow_runs_weekly_with_the_documented_commands():
    flow = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "workflow_dispatch" in triggers and len(triggers["schedule"]) == 1
    steps = flow["jobs"]["refresh"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "videoguide sources check --format markdown > sources-report.md" in runs
    assert "videoguide prices pull fal --write > prices-report.txt" in runs
    assert runs.count('test "$code" -le 1') == 2  # 1 means "for an editor", not a failed run
    pulled = next(step for step in steps if "prices pull" in step.get("run", ""))
    assert pulled["env"] == {"FAL_KEY": "${{ secrets.FAL_KEY }}"}
    pr = next(step for step in steps if step.get("uses", "").startswith("peter-evans/create-pull-request@"))
    assert pr["with"]["branch"] == "data-refresh" and pr["with"]["add-paths"] == "data/"
    readme = (ROOT / "README.md").read_text()
    assert "## Scheduled refresh" in readme and ".github/workflows/refresh.yml" in readme
