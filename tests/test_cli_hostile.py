"""The command line under signals and closed pipes, and the help a new editor looks for."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import cli
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def child(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_interruptible)


def _interruptible() -> None:
    """Ctrl-C as at a terminal: a runner started in the background (``nohup``, ``&``) passes
    SIGINT on ignored, and a child then never sees it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_version_names_the_installed_package(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("videoguide ") and out.split()[1][0].isdigit(), out


def test_recommend_help_lists_every_question_and_answer_of_the_guide(article_dir: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    assert main(["recommend", "--data", str(article_dir), "--help"]) == 0
    out = capsys.readouterr().out
    guide = yaml.safe_load((article_dir / "decision_guide.yaml").read_text(encoding="utf-8"))
    assert f"(the first is {guide['start']};" in out
    for question in guide["questions"]:
        assert f"  {question['id']}: {question['text']}\n" in out
        for answer in question["answers"]:
            line = next(x for x in out.splitlines() if f"--answer {question['id']}={answer['id']} " in x)
            assert line.rstrip().endswith(answer["label"] + (f" -> {answer['next']}" if answer.get("next") else ""))


def test_recommend_help_without_a_guide_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", "--data", str(tmp_path), "--help"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(
        f"questions: none shown ({tmp_path}/decision_guide.yaml:1:1: <file>: cannot read file: "
        "No such file or directory)")


@pytest.mark.parametrize("delay", [0.08, 0.12, 0.16, 0.2, 0.3, 0.45])
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(delay: float) -> None:
    """From the first imports (about 0.3 s) to the work itself (the real data's check takes
    over a second), a SIGINT ends the run quietly. (The interpreter's own start, the first
    30 ms or so, is Python's: nothing of ours runs yet.)"""
    proc = child("check", "--stale", cwd=ROOT)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if out:  # the check had finished when the signal came (it then ends the exiting interpreter)
        assert (err, proc.returncode in (0, -signal.SIGINT)) == ("", True)
    else:
        assert (proc.returncode, err) == (130, "")


def test_a_reader_that_goes_away_ends_the_run_quietly(article_dir: Path) -> None:
    """``videoguide check --stale | head -0``: the pipe closes before anything is written."""
    proc = child("check", "--stale", "--data", str(article_dir), cwd=article_dir.parent)
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read()
    assert (proc.wait(timeout=60), err) == (141, "")


def test_help_into_a_closed_pipe_is_quiet(article_dir: Path) -> None:
    proc = child("recommend", "--help", cwd=ROOT)
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read()
    assert (proc.wait(timeout=60), err) == (141, "")


def test_a_bug_exits_70_with_its_traceback_never_1(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args):  # noqa: ANN001, ANN202 - stands in for a command with a bug
        raise KeyError("oops")

    monkeypatch.setattr(cli, "_run", broken)
    assert cli.main(["check"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" in err and "KeyError: 'oops'" in err
    assert err.endswith("videoguide: internal error (a bug in videoguide, not in the data): please report it with "
                        "the traceback above\n")


@pytest.mark.parametrize("argv, command", [(["sources", "check"], "sources"), (["prices", "pull", "fal"], "prices")])
def test_without_the_sources_extra_the_commands_say_what_to_install_and_exit_2(
        argv: list[str], command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "httpx", None)  # `import httpx` raises ImportError
    monkeypatch.setenv("FAL_KEY", "k")
    monkeypatch.chdir(ROOT)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"videoguide: error: `videoguide {command}` needs httpx") and "pip install -e '.[sources]'" in err
