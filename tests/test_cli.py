"""``videoguide check``: exit 0 when clean, 1 with one located line per problem, 2 for usage errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLEAN = "3 models, 1 sources: no problems\n"


def break_two_files(data: Path) -> None:
    veo = data / "models/veo-3-1.yaml"
    veo.write_text(veo.read_text().replace("vendor: google", "vendor: gogle"))
    (data / "vendors.yaml").write_text("vendors:\n  - {id: google, name: Google DeepMind}\n  - {id: openai, name: OpenAI}\n"
                                       "  - {id: openai, name: Open AI}\n")


BROKEN = [
    "data/models/veo-3-1.yaml:4:9: vendor: unknown vendor 'gogle'; did you mean 'google'? (vendors are defined in vendors.yaml)",
    "data/vendors.yaml:4:10: vendors[2].id: duplicate id 'openai' (first on line 3)",
    "2 problem(s) found.",
]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


# --- in process ------------------------------------------------------------------------


def test_check_clean_data_exits_0(article_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(article_dir)]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (CLEAN, "")


def test_check_defaults_to_data_in_the_working_directory(article_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(article_dir.parent)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == CLEAN


def test_check_lists_every_problem_and_exits_1(article_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    break_two_files(article_dir)
    monkeypatch.chdir(article_dir.parent)
    assert main(["check", "--data", "data"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == BROKEN


def test_check_reports_a_yaml_error_without_traceback(article_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (article_dir / "platforms.yaml").write_text("platforms:\n  - {id: picassoia, name: PicassoIA, kind: reseller\n")
    (article_dir / "sources.yaml").write_bytes(b"sources:\n  - id: caf\xe9\n")
    monkeypatch.chdir(article_dir.parent)
    assert main(["check", "--data", "data"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "data/platforms.yaml:3:1: <file>: expected ',' or '}', but got '<stream end>' "
        "(parsing a flow mapping that starts on line 2, column 5)",
        "data/sources.yaml:2:12: <file>: file is not valid UTF-8 (byte 0xe9)",
        "2 problem(s) found.",
    ]


def test_check_missing_data_folder_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--data", "nowhere"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "nowhere:1:1: <file>: data folder not found",
        "1 problem(s) found.",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "videoguide: error: the following arguments are required: COMMAND"),
        (["check", "--bogus"], "videoguide: error: unrecognized arguments: --bogus"),
        (["check", "--data"], "videoguide check: error: argument --data: expected one argument"),
        (["frob"], "videoguide: error: argument COMMAND: invalid choice: 'frob' "
                   "(choose from 'check', 'generate', 'build', 'recommend', 'cost', 'diff', 'clips', 'sources', 'prices', 'serve')"),
    ],
    ids=["no-command", "unknown-option", "option-without-value", "unknown-command"],
)
def test_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0].startswith("usage: videoguide")
    assert err.splitlines()[-1] == message


# --- the real console script -----------------------------------------------------------


def test_script_clean_exits_0(article_dir: Path) -> None:
    result = run("check", "--data", str(article_dir), cwd=article_dir.parent)
    assert (result.returncode, result.stdout, result.stderr) == (0, CLEAN, "")


def test_script_broken_exits_1_without_traceback(article_dir: Path) -> None:
    break_two_files(article_dir)
    result = run("check", "--data", str(article_dir), cwd=article_dir.parent)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == BROKEN


@pytest.mark.parametrize(
    ("argv", "message"),
    [([], "videoguide: error: the following arguments are required: COMMAND"),
     (["check", "--bogus"], "videoguide: error: unrecognized arguments: --bogus")],
    ids=["no-command", "unknown-option"],
)
def test_script_usage_errors_exit_2(tmp_path: Path, argv: list[str], message: str) -> None:
    result = run(*argv, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == message


def test_recommend_prints_the_ranked_models_with_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import ARTICLE

    code = main(["recommend", "--data", str(ARTICLE), "--answer", "physics=no", "--answer", "human=no",
                 "--answer", "pace=drafts"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[3] == "Job: 8 s, any aspect ratio, any resolution, sound either way, from text, 1 video, 1 take per shot"
    assert out[4] == "Recommended: Veo 3.1 Fast (lifecycle not documented)"
    assert out[5] == ("  - Editorial pick: Draft with Fast, then render the final with Veo 3.1 or Sora 2 Pro. "
                      "(Comparison article (Veo 3.1 vs Sora 2 Pro), 2026-11-29)")
    assert out[6] == "  - Plan: Price not documented: no price is documented"  # the article gives no prices
    assert out[7].startswith("Runner-up: ")


def test_recommend_rejects_an_unknown_answer_as_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import ARTICLE

    assert main(["recommend", "--data", str(ARTICLE), "--answer", "physics=maybe"]) == 2
    assert capsys.readouterr().err == "videoguide: error: 'maybe' is not an answer to 'physics'; valid: yes, no\n"


def test_recommend_rejects_an_answer_given_twice(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import ARTICLE

    assert main(["recommend", "--data", str(ARTICLE), "--answer", "physics=yes", "--answer", "physics=no"]) == 2
    assert capsys.readouterr().err == "videoguide: error: answered more than once: physics\n"


def test_a_command_that_writes_nothing_does_not_say_nothing_was_written(article_dir: Path, capsys,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (article_dir / "vendors.yaml").write_text("vendors: [\n")
    monkeypatch.chdir(article_dir.parent)
    assert main(["recommend", "--data", "data"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "1 problem(s) found."


def test_a_folder_without_mkdocs_yml_gets_no_lock_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 1
    assert capsys.readouterr().err == (f"error: {tmp_path}/mkdocs.yml not found: run videoguide in the project folder "
                                       "(the one with mkdocs.yml)\n")
    assert list(tmp_path.iterdir()) == []
