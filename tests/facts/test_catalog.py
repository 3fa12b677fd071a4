"""Claim resolution: precedence, defaults and disputes."""

from __future__ import annotations

import datetime as dt

from generator.facts.catalog import build_catalog
from generator.facts.validate import load_dataset


def test_bare_values_take_the_files_default_source_and_date(article_catalog):
    fact = article_catalog.models["veo-3-1"].specs["max_clip_seconds"]
    assert fact.value == 60
    assert fact.shown.source.id == "article"
    assert fact.shown.as_of == dt.date(2026, 11, 29)
    assert not fact.disputed


def test_vendor_claim_is_shown_before_a_newer_article_claim(real_catalog):
    fact = real_catalog.models["veo-3-1"].specs["max_clip_seconds"]
    assert fact.value == 8
    assert fact.shown.source.kind in ("vendor", "vendor_mirror")
    assert [c.value for c in fact.claims][-1] == 60
    assert fact.disputed


def test_within_a_source_kind_the_newest_check_comes_first(article_dir):
    path = article_dir / "sources.yaml"
    path.write_text(path.read_text() + "  - {id: log-a, title: Log A, kind: secondary, url: https://a.example/, accessed: 2026-01-01}\n"
                    "  - {id: log-b, title: Log B, kind: secondary, url: https://b.example/, accessed: 2026-01-01}\n")
    model = article_dir / "models" / "veo-3-1.yaml"
    model.write_text(model.read_text().replace(
        "  max_clip_seconds: 60\n",
        "  max_clip_seconds:\n"
        "    - {value: 8, source: log-a, as_of: 2026-03-01}\n"
        "    - {value: 60}\n"
        "    - {value: 10, source: log-b, as_of: 2026-05-01}\n"))
    fact = build_catalog(load_dataset(article_dir)).models["veo-3-1"].specs["max_clip_seconds"]
    assert [(c.source.id, c.value) for c in fact.claims] == [("log-b", 10), ("log-a", 8), ("article", 60)]
    assert fact.disputed


def test_lists_that_differ_only_in_order_agree(article_dir):
    model = article_dir / "models" / "veo-3-1.yaml"
    model.write_text(model.read_text().replace(
        "  frame_rates_fps: [24, 30, 60]\n",
        "  frame_rates_fps:\n    - {value: [24, 30]}\n    - {value: [30, 24], as_of: 2026-01-01}\n"))
    fact = build_catalog(load_dataset(article_dir)).models["veo-3-1"].specs["frame_rates_fps"]
    assert len(fact.claims) == 2 and not fact.disputed


def test_a_condition_only_one_source_states_is_not_a_dispute(real_catalog):
    # Google: 4K for 8-second clips only; the article: 4K. Same resolution, no contradiction.
    fact = real_catalog.models["veo-3-1"].specs["max_resolution"]
    assert [c.value.durations_seconds for c in fact.claims] == [[8], None]
    assert not fact.disputed
    # Sora 2 Pro: OpenAI documents 1080p, the article 4K: a real dispute.
    assert real_catalog.models["sora-2-pro"].specs["max_resolution"].disputed


def test_token_and_clip_prices_convert_to_usd_per_second_exactly():
    from decimal import Decimal

    from generator.facts import schema as s
    from generator.facts.catalog import per_second

    # Seedance-style: 1920×1080 px × 24 frames ÷ 1024 = 48,600 tokens per second at $7.00 per million
    token = s.Offer(platform=None, unit="token", tokens_per_second="48600", price_per_million_tokens="7.0")
    assert per_second(token) == Decimal("0.3402")
    gemini = s.Offer(platform=None, unit="token", tokens_per_second="5792", price_per_million_tokens="17.50")
    assert per_second(gemini) == Decimal("0.10136")
    clip = s.Offer(platform=None, unit="clip", price_per_clip="0.50", clip_seconds=6)
    assert per_second(clip) == Decimal("0.50") / 6  # shown as ≈$0.0833; costs use whole clips (below)


def test_a_clip_price_buys_whole_clips(real_catalog):
    import dataclasses
    from decimal import Decimal

    offer = next(o for m in real_catalog.models.values() for o in m.offers if o.unit == "second")
    clip = dataclasses.replace(offer, unit="clip", price_per_clip=Decimal("0.50"), clip_seconds=6,
                               price_per_second=Decimal("0.50") / 6)
    assert clip.cost(6) == Decimal("0.50")
    assert clip.cost(12) == Decimal("1.00")  # exact, not 12 × 0.0833…
    assert clip.cost(7) == Decimal("1.00")   # a started clip is a whole clip
    assert offer.cost(10) == offer.usd_per_second * 10
