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

import itertools
import operator
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from ..facts import schema as s
from ..facts.catalog import ModelRecord, OfferRecord
from ..facts.errors import GuideError
from .asof import AsOf, ModelState, memoized
from .costs import Why
from .lifecycle import LifecycleSummary
from .meeting import NO_COST, asked, models_meeting
from .plans import Job, Plan
from .standing import Check, check, job_of, offer_fits, plan_for, qualifies_unplanned
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


def _matches(view: AsOf, requirements: tuple, preferences: dict, pins: dict,
             states: tuple[ModelState, ...] | None = None) -> list[Match]:
    """Every model (or those of ``states``) on the path, in the order of the ranking."""
    job, continuous, specs = asked(requirements)
    places, fits = _places(view, requirements, preferences)
    out = [_match(view, state, job, continuous, specs, preferences, places, fits, pins)
           for state in (view.models.values() if states is None else states)]
    out.sort(key=lambda m: (*_rank_head(pins, m.model.id, m.score, m.lifecycle), _cost(m), m.model.name))
    return out


def _match(view: AsOf, state: ModelState, job: Job, continuous: bool, specs: list, preferences: dict,
           places: dict, fits, pins: dict) -> Match:  # noqa: ANN001 - fits: an offer filter
    score, reasons, _ = weighted_score(view, state, preferences, places, fits)
    checks = tuple(check(state, r, key) for r, key in specs)
    plan, why_not = plan_for(state, job, continuous)
    pin = pins.get(state.model.id)
    return Match(state.model, state.lifecycle, checks, plan, why_not, score, reasons, pin,
                 view.catalog.sources[pin.source] if pin else None, qualifies_unplanned(state, job))


def _rank_head(pins: dict, model_id: str, score: float, lifecycle: LifecycleSummary) -> tuple:
    """The ranking's first keys: the pin's place on the path, the score, deprecated last."""
    order = list(pins)
    return (order.index(model_id) if model_id in pins else len(order), -round(score, 9),
            lifecycle.status == "deprecated")


def _places(view: AsOf, requirements: tuple, preferences: dict) -> tuple[dict, Callable]:
    """:func:`_positions` of every preferred criterion, and the offer filter they use."""
    def fits(offer: OfferRecord) -> bool:
        return offer_fits(offer, requirements)

    return {cid: _positions(view, cid, requirements, fits) for cid in preferences}, fits


def _top(view: AsOf, requirements: tuple, preferences: dict, pins: dict,
         count: int) -> tuple[list[Match], list[Match]]:
    """The first ``count`` available models that meet the path, in the order of the ranking,
    and the first model no longer available that ranks above them (at most one), as
    :func:`_matches` would rank them. Only the models the walk reaches are planned: the
    models go in order of the ranking's first keys (:func:`_rank_head`, kept per preferences
    and offer filter), one group of equal keys at a time, sorted by cost and name inside."""
    job, continuous, specs = asked(requirements)
    places, fits = _places(view, requirements, preferences)
    costs = models_meeting(view, requirements)
    ranked: list[Match] = []
    retired: list[Match] = []
    for group in _groups(view, requirements, preferences, places, pins, costs):
        for state in sorted(group, key=lambda state: (costs[state.model.id], state.model.name)):
            if state.lifecycle.available:
                ranked.append(_match(view, state, job, continuous, specs, preferences, places, fits, pins))
                if len(ranked) == count:
                    return ranked, retired
            elif not ranked and not retired:
                retired.append(_match(view, state, job, continuous, specs, preferences, places, fits, pins))
    return ranked, retired


def _groups(view: AsOf, requirements: tuple, preferences: dict, places: dict, pins: dict,
            meeting: dict[str, Decimal]):  # noqa: ANN202
    """Yields the models of ``meeting`` (by id) in groups of equal :func:`_rank_head`, best
    first: each pinned model alone, in path order, then the rest by score (deprecated after
    the others), catalog order inside a group."""
    for model_id in pins:
        if model_id in meeting:
            yield (view.models[model_id],)
    scored = memoized(view, ("scored", tuple(preferences.items()), _fit_key(requirements)),
                      lambda: _scored(view, preferences, places))
    rows = ((key, state) for key, model_id, state in scored if model_id in meeting and model_id not in pins)
    for _, group in itertools.groupby(rows, key=operator.itemgetter(0)):  # lazily: the walk stops early
        yield tuple(state for _, state in group)


def _scored(view: AsOf, preferences: dict, places: dict) -> list[tuple[tuple, str, ModelState]]:
    """Every model (key, id, state) with its :func:`_rank_head` apart from pins, sorted
    (stable: catalog order among equals). The score adds up as :func:`weighted_score` does,
    in the same order."""
    out = []
    for model_id, state in view.models.items():
        score = 0.0
        for crit_id, weight in preferences.items():
            place = places[crit_id].get(model_id)
            if place is not None:
                score += weight * (1.0 - place)
        out.append(((-round(score, 9), state.lifecycle.status == "deprecated"), model_id, state))
    out.sort(key=lambda row: row[0])
    return out


def _fit_key(requirements: tuple) -> tuple[bool, int]:
    """What the offers that fit the path depend on: whether sound is asked for, and the
    highest minimum height (see :func:`offer_fits`)."""
    audio = any(r.audio_in is not None and "none" not in r.audio_in for r in requirements)
    height = max((r.min_resolution_height for r in requirements if r.min_resolution_height is not None), default=0)
    return audio, height


def _positions(view: AsOf, criterion_id: str, requirements: tuple, fits) -> dict[str, float]:  # noqa: ANN001
    """:func:`positions` on the criterion among the offers that fit: what fits depends only on
    :func:`_fit_key`, so paths share the answer."""
    return memoized(view, ("positions", criterion_id, _fit_key(requirements)),
                    lambda: positions(view, view.catalog.criteria[criterion_id], fits))


def _cost(match: Match) -> Decimal:
    """A plan's total for the ranking among equal scores: cheaper first, undocumented last."""
    return match.plan.total if match.plan is not None and match.plan.total is not None else NO_COST


def _relax(view: AsOf, requirements: tuple, preferences: dict, pins: dict) -> Relaxation | None:
    """The requirement whose removal lets the most available models meet the rest (the first
    on the path among equals), or None when removing any one still leaves none."""
    best: tuple[s.Requirement, int, tuple] | None = None
    for i, requirement in enumerate(requirements):
        if requirement.finished_seconds is not None:
            continue  # the video's length is the job itself, never what to give up
        rest = requirements[:i] + requirements[i + 1:]
        found = sum(view.models[mid].lifecycle.available for mid in models_meeting(view, rest))
        if found and (best is None or found > best[1]):
            best = (requirement, found, rest)
    if best is None:
        return None
    requirement, found, rest = best
    return Relaxation(requirement, found, _top(view, rest, preferences, pins, 1)[0][0])  # ranked once, for the winner


def recommend(view: AsOf, guide: s.DecisionGuideFile, answers: dict[str, str],
              top: int | None = None) -> Recommendation:
    """Rank the models for ``answers`` (question id → answer id) on the view's date. With
    ``top``, ``ranked`` holds only the first ``top`` models and ``excluded`` is empty: only the
    models the ranking reaches are planned (the guide's pages ask for every path and show
    two; the CLI asks for one path and lists every model).

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
    if top is None:
        matches = _matches(view, requirements, preferences, pins)
        meeting = [m for m in matches if m.meets]
        ranked = tuple(m for m in meeting if m.lifecycle.available)
        cut = meeting.index(ranked[0]) if ranked else len(meeting)
        retired = tuple(m for m in meeting[:cut] if not m.lifecycle.available)[:1]
        excluded = tuple(m for m in matches if not m.meets)
    else:
        first, above = _top(view, requirements, preferences, pins, top)
        ranked, retired, excluded = tuple(first), tuple(above), ()
    return Recommendation(
        path=path, next_question=next_question, requirements=requirements, job=job_of(requirements),
        preferences=preferences, ranked=ranked, retired_above=retired, excluded=excluded,
        relax=None if ranked else _relax(view, requirements, preferences, pins),
    )
