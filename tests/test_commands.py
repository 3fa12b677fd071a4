"""The commands other than build, through the CLI and commands.py: `cost` and `check --stale`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator import commands
from generator.cli import main

from .conftest import PRICING, TODAY


def test_cost_command(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    args = ["cost", "--data", str(PRICING), "--model", "beta", "--seconds", "7", "--clips", "3",
            "--resolution", "720p", "--no-audio"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "$1.76 total — Beta API · standard · 720p · without audio: $0.084 per second × 7 s = $0.59 per clip" in out
    assert main(["cost", "--data", str(PRICING), "--model", "alpha", "--seconds", "30"]) == 0
    assert "cannot make this clip: longest single generation is 8 s" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--model", "alfa", "--seconds", "8"], "unknown model 'alfa'; did you mean 'alpha'?"),
    (["--model", "alpha", "--seconds", "8", "--platform", "resel"], "unknown platform 'resel'; did you mean 'resell'?"),
    (["--model", "alpha", "--seconds", "0"], "expected a whole number from 1 to 600, got '0'"),
    (["--model", "alpha", "--seconds", "8", "--aspect-ratio", "wide"], "expected an aspect ratio like 16:9, got 'wide'"),
    (["--model", "alpha", "--seconds", "8", "--takes", "99999999999999999999"],
     "expected a whole number from 1 to 1000, got '99999999999999999999'"),
    (["--model", "alpha", "--seconds", "8", "--resolution", "1080"],
     "unknown resolution '1080'; write a label such as 720p, 1080p, 1440p or 4K"),
], ids=["model", "platform", "seconds", "aspect", "huge", "resolution"])
def test_cost_usage_errors_exit_2(capsys, args, message):
    assert main(["cost", "--data", str(PRICING), *args]) == 2
    assert message in capsys.readouterr().err


def test_check_stale_lists_and_strict_fails(tmp_path: Path, capsys, monkeypatch):
    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--stale"]) == 0
    out = capsys.readouterr().out
    days = (dt.date.today() - dt.date(2026, 7, 1)).days
    assert f"data/models/alpha.yaml:23:91: offers[3].as_of: checked 2026-07-01, {days} days ago" in out
    assert main(["check", "--stale", "--strict"]) == 1
    assert "stale fact(s): checked more than 90 days before" in capsys.readouterr().err
    assert main(["check", "--stale", "--strict", "--stale-after", "100000"]) == 0
    assert "no stale facts (stale after 100000 days)" in capsys.readouterr().out
    assert main(["check", "--strict"]) == 2
    assert data.is_dir()


def test_stale_text_with_a_fixed_clock(tmp_path: Path):
    from .conftest import copy_project

    settings = copy_project(tmp_path / "project", PRICING)
    assert commands.stale_text(settings, TODAY).splitlines()[-1] == \
        "1 stale fact(s): checked more than 90 days before 2026-11-29"
