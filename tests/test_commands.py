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
    args = ["cost", "--data", str(PRICING), "--model", "beta", "--seconds", "7", "--videos", "3",
            "--resolution", "720p", "--sound", "added"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "  $1.76 — Beta: one 7 s generation, 720p, without audio on Beta API: 7 s × $0.084 = $0.59 per take" \
           " × 3 videos\n" in out
    assert main(["cost", "--data", str(PRICING), "--seconds", "30", "--aspect-ratio", "9:16", "--resolution", "1080p",
                 "--sound", "native", "--budget", "10"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "Job: 30 s, 9:16, 1080p or higher, sound made with the picture, from text, 1 video, 1 take per shot,"
        " budget $10.00",
        "1 priced plan(s), cheapest first, 0 within budget:",
        "  $19.20 (over budget) — Alpha: 4 shots × 8 s, 1080p, with audio on Acme API: 32 s × $0.60 = $19.20 per take"]
    assert out[-3:] == ["No plan, and why:", "  Beta: offers 16:9, 1:1, not 9:16", "  Gamma: retired on 2026-09-24"]


@pytest.mark.parametrize(("args", "message"), [
    (["--model", "alfa", "--seconds", "8"], "unknown model 'alfa'; did you mean 'alpha'?"),
    (["--model", "alpha", "--seconds", "8", "--platform", "resel"], "unknown platform 'resel'; did you mean 'resell'?"),
    (["--model", "alpha", "--seconds", "0"], "expected a whole number from 1 to 3600, got '0'"),
    (["--model", "alpha", "--seconds", "8", "--aspect-ratio", "wide"], "expected an aspect ratio like 16:9, got 'wide'"),
    (["--model", "alpha", "--seconds", "8", "--takes", "99999999999999999999"],
     "expected a whole number from 1 to 1000, got '99999999999999999999'"),
    (["--model", "alpha", "--seconds", "8", "--resolution", "1080"],
     "unknown resolution '1080'; write a label such as 720p, 1080p, 1440p or 4K"),
    (["--seconds", "8", "--sound", "loud"], "argument --sound: invalid choice: 'loud'"),
    (["--seconds", "8", "--budget", "-3"], "expected dollars and cents from 0 to 1,000,000 such as 10 or 12.50"),
    (["--seconds", "8", "--budget", "1.005"], "got '1.005'"),
], ids=["model", "platform", "seconds", "aspect", "huge", "resolution", "sound", "budget", "budget-cents"])
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
