"""Prices as the pages show them: the grid per platform, the price history of a model and of
the site, and why All models shows no price."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pages.model import model_context
from generator.pages.plan import plan_pages
from generator.pages.prices import price_history_context

from ..conftest import PRICING, at


def test_model_page_price_grid_per_platform(pricing_view):
    ctx = model_context(pricing_view, "alpha")
    grids = {g.platform: g for g in ctx.price_grids}
    assert list(grids) == ["Acme API", "Resell"]
    assert grids["Acme API"].columns == ("Standard, with audio",)
    assert grids["Acme API"].rows == (("720p", ((("$0.40 per second", 0),),)), ("1080p", ((("$0.60 per second", 1),),)))
    assert [n.as_of for n in grids["Acme API"].notes] == ["2026-11-20", "2026-07-01"]
    assert grids["Resell"].rows == (("720p", ((("$0.35 per second (35 credits at $0.01 each)", 0),),)),)
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
        # APIYI's launch prices for Seedance 2.5, per 5-second clip, for two days
        ("Seedance 2.5", "2026-08-28 to 2026-08-30", "$0.4011 per 5 s clip ($0.08022 per second)"),
        ("Seedance 2.5", "2026-08-28 to 2026-08-30", "$0.9017 per 5 s clip ($0.18034 per second)"),
        ("Seedance 2.5", "2026-08-28 to 2026-08-30", "$2.2493 per 5 s clip ($0.44986 per second)"),
        ("Veo 3.1 Fast", "2025-10 to 2026-04-07", "$0.15 per second"),
        ("Veo 3.1 Fast", "2025-10 to 2026-04-07", "$0.15 per second"),
        ("Veo 3", "2025-09", "$0.40 per second"),
        ("Veo 3", "until 2025-09", "$0.75 per second"),
    ]
    assert rows[7].status == "No longer offered (model retired)"


def test_pages_include_the_calculator_history_and_changes(pricing_view):
    paths = [p.path for p in plan_pages(pricing_view)]
    assert {"prices/calculator.md", "prices/history.md", "changes/index.md"} <= set(paths)


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


def test_all_models_names_why_there_is_no_price(real_view, tmp_path):
    from generator.pages.index import models_index_context

    from ..conftest import estimated_only_view

    estimated = {r.name: r.price for r in models_index_context(estimated_only_view(tmp_path)).rows}
    assert estimated["Gemini Omni 1.1 Flash"] == "Only an estimated price is documented"  # fal's "about $0.125"
    rows = {r.name: r.price for r in models_index_context(real_view).rows}
    assert rows["PixVerse V6"] == "No price is documented"
    assert rows["LTX-2.3 Pro"] == "Only prices for other inputs (such as image-to-video) are documented"
    assert rows["Sora 2 Pro"] == "Retired on 2026-09-24"
