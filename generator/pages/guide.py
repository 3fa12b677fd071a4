"""The "Which model should I use?" page: every path of the decision guide and its outcome.

Outcomes come from :func:`generator.answers.recommend.recommend`, the same code as
``videoguide recommend``; the page lists them as nested lists that work without
JavaScript, in print and in the internal wiki.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..answers.asof import AsOf
from ..answers.recommend import Match, Recommendation, recommend
from ..facts import schema as s
from . import format as fmt
from .recommendation import check_text, describe, reason_text
from .views import SOURCES_PAGE, Link, href, model_page, status_text, url_href

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
    """One answer: its label, and either the next question or the outcome."""

    label: str
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
    data_json: str
    """The widget's data: questions and every path's outcome (JSON; the template escapes it
    into an attribute, since Material re-runs <script> elements on instant navigation)."""


def _match_data(match: Match | None) -> dict | None:
    """A ranked model as the widget shows it: name, URL, status and the reasons with sources."""
    if match is None:
        return None

    def reason(text: str, fact) -> dict:  # noqa: ANN001
        if fact is None:
            return {"text": text, "source": None, "href": None, "as_of": None}
        source = fact.shown.source
        return {"text": text, "source": source.title, "as_of": fact.shown.as_of.isoformat(),
                "href": url_href(GUIDE_PAGE, SOURCES_PAGE) + f"#src-{source.id}"}

    reasons = [reason(check_text(c), c.fact) for c in match.checks]
    reasons += [reason(reason_text(r), r.fact) for r in match.reasons]
    return {
        "name": match.model.name, "href": url_href(GUIDE_PAGE, model_page(match.model.id)),
        "status": status_text(match.lifecycle),
        "pin": f"{match.pin.reason} — {match.pin_source.title}, {match.pin.as_of}" if match.pin else None,
        "reasons": reasons,
    }


def outcome_data(rec: Recommendation, no_match: str | None) -> dict:
    """Everything the widget prints for a finished path (``no_match`` from :func:`outcome`)."""
    return {
        "recommended": _match_data(rec.recommended), "runner_up": _match_data(rec.runner_up),
        "retired": [_match_data(m) for m in rec.retired_above], "no_match": no_match,
    }


def path_key(pairs: list[tuple[str, str]]) -> str:
    """``pace=final&subject=human``: the URL query of a path, in question order."""
    return "&".join(f"{q}={a}" for q, a in pairs)


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


def _node(view: AsOf, guide: s.DecisionGuideFile, question: s.Question, answers: dict[str, str],
          outcomes: dict[str, dict]) -> Node:
    questions = {q.id: q for q in guide.questions}
    branches = []
    for answer in question.answers:
        chosen = {**answers, question.id: answer.id}
        if answer.next:
            child = _node(view, guide, questions[answer.next], chosen, outcomes)
            branches.append(Branch(answer.label, child, None))
        else:
            rec = recommend(view, guide, chosen)
            result = outcome(rec)
            outcomes[path_key(list(chosen.items()))] = outcome_data(rec, result.no_match)
            branches.append(Branch(answer.label, None, result))
    return Node(question.text, question.help, tuple(branches))


def guide_context(view: AsOf, guide: s.DecisionGuideFile) -> GuideContext:
    """The whole tree with the outcome of every path (raises nothing for a validated guide)."""
    outcomes: dict[str, dict] = {}
    start = next(q for q in guide.questions if q.id == guide.start)
    tree = _node(view, guide, start, {}, outcomes)
    data = {
        "start": guide.start,
        "questions": {q.id: {"text": q.text, "help": q.help,
                             "answers": [{"id": a.id, "label": a.label, "next": a.next} for a in q.answers]}
                      for q in guide.questions},
        "outcomes": outcomes,
    }
    return GuideContext(tree, len(outcomes), json.dumps(data, ensure_ascii=False, separators=(",", ":")))
