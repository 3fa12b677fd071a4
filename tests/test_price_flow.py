"""The issue's "done when": one price changed in data/, one `videoguide build`, and every
page, table, chart and recommendation that depends on it changes; `diff` explains it."""

from __future__ import annotations

import pytest

from generator import pipeline

from .conftest import TODAY, copy_project

pytestmark = pytest.mark.slow
OLD = '{platform: gemini-api, resolution: 720p, audio: true, price_per_second: "0.05"'
CUT = ('  - {platform: gemini-api, resolution: 720p, audio: true, price_per_second: "0.01", effective_from: 2026-11-20,'
       ' source: google-gemini-pricing, as_of: 2026-11-29}\n')


def _read(settings, page: str) -> str:
    return (settings.docs_dir / page).read_text(encoding="utf-8")


def test_one_price_change_reaches_every_dependent_page(tmp_path):
    settings = copy_project(tmp_path / "project")
    pipeline.build(settings, TODAY)
    pages = ("models/veo-3-1-lite.md", "models/index.md", "prices/calculator.md", "prices/calculator.json",
             "prices/history.md", "prices/cost-8s.svg", "use-cases/rapid-drafts.md")
    before = {p: _read(settings, p) for p in pages}
    outcomes = settings.docs_dir / "guide" / "outcomes"
    guide_before = {p.name: p.read_text() for p in outcomes.iterdir()}
    lite = settings.data_dir / "models" / "veo-3-1-lite.yaml"
    assert OLD in lite.read_text()
    lite.write_text(lite.read_text() + CUT)
    pipeline.build(settings, TODAY)
    after = {p: _read(settings, p) for p in pages}
    assert [p for p in pages if before[p] == after[p]] == []
    guide_after = {p.name: p.read_text() for p in outcomes.iterdir()}
    changed = [name for name in guide_before if guide_before[name] != guide_after[name]]
    assert changed and any("$0.01 = " in guide_after[name] for name in changed)  # the guide's plans
    assert "| 720p | $0\\.01 per second[^" in after["models/veo-3-1-lite.md"]
    assert "| 720p | $0\\.05 per second[^" in before["models/veo-3-1-lite.md"]
    assert "Down 80% from $0\\.05" in after["prices/history.md"]
    assert "\"rate\":\"$0.01\"" in after["prices/calculator.json"]  # the widget's offers
    assert "$0.08" in after["prices/cost-8s.svg"]
    assert (settings.site_dir / "prices" / "calculator" / "index.html").read_text().count("$0.08") >= 1
