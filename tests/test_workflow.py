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
    assert all(step.get("name") for step in steps if "run" in step)
    pulled = next(step for step in steps if "prices pull" in step.get("run", ""))
    assert pulled["env"] == {"FAL_KEY": "${{ secrets.FAL_KEY }}"}
    pr = next(step for step in steps if step.get("uses", "").startswith("peter-evans/create-pull-request@"))
    assert pr["with"]["branch"] == "data-refresh" and pr["with"]["add-paths"] == "data/"
    readme = (ROOT / "README.md").read_text()
    assert "## Scheduled refresh" in readme and ".github/workflows/refresh.yml" in readme


def _step(steps: list[dict], name: str) -> dict:
    return next(step for step in steps if step.get("name", "").startswith(name))


def _run_step(step: dict, tmp_path: Path, code: int) -> tuple[int, str]:
    """Run a step's script as GitHub does (bash -eo pipefail) with a stand-in ``videoguide``
    that exits ``code``; returns the script's exit code and what it wrote to $GITHUB_OUTPUT."""
    bin_dir = tmp_path / f"bin{code}"
    bin_dir.mkdir()
    fake = bin_dir / "videoguide"
    fake.write_text(f"#!/bin/sh\necho report\nexit {code}\n")
    fake.chmod(0o755)
    output = tmp_path / f"output{code}"
    output.touch()
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GITHUB_OUTPUT": str(output), "FAL_KEY": "k"}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=30)
    return done.returncode, output.read_text()


def test_the_steps_pass_reports_and_fail_usage_and_unreadable_prices(tmp_path):
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["refresh"]["steps"]
    sources, prices, fail = _step(steps, "Check the sources"), _step(steps, "Pull fal.ai"), _step(steps, "Fail when")
    (tmp_path / "s").mkdir()
    (tmp_path / "p").mkdir()
    assert [_run_step(sources, tmp_path / "s", c)[0] == 0 for c in (0, 1, 2, 3)] == [True, True, False, False]
    runs = {c: _run_step(prices, tmp_path / "p", c) for c in (0, 1, 2, 3)}
    assert [runs[c][0] == 0 for c in (0, 1, 2, 3)] == [True, True, False, True]  # 3: the PR still opens
    assert runs[3][1] == "code=3\n" and prices["id"] == "prices"
    assert fail["if"] == "steps.prices.outputs.code == '3'"  # ... and then the job fails
    assert steps.index(fail) == len(steps) - 1
    assert subprocess.run(["bash", "-eo", "pipefail", "-c", fail["run"]], cwd=tmp_path / "p", capture_output=True,
                          timeout=30).returncode == 1


def test_the_description_fits_a_pull_request_with_the_prices_first(tmp_path):
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["refresh"]["steps"]
    describe = _step(steps, "Write the pull request's description")
    env = {"PATH": "/usr/bin:/bin", "RUN_URL": "https://github.com/o/r/actions/runs/1"}
    for size in (300, 200_000):  # the real data's markdown report is about 100 kB
        (tmp_path / "sources-report.md").write_text("## Sources\n" + "x" * size + "\nLAST LINE\n")
        (tmp_path / "prices-report.txt").write_text("fal.ai: 1 changed\n")
        subprocess.run(["bash", "-eo", "pipefail", "-c", describe["run"]], cwd=tmp_path, env=env, check=True,
                       timeout=30)
        body = (tmp_path / "refresh-description.md").read_text()
        assert len(body) <= 65_536 and body.index("fal.ai: 1 changed") < body.index("## Sources")
        cut = "(cut here to fit a pull request; the full reports are the artifact refresh-reports of " \
              "https://github.com/o/r/actions/runs/1)"
        assert ("LAST LINE" in body, cut in body) == ((True, False) if size == 300 else (False, True))
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "refresh-reports"


def test_fetch_days_alone_make_no_pull_request():
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["refresh"]["steps"]
    leave = _step(steps, "Leave out the fetch days")
    assert leave["if"] == "steps.sources.outputs.code == '0' && steps.prices.outputs.code != '1'"
    assert leave["run"].strip() == "git checkout -- data/source-state.yaml"
    pr = next(step for step in steps if step.get("uses", "").startswith("peter-evans/create-pull-request@"))
    assert steps.index(leave) < steps.index(pr) and pr["with"]["delete-branch"] is True
