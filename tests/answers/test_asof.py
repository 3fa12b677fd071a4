"""The as-of view: each model's lifecycle, price history, current and buyable offers and
freshness on one date, resolved once."""

from __future__ import annotations

import datetime as dt

from generator.answers.asof import as_of

from ..conftest import TODAY


def _prices(offers) -> list[tuple]:
    return sorted((o.platform.id if o.platform else None, o.resolution, str(o.price_per_second)) for o in offers)


def test_buyable_offers_are_the_current_exact_ones_on_platforms_not_retired(pricing_view):
    alpha = pricing_view.models["alpha"]
    assert _prices(alpha.current) == [("acme-api", "1080p", "0.60"), ("acme-api", "720p", "0.40"),
                                      ("acme-app", None, "None"), ("resell", "720p", "0.35")]
    # The Pro plan is current but has no price per second, so it cannot be bought by the second.
    assert _prices(alpha.buyable) == [("acme-api", "1080p", "0.60"), ("acme-api", "720p", "0.40"),
                                      ("resell", "720p", "0.35")]
    gamma = pricing_view.models["gamma"]
    assert (gamma.lifecycle.status, _prices(gamma.current), gamma.buyable) == (
        "retired", [("acme-api", "720p", "0.05")], ())


def test_the_view_follows_its_date(pricing_catalog):
    before, after = as_of(pricing_catalog, dt.date(2026, 3, 1)), as_of(pricing_catalog, dt.date(2027, 1, 1))
    acme_720p = [(str(o.price_per_second), o.platform.id) for v in (before, after) for o in v.models["alpha"].buyable
                 if o.platform.id == "acme-api" and o.resolution == "720p"]
    assert acme_720p == [("0.50", "acme-api"), ("0.30", "acme-api")]
    assert [e.status for e in next(s for s in after.models["alpha"].prices
                                   if s[0].offer.resolution == "720p" and s[0].offer.platform.id == "acme-api")] \
        == ["superseded", "superseded", "current"]


def test_every_model_is_in_the_view_in_catalog_order(real_catalog, real_view):
    assert list(real_view.models) == list(real_catalog.models)
    assert all(state.model is real_catalog.models[mid] for mid, state in real_view.models.items())


def test_freshness_is_the_views(pricing_catalog):
    view = as_of(pricing_catalog, TODAY, 30)
    assert (view.today, view.freshness.stale_after_days) == (TODAY, 30)
    assert view.freshness.is_stale(TODAY - dt.timedelta(days=31))
    assert not view.freshness.is_stale(TODAY - dt.timedelta(days=30))
