"""The calculator page and the cost text: worked examples by plan, the widget's data, the
terminal text and the words of every reason and caveat, all from the planner."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from generator.answers.plans import CHECKS, Job, job_report, shot_options
from generator.pages.calculator import calculator_data, worked_examples
from generator.pages.costs import cost_text, why_text


def test_worked_examples_are_jobs_priced_by_plan(real_view):
    tables = worked_examples(real_view)
    assert [t.seconds for t in tables] == [8, 15, 30]
    assert tables[0].columns == ("16:9, with sound", "16:9, sound added later", "9:16, with sound",
                                 "9:16, sound added later")
    lite = dict((link.text, cells) for link, cells in tables[2].rows)["Veo 3.1 Lite"]
    # 32 s × $0.08 with sound; the Gemini API documents no silent 1080p price, so the same
    assert [c.text for c in lite] == ["$2.56: 4 shots × 8 s on Gemini API (Google AI Studio)"] * 4
    assert [link.text for link, _ in tables[2].rows][:2] == ["Gemini Omni 1.2 Flash", "MiniMax H3"]  # cheapest first
    sora = dict((link.text, cells) for link, cells in tables[0].rows)["Sora 2 Pro"]
    assert sora[0].text == "No plan: retired on 2026-09-24" and not sora[0].available


def test_widget_data_holds_the_checks_and_options_of_the_planner(plans_view):
    data = calculator_data(plans_view)
    assert data["checks"] == list(CHECKS)
    assert data["choices"] == {"resolution": ["", "720p", "1080p"], "sound": ["", "native", "added", "silent"],
                               "input": ["text", "image_first_frame", "reference_images"],
                               "aspect": ["", "16:9", "1:1", "9:16"]}
    def reasons(checks: list) -> list:  # noqa: ANN001
        return [None if i is None else data["reasons"][i] for i in checks]

    beta = next(m for m in data["models"] if m["name"] == "Beta")
    assert reasons(beta["checks"]["aspect"]) == [None, None, None, "offers 16:9, 1:1, not 9:16"]
    assert reasons(beta["checks"]["input"]) == [None, "its inputs are not documented", "its inputs are not documented"]
    assert beta["id"] == "beta" and data["modelsHref"] == "../../models/"
    gamma = next(m for m in data["models"] if m["name"] == "Gamma")
    assert reasons(gamma["checks"]["price"]) == ["retired on 2026-09-24"] * 3  # per input
    # 1080p, sound made with the picture: Beta has no such price, from text or from images.
    assert data["outcomes"][beta["outcomes"][2 * 4 + 1]] == {"text": [], "images": []}
    assert data["reasons"][data["noPrice"][2 * 4 + 1]] == "no documented price for 1080p or higher with audio"
    alpha = next(m for m in data["models"] if m["name"] == "Alpha")
    options = data["outcomes"][alpha["outcomes"][1 * 4 + 1]]["text"]  # 720p, native: the text-to-video prices
    expected = shot_options(plans_view.models["alpha"], Job(1, resolution="720p", sound="native"))
    assert [[data["offers"][o[0]]["platform"], o[1]] for o in options] == \
        [[o.offer.platform.name, list(o.lengths)] for o in expected]
    assert data["caveats"][data["asText"]["reference_images"]] == \
        "priced as text-to-video; no separate price with reference images is documented"
    assert [data["offers"][o[3]]["rate"] if o[3] is not None and o[3] >= 0 else o[3] for o in options] == ["$0.20", None, -1]
    assert alpha["extension"] | {"caveat": None} == {"step": 7, "upTo": False, "minStep": None, "maxSteps": 3, "base": None,
                                                      "maxTotal": 29, "caveat": None}


def test_widget_data_grows_with_models_and_choices_not_lengths(real_view):
    data = calculator_data(real_view)
    choices = data["choices"]
    per_model = len(choices["resolution"]) * len(choices["sound"])  # the input picks among the same offers
    assert all(len(m["outcomes"]) == per_model for m in data["models"])
    # 95 bytes per model and choice on the 32 models of December 2026 (three times as many choices,
    # one per input, were 43 bytes each: 39% more in all)
    assert len(json.dumps(data)) < 120 * len(data["models"]) * per_model


def test_terminal_text(plans_view):
    report = job_report(plans_view, Job(20, resolution="720p", sound="native", takes=2, budget=Decimal(12)),
                        ["alpha"])
    assert cost_text(report).splitlines() == [
        "Job: 20 s, any aspect ratio, 720p or higher, sound made with the picture, from text, 1 video,"
        " 2 takes per shot, budget $12.00",
        "3 priced plan(s), cheapest first, 1 within budget:",
        "  $10.40 — Alpha: a 6 s clip + 2 extensions × 7 s, 720p, with audio on Acme API:"
        " 6 s × $0.40 + 14 s × $0.20 = $5.20 per take × 2 takes",
        "      source: Acme pricing page, checked 2026-11-20",
        "      source: Acme pricing page, checked 2026-11-20",
        "      note: one continuous clip; extension works at 720p only",
        "  $14.00 (over budget) — Alpha: 3 shots (2 × 8 s + 4 s), 720p, with audio on Resell:"
        " 20 s × $0.35 = $7.00 per take × 2 takes",
        "      source: Resell pricing page, checked 2026-11-20",
        "      note: shots are separate generations; keep them alike with a first-frame image",
        "  $16.00 (over budget) — Alpha: 3 shots (2 × 8 s + 4 s), 720p, with audio on Acme API:"
        " 20 s × $0.40 = $8.00 per take × 2 takes",
        "      source: Acme pricing page, checked 2026-11-20",
        "      note: shots are separate generations; keep them alike with a first-frame image",
        "Possible, price not documented:",
        "  price not documented — Alpha: a 6 s clip + 2 extensions × 7 s, 720p, with audio on Resell:"
        " 6 s × $0.35 + 14 s of extension, whose price is not documented",
        "      source: Resell pricing page, checked 2026-11-20",
        "      note: one continuous clip; extension works at 720p only",
    ]


def test_every_reason_and_caveat_the_costs_give_has_words():
    import generator.answers.costs as costs
    import generator.answers.jobs as jobs
    import generator.answers.plans as plans
    import generator.answers.standing as standing
    from generator.pages.costs import WHY_WORDS

    made = {kind for module in (costs, jobs, plans, standing) for kind in re.findall(r'\bwhy\("(\w+)"', Path(module.__file__).read_text())}
    documented = set(re.findall(r"``(\w+)``", costs.Why.__doc__)) - {"kind", "why"}
    assert made == documented == set(WHY_WORDS)
    assert why_text(costs.why("shots_cut", aids=[])).endswith("no reference image or first or last frame to keep them alike")
