"""Price history: which entry is current on a day, units and credits, a change of unit, and
months that count from their first day."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.answers.prices import price_series

from ..conftest import PRICING, TODAY, at


def _acme_720p(catalog, day):
    [series] = [s for s in price_series(catalog.models["alpha"], day)
                if s[0].offer.platform.id == "acme-api" and s[0].offer.resolution == "720p"]
    return [(str(e.offer.price_per_second), e.status) for e in series]


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2025, 12, 31), [("0.50", "scheduled"), ("0.40", "scheduled"), ("0.30", "scheduled")]),
    (dt.date(2026, 3, 1), [("0.50", "current"), ("0.40", "scheduled"), ("0.30", "scheduled")]),
    (dt.date(2026, 6, 1), [("0.50", "superseded"), ("0.40", "current"), ("0.30", "scheduled")]),
    (TODAY, [("0.50", "superseded"), ("0.40", "current"), ("0.30", "scheduled")]),
    (dt.date(2027, 1, 1), [("0.50", "superseded"), ("0.40", "superseded"), ("0.30", "current")]),
], ids=["before-any", "first", "on-the-day", "today", "announced-cut"])
def test_the_current_price_follows_effective_dates(pricing_catalog, day, expected):
    assert _acme_720p(pricing_catalog, day) == expected


def test_current_offers_leave_out_superseded_and_scheduled_entries(pricing_view):
    prices = sorted((o.platform.id, o.resolution, str(o.price_per_second)) for o in
                    pricing_view.models["alpha"].current if o.unit != "subscription")
    assert prices == [("acme-api", "1080p", "0.60"), ("acme-api", "720p", "0.40"), ("resell", "720p", "0.35")]


def test_credits_are_converted_to_usd_per_second(pricing_catalog):
    beta = {(o.resolution, o.audio): o for o in pricing_catalog.models["beta"].offers}
    assert beta[("720p", False)].price_per_second == Decimal("0.084")  # 0.6 credits × $0.14
    assert beta[("720p", True)].price_per_second == Decimal("0.126")  # 0.9 credits × $0.14
    assert beta[("720p", True)].usd_per_second == Decimal("0.126")


def test_a_plan_has_no_price_per_second(pricing_catalog):
    [plan] = [o for o in pricing_catalog.models["alpha"].offers if o.unit == "subscription"]
    assert (plan.plan, plan.price_per_month, plan.includes, plan.usd_per_second) == (
        "Pro", Decimal("20"), "100 clips a month", None)


def test_a_change_of_unit_replaces_the_price(tmp_path: Path):
    from generator.facts.catalog import build_catalog
    from generator.facts.validate import load_dataset

    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    path = data / "models" / "alpha.yaml"
    path.write_text(path.read_text() + '  - {platform: resell, resolution: 720p, audio: true, price_per_second: "0.30",'
                    ' effective_from: 2026-11-21, as_of: 2026-11-25}\n')
    offers = at(build_catalog(load_dataset(data))).models["alpha"].current
    assert [(o.unit, str(o.price_per_second)) for o in offers if o.platform.id == "resell"] == [("second", "0.30")]


def test_month_precision_counts_from_the_first_of_the_month(tmp_path: Path):
    from generator.facts.catalog import build_catalog
    from generator.facts.validate import load_dataset

    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    path = data / "models" / "alpha.yaml"
    path.write_text(path.read_text().replace("effective_from: 2027-01-01", "effective_from: 2026-11"))
    catalog = build_catalog(load_dataset(data))
    assert _acme_720p(catalog, dt.date(2026, 10, 31))[-1] == ("0.30", "scheduled")
    assert _acme_720p(catalog, dt.date(2026, 11, 1))[-1] == ("0.30", "current")
