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
    [fal, _with_audio] = [o for o in real_catalog.models["seedance-2-0"].offers if o.platform and o.platform.id == "fal"]
    assert (fal.audio, _with_audio.audio, _with_audio.usd_per_second) == (False, True, Decimal("0.3024"))
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


def test_a_price_the_source_gives_with_or_without_audio_plans_a_job_with_sound(real_view):
    plan = job_report(real_view, Job(10, sound="native"), ["seedance-2-0"], "fal").plans[0]
    assert f"{plan_text(plan)}: {sum_text(plan)}" == \
        "one 10 s generation, 720p, with audio on fal.ai: 10 s × $0.3024 = $3.02 per take"


def test_happyhorse_1_0_animates_a_first_frame_on_fal(real_view):
    plan = job_report(real_view, Job(8, input="image_first_frame"), ["happyhorse-1-0"], "fal").plans[0]
    assert f"{plan_text(plan)}: {sum_text(plan)}" == \
        "one 8 s generation, image-to-video, 720p, with audio on fal.ai: 8 s × $0.14 = $1.12 per take"


def test_gemini_omni_1_1_on_the_gemini_api_is_priced_from_its_token_price(real_catalog):
    [offer] = [o for o in real_catalog.models["gemini-omni-flash"].offers if o.platform.id == "gemini-api"]
    # $17.50 per million output tokens × 5,792 tokens per second of 720p
    assert (offer.unit, offer.usd_per_second, offer.approximate) == ("token", Decimal("0.10136"), False)


def test_720p_is_enough_still_means_at_least_720p(real_view):
    from generator.answers.recommend import recommend
    from generator.pipeline import load

    from ..conftest import ROOT

    guide = load(ROOT / "data").vocabularies["decision_guide.yaml"]
    rec = recommend(real_view, guide, {"pace": "final", "subject": "physics", "product-image": "yes",
                                       "length": "up-to-8", "format": "landscape", "resolution": "any",
                                       "audio": "yes", "budget": "low"})
    heights = {"720p": 720, "768p": 768, "1080p": 1080}
    assert all(heights[m.plan.offer.resolution] >= 720 for m in rec.ranked)
    assert (rec.recommended.model.id, rec.recommended.plan.offer.resolution) == ("happyhorse-1-0", "720p")
