"""The planner (generator.answers.plans): a finished video as one generation, shots or an
extended clip, priced to the cent on the invented pricing fixture, and the reasons a model
cannot make it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.answers.plans import Job, cover, job_report
from generator.pages.costs import plan_text, sum_text, why_text
from generator.pages.format import cents


def _rows(report) -> list[tuple]:  # noqa: ANN001
    return [(p.model.id, p.offer.platform.id, p.kind, p.shots, p.steps, p.billed_seconds, cents(p.total))
            for p in report.plans]


def _why(report) -> dict[str, str]:  # noqa: ANN001
    return {e.model.id: why_text(e.reason) for e in report.excluded}


@pytest.mark.parametrize(("lengths", "seconds", "shots"), [
    ((4, 6, 8), 30, (8, 8, 8, 6)),     # 4 generations; 30 s exactly
    ((8,), 30, (8, 8, 8, 8)),          # only 8 s allowed (say, at 1080p): 32 s billed
    ((4, 6, 8), 9, (6, 4)),            # two shots, 10 s: fewer seconds than 8 + 4
    ((4, 6, 8), 5, (6,)),              # one generation, billed at the next allowed length
    (tuple(range(1, 16)), 30, (15, 15)),
    (tuple(range(1, 16)), 20, (10, 10)),
    (tuple(range(3, 16)), 32, (11, 11, 10)),  # every second from 3 to 15 s: even shots
    ((4, 5, 6, 7, 8), 20, (7, 7, 6)),
    ((6, 8), 12, (6, 6)),
    ((4, 6, 8), 3600, (8,) * 450),
])
def test_cover_takes_the_fewest_shots_then_the_fewest_seconds(lengths, seconds, shots):
    assert cover(lengths, seconds) == shots
    assert sum(shots) >= seconds


def test_the_30_second_vertical_ad_golden_figures(plans_view):
    report = job_report(plans_view, Job(30, "9:16", "1080p", "native", budget=Decimal(10)))
    # Alpha makes 1080p only as 8-second clips: 4 × 8 s = 32 s × $0.60 = $19.20, over the budget.
    assert _rows(report) == [("alpha", "acme-api", "shots", (8, 8, 8, 8), (), 32, "$19.20")]
    [plan] = report.plans
    assert plan_text(plan) == "4 shots × 8 s, 1080p, with audio on Acme API"
    assert sum_text(plan) == "32 s × $0.60 = $19.20 per take"
    assert [why_text(c) for c in plan.caveats] == ["shots are separate generations; keep them alike with a first-frame image"]
    assert report.within_budget == ()
    assert _why(report) == {"beta": "offers 16:9, 1:1, not 9:16", "gamma": "retired on 2026-09-24"}


def test_shots_extension_priced_and_unpriced_cheapest_first(plans_view):
    report = job_report(plans_view, Job(20, resolution="720p", sound="native"))
    assert _rows(report) == [
        ("beta", "beta-api", "shots", (10, 10), (), 20, "$2.52"),           # 0.9 credits × $0.14 × 20 s
        ("alpha", "acme-api", "extension", (6,), (7, 7), 20, "$5.20"),     # 6 s × $0.40 + 14 s × $0.20
        ("alpha", "resell", "shots", (8, 8, 4), (), 20, "$7.00"),         # 35 credits × $0.01 × 20 s
        ("alpha", "acme-api", "shots", (8, 8, 4), (), 20, "$8.00"),
    ]
    assert sum_text(report.plans[1]) == "6 s × $0.40 + 14 s × $0.20 = $5.20 per take"
    assert "one continuous clip; extension works at 720p only" in map(why_text, report.plans[1].caveats)
    # Resell documents no extension price: the plan is possible, its price unknown.
    [possible] = report.unpriced
    assert (possible.offer.platform.id, possible.shots, possible.steps, possible.total) == ("resell", (6,), (7, 7), None)
    assert sum_text(possible) == "6 s × $0.35 + 14 s of extension, whose price is not documented"
    assert "whether this model takes images" in why_text(report.plans[0].caveats[-1])  # beta's inputs: undocumented


def test_extension_within_its_limits_only(plans_view):
    # 30 s needs 4 extension calls of 7 s from any base; alpha allows 3 (and 29 s in total).
    report = job_report(plans_view, Job(30, resolution="720p", sound="native"), ["alpha"])
    assert {p.kind for p in report.plans} == {"shots"} and report.unpriced == ()
    # At 1080p extension is not documented: shots only.
    report = job_report(plans_view, Job(20, resolution="1080p", sound="native"), ["alpha"])
    assert _rows(report) == [("alpha", "acme-api", "shots", (8, 8, 8), (), 24, "$14.40")]


def test_takes_videos_and_budget(plans_view):
    report = job_report(plans_view, Job(20, resolution="720p", sound="native", videos=2, takes=3,
                                          budget=Decimal("40")))
    assert [cents(p.total) for p in report.plans] == ["$15.12", "$31.20", "$42.00", "$48.00"]  # per take × 6
    assert [p.model.id for p in report.within_budget] == ["beta", "alpha"]
    exact = job_report(plans_view, Job(7, resolution="720p", sound="added", videos=3), ["beta"]).plans[0]
    assert (exact.per_take, exact.total) == (Decimal("0.588"), Decimal("1.764"))  # 0.084 × 7; × 3, unrounded


def test_a_shorter_job_at_a_resolution_made_only_at_8_seconds(plans_view):
    [plan] = job_report(plans_view, Job(6, resolution="1080p"), ["alpha"]).plans
    assert (plan.kind, plan.shots, cents(plan.total)) == ("single", (8,), "$4.80")
    assert plan_text(plan) == "one 8 s generation, 1080p, with audio on Acme API"


def test_sound_added_later_on_an_always_on_model_is_priced_with_audio(plans_view):
    report = job_report(plans_view, Job(8, sound="added"), ["alpha"])
    assert {p.offer.platform.id for p in report.plans} == {"acme-api", "resell"}
    assert all("audio is always on here, so the price includes it" in map(why_text, p.caveats) for p in report.plans)


@pytest.mark.parametrize(("job", "model", "reason"), [
    (Job(4), "gamma", "retired on 2026-09-24"),
    (Job(4, aspect_ratio="9:16"), "beta", "offers 16:9, 1:1, not 9:16"),
    (Job(8, resolution="4K"), "beta", "highest resolution is 1080p"),
    (Job(8, resolution="1080p", sound="native"), "beta", "no documented price for 1080p or higher with audio"),
    (Job(8, input="image_first_frame"), "beta", "its inputs are not documented"),
    (Job(8, input="reference_images"), "alpha", "does not take reference images as input"),
], ids=["retired", "aspect", "resolution", "no-price", "inputs-undocumented", "input"])
def test_a_model_that_cannot_make_the_job_is_listed_apart_with_the_reason(plans_view, job, model, reason):
    report = job_report(plans_view, job)
    assert _why(report)[model] == reason
    assert model not in {p.model.id for p in report.plans}


def test_nothing_possible(plans_view):
    report = job_report(plans_view, Job(10, aspect_ratio="1:1", resolution="4K"))
    assert report.plans == report.unpriced == ()
    assert set(_why(report)) == {"alpha", "beta", "gamma"}


def test_an_image_input_is_priced_as_text_and_says_so(plans_view):
    plans = job_report(plans_view, Job(8, input="image_first_frame"), ["alpha"]).plans
    assert plans and all("priced as text-to-video; no separate price from an image as the first frame is documented"
                         in map(why_text, p.caveats) for p in plans)


def test_the_plan_and_scheduled_prices_are_not_used(plans_view):
    report = job_report(plans_view, Job(8, resolution="720p"), ["alpha"])
    assert {p.offer.unit for p in report.plans} <= {"second", "credit"}
    assert [cents(p.per_take) for p in report.plans if p.offer.platform.id == "acme-api"] == ["$3.20"]


def test_the_real_30_second_vertical_ad_has_three_priced_plans(real_view):
    report = job_report(real_view, Job(30, "9:16", "1080p", "native", budget=Decimal(10)))
    within = report.within_budget
    assert len({p.model.id for p in within}) >= 3
    cheapest = within[0]  # LaoZhang sells a 1080p Gemini Omni 1.2 Flash clip of up to 10 s for $0.45
    assert f"{cents(cheapest.total)} {cheapest.model.name}: {plan_text(cheapest)}: {sum_text(cheapest)}" == \
        "$1.35 Gemini Omni 1.2 Flash: 3 shots × 10 s, 1080p, with audio on LaoZhang API: 3 clips × $0.45 = $1.35 per take"
    lite = next(p for p in within if p.model.id == "veo-3-1-lite")
    assert cents(lite.total) == "$2.56"  # 32 s × $0.08
    assert all(p.total <= 10 for p in within) and list(report.plans) == sorted(report.plans, key=lambda p: p.total)
    fast = next(p for p in within if p.model.id == "veo-3-1-fast" and p.offer.platform.id == "gemini-api")
    assert f"{plan_text(fast)}: {sum_text(fast)}" == \
        "4 shots × 8 s, 1080p, with audio on Gemini API (Google AI Studio): 32 s × $0.12 = $3.84 per take"


DELTA = """id: delta
name: Delta
vendor: acme
family: alpha
summary: An invented model priced per clip on Resell and per token on Acme API.
source: acme-pricing
as_of: 2026-11-20
lifecycle:
  acme-api: {status: ga}
specs:
  resolutions: [{label: 720p, width: 1280, height: 720}]
  max_clip_seconds: 10
  clip_durations_seconds: [5, 10]
  aspect_ratios: ["16:9"]
  audio: native
offers:
  - {platform: resell, resolution: 720p, audio: true, unit: clip, price_per_clip: "0.25", clip_seconds: 5}
  - {platform: resell, resolution: 720p, audio: true, unit: clip, price_per_clip: "0.40", clip_seconds: 10}
  - {platform: acme-api, resolution: 720p, audio: true, unit: token, tokens_per_second: "10000", price_per_million_tokens: "10"}
"""


def test_clip_and_token_prices_plan_in_their_own_units(tmp_path):
    import shutil
    from pathlib import Path

    from generator.facts.catalog import build_catalog
    from generator.facts.validate import load_dataset

    from ..conftest import PRICING, at

    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    (data / "models" / "delta.yaml").write_text(DELTA)
    view = at(build_catalog(load_dataset(data)))
    report = job_report(view, Job(30, resolution="720p", sound="native"), ["delta"])
    assert [(p.offer.platform.id, p.shots, cents(p.total), sum_text(p)) for p in report.plans] == [
        ("resell", (10, 10, 10), "$1.20", "3 clips × $0.40 = $1.20 per take"),  # whole 10 s clips
        ("acme-api", (10, 10, 10), "$3.00", "30 s × $0.10 = $3.00 per take"),  # 10,000 tokens × $10 per million
    ]
    short = job_report(view, Job(7, resolution="720p", sound="native"), ["delta"]).plans[0]
    assert (short.kind, short.shots, cents(short.total)) == ("single", (10,), "$0.40")  # one 10 s clip beats 2 × 5 s


def test_at_the_same_price_fewer_generations_win(tmp_path):
    import shutil
    from pathlib import Path

    from generator.facts.catalog import build_catalog
    from generator.facts.validate import load_dataset

    from ..conftest import PRICING, at

    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    (data / "models" / "delta.yaml").write_text(DELTA.replace('price_per_clip: "0.40"', 'price_per_clip: "0.50"'))
    view = at(build_catalog(load_dataset(data)))
    plan = job_report(view, Job(30, resolution="720p", sound="native"), ["delta"], "resell").plans[0]
    assert (plan.kind, plan.shots, cents(plan.total)) == ("shots", (10, 10, 10), "$1.50")  # not 6 × 5 s at $0.25


def test_an_extension_call_adds_at_least_its_documented_minimum(tmp_path):
    import shutil
    from pathlib import Path

    from generator.facts.catalog import build_catalog
    from generator.facts.validate import load_dataset

    from ..conftest import EXTENDED_ALPHA, PRICING, at

    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    alpha = data / "models" / "alpha.yaml"
    text = alpha.read_text()
    for old, new in EXTENDED_ALPHA.items():
        text = text.replace(old, new)

    def plan(rule: str):  # noqa: ANN202
        alpha.write_text(text.replace("extension: {step_seconds: 7, max_steps: 3, resolutions: [720p]}", rule))
        report = job_report(at(build_catalog(load_dataset(data))), Job(9, resolution="720p", sound="native"), ["alpha"])
        return next((p.shots, p.steps) for p in report.plans if p.kind == "extension")

    assert plan("extension: {step_seconds: 7, up_to: true, resolutions: [720p]}") == ((8,), (1,))
    # a call adds 3 to 7 s: 8 + 1 is not possible, 6 + 3 is
    assert plan("extension: {step_seconds: 7, up_to: true, min_step_seconds: 3, resolutions: [720p]}") == ((6,), (3,))


def test_a_report_on_some_models_is_the_full_report_on_those_models(plans_view):
    """Listed in any order (an unknown id is ignored), in catalog order as in the full report."""
    job = Job(4, aspect_ratio="9:16")
    full = job_report(plans_view, job)
    some = job_report(plans_view, job, ["gamma", "beta", "nobody"])
    assert [e.model.id for e in some.excluded] == [e.model.id for e in full.excluded if e.model.id in ("beta", "gamma")]
    assert some.plans == tuple(p for p in full.plans if p.model.id in ("beta", "gamma"))
    assert some.excluded and [e.model.id for e in some.excluded] == sorted(
        (e.model.id for e in some.excluded), key=list(plans_view.models).index)


def test_a_view_that_forgets_answers_them_again_the_same(plans_view):
    job = Job(30, aspect_ratio="9:16")
    first = job_report(plans_view, job)
    plans_view.forget()
    assert plans_view.memo == {} and all(s.memo == {} for s in plans_view.models.values())
    assert job_report(plans_view, job) == first
