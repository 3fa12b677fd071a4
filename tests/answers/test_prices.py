"""Price history: which entry is current on a day, units and credits, ordering checks, and
the price grid and history as the pages show them."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.answers.prices import price_series
from generator.pages.model import model_context
from generator.pages.plan import plan_pages
from generator.pages.prices import price_history_context

from ..conftest import PRICING, TODAY, at
from ..helpers import problems


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


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('price_per_second: "0.60", as_of: 2026-07-01}', 'price_per_second: "0.60", effective_from: 2026-13}',
     "data/models/alpha.yaml:23:100: offers[3].effective_from: Input should be a date (YYYY-MM-DD) or a month (YYYY-MM)"),
    ('credits_per_second: "35", credit_price: "0.01"', 'credits_per_second: "35"',
     "data/models/alpha.yaml:24:5: offers[4]: unit 'credit' needs credit_price (unit 'second': price_per_second;"
     " 'credit': credits_per_second and credit_price; 'subscription': plan, price_per_month and includes)"),
    ('price_per_second: "0.40", effective_from: 2026-06-01}', 'price_per_second: "0.40"}',
     "data/models/alpha.yaml:20:99: offers[0].effective_from: the entry on line 21 was seen in effect on 2026-11-20,"
     " after this price took effect (2026-01-01), so that entry would stay current: re-check it, then give it"
     " effective_until (the day it ended) or this entry effective_until, whichever is true"),
    ('price_per_second: "0.50", effective_from: 2026-01-01, source: acme-news}',
     'price_per_second: "0.50", effective_from: 2026-01-01, effective_until: 2026-06-01, source: acme-news}', None),
    ('price_per_second: "0.40", effective_from: 2026-06-01}', 'price_per_second: "0.40", effective_from: 2026-01-01}',
     "data/models/alpha.yaml:21:5: offers[1]: another entry for the same price (line 20) also counts from 2026-01-01"
     " (an entry without effective_from counts from its as_of date): give them different effective_from dates, or"
     " end the older one with effective_until"),
    ('price_per_second: "0.40", effective_from: 2026-06-01}', 'price_per_second: "0.40", effective_from: "2026-01"}',
     "data/models/alpha.yaml:21:5: offers[1]: another entry for the same price (line 20) also counts from 2026-01-01"
     " (an entry without effective_from counts from its as_of date): give them different effective_from dates, or"
     " end the older one with effective_until"),
    ("- {platform: resell, resolution: 720p, audio: true, unit: credit",
     "- {platform: resell, resolution: 720p, audio: true, price_per_second: \"0.30\", effective_from: 2026-11-01,"
     " as_of: 2026-11-25}\n  - {platform: resell, resolution: 720p, audio: true, unit: credit",
     "data/models/alpha.yaml:24:97: offers[4].effective_from: the entry on line 25 was seen in effect on 2026-11-20,"
     " after this price took effect (2026-11-01), so that entry would stay current: re-check it, then give it"
     " effective_until (the day it ended) or this entry effective_until, whichever is true"),
], ids=["bad-month", "credit-without-price", "undated-after-a-start", "ended-then-undated", "same-start",
        "month-is-its-first-day",
        "new-price-older-than-a-sighting"])
def test_price_entries_are_checked(tmp_path: Path, old: str, new: str, expected: str | None):
    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    text = (data / "models" / "alpha.yaml").read_text()
    assert text.count(old) == 1
    if expected is None:  # the $0.50 price ended on 2026-06-01, so the $0.40 one is current
        from generator.facts.catalog import build_catalog
        from generator.facts.validate import load_dataset

        (data / "models" / "alpha.yaml").write_text(text.replace(old, new))
        assert _acme_720p(build_catalog(load_dataset(data)), TODAY)[1] == ("0.40", "current")
        return
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert problems(data, {"models/alpha.yaml": text.replace(old, new)}) == [expected]
    finally:
        os.chdir(cwd)


def test_model_page_price_grid_per_platform(pricing_view):
    ctx = model_context(pricing_view, "alpha")
    grids = {g.platform: g for g in ctx.price_grids}
    assert list(grids) == ["Acme API", "Resell"]
    assert grids["Acme API"].columns == ("Standard, with audio",)
    assert grids["Acme API"].rows == (("720p", ("$0.40 per second [1]",)), ("1080p", ("$0.60 per second [2]",)))
    assert [(n.marker, n.as_of) for n in grids["Acme API"].notes] == [("[1]", "2026-11-20"), ("[2]", "2026-07-01")]
    assert grids["Resell"].rows == (("720p", ("$0.35 per second (35 credits at $0.01 each)",)),)
    assert [(o.what, o.price, o.includes) for o in ctx.other_prices] == [
        ("Acme App · standard · Pro · audio not stated", "$20.00 per month", "100 clips a month")]


def test_price_history_is_newest_first_with_changes(pricing_view):
    ctx = model_context(pricing_view, "alpha")
    assert [(r.when, r.price, r.change, r.status) for r in ctx.price_history] == [
        ("2027-01-01", "$0.30 per second", "Down 25% from $0.40", "Scheduled"),
        ("2026-06-01", "$0.40 per second", "Down 20% from $0.50", "Current"),
        ("2026-01-01", "$0.50 per second", "First recorded", "Superseded"),
    ]


def test_price_history_page_lists_every_change_across_models(real_view):
    rows = price_history_context(real_view).rows
    assert [(r.model.text, r.when, r.price) for r in rows] == [
        ("Veo 3.1 Fast", "in effect by 2026-09-24", "$0.10 per second"),
        ("Veo 3.1 Fast", "in effect by 2026-09-24", "$0.12 per second"),
        ("Veo 3.1 Fast", "2025-10 to 2026-08-09", "$0.15 per second"),
        ("Veo 3.1 Fast", "2025-10 to 2026-08-09", "$0.15 per second"),
        ("Veo 3", "2025-09", "$0.40 per second"),
        ("Veo 3", "until 2025-09", "$0.75 per second"),
    ]
    assert rows[4].status == "No longer offered (model retired)"


def test_pages_include_the_calculator_history_and_changes(pricing_view):
    paths = [p.path for p in plan_pages(pricing_view)]
    assert {"prices/calculator.md", "prices/history.md", "changes/index.md"} <= set(paths)


@pytest.mark.parametrize(("label", "ok"), [("720p", True), ("4K", True), ("1792x1024", True), ("1080P", False),
                                           ("1008", False), ("bogus", False)])
def test_offer_resolutions_are_labels_the_calculator_can_match(label, ok):
    from pydantic import ValidationError

    from generator.facts import schema as s

    offer = {"platform": None, "resolution": label, "price_per_second": "0.10"}
    if ok:
        assert s.Offer.model_validate(offer).resolution == label
    else:
        with pytest.raises(ValidationError, match="is not a resolution label like 720p, 1080p, 4K or 1792x1024"):
            s.Offer.model_validate(offer)


def test_a_lone_scheduled_price_is_shown_in_the_history(tmp_path: Path):
    from generator.facts.catalog import build_catalog
    from generator.facts.validate import load_dataset

    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    path = data / "models" / "beta.yaml"
    path.write_text(path.read_text() + '  - {platform: beta-api, resolution: 1080p, audio: true,'
                    ' price_per_second: "0.20", effective_from: 2027-03-01}\n')
    catalog = build_catalog(load_dataset(data))
    rows = model_context(at(catalog), "beta").price_history
    assert [(r.when, r.price, r.status) for r in rows] == [("2027-03-01", "$0.20 per second", "Scheduled")]


def test_all_models_names_why_there_is_no_price(real_view):
    from generator.pages.index import models_index_context

    rows = {r.name: r.price for r in models_index_context(real_view).rows}
    assert rows["Gemini Omni Flash"] == "Only an estimated price is documented"
    assert rows["LTX-2.3 Pro"] == "Only prices for other inputs (such as image-to-video) are documented"
    assert rows["Sora 2 Pro"] == "Retired on 2026-09-24"
