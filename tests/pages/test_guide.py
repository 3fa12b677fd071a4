"""The guide page's tree: every path ends in the recommender's outcome."""

from __future__ import annotations

from generator.answers.recommend import recommend
from generator.facts.validate import load_dataset
from generator.pages.guide import guide_context

from ..conftest import ARTICLE, ROOT


def _leaves(node, path=()):
    for branch in node.branches:
        if branch.question is not None:
            yield from _leaves(branch.question, path + (branch.label,))
        else:
            yield path + (branch.label,), branch.outcome


def test_every_path_of_the_articles_guide(article_view):
    guide = load_dataset(ARTICLE).vocabularies["decision_guide.yaml"]
    context = guide_context(article_view, guide)
    leaves = dict(_leaves(context.tree))
    assert context.paths == len(leaves) == 8
    drafts = leaves[("Yes", "No", "Iterating on drafts")]
    assert (drafts.recommended.text, drafts.pin_reason) == (
        "Veo 3.1 Fast", "Draft with Fast, then render the final with Veo 3.1 or Sora 2 Pro.")
    assert drafts.recommended.href == "../models/veo-3-1-fast.md"
    assert leaves[("No", "Yes", "Final quality")].recommended.text == "Sora 2 Pro"


def test_real_guide_outcomes_match_the_recommender(real_view):
    guide = load_dataset(ROOT / "data").vocabularies["decision_guide.yaml"]
    context = guide_context(real_view, guide)
    assert context.paths == 540
    rec = recommend(real_view, guide, {"pace": "final", "subject": "long", "length": "up-to-60",
                                          "format": "vertical", "resolution": "full-hd", "audio": "yes",
                                          "budget": "mid"})
    assert rec.recommended is None  # 1080p is for 8 s clips only; extension is not documented above 720p
    outcome = dict(_leaves(context.tree))[(
        "Going straight to final quality", "Longer clips or several scenes in one piece",
        "30 to 60 seconds, extending a clip is fine", "9:16 vertical (Reels, Shorts, TikTok)", "At least 1080p",
        "Yes, native audio", "Up to $0.40 per second")]
    assert outcome.no_match == ("No available model meets every requirement. "
                                "Without “A video of at least 60 s (extension allowed)”: Kling 3.0.")


def test_the_issues_example_job(real_view):
    """A 30-second vertical product ad with voice-over, under $10 a clip (≤ $0.33 per second)."""
    guide = load_dataset(ROOT / "data").vocabularies["decision_guide.yaml"]
    rec = recommend(real_view, guide, {"pace": "final", "subject": "physics", "product-image": "no",
                                          "length": "up-to-60", "format": "vertical", "resolution": "any",
                                          "audio": "yes", "budget": "mid"})
    assert rec.recommended.model.name == "Veo 3.1"
    price = next(c for c in rec.recommended.checks if c.requirement.max_usd_per_second is not None)
    assert str(price.fact.value) == "0.40"  # $12 for 30 s: the $10 limit needs the runner-up
    assert rec.runner_up.model.name == "Veo 3.1 Fast"
