"""The recommender: requirements, preferences, pins, retired models, no match; the article golden."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.answers.recommend import AnswerError, check, recommend
from generator.facts import schema as s
from generator.facts.catalog import build_catalog
from generator.facts.validate import load_dataset
from generator.pages.costs import why_text
from generator.pages.recommendation import check_text, describe, plan_line

from ..conftest import ARTICLE, at


@pytest.fixture(scope="module")
def article():
    dataset = load_dataset(ARTICLE)
    return build_catalog(dataset), dataset.vocabularies["decision_guide.yaml"]


def _names(rec) -> list[str]:
    return [m.model.name for m in rec.ranked]


@pytest.mark.parametrize(("answers", "first"), [
    ({"physics": "yes", "human": "no", "pace": "final"}, "Veo 3.1"),
    ({"physics": "no", "human": "yes", "pace": "final"}, "Sora 2 Pro"),
])
def test_the_articles_three_questions_give_the_articles_answers(article, answers, first):
    catalog, guide = article
    assert _names(recommend(at(catalog), guide, answers))[0] == first


@pytest.mark.parametrize("physics", ["yes", "no"])
@pytest.mark.parametrize("human", ["yes", "no"])
def test_drafts_lead_to_veo_3_1_fast_then_a_final_model(article, physics, human):
    catalog, guide = article
    rec = recommend(at(catalog), guide, {"physics": physics, "human": human, "pace": "drafts"})
    assert rec.recommended.model.name == "Veo 3.1 Fast"
    assert rec.recommended.pin.reason == "Draft with Fast, then render the final with Veo 3.1 or Sora 2 Pro."
    assert rec.runner_up.model.name in ("Veo 3.1", "Sora 2 Pro")


def test_preferences_add_up_and_reasons_carry_sources(article):
    catalog, guide = article
    rec = recommend(at(catalog), guide, {"physics": "yes", "human": "yes", "pace": "final"})
    assert rec.preferences == {"physics-accuracy": 3, "character-faces": 3}
    # On their scales: Veo physics Excellent (3) + faces Very good (2.25); Sora Good (1.5) + Excellent (3).
    assert [(m.model.name, m.score) for m in rec.ranked[:2]] == [("Veo 3.1", 5.25), ("Sora 2 Pro", 4.5)]
    reasons = {(r.criterion.id, r.fact.value, r.fact.shown.source.id) for r in rec.recommended.reasons}
    assert reasons == {("physics-accuracy", "Excellent", "article"), ("character-faces", "Very good", "article")}


def test_a_partial_path_names_the_next_question(article):
    catalog, guide = article
    rec = recommend(at(catalog), guide, {"physics": "yes"})
    assert rec.next_question.id == "human"
    assert [(q.id, a.id) for q, a in rec.path] == [("physics", "yes")]


@pytest.mark.parametrize(("answers", "message"), [
    ({"physics": "maybe"}, "'maybe' is not an answer to 'physics'; valid: yes, no"),
    ({"pace": "final"}, "question(s) not on this path: pace"),
])
def test_bad_answers_raise(article, answers, message):
    catalog, guide = article
    with pytest.raises(AnswerError) as exc:
        recommend(at(catalog), guide, answers)
    assert str(exc.value) == message


def _guide(require: list[dict], pin: dict | None = None, prefer: dict | None = None) -> s.DecisionGuideFile:
    answer = {"id": "go", "label": "Go", "require": require, "prefer": prefer or {}, **({"pin": pin} if pin else {})}
    return s.DecisionGuideFile.model_validate({"start": "q", "questions": [
        {"id": "q", "text": "Q?", "answers": [answer, {"id": "other", "label": "Other"}]}]})


def test_requirements_filter_on_the_displayed_facts(real_view):
    guide = _guide([{"aspect_ratio": "9:16"}, {"min_resolution_height": 1080}, {"audio_in": ["native", "optional"]}])
    rec = recommend(real_view, guide, {"q": "go"})
    assert "Veo 3.1" in _names(rec) and "Veo 2" not in _names(rec)
    veo2 = next(m for m in rec.excluded if m.model.id == "veo-2")
    assert [check_text(c) for c in veo2.checks if not c.met] == [
        "Resolution of at least 1080p: 720p (1280×720)", "Audio: Native (always on) or Native (can be turned off): None (silent)",
    ]


def test_unknown_facts_do_not_meet_a_requirement(real_view):
    runway = real_view.models["runway-gen-4-5"]
    result = check(runway, s.Requirement(audio_in=["native"]))
    assert (result.met, check_text(result)) == (False, "Audio: Native (always on): not documented")


def test_a_retired_best_match_is_named_with_the_available_alternative(real_view):
    guide = _guide([{"finished_seconds": 20}, {"continuous": True}], prefer={"character-faces": 1})
    rec = recommend(real_view, guide, {"q": "go"})
    # Sora 2 Pro rates best on faces (the article's "Excellent") but is retired: it is named.
    assert [m.model.id for m in rec.retired_above] == ["sora-2-pro"]
    assert rec.recommended.lifecycle.available
    # Kling 3.0 makes 20 s only as shots cut together: not one continuous take.
    kling = next(m for m in rec.excluded if m.model.id == "kling-v3")
    assert why_text(kling.plan_reason) == "makes 20 s only as shots cut together; no extension is documented"
    veo = next(m for m in rec.ranked if m.model.id == "veo-3-1")
    assert (veo.plan.kind, veo.plan.total, plan_line(veo)) == (
        "extension", None, "Price not documented: a 6 s clip + 2 extensions × 7 s, 720p, with audio on Gemini API"
        " (Google AI Studio) (6 s × $0.40 + 14 s of extension, whose price is not documented)")


def test_a_model_without_a_documented_price_is_unknown_not_unable(tmp_path):
    from ..conftest import estimated_only_view

    view = estimated_only_view(tmp_path)
    rec = recommend(view, _guide([]), {"q": "go"})
    omni = next(m for m in rec.ranked if m.model.id == "gemini-omni-flash")
    assert plan_line(omni) == "Price not documented: only an estimated price is documented"
    budget = recommend(view, _guide([{"max_usd_total": "100"}]), {"q": "go"})
    assert "gemini-omni-flash" not in {m.model.id for m in budget.ranked}


def test_no_match_names_the_requirement_whose_removal_helps_most(real_view):
    guide = _guide([{"finished_seconds": 30}, {"continuous": True}, {"min_resolution_height": 1080},
                    {"max_usd_total": "1"}])
    rec = recommend(real_view, guide, {"q": "go"})
    assert rec.recommended is None
    # The length is the job itself and never offered up. Without the budget, six models make
    # 30 s in one take at 1080p (one generation, or extension); dropping any other requirement
    # gains fewer.
    assert describe(rec.relax.requirement) == "At most $1.00 for the video"
    assert rec.relax.gained == 6 and rec.relax.best.lifecycle.available


def test_a_pin_on_a_retired_model_is_not_recommended(real_view):
    pin = {"model": "sora-2-pro", "reason": "Editor's pick.", "source": "article", "as_of": "2026-11-29"}
    rec = recommend(real_view, _guide([], pin), {"q": "go"})
    assert rec.retired_above[0].model.id == "sora-2-pro" and rec.retired_above[0].pin is not None
    assert rec.recommended.model.id != "sora-2-pro"


def test_budget_uses_prices_buyable_on_the_day(real_catalog):
    rec = recommend(at(real_catalog, dt.date(2026, 11, 29)), _guide([{"max_usd_total": "0.50"}]), {"q": "go"})
    assert "Veo 3.1 Lite" in _names(rec)  # 8 s × $0.03 = $0.24 on Vertex AI, silent
    assert all(m.plan is not None and m.plan.total <= Decimal("0.50") for m in rec.ranked)
    assert "Sora 2" not in _names(rec)  # its $0.05 batch price was on an API that shut down


def test_a_budget_is_checked_against_the_plan_for_what_else_is_required(real_view):
    silent = recommend(real_view, _guide([{"max_usd_total": "1.60"}]), {"q": "go"})
    with_audio = recommend(real_view, _guide([{"max_usd_total": "1.60"}, {"audio_in": ["native"]}]), {"q": "go"})
    # Veo 3.1's $0.20 prices are silent (8 s: $1.60); with audio one 8 s clip costs $3.20.
    assert "Veo 3.1" in _names(silent) and "Veo 3.1" not in _names(with_audio)
    veo = next(m for m in with_audio.excluded if m.model.id == "veo-3-1")
    assert why_text(veo.plan_reason) == "the cheapest plan, $3.20, is over the $1.60 budget"


def test_a_resolution_made_only_for_short_clips_needs_cuts_for_a_longer_take(real_view):
    rec = recommend(real_view, _guide([{"min_resolution_height": 2160}, {"finished_seconds": 8},
                                       {"continuous": True}]), {"q": "go"})
    assert "Veo 3.1" in _names(rec)  # 4K at 8 s is one generation
    rec = recommend(real_view, _guide([{"min_resolution_height": 2160}, {"finished_seconds": 10},
                                       {"continuous": True}]), {"q": "go"})
    assert "Veo 3.1" not in _names(rec)  # 4K only as 8 s clips; extension only at 720p


def test_equal_scores_are_ordered_by_name(article):
    catalog, guide = article
    rec = recommend(at(catalog), guide, {"physics": "no", "human": "no", "pace": "final"})
    assert [(m.model.name, m.score) for m in rec.ranked] == [
        ("Sora 2 Pro", 0.0), ("Veo 3.1", 0.0), ("Veo 3.1 Fast", 0.0)]
