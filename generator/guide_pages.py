"""The "Which model should I use?" page: every path of the decision guide and its outcome.

Outcomes come from :func:`generator.decide.recommend`, the same code as
``videoguide recommend``; the page lists them as nested lists that work without
JavaScript, in print and in the internal wiki.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import format as fmt
from . import schema as s
from .catalog import Catalog
from .decide import Match, Recommendation, describe, recommend
from .views import Link, href, model_page

GUIDE_PAGE = "guide/index.md"


@dataclass(frozen=True)
class Outcome:
    """What a finished path recommends, as short text and links."""

    recommended: Link | None
    recommended_status: str
    runner_up: Link | None
    retired: tuple[Link, ...]
    no_match: str | None
    pin_reason: str | None


@dataclass(frozen=True)
class Branch:
    """One answer: its label, what it requires, and either the next question or the outcome."""

    label: str
    requires: tuple[str, ...]
    question: "Node | None"
    outcome: Outcome | None


@dataclass(frozen=True)
class Node:
    question: str
    help: str | None
    branches: tuple[Branch, ...]


@dataclass(frozen=True)
class GuideContext:
    tree: Node
    paths: int


def _link(match: Match | None) -> Link | None:
    return Link(match.model.name, href(GUIDE_PAGE, model_page(match.model.id))) if match else None


def outcome(rec: Recommendation) -> Outcome:
    no_match = None
    if rec.recommended is None:
        no_match = "No available model meets every requirement."
        if rec.relax is not None:
            best = rec.relax.best.model.name if rec.relax.best else "still no model"
            no_match += f" Without “{describe(rec.relax.requirement)}”: {best}."
    top = rec.recommended
    return Outcome(
        recommended=_link(top),
        recommended_status=fmt.STATUS_LABELS.get(top.lifecycle.status, "lifecycle not documented") if top else "",
        runner_up=_link(rec.runner_up), retired=tuple(_link(m) for m in rec.retired_above),
        no_match=no_match, pin_reason=top.pin.reason if top and top.pin else None,
    )


def _node(catalog: Catalog, guide: s.DecisionGuideFile, question: s.Question, answers: dict[str, str],
          today: dt.date, counter: list[int]) -> Node:
    questions = {q.id: q for q in guide.questions}
    branches = []
    for answer in question.answers:
        chosen = {**answers, question.id: answer.id}
        if answer.next:
            child = _node(catalog, guide, questions[answer.next], chosen, today, counter)
            branches.append(Branch(answer.label, tuple(describe(r) for r in answer.require), child, None))
        else:
            counter[0] += 1
            result = outcome(recommend(catalog, guide, chosen, today))
            branches.append(Branch(answer.label, tuple(describe(r) for r in answer.require), None, result))
    return Node(question.text, question.help, tuple(branches))


def guide_context(catalog: Catalog, guide: s.DecisionGuideFile, today: dt.date) -> GuideContext:
    """The whole tree with the outcome of every path (raises nothing for a validated guide)."""
    counter = [0]
    start = next(q for q in guide.questions if q.id == guide.start)
    tree = _node(catalog, guide, start, {}, today, counter)
    return GuideContext(tree, counter[0])
