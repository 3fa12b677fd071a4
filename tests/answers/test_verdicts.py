"""Use-case verdicts: verdict first, then weighted criteria; retired models never recommended."""

from __future__ import annotations

import datetime as dt

from generator.answers.verdicts import use_case_result
from generator.facts.catalog import build_catalog
from generator.facts.validate import load_dataset

from ..conftest import TODAY, at


def _result(catalog, use_case_id, today=TODAY):
    return use_case_result(at(catalog, today), catalog.use_cases[use_case_id])


def test_article_verdicts_pick_the_articles_models(article_catalog):
    assert _result(article_catalog, "product-advertising").recommended.model.id == "veo-3-1"
    assert _result(article_catalog, "cinematic-storytelling").recommended.model.id == "sora-2-pro"
    education = _result(article_catalog, "education-explainers")
    assert [c.model.id for c in education.ranked] == ["veo-3-1", "sora-2-pro"]
    assert education.runner_up.model.id == "sora-2-pro"


def test_reasons_are_the_weighted_criteria_with_their_sources(article_catalog):
    result = _result(article_catalog, "product-advertising")
    reasons = {r.criterion.id: (r.fact.value, r.fact.shown.source.id, r.weight) for r in result.recommended.reasons}
    assert reasons == {
        "physics-accuracy": ("Excellent", "article", 3),
        "prompt-fidelity": ("Excellent", "article", 3),
        "audio": ("native", "article", 2),
    }
    # Veo scores the full weight on all three. Sora 2 Pro: physics Good and prompt fidelity
    # Good sit half way down their five-label scales (1.5 + 1.5); its audio is the worst (0).
    assert result.recommended.score == 8.0
    assert result.runner_up.model.id == "sora-2-pro" and result.runner_up.score == 3.0


def test_a_retired_top_pick_is_named_and_the_best_available_recommended(real_catalog):
    result = _result(real_catalog, "education-explainers")
    assert [c.model.id for c in result.ranked] == ["veo-3-1", "sora-2-pro", "kling-v3"]
    assert result.recommended.model.id == "veo-3-1"
    # The runner-up has no rating, only an arena score: Kling 3.0's 1,104 with audio (June 2026,
    # Awesome Agents) is the best on that board, Veo 3.1's 1,087 (March 2026, Sora) the worst.
    runner = result.runner_up
    assert (runner.model.id, runner.score) == ("kling-v3", 2.0)
    assert [(r.criterion.id, r.fact.value.elo, r.fact.value.snapshot, r.fact.shown.source.id) for r in runner.reasons] == [
        ("arena-t2v-audio", 1104, "2026-06", "arena-awesomeagents-skyreels-v4")]
    result = _result(real_catalog, "cinematic-storytelling")
    assert [c.model.id for c in result.retired_above] == ["sora-2-pro"]
    # Veo 3.1: cinematic colour Neutral (0 of 3), faces Very good (2.25), multi-scene Limited
    # (1 of 2), abstract prompts Good (0.5 of 1).
    assert (result.recommended.model.id, result.recommended.score) == ("veo-3-1", 3.75)


def test_equal_verdicts_and_scores_are_reported_as_a_tie(article_dir):
    model = article_dir / "models" / "sora-2-pro.yaml"
    text = model.read_text()
    for rating, value in (("physics-accuracy", "Excellent"), ("prompt-fidelity", "Excellent")):
        text = text.replace(f"  {rating}: Good\n", f"  {rating}: {value}\n")
    text = text.replace("  audio: separate_step\n", "  audio: native\n")
    text = text.replace("  education-explainers: {verdict: suitable,", "  education-explainers: {verdict: recommended,")
    model.write_text(text)
    result = _result(build_catalog(load_dataset(article_dir)), "education-explainers")
    assert result.tied
    assert {result.recommended.model.id, result.runner_up.model.id} == {"veo-3-1", "sora-2-pro"}


def test_a_model_without_verdict_or_enough_documented_weight_is_not_ranked(article_dir):
    model = article_dir / "models" / "veo-3-1.yaml"
    text = model.read_text()
    text = text.replace("  character-faces: Very good\n", "").replace("  cinematic-color: Neutral\n", "")
    model.write_text(text)
    # short-films-social weights: character-faces 3, cinematic-color 2, multi-scene 2, arena 2
    # (total 9); Veo now has only multi-scene (2 of 9), no arena score and no verdict for it.
    result = _result(build_catalog(load_dataset(article_dir)), "short-films-social")
    assert [c.model.id for c in result.ranked] == ["sora-2-pro"]


def test_nothing_recommended_when_every_candidate_is_retired(article_dir):
    path = article_dir / "models" / "sora-2-pro.yaml"
    path.write_text(path.read_text() + "lifecycle:\n  picassoia: {status: deprecated, shutdown: 2026-09-24}\n")
    catalog = build_catalog(load_dataset(article_dir))
    before = _result(catalog, "short-films-social", dt.date(2026, 9, 23))
    after = _result(catalog, "short-films-social", dt.date(2026, 9, 24))
    assert before.recommended.model.id == "sora-2-pro"
    assert after.retired_above[0].model.id == "sora-2-pro"
    assert after.recommended.model.id == "veo-3-1"
