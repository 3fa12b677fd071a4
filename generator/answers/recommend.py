"""The decision guide's recommender: answers → requirements and preferences → ranked models.

One function, :func:`recommend`, serves the terminal (``videoguide recommend``), the
no-JavaScript page and the widget's data; :mod:`generator.pages.recommendation` words the
results. A model meets a path when it meets every spec requirement and has a plan for the
path's job within its budget (:mod:`generator.answers.standing`). Ranking, among models that
meet and are available on the view's date:

1. models pinned by an answer on the path (editorial verdicts), in path order;
2. the weighted score over the preferred criteria (see :func:`generator.answers.verdicts.weighted_score`);
3. not deprecated before deprecated;
4. the cheaper plan (a model without a documented price last);
5. the model name.

A retired model is never recommended; when one would rank first (judged on everything but its
price, and only when no budget is asked), it is named with the best available alternative. When nothing meets the requirements, the requirement whose removal
lets the most models meet the rest is named with what relaxing it would give.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..facts import schema as s
from ..facts.catalog import ModelRecord, OfferRecord
from ..facts.errors import GuideError
from .asof import AsOf, ModelState, memoized
from .costs import Why
from .lifecycle import LifecycleSummary
from .plans import Job, Plan
from .standing import (SPEC_KINDS, Check, check, job_of, offer_fits, plan_for, qualifies_unplanned,
                       requirement_id)
from .verdicts import Reason, positions, weighted_score


class AnswerError(GuideError):
    """An answer names a question or answer the guide does not have on this path."""


@dataclass(frozen=True)
class Match:
    """One model on a path: its spec checks, its plan for the job (or why there is none),
    its score over the preferred criteria and the editorial pin, if any."""

    model: ModelRecord
    lifecycle: LifecycleSummary
    checks: tuple[Check, ...]
    plan: Plan | None
    plan_reason: Why | None
    score: float
    reasons: tuple[Reason, ...]
    pin: s.Pin | None
    pin_source: s.Source | None = None

    unplanned_ok: bool = False
    """It may qualify without a plan (:func:`generator.answers.standing.qualifies_unplanned`)."""

    @property
    def meets(self) -> bool:
        """Every check met, and a plan found or none needed (see ``unplanned_ok``)."""
        return all(c.met for c in self.checks) and (self.plan is not None or self.unplanned_ok)


@dataclass(frozen=True)
class Relaxation:
    requirement: s.Requirement
    gained: int
    """How many available models meet everything else."""
    best: Match | None


@dataclass(frozen=True)
class Recommendation:
    path: tuple[tuple[s.Question, s.Answer], ...]
    next_question: s.Question | None
    requirements: tuple[s.Requirement, ...]
    job: Job
    preferences: dict[str, int]
    ranked: tuple[Match, ...]
    retired_above: tuple[Match, ...]
    excluded: tuple[Match, ...]
    relax: Relaxation | None

    @property
    def recommended(self) -> Match | None:
        return self.ranked[0] if self.ranked else None

    @property
    def runner_up(self) -> Match | None:
        return self.ranked[1] if len(self.ranked) > 1 else None


def walk(guide: s.DecisionGuideFile, answers: dict[str, str]) -> tuple[tuple, s.Question | None]:
    """The (question, answer) pairs the answers select from ``start``, and the next question.

    Raises :class:`AnswerError` for an unknown answer, or an answer to a question that is not
    on the path.
    """
    questions = {q.id: q for q in guide.questions}
    path, current, used = [], questions[guide.start], set()
    while current is not None and current.id in answers:
        chosen = next((a for a in current.answers if a.id == answers[current.id]), None)
        if chosen is None:
            valid = ", ".join(a.id for a in current.answers)
            raise AnswerError(f"'{answers[current.id]}' is not an answer to '{current.id}'; valid: {valid}")
        path.append((current, chosen))
        used.add(current.id)
        current = questions[chosen.next] if chosen.next else None
    stray = sorted(set(answers) - used)
    if stray:
        raise AnswerError(f"question(s) not on this path: {', '.join(stray)}")
    return tuple(path), current


def _asked(requirements: tuple) -> tuple[Job, bool, list[tuple[s.Requirement, tuple]]]:
    """What a path's requirements ask: the job, whether in one continuous take, and the spec
    requirements with their keys (:func:`requirement_id`)."""
    specs = [(r, requirement_id(r)) for r in requirements if r.kind in SPEC_KINDS]
    return job_of(requirements), any(r.continuous for r in requirements), specs


def _matches(view: AsOf, requirements: tuple, preferences: dict, pins: dict,
             states: tuple[ModelState, ...] | None = None) -> list[Match]:
    """Every model (or those of ``states``) on the path, in the order of the ranking."""
    def fits(offer: OfferRecord) -> bool:
        return offer_fits(offer, requirements)

    places = {cid: _positions(view, cid, requirements, fits) for cid in preferences}
    job, continuous, specs = _asked(requirements)
    out = []
    for state in view.models.values() if states is None else states:
        score, reasons, _ = weighted_score(view, state, preferences, places, fits)
        checks = tuple(check(state, r, key) for r, key in specs)
        plan, why_not = plan_for(state, job, continuous)
        pin = pins.get(state.model.id)
        out.append(Match(state.model, state.lifecycle, checks, plan, why_not, score, reasons, pin,
                         view.catalog.sources[pin.source] if pin else None, qualifies_unplanned(state, job)))
    order = list(pins)
    out.sort(key=lambda m: (order.index(m.model.id) if m.pin else len(order), -round(m.score, 9),
                            m.lifecycle.status == "deprecated", _cost(m), m.model.name))
    return out


def _positions(view: AsOf, criterion_id: str, requirements: tuple, fits) -> dict[str, float]:  # noqa: ANN001
    """:func:`positions` on the criterion among the offers that fit: what fits depends only on
    whether sound is asked for and the highest minimum height, so paths share the answer."""
    audio = any(r.audio_in is not None and "none" not in r.audio_in for r in requirements)
    height = max((r.min_resolution_height for r in requirements if r.min_resolution_height is not None), default=0)
    return memoized(view, ("positions", criterion_id, audio, height),
                    lambda: positions(view, view.catalog.criteria[criterion_id], fits))


NO_COST = Decimal("Infinity")


def _cost(match: Match) -> Decimal:
    """A plan's total for the ranking among equal scores: cheaper first, undocumented last."""
    return match.plan.total if match.plan is not None and match.plan.total is not None else NO_COST


def _meeting(view: AsOf, requirements: tuple) -> tuple[ModelState, ...]:
    """The models that meet ``requirements`` (as :attr:`Match.meets`), in catalog order, kept
    on the view: paths share requirements, and many relax to the same ones."""
    def compute() -> tuple[ModelState, ...]:
        job, continuous, specs = _asked(requirements)
        return tuple(state for state in view.models.values() if all(check(state, r, key).met for r, key in specs)
                     and (plan_for(state, job, continuous)[0] is not None or qualifies_unplanned(state, job)))

    return memoized(view, ("meeting", tuple(requirement_id(r) for r in requirements)), compute)


def _relax(view: AsOf, requirements: tuple, preferences: dict, pins: dict) -> Relaxation | None:
    """The requirement whose removal lets the most available models meet the rest (the first
    on the path among equals), or None when removing any one still leaves none."""
    best: Relaxation | None = None
    for i, requirement in enumerate(requirements):
        if requirement.finished_seconds is not None:
            continue  # the video's length is the job itself, never what to give up
        rest = requirements[:i] + requirements[i + 1:]
        found = tuple(state for state in _meeting(view, rest) if state.lifecycle.available)
        if found and (best is None or len(found) > best.gained):
            best = Relaxation(requirement, len(found), _matches(view, rest, preferences, pins, found)[0])
    return best


def recommend(view: AsOf, guide: s.DecisionGuideFile, answers: dict[str, str],
              excluded: bool = True) -> Recommendation:
    """Rank the models for ``answers`` (question id → answer id) on the view's date; without
    ``excluded``, ``Recommendation.excluded`` is left empty and only the models that meet the
    requirements are scored (the guide's pages ask for every path; the CLI for one).

    Raises :class:`AnswerError` for answers the guide does not have on this path.
    """
    path, next_question = walk(guide, answers)
    requirements = tuple(r for _, a in path for r in a.require)
    preferences: dict[str, int] = {}
    pins: dict[str, s.Pin] = {}
    for _, answer in path:
        for crit, weight in answer.prefer.items():
            preferences[crit] = preferences.get(crit, 0) + weight
        if answer.pin is not None:
            pins.setdefault(answer.pin.model, answer.pin)
    matches = _matches(view, requirements, preferences, pins, None if excluded else _meeting(view, requirements))
    meeting = [m for m in matches if m.meets]
    ranked = tuple(m for m in meeting if m.lifecycle.available)
    cut = meeting.index(ranked[0]) if ranked else len(meeting)
    return Recommendation(
        path=path, next_question=next_question, requirements=requirements, job=job_of(requirements),
        preferences=preferences, ranked=ranked,
        retired_above=tuple(m for m in meeting[:cut] if not m.lifecycle.available)[:1],
        excluded=tuple(m for m in matches if not m.meets),
        relax=None if ranked else _relax(view, requirements, preferences, pins),
    )
