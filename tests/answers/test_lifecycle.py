"""Lifecycle on a date: a passed shutdown means retired; the vendor's platforms decide the headline."""

from __future__ import annotations

import datetime as dt

from generator.answers.lifecycle import effective_status, lifecycle_summary
from generator.facts import schema as s

from ..conftest import TODAY


def test_a_passed_shutdown_date_means_retired():
    deprecated = s.Lifecycle(status="deprecated", shutdown=dt.date(2026, 6, 30))
    assert effective_status(deprecated, dt.date(2026, 6, 29)) == "deprecated"
    assert effective_status(deprecated, dt.date(2026, 6, 30)) == "retired"


def test_sora_2_pro_is_retired_on_its_vendors_platforms(real_catalog):
    summary = lifecycle_summary(real_catalog, real_catalog.models["sora-2-pro"], TODAY)
    assert summary.status == "retired"
    assert summary.shutdown == dt.date(2026, 9, 24)
    assert not summary.available


def test_veo_3_1_headline_is_ga_from_vertex_while_gemini_api_stays_preview(real_catalog):
    summary = lifecycle_summary(real_catalog, real_catalog.models["veo-3-1"], TODAY)
    assert summary.status == "ga"
    statuses = {row.platform.id: row.status for row in summary.platforms}
    assert statuses["gemini-api"] == "preview"
    gemini = next(r for r in summary.platforms if r.platform.id == "gemini-api")
    assert gemini.fact.disputed  # a reseller reports a shutdown Google has not confirmed
