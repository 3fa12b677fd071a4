"""Stale facts: marked on the pages and listed by `videoguide check --stale`, with a fixed clock."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator import commands
from generator.answers.asof import Freshness, as_of
from generator.answers.freshness import stale_facts
from generator.cli import main
from generator.facts.catalog import build_catalog
from generator.facts.validate import load_dataset
from generator.pages.plan import plan_pages
from generator.pages.render import render_pages
from generator.settings import ConfigError, configured_stale_after

from ..conftest import PRICING, TODAY, at


def test_stale_means_older_than_the_limit():
    fresh = Freshness(TODAY, 90)
    assert not fresh.is_stale(TODAY - dt.timedelta(days=90))
    assert fresh.is_stale(TODAY - dt.timedelta(days=91))


def test_stale_facts_are_located_and_only_current_prices_count(monkeypatch):
    monkeypatch.chdir(PRICING.parent.parent.parent)
    dataset = load_dataset(PRICING)
    found = [str(p) for p in stale_facts(dataset, as_of(build_catalog(dataset), TODAY, 90))]
    # Only alpha's 1080p price (checked 2026-07-01) is old; the superseded $0.50 entry is not
    # listed although its source is the same age as the rest, and the retired model's price is not.
    assert found == ["tests/fixtures/pricing/models/alpha.yaml:23:91: offers[3].as_of: "
                     "checked 2026-07-01, 151 days ago (stale after 90 days)"]
    later = stale_facts(dataset, as_of(build_catalog(dataset), dt.date(2027, 6, 1), 90))
    assert any(p.field == "specs.max_clip_seconds" for p in later)


def test_pages_mark_stale_checked_dates():
    catalog = build_catalog(load_dataset(PRICING))
    pages = {p.path: p for p in plan_pages(at(catalog))}
    text = render_pages([pages["models/alpha.md"]], Freshness(TODAY, 90))["models/alpha.md"]
    assert ('checked 2026-07-01 <span class="vg-stale" title="Checked 151 days before 2026-11-29; '
            'facts older than 90 days may have changed">stale</span>') in text
    assert "2026-11-20 <span" not in text
    relaxed = render_pages([pages["models/alpha.md"]], Freshness(TODAY, 200))["models/alpha.md"]
    assert "vg-stale" not in relaxed


@pytest.mark.parametrize(("setting", "expected"), [
    ("", 90), ("[tool.videoguide]\nstale_after_days = 30\n", 30),
])
def test_stale_after_comes_from_pyproject(tmp_path: Path, setting: str, expected: int):
    (tmp_path / "pyproject.toml").write_text(setting)
    assert configured_stale_after(tmp_path) == expected


@pytest.mark.parametrize("value", ["0", "\"90\"", "true", "1.5"])
def test_a_bad_stale_after_setting_is_an_error(tmp_path: Path, value: str):
    (tmp_path / "pyproject.toml").write_text(f"[tool.videoguide]\nstale_after_days = {value}\n")
    with pytest.raises(ConfigError, match="stale_after_days must be a whole number of days"):
        configured_stale_after(tmp_path)


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
    from ..conftest import copy_project

    settings = copy_project(tmp_path / "project", PRICING)
    assert commands.stale_text(settings, TODAY).splitlines()[-1] == \
        "1 stale fact(s): checked more than 90 days before 2026-11-29"
