"""The cost calculator's one code path: figures to the cent, exclusions with their reasons,
the terminal text and the widget's data (all from generator.answers.costs.cost_report)."""

from __future__ import annotations

import itertools
from pathlib import Path
from decimal import Decimal

import pytest

from generator.answers.costs import ClipRequest, cost_report
from generator.cli import main
from generator.pages.costs import calculator_data, cost_text, why_text, worked_examples
from generator.pages.format import cents

from ..conftest import PRICING


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


def test_worked_examples_cover_8_30_and_60_seconds(real_view):
    tables = worked_examples(real_view)
    assert [t.seconds for t in tables] == [8, 30, 60]
    assert tables[0].columns == ("720p, without audio", "720p, with audio", "1080p, without audio",
                                 "1080p, with audio")
    lite = dict((link.text, cells) for link, cells in tables[0].rows)["Veo 3.1 Lite"]
    assert [c.text for c in lite] == [
        "$0.24 on Vertex AI / Gemini Enterprise Agent Platform",  # $0.03 × 8, silent
        "$0.40 on Gemini API (Google AI Studio)",                  # $0.05 × 8, audio always on
        "$0.40 on Vertex AI / Gemini Enterprise Agent Platform",  # $0.05 × 8
        "$0.64 on Gemini API (Google AI Studio)",                  # $0.08 × 8
    ]
    veo = dict((link.text, cells) for link, cells in tables[1].rows)["Veo 3.1"]
    assert veo[0].text == ("Not possible: longest single generation is 8 s; extension reaches 148 s in total,"
                           " not priced here")


def test_widget_data_is_the_same_code_path(pricing_view):
    data = calculator_data(pricing_view)
    assert (data["resolutions"], data["aspects"], data["longest"]) == (["720p", "1080p"], ["16:9", "1:1", "9:16"], 15)
    names = [m["name"] for m in data["models"]]
    options = list(itertools.product(range(1, data["longest"] + 2), ["", *data["resolutions"]],
                                     ["", *data["aspects"]], ["", "yes", "no"]))
    assert len(options) == len(data["grid"])
    for index in (0, 137, len(options) - 1):
        seconds, res, aspect, audio = options[index]
        request = ClipRequest(seconds, resolution=res or None, aspect_ratio=aspect or None,
                              audio={"": None, "yes": True, "no": False}[audio])
        report = cost_report(pricing_view, request)
        for model, outcome_index in zip(names, data["grid"][index]):
            outcome = data["outcomes"][outcome_index]
            quotes = [q for q in report.quotes if q.model.name == model]
            if "reason" in outcome:
                assert outcome["reason"] == next(why_text(e.reason) for e in report.excluded if e.model.name == model)
            else:
                assert sorted(int(q[2]) for q in outcome["quotes"]) == sorted(int(q.per_clip * 10**12) for q in quotes)


def test_lengths_beyond_the_longest_share_one_outcome(pricing_view):
    assert _why(cost_report(pricing_view, ClipRequest(16))) == \
        _why(cost_report(pricing_view, ClipRequest(600)))


def test_terminal_text(pricing_view):
    report = cost_report(pricing_view, ClipRequest(5, takes=2), ["alpha"])
    assert cost_text(report, "Alpha").splitlines() == [
        "Alpha: 1 clip(s) of 5 s, 2 take(s) each, any resolution, any aspect ratio, audio either way",
        "  $4.20 total — Resell · standard · 720p · with audio: $0.35 per second × 6 s = $2.10 per clip"
        " × 2 generation(s)",
        "      source: Resell pricing page, checked 2026-11-20",
        "      note: billed as 6 s (lengths: 4, 6 or 8 s)",
        "  $4.80 total — Acme API · standard · 720p · with audio: $0.40 per second × 6 s = $2.40 per clip"
        " × 2 generation(s)",
        "      source: Acme pricing page, checked 2026-11-20",
        "      note: billed as 6 s (lengths: 4, 6 or 8 s)",
    ]


def test_cost_command(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    args = ["cost", "--data", str(PRICING), "--model", "beta", "--seconds", "7", "--clips", "3",
            "--resolution", "720p", "--no-audio"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "$1.76 total — Beta API · standard · 720p · without audio: $0.084 per second × 7 s = $0.59 per clip" in out
    assert main(["cost", "--data", str(PRICING), "--model", "alpha", "--seconds", "30"]) == 0
    assert "cannot make this clip: longest single generation is 8 s" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--model", "alfa", "--seconds", "8"], "unknown model 'alfa'; did you mean 'alpha'?"),
    (["--model", "alpha", "--seconds", "8", "--platform", "resel"], "unknown platform 'resel'; did you mean 'resell'?"),
    (["--model", "alpha", "--seconds", "0"], "expected a whole number from 1 to 600, got '0'"),
    (["--model", "alpha", "--seconds", "8", "--aspect-ratio", "wide"], "expected an aspect ratio like 16:9, got 'wide'"),
    (["--model", "alpha", "--seconds", "8", "--takes", "99999999999999999999"],
     "expected a whole number from 1 to 1000, got '99999999999999999999'"),
    (["--model", "alpha", "--seconds", "8", "--resolution", "1080"],
     "unknown resolution '1080'; write a label such as 720p, 1080p, 1440p or 4K"),
], ids=["model", "platform", "seconds", "aspect", "huge", "resolution"])
def test_cost_usage_errors_exit_2(capsys, args, message):
    assert main(["cost", "--data", str(PRICING), *args]) == 2
    assert message in capsys.readouterr().err


def test_every_reason_and_caveat_the_costs_give_has_words():
    import re

    import generator.answers.costs as costs
    from generator.pages.costs import WHY_WORDS

    made = set(re.findall(r'\bwhy\("(\w+)"', Path(costs.__file__).read_text()))
    documented = set(re.findall(r"``(\w+)``", costs.Why.__doc__)) - {"kind", "why"}
    assert made == documented == set(WHY_WORDS)
