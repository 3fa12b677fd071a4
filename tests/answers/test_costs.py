"""What clips cost: figures to the cent, exclusions with their reasons, one outcome for every
length beyond the longest (generator.answers.costs.cost_report, the calculator's one code path)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.answers.costs import ClipRequest, cost_report
from generator.pages.costs import why_text
from generator.pages.format import cents


def _rows(report):
    return [(q.model.id, q.offer.platform.id, q.billed_seconds, cents(q.per_clip), cents(q.total)) for q in report.quotes]


def _why(report):
    return {e.model.id: why_text(e.reason) for e in report.excluded}


def test_cheapest_first_to_the_cent(pricing_view):
    # 3 usable clips of 5 s, 2 takes each = 6 generations.
    report = cost_report(pricing_view, ClipRequest(5, clips=3, takes=2, audio=True))
    assert _rows(report) == [
        ("beta", "beta-api", 5, "$0.63", "$3.78"),     # 0.9 credits × $0.14 = $0.126/s × 5 s; × 6
        ("alpha", "resell", 6, "$2.10", "$12.60"),     # 35 credits × $0.01 = $0.35/s; 5 s is billed as 6 s
        ("alpha", "acme-api", 6, "$2.40", "$14.40"),   # $0.40/s (current entry) × 6 s; × 6
    ]
    assert tuple(map(why_text, report.quotes[1].caveats)) == ("billed as 6 s (lengths: 4, 6 or 8 s)",)
    assert report.quotes[0].total == Decimal("3.780")  # exact until display


def test_rounding_happens_only_for_display(pricing_view):
    report = cost_report(pricing_view, ClipRequest(7, clips=3, resolution="720p", audio=False))
    [beta] = [q for q in report.quotes if q.model.id == "beta"]
    assert (beta.per_clip, beta.total) == (Decimal("0.588"), Decimal("1.764"))  # 0.084 × 7; × 3
    assert (cents(beta.per_clip), cents(beta.total)) == ("$0.59", "$1.76")
    assert cents(Decimal("0.005")) == "$0.01" and cents(Decimal("1234.5")) == "$1,234.50"


@pytest.mark.parametrize(("request_", "model", "reason"), [
    (ClipRequest(12), "alpha", "longest single generation is 8 s"),
    (ClipRequest(16), "beta", "longest single generation is 15 s"),
    (ClipRequest(4), "gamma", "retired on 2026-09-24"),
    (ClipRequest(4, aspect_ratio="9:16"), "beta", "offers 16:9, 1:1, not 9:16"),
    (ClipRequest(6, resolution="1080p"), "alpha", "1080p only for 8 s clips"),
    (ClipRequest(8, resolution="1080p", audio=True), "beta", "no documented price for 1080p with audio"),
    (ClipRequest(8, resolution="4K"), "beta", "offers 720p, 1080p, not 4K"),
], ids=["too-long", "too-long-2", "retired", "aspect", "resolution-length", "no-price", "resolution"])
def test_a_model_that_cannot_make_the_clip_is_listed_apart_with_the_reason(pricing_view, request_, model, reason):
    report = cost_report(pricing_view, request_)
    assert _why(report)[model] == reason
    assert model not in {q.model.id for q in report.quotes}


def test_silent_clips_on_an_always_on_audio_model_are_priced_with_audio(pricing_view):
    report = cost_report(pricing_view, ClipRequest(8, audio=False))
    alpha = [q for q in report.quotes if q.model.id == "alpha"]
    assert {q.offer.platform.id for q in alpha} == {"acme-api", "resell"}
    assert all("audio is always on here, so the price includes it" in map(why_text, q.caveats) for q in alpha)


def test_the_plan_and_scheduled_prices_are_not_used(pricing_view):
    report = cost_report(pricing_view, ClipRequest(8, resolution="720p"))
    assert {q.offer.unit for q in report.quotes} <= {"second", "credit"}
    assert [cents(q.per_clip) for q in report.quotes if q.offer.platform.id == "acme-api"] == ["$3.20"]


def test_lengths_beyond_the_longest_share_one_outcome(pricing_view):
    assert _why(cost_report(pricing_view, ClipRequest(16))) == \
        _why(cost_report(pricing_view, ClipRequest(600)))
