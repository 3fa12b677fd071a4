"""Arena scores (issue 12): Elo from blind pairwise votes as dated claims, per modality and pool;
ranked on one leaderboard, aged by the board's snapshot, used by head-to-heads, use cases and
the guide's final-quality answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.answers.criteria import head_to_head, winner
from generator.answers.freshness import stale_facts
from generator.answers.recommend import recommend
from generator.answers.verdicts import use_case_result
from generator.facts.catalog import ResolvedClaim, ResolvedFact, build_catalog
from generator.facts.validate import load_dataset
from generator.pipeline import load

from .. import helpers
from ..conftest import FIXTURES, ROOT, at

FIXTURE = FIXTURES / "article"

SCORE_CRITERION = """\
  - id: arena-t2v
    name: Arena score, text to video
    kind: score
    leaderboard: Artificial Analysis Video Arena
"""
SCORES = """\
scores:
  arena-t2v:
    - value: {elo: 1300, leaderboard: Artificial Analysis Video Arena, snapshot: 2026-10}
      source: article
      as_of: 2026-11-29
"""


@pytest.fixture
def scored(article_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The article fixture with one score criterion and a score for Veo 3.1."""
    monkeypatch.chdir(article_dir.parent)
    criteria = article_dir / "criteria.yaml"
    criteria.write_text(criteria.read_text() + SCORE_CRITERION)
    model = article_dir / helpers.MODEL
    model.write_text(model.read_text() + SCORES)
    return article_dir


def _veo(data: Path, old: str, new: str) -> list[str]:
    text = (data / helpers.MODEL).read_text()
    return helpers.problems(data, {helpers.MODEL: helpers.edit(text, old, new)})


def test_a_score_is_aged_by_its_snapshot_not_the_day_it_was_read(scored):
    fact = build_catalog(load(scored)).models["veo-3-1"].scores["arena-t2v"]
    assert (fact.value.elo, fact.value.snapshot, fact.shown.as_of) == (1300, "2026-10", dt.date(2026, 10, 1))


def test_a_snapshot_after_the_day_it_was_read_is_located(scored):
    assert _veo(scored, "snapshot: 2026-10}", "snapshot: 2026-12-01}")[-1].endswith(
        ": scores.arena-t2v[0].value.snapshot: snapshot 2026-12-01 is after the day the score was read (2026-11-29)")


def test_scores_go_under_score_criteria_and_ratings_under_rating_criteria(scored):
    found = _veo(scored, "scores:\n  arena-t2v:", "scores:\n  physics-accuracy:")
    assert any("scores.physics-accuracy: criterion 'physics-accuracy' is a rating criterion; only score "
               "criteria take scores" in p for p in found)
    found = _veo(scored, "ratings:\n", "ratings:\n  arena-t2v: Excellent\n")
    assert any("ratings.arena-t2v: criterion 'arena-t2v' is a score criterion; record it under 'scores'; "
               "it takes no rating" in p for p in found)


def test_a_score_criterion_names_its_leaderboard(scored):
    criteria = (scored / "criteria.yaml").read_text()
    found = helpers.problems(scored, {"criteria.yaml": criteria.replace(
        "    leaderboard: Artificial Analysis Video Arena\n", "")})
    assert any("a score criterion needs 'leaderboard'" in p for p in found)


def test_check_stale_reports_an_old_snapshot_at_its_line(scored):
    dataset = load_dataset(scored)
    view = at(build_catalog(dataset), dt.date(2027, 1, 30))
    [problem] = [p for p in stale_facts(dataset, view) if "snapshot" in str(p)]
    assert str(problem).endswith("scores.arena-t2v[0].value.snapshot: leaderboard snapshot 2026-10, 121 days ago "
                                 "(stale after 90 days)")


def test_scores_from_two_boards_are_two_claims_and_never_ranked_against_each_other(real_catalog):
    criterion = real_catalog.criteria["arena-t2v-silent"]
    ours = real_catalog.models["happyhorse-1-0"].scores["arena-t2v-silent"]
    other_board = ResolvedFact((ResolvedClaim(
        ours.value.model_copy(update={"leaderboard": "LMArena Text-to-Video", "elo": 1500}),
        ours.shown.source, ours.shown.as_of),))
    assert winner(criterion, ours, other_board) is None
    both = ResolvedFact(ours.claims + other_board.claims)
    assert not both.disputed  # another board's figure is its own claim, not a contradiction


def test_the_newest_snapshot_is_shown_and_older_ones_are_history(real_catalog):
    fact = real_catalog.models["kling-v3"].scores["arena-t2v-audio"]
    assert [(c.value.elo, c.value.snapshot, c.source.id) for c in fact.claims] == [
        (1104, "2026-06", "arena-awesomeagents-skyreels-v4"), (1097, "2026-03", "arena-sovra-skyreels-v4")]
    assert not fact.disputed


def test_head_to_head_compares_the_pools_on_elo(real_view):
    rows = {r.criterion.id: r for r in head_to_head(real_view, "happyhorse-1-0", "seedance-2-0").rows}
    # April 2026 text to video, picture only (happyhorsemodel.ai): 1,333 against 1,273; May 2026
    # image to video with audio (tryhappyhorseai.com): 1,163 against Seedance's 1,164.
    assert (rows["arena-t2v-silent"].a.value.elo, rows["arena-t2v-silent"].b.value.elo,
            rows["arena-t2v-silent"].winner) == (1333, 1273, "a")
    assert (rows["arena-i2v-audio"].a.value.elo, rows["arena-i2v-audio"].b.value.elo,
            rows["arena-i2v-audio"].winner) == (1163, 1164, "b")
    assert rows["arena-t2v-audio"].winner is None


def test_a_use_case_ranks_models_whose_only_quality_signal_is_a_score(real_view):
    result = use_case_result(real_view, real_view.catalog.use_cases["cinematic-storytelling"])
    available = [c for c in result.ranked if c.lifecycle.available]
    # Veo 3.1 on the article's ratings; then HappyHorse 1.0, the best text-to-video score (1,333)
    # among the models scored on that board, weight 2.
    assert [(c.model.id, round(c.score, 2)) for c in available[:2]] == [("veo-3-1", 3.75), ("happyhorse-1-0", 2.0)]
    assert [(r.criterion.id, r.fact.value.elo) for r in available[1].reasons] == [("arena-t2v-silent", 1333)]
    left_out = dict((m.id, why) for m, why in result.left_out)
    assert left_out["kling-4-0"] == "no_signal" and "happyhorse-1-0" not in left_out


def test_final_quality_weighs_the_image_to_video_score_when_starting_from_an_image(real_view):
    guide = load(ROOT / "data").vocabularies["decision_guide.yaml"]
    rec = recommend(real_view, guide, {"pace": "final", "subject": "physics", "product-image": "yes",
                                       "length": "up-to-8"})
    assert rec.preferences == {"arena-t2v-silent": 2, "physics-accuracy": 3, "prompt-fidelity": 2,
                               "arena-i2v-silent": 2}
    seedance = next(m for m in rec.ranked if m.model.id == "seedance-2-0")
    assert {r.criterion.id: r.fact.value.elo for r in seedance.reasons} == {
        "arena-t2v-silent": 1273, "arena-i2v-silent": 1358}


def test_diff_reports_a_new_score_as_a_data_change(article_dir, scored):
    from generator.pages.changes import data_changes

    before = at(build_catalog(load_dataset(FIXTURE)))
    after = at(build_catalog(load_dataset(scored)))
    changes = [(c.kind, c.subject, c.before, c.after) for c in data_changes(before, after)]
    assert changes == [("rating", "Veo 3.1, Arena score, text to video", "—", "1,300 (2026-10)")]


def test_the_head_to_head_lists_criteria_neither_side_documents_once(real_view):
    from generator.pages.compare import compare_context

    c = compare_context(real_view, "happyhorse-1-0", "seedance-2-0", "compare/happyhorse-1-0-vs-seedance-2-0.md")
    assert "Physics accuracy" in c.unknown and "Arena score, text to video with audio" in c.unknown
    assert [r.criterion for r in c.rows] == [
        "Video resolution", "Clip length", "Audio generation", "Arena score, text to video",
        "Arena score, image to video", "Arena score, image to video with audio", "Lowest price per second"]
    assert (c.rows[3].a.value, c.rows[3].a.dated, c.rows[3].a.as_of) == ("1,333 (#1, 2026-04)", "snapshot", "2026-04")
    assert c.undecided == 8  # the score line still counts them


def test_a_leaderboard_spelt_nearly_like_the_criterions_is_located(scored):
    [problem] = _veo(scored, "leaderboard: Artificial Analysis Video Arena, snapshot",
                     "leaderboard: Artificial Analysis Video arena, snapshot")
    assert problem.endswith(": scores.arena-t2v[0].value.leaderboard: 'Artificial Analysis Video arena' is not the "
                            "criterion's leaderboard 'Artificial Analysis Video Arena' (a score on another board is "
                            "never ranked); did you mean 'Artificial Analysis Video Arena'?")
    text = (scored / helpers.MODEL).read_text().replace("leaderboard: Artificial Analysis Video arena, snapshot",
                                                         "leaderboard: LMArena Text-to-Video, snapshot")
    (scored / helpers.MODEL).write_text(text)
    # another board altogether is a claim of its own, not a typo
    assert "LMArena Text-to-Video" in build_catalog(load(scored)).models["veo-3-1"].scores["arena-t2v"].value.leaderboard


def test_a_score_counts_by_its_chance_against_the_best_on_the_board(real_view):
    from generator.answers.verdicts import positions

    places = positions(real_view, real_view.catalog.criteria["arena-t2v-silent"])
    # HappyHorse 1.0 leads with 1,333 (April 2026); PixVerse V6's 1,240 is 93 below:
    # 1 − 2 / (1 + 10^(93/400)) = 0.26 of the way down, not the bottom of a min-max scale.
    assert places["happyhorse-1-0"] == 0.0
    assert round(places["pixverse-v6"], 4) == 0.2615
    result = use_case_result(real_view, real_view.catalog.use_cases["cinematic-storytelling"])
    assert "pixverse-v6" in [c.model.id for c in result.ranked]


def test_a_head_to_head_compares_scores_from_a_snapshot_both_sides_have(real_view):
    row = next(r for r in head_to_head(real_view, "veo-3-1", "kling-v3").rows if r.criterion.id == "arena-t2v-audio")
    # Kling's newest is 1,104 (June 2026), but Veo 3.1 has only March 2026 (Sovra): compare
    # Kling's March figure from the same page, 1,097 against 1,087.
    assert [(f.value.elo, f.value.snapshot) for f in (row.a, row.b)] == [(1087, "2026-03"), (1097, "2026-03")]
    assert row.winner == "b" and row.b.claims[1].value.elo == 1104  # the newer figure stays a claim
