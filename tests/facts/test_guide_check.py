"""decision_guide.yaml: reachable questions, no cycles, two answers or more, references resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from .. import helpers

GUIDE = """\
start: physics
questions:
  - id: physics
    text: Does the content require physics accuracy?
    answers:
      - {id: "yes", label: "Yes", prefer: {physics-accuracy: 3}, next: pace}
      - {id: "no", label: "No", next: pace}
  - id: pace
    text: Drafts or final?
    answers:
      - id: drafts
        label: Drafts
        pin: {model: veo-3-1-fast, reason: Draft first., source: article, as_of: 2026-11-29}
      - {id: final, label: Final}
"""
G = "data/decision_guide.yaml"


@pytest.fixture
def data(article_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(article_dir.parent)
    return article_dir


def guide_problems(data: Path, old: str, new: str, text: str = GUIDE) -> list[str]:
    return helpers.problems(data, {"decision_guide.yaml": helpers.edit(text, old, new)})


def test_the_small_guide_is_valid(data: Path) -> None:
    from generator.facts.validate import load_dataset

    (data / "decision_guide.yaml").write_text(GUIDE)
    assert load_dataset(data).vocabularies["decision_guide.yaml"].start == "physics"


def test_unknown_start_and_next_list_near_matches(data: Path) -> None:
    assert guide_problems(data, "next: pace}\n      - {id: \"no\"", "next: paces}\n      - {id: \"no\"") == [
        f"{G}:6:72: questions[0].answers[0].next: unknown question 'paces'; did you mean 'pace'?",
    ]
    assert guide_problems(data, "start: physics", "start: physic") == [
        f"{G}:1:8: start: unknown question 'physic'; did you mean 'physics'?",
    ]


def test_a_question_nobody_reaches(data: Path) -> None:
    text = GUIDE + "  - id: orphan\n    text: Never asked?\n    answers:\n      - {id: a, label: A}\n      - {id: b, label: B}\n"
    assert helpers.problems(data, {"decision_guide.yaml": text}) == [
        f"{G}:15:9: questions[2].id: question 'orphan' cannot be reached from 'physics'",
    ]


def test_a_path_that_loops(data: Path) -> None:
    assert guide_problems(data, "{id: final, label: Final}", "{id: final, label: Final, next: physics}") == [
        f"{G}:14:41: questions[1].answers[1].next: 'physics' leads back to an earlier question "
        "(physics → pace → physics): paths must end",
    ]


def test_a_question_needs_two_answers(data: Path) -> None:
    assert guide_problems(data, "      - {id: final, label: Final}\n", "") == [
        f"{G}:11:7: questions[1].answers: List should have at least 2 items after validation, not 1",
    ]


def test_references_in_answers(data: Path) -> None:
    text = helpers.edit(GUIDE, "physics-accuracy: 3", "physics: 3")
    text = helpers.edit(text, "model: veo-3-1-fast", "model: veo-3-1-fats")
    text = helpers.edit(text, "source: article", "source: artcle")
    assert helpers.problems(data, {"decision_guide.yaml": text}) == [
        f"{G}:6:44: questions[0].answers[0].prefer.physics: unknown criterion 'physics'; "
        "did you mean 'physics-accuracy'? (criteria are defined in criteria.yaml)",
        f"{G}:13:22: questions[1].answers[0].pin.model: unknown model 'veo-3-1-fats'; "
        "did you mean 'veo-3-1-fast' or 'veo-3-1'?",
        f"{G}:13:66: questions[1].answers[0].pin.source: unknown source 'artcle'; did you mean 'article'? "
        "(sources are defined in sources.yaml)",
    ]


def test_duplicate_ids(data: Path) -> None:
    assert guide_problems(data, "{id: final, label: Final}", "{id: drafts, label: Final}") == [
        f"{G}:14:14: questions[1].answers[1].id: duplicate answer id 'drafts'",
    ]


def test_a_requirement_sets_exactly_one_field(data: Path) -> None:
    found = guide_problems(data, "{id: final, label: Final}",
                           "{id: final, label: Final, require: [{aspect_ratio: \"9:16\", finished_seconds: 8}]}")
    assert found == [f"{G}:14:45: questions[1].answers[1].require[0]: a requirement sets exactly one of: "
                     "audio_in, min_resolution_height, aspect_ratio, input, finished_seconds, continuous, "
                     "max_usd_total"]


def test_a_loop_in_the_real_guide_is_reported_once_at_the_line_that_made_it(article_dir: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The last question pointing back to the second: the search meets the loop first at
    questions the editor did not touch (it was reported at eight of their answers)."""
    import shutil

    root = Path(__file__).resolve().parents[2]
    shutil.copy(root / "data" / "decision_guide.yaml", article_dir / "decision_guide.yaml")
    monkeypatch.chdir(article_dir.parent)
    lines = (article_dir / "decision_guide.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "label: Up to $2")
    lines.insert(at + 1, lines[at].replace("label: Up to $2", "next: subject"))
    found = helpers.problems(article_dir, {"decision_guide.yaml": "\n".join(lines) + "\n"})
    loops = [p for p in found if "leads back" in p]
    assert loops == [f"{G}:{at + 2}:15: questions[8].answers[0].next: 'subject' leads back to an earlier question "
                     "(subject → product-image → length → format → resolution → audio → budget → subject): "
                     "paths must end"]
