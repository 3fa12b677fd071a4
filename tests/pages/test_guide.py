"""The guide's pages: every path (on its own page) ends in the recommender's outcome, the
widget's data grows with models × answers, and the issue's example job gets a plan."""

from __future__ import annotations

import json

import pytest

from generator.answers.recommend import recommend
from generator.facts.validate import load_dataset
from generator.pages.guide import PATHS_PAGE, bundle_of, guide_data, paths_context, paths_parts
from generator.pages.recommendation import describe, plan_line

from ..conftest import ARTICLE, ROOT


def _leaves(node, path=()):
    for branch in node.branches:
        if branch.question is not None:
            yield from _leaves(branch.question, path + (branch.label,))
        else:
            yield path + (branch.label,), branch.outcome


def _real_guide():
    return load_dataset(ROOT / "data").vocabularies["decision_guide.yaml"]


def test_every_path_of_the_articles_guide(article_view):
    guide = load_dataset(ARTICLE).vocabularies["decision_guide.yaml"]
    context = paths_context(article_view, guide)
    leaves = dict(_leaves(context.tree))
    assert context.paths == len(leaves) == 8
    drafts = leaves[("Yes", "No", "Iterating on drafts")]
    assert (drafts.recommended.text, drafts.pin_reason) == (
        "Veo 3.1 Fast", "Draft with Fast, then render the final with Veo 3.1 or Sora 2 Pro.")
    assert drafts.recommended.href == "../../models/veo-3-1-fast.md"  # on guide/paths/yes.no.md
    assert leaves[("No", "Yes", "Final quality")].recommended.text == "Sora 2 Pro"


def test_the_paths_after_each_pair_of_first_answers_have_a_page(real_view):
    """1,944 paths on one page were 740 KB of HTML; each page now holds what follows two answers."""
    from generator.pages.render import render_pages
    from generator.pages.plan import Page

    paths = paths_context(real_view, _real_guide())
    parts = paths_parts(paths)
    assert sum(part.paths for _, _, part in parts) == paths.paths == 1944
    page, title, part = next(p for p in parts if p[0] == "guide/paths/final.long.md")
    assert title == "Paths: Going straight to final quality, Longer clips or several scenes in one piece"
    assert (part.all_href, part.guide_href) == ("../paths.md", "../index.md")
    assert part.node.trail == (("Are you iterating on drafts, or going straight to final quality?",
                                "Going straight to final quality"),
                               ("What matters most in this video?", "Longer clips or several scenes in one piece"))
    out = render_pages([Page(PATHS_PAGE, "guide_paths.md.jinja", paths, "Every path", searchable=False),
                        *(Page(p, "guide_paths_part.md.jinja", c, t, searchable=False) for p, t, c in parts)])
    index = out[PATHS_PAGE]
    assert (f"- What matters most in this video? **Longer clips or several scenes in one piece** → "
            f"[the {part.paths} paths that follow](paths/final.long.md)") in index
    assert "Recommended:" not in index  # every path takes more than two answers
    body = out["guide/paths/final.long.md"]
    assert body.count("Recommended:") + body.count("No available model") == part.paths
    assert "](../../models/" in body and "](../models/" not in body
    assert max(len(text.encode()) for text in out.values()) < 200_000


def test_real_guide_outcomes_match_the_recommender(real_view):
    guide = _real_guide()
    context = paths_context(real_view, guide)
    assert context.paths == 1944
    answers = {"pace": "final", "subject": "long", "length": "about-60", "continuity": "one-take",
               "format": "vertical", "resolution": "full-hd", "audio": "yes", "budget": "mid"}
    rec = recommend(real_view, guide, answers)
    assert rec.recommended is None  # 1080p is for 8 s clips only; extension is documented at 720p only
    outcome = dict(_leaves(context.tree))[(
        "Going straight to final quality", "Longer clips or several scenes in one piece", "About 60 seconds",
        "No, it must be one continuous take", "9:16 vertical (Reels, Shorts, TikTok)", "At least 1080p",
        "Yes, native audio", "Up to $10")]
    assert outcome.no_match.startswith("No available model meets every requirement. Without “")
    assert outcome.no_match == (f"No available model meets every requirement. Without “{describe(rec.relax.requirement)}”:"
                                f" {rec.relax.best.model.name} ({plan_line(rec.relax.best)}).")
    assert rec.relax.requirement.finished_seconds is None  # never "make a shorter video"


def test_the_issues_example_job(real_view):
    """A 30-second vertical product ad with voice-over, 1080p, under $10."""
    answers = {"pace": "final", "subject": "physics", "product-image": "no", "length": "about-30",
               "continuity": "cuts", "format": "vertical", "resolution": "full-hd", "audio": "yes", "budget": "mid"}
    rec = recommend(real_view, _real_guide(), answers)
    assert (rec.job.seconds, rec.job.aspect_ratio, rec.job.resolution, rec.job.sound, str(rec.job.budget)) == (
        30, "9:16", "1080p", "native", "10")
    for match in (rec.recommended, rec.runner_up):
        assert match.plan.kind == "shots" and match.plan.total <= 10
    assert {m.model.id for m in rec.ranked} >= {"veo-3-1-lite", "veo-3-1-fast", "kling-4-0", "minimax-h3"}
    assert "veo-3-1" not in {m.model.id for m in rec.ranked}  # $12.80 for 32 s at 1080p with audio


def test_the_widget_holds_the_questions_and_the_outcomes_are_in_a_file_per_first_four_answers(real_view):
    from generator.pages.guide import guide_context, outcome_data

    guide = _real_guide()
    paths = paths_context(real_view, guide)
    context = guide_context(real_view, guide, paths)
    data = json.loads(context.data_json)
    assert set(data) == {"start", "depth", "outcomes", "bundleAfter", "today", "staleAfter", "questions"}
    assert len(context.data_json) < 20_000  # questions only: no model, however many there are
    assert data["bundleAfter"] == 4 and all(f.startswith("guide/outcomes/") for f in context.files)
    bundles = {f: json.loads(text) for f, text in context.files.items()}
    assert len(bundles) == 76 and sum(len(b) for b in bundles.values()) == 1944
    assert all(f == f"guide/outcomes/{bundle_of(key)}.json" for f, b in bundles.items() for key in b)
    assert max(len(text) for text in context.files.values()) < 200_000
    answers = {"pace": "final", "subject": "physics", "product-image": "no", "length": "about-30",
               "continuity": "cuts", "format": "vertical", "resolution": "full-hd", "audio": "yes", "budget": "mid"}
    expected = outcome_data(recommend(real_view, guide, answers), real_view.catalog.criteria, real_view.freshness)
    bundle = bundles["guide/outcomes/final.physics.no.about-30.json"]
    assert bundle["final.physics.no.about-30.cuts.vertical.full-hd.yes.mid"] == expected
    assert expected["recommended"]["plan"].startswith("$") and len(bundle) == 2 * 2 * 3 * 2 * 3  # continuity, format, resolution, sound, budget


@pytest.mark.parametrize("key, bundle", [("final.physics.no.about-30.cuts.vertical.full-hd.yes.mid", "final.physics.no.about-30"),
                                         ("drafts.up-to-8.landscape.any.no.any", "drafts.up-to-8.landscape.any"),
                                         ("a.b.c.d.e", "a.b.c.d"), ("a.b.c.d", "a.b.c"), ("a.b", "a"), ("a", "a")])
def test_a_path_s_outcome_is_in_the_file_of_its_first_four_answers_or_all_but_its_last(key, bundle):
    assert bundle_of(key) == bundle


def _scale_data():
    """``benchmarks/scale_data.py``, which clones the real model files under new ids."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("scale_data", ROOT / "benchmarks" / "scale_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _all_paths(guide) -> list[dict]:  # noqa: ANN001
    questions = {q.id: q for q in guide.questions}
    paths: list[dict] = []

    def walk(question, answers: dict) -> None:  # noqa: ANN001
        for answer in question.answers:
            chosen = {**answers, question.id: answer.id}
            walk(questions[answer.next], chosen) if answer.next else paths.append(chosen)

    walk(questions[guide.start], {})
    return paths


@pytest.mark.parametrize("copies", [1, 3])
def test_every_path_ranks_the_same_when_only_the_top_two_are_planned(copies, tmp_path):
    """The guide's pages plan only the models the ranking reaches; the two first, the retired
    model above them and the relaxation are those of the full recommendation, path by path, on
    the real data and on it with every model three times over (clones tie on every score, so
    whole groups are planned and sorted by cost and name). Two views built apart, so nothing
    memoized by one is reused by the other."""
    from generator.facts.catalog import build_catalog

    from ..conftest import at

    project, _ = _scale_data().make_project(ROOT, tmp_path / "project", 11 * copies)
    dataset = load_dataset(project / "data")
    guide = dataset.vocabularies["decision_guide.yaml"]
    full_view, lean_view = at(build_catalog(dataset)), at(build_catalog(load_dataset(project / "data")))
    paths = _all_paths(guide)
    assert len(paths) == 1944 and len(full_view.models) == 11 * copies
    relaxed = 0
    for answers in paths:
        full, lean = recommend(full_view, guide, answers), recommend(lean_view, guide, answers, top=2)
        assert lean.excluded == () and (full.ranked[:2], full.retired_above, full.relax) == (
            lean.ranked, lean.retired_above, lean.relax), answers
        relaxed += full.relax is not None
    assert relaxed > 100  # the relaxation is exercised, not only the ranking
