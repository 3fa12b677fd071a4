"""All-models rows: key specs and the lowest buyable price of every model."""

from __future__ import annotations

from decimal import Decimal

from generator.answers.tables import model_rows


def test_model_rows_carry_the_lowest_exact_price_and_platform(real_view):
    rows = {r.model.id: r for r in model_rows(real_view)}
    assert rows["veo-3-1"].lowest_usd_per_second == Decimal("0.20")
    assert rows["veo-3-1"].max_pixels == 3840 * 2160
    assert rows["sora-2-pro"].lifecycle.status == "retired"
    # The article's "~$0.35, platform not stated" is not an offer anyone can buy.
    assert all(r.lowest_usd_per_second != Decimal("0.35") for r in rows.values() if r.model.id == "veo-3-1")


def test_rows_sorted_by_vendor_then_name(real_view):
    names = [(r.model.vendor.name, r.model.name) for r in model_rows(real_view)]
    assert names == sorted(names)
