"""Coverage on the real data (issue 12): the models a buyer chooses between in December 2026,
their prices in the vendors' own units, and a public address for every source."""

from __future__ import annotations

from decimal import Decimal

from generator.answers.plans import Job, job_report
from generator.pages.costs import plan_text, sum_text


def test_at_least_twenty_models_are_available_with_a_sourced_price(real_view):
    available = [mid for mid, st in real_view.models.items() if st.lifecycle.available and st.buyable]
    assert len(available) >= 20
    assert {"seedance-2-0", "happyhorse-1-0", "kling-4-0", "grok-imagine-video-1-5", "wan-3-0", "minimax-h3",
            "luma-ray-3-2", "ltx-2-5-fast", "gemini-omni-flash-1-2"} <= set(available)


def test_seedance_2_0_on_fal_is_priced_from_its_token_price(real_catalog):
    [fal] = [o for o in real_catalog.models["seedance-2-0"].offers if o.platform and o.platform.id == "fal"]
    # fal: $0.014 per 1,000 tokens; tokens = 1280 × 720 × 24 frames ÷ 1024 = 21,600 a second at 720p
    assert (fal.unit, fal.resolution, fal.tokens_per_second, fal.price_per_million_tokens) == (
        "token", "720p", Decimal("21600"), Decimal("14.0"))
    assert fal.usd_per_second == Decimal("0.3024") and fal.source.id == "fal-seedance-2-0-t2v"


def test_kling_4_0_makes_30_seconds_in_one_generation_on_piapi(real_view):
    claims = real_view.catalog.models["kling-4-0"].specs["max_clip_seconds"].claims
    assert {(c.value, c.source.id) for c in claims} >= {(30, "venice-kling-4-0"), (30, "piapi-kling-4")}
    plan = job_report(real_view, Job(30), ["kling-4-0"], "piapi").plans[0]
    assert f"{plan_text(plan)}: {sum_text(plan)}" == \
        "one 30 s generation, 720p, audio not stated on PiAPI: 30 s × $0.1667 = $5.00 per take"


def test_a_per_clip_price_buys_whole_clips(real_view):
    plan = job_report(real_view, Job(30, "9:16", "1080p", "native"), ["gemini-omni-flash-1-2"], "laozhang-api").plans[0]
    # LaoZhang sells a 1080p Gemini Omni 1.2 Flash clip of up to 10 s for $0.45, whatever its length
    assert f"{plan_text(plan)}: {sum_text(plan)}" == \
        "3 shots × 10 s, 1080p, with audio on LaoZhang API: 3 clips × $0.45 = $1.35 per take"


def test_every_source_has_an_address_except_the_article(real_catalog):
    without = {sid: src.reason for sid, src in real_catalog.sources.items() if src.url is None}
    assert list(without) == ["article"] and without["article"]
    assert all(src.private == (sid == "article") for sid, src in real_catalog.sources.items())
