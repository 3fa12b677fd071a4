"""The calculator page: worked examples, the widget's data, the terminal text and the words of
every reason and caveat, all from the same costs."""

from __future__ import annotations

import itertools
from pathlib import Path

from generator.answers.costs import ClipRequest, cost_report
from generator.pages.costs import calculator_data, cost_text, why_text, worked_examples


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


def test_every_reason_and_caveat_the_costs_give_has_words():
    import re

    import generator.answers.costs as costs
    from generator.pages.costs import WHY_WORDS

    made = set(re.findall(r'\bwhy\("(\w+)"', Path(costs.__file__).read_text()))
    documented = set(re.findall(r"``(\w+)``", costs.Why.__doc__)) - {"kind", "why"}
    assert made == documented == set(WHY_WORDS)
