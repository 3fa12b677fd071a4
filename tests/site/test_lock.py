"""One build at a time: a second build, generate or serve in the project says who runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.site.lock import LOCK_FILE, project_lock

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys, time
from pathlib import Path
from generator.site.lock import project_lock
with project_lock(Path(sys.argv[1]), "build"):
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def holder(article_project):
    """Another process holding the project's lock, as a running build does."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(article_project.project_dir)], text=True,
                            stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline() == "held\n"
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", [["build"], ["generate"], ["serve", "--addr", "127.0.0.1:8765"]])
def test_a_second_build_says_a_build_is_running_and_changes_nothing(article_project, holder, monkeypatch,
                                                                   capsys, command):
    monkeypatch.chdir(article_project.project_dir)
    docs = _tree(article_project.docs_dir)
    assert main([*command, "--data", str(article_project.data_dir)]) == 1
    assert capsys.readouterr().err == (f"error: a build is running in {article_project.project_dir} "
                                       f"(videoguide build, process {holder.pid}): wait for it to end, or stop it\n")
    assert _tree(article_project.docs_dir) == docs and not article_project.site_dir.exists()


def test_the_lock_goes_with_the_process_that_held_it(article_project, holder):
    holder.kill()
    holder.wait()
    with project_lock(article_project.project_dir, "generate"):
        assert (article_project.project_dir / LOCK_FILE).read_text() == f"videoguide generate, process {os.getpid()}"
    assert (article_project.project_dir / LOCK_FILE).read_text() == ""


def test_the_lock_file_is_git_ignored():
    assert subprocess.run(["git", "check-ignore", "--no-index", "-q", LOCK_FILE], cwd=ROOT).returncode == 0


def test_two_builds_at_once_one_builds_and_the_other_says_so(article_project):
    """The race the lock closes: two real builds started together."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "generator", "build", "--data", str(article_project.data_dir)]
    procs = [subprocess.Popen(args, cwd=article_project.project_dir, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = sorted((p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs)
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert [r[0] for r in results] == [0, 1], results
    assert "a build is running in" in results[1][2] and "Traceback" not in results[1][2]
    assert [p.name for p in article_project.project_dir.iterdir() if p.name.startswith(".") and "old" in p.name] == []
