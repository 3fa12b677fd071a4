"""Stale facts: older than the limit, located in their files, only current prices counted."""

from __future__ import annotations

import datetime as dt

from generator.answers.asof import Freshness, as_of
from generator.answers.freshness import stale_facts
from generator.facts.catalog import build_catalog
from generator.facts.validate import load_dataset

from ..conftest import PRICING, TODAY


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
