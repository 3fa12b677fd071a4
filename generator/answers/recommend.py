"""The decision guide's recommender: answers → requirements and preferences → ranked models.

One function, :func:`recommend`, serves the terminal (``videoguide recommend``), the
no-JavaScript page and the widget's data; :mod:`generator.pages.recommendation` words the
results. Ranking, among models that meet every requirement and are available on the view's
date:

1. models pinned by an answer on the path (editorial verdicts), in path order;
2. the weighted score over the preferred criteria (see :func:`generator.answers.verdicts.weighted_score`);
3. the model name.

A retired model is never recommended; when one would rank first, it is named with the best
available alternative. When nothing meets the requirements, the requirement that excludes
the most models is named with what relaxing it would give.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any, Callable

from ..facts import schema as s
from ..facts.catalog import ModelRecord, OfferRecord, ResolvedFact
from ..facts.errors import GuideError
from ..facts.fields import resolution_height
from .asof import AsOf, ModelState
from .costs import reduced
from .criteria import lowest_offer_fact
from .lifecycle import LifecycleSummary
from .verdicts import Reason, positions, weighted_score


class AnswerError(GuideError):
    """An answer names a question or answer the guide does not have on this path."""


@dataclass(frozen=True)
class Check:
    """One requirement against one model: met or not, and what decided it.

    ``field`` is the spec field read (``max_clip_seconds`` for a length when the model
    documents no extension; ``lowest_usd_per_second`` for a budget) and ``fact`` the fact
    (None: not documented, which is not met). For a resolution, ``shown`` is the resolution
    that meets it (or the highest one), and ``short_for`` the length in seconds that
    resolution is not made for, when that is why it fails.
    """

    requirement: s.Requirement
    met: bool
    fact: ResolvedFact | None
    field: str
    shown: Any = None
    short_for: int | None = None


@dataclass(frozen=True)
class Match:
    model: ModelRecord
    lifecycle: LifecycleSummary
    checks: tuple[Check, ...]
    score: float
    reasons: tuple[Reason, ...]
    pin: s.Pin | None
    pin_source: s.Source | None = None

    @property
    def meets(self) -> bool:
        return all(c.met for c in self.checks)


@dataclass(frozen=True)
class Relaxation:
    requirement: s.Requirement
    excluded: int
    best: Match | None


@dataclass(frozen=True)
class Recommendation:
    path: tuple[tuple[s.Question, s.Answer], ...]
    next_question: s.Question | None
    requirements: tuple[s.Requirement, ...]
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


def _contains(value: Any, target: Any) -> bool:
    return target in value


def _has_ratio(ratios: list[str], target: str) -> bool:
    """Whether ``ratios`` include ``target`` in lowest terms (Runway's 1280:720 is 16:9)."""
    return reduced(target) in {reduced(r) for r in ratios}


RULES: dict[str, tuple[str, Callable[[Any, Any], bool] | None]] = {
    "audio_in": ("audio", lambda value, modes: value in modes),
    "min_resolution_height": ("max_resolution", None),
    "aspect_ratio": ("aspect_ratios", _has_ratio),
    "min_clip_seconds": ("max_clip_seconds", operator.ge),
    "min_total_seconds": ("max_total_seconds", operator.ge),
    "input": ("inputs", _contains),
    "max_usd_per_second": ("lowest_usd_per_second", operator.le),
}
"""Requirement kind → (the spec field it reads, the test of that value against the target).
Resolutions are tested by :func:`_resolution_check`, which also weighs the length asked for."""


def _offer_fits(offer: OfferRecord, others: tuple[s.Requirement, ...]) -> bool:
    """Whether an offer is for what the other requirements ask: audio on, a high enough resolution."""
    for r in others:
        if r.audio_in is not None and "none" not in r.audio_in and offer.audio is False:
            return False
        if r.min_resolution_height is not None and (
                offer.resolution is None or resolution_height(offer.resolution) < r.min_resolution_height):
            return False  # an offer whose resolution is not stated does not prove the price
    return True


def _fact_for(state: ModelState, r: s.Requirement,
              others: tuple[s.Requirement, ...] = ()) -> tuple[str, ResolvedFact | None]:
    field = RULES[r.kind][0]
    if field == "lowest_usd_per_second":
        return field, lowest_offer_fact(state, lambda o: _offer_fits(o, others))
    specs = state.model.specs
    fact = specs.get(field)
    if field == "max_total_seconds" and fact is None:  # no extension: one generation is the total
        field, fact = "max_clip_seconds", specs.get("max_clip_seconds")
    return field, fact


def _resolution_check(model: ModelRecord, r: s.Requirement, fact: ResolvedFact,
                      others: tuple[s.Requirement, ...]) -> Check:
    """A high enough resolution that also allows the length asked for.

    Uses the model's list of resolutions when documented, else its maximum. A resolution
    limited to some clip durations (``durations_seconds``) does not meet a longer single
    clip, nor a longer video made by extension (extension at that resolution is not
    documented then).
    """
    listed = model.specs.get("resolutions")
    options = list(listed.value) if listed else [fact.value]
    length = max([o.min_clip_seconds or o.min_total_seconds or 0 for o in others] or [0])
    high = [x for x in options if min(x.width, x.height) >= r.min_resolution_height]
    fitting = [x for x in high if not x.durations_seconds or max(x.durations_seconds) >= length]
    source_fact = listed or fact
    if fitting:
        return Check(r, True, source_fact, "max_resolution", fitting[0])
    if high:
        return Check(r, False, source_fact, "max_resolution", high[0], length)
    return Check(r, False, source_fact, "max_resolution", fact.value)


def check(state: ModelState, requirement: s.Requirement, others: tuple[s.Requirement, ...] = ()) -> Check:
    """Whether the model meets ``requirement`` by its displayed facts; unknown is not met.

    A budget is checked against offers that fit ``others`` (audio on, resolution); a
    resolution limited to short clips does not meet a longer single-clip requirement.
    """
    field, fact = _fact_for(state, requirement, others)
    if fact is None:
        return Check(requirement, False, None, field)
    if requirement.min_resolution_height is not None:
        return _resolution_check(state.model, requirement, fact, others)
    return Check(requirement, RULES[requirement.kind][1](fact.value, requirement.target), fact, field, fact.value)


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


def _matches(view: AsOf, requirements: tuple, preferences: dict, pins: dict) -> list[Match]:
    def fits(offer: OfferRecord) -> bool:
        return _offer_fits(offer, requirements)

    places = {cid: positions(view, view.catalog.criteria[cid], fits) for cid in preferences}
    out = []
    for state in view.models.values():
        score, reasons, _ = weighted_score(view, state, preferences, places, fits)
        checks = tuple(check(state, r, requirements) for r in requirements)
        pin = pins.get(state.model.id)
        out.append(Match(state.model, state.lifecycle, checks, score, reasons, pin,
                         view.catalog.sources[pin.source] if pin else None))
    order = list(pins)
    out.sort(key=lambda m: (order.index(m.model.id) if m.pin else len(order), -round(m.score, 9), m.model.name))
    return out


def _relax(view: AsOf, requirements: tuple, preferences: dict, pins: dict, matches: list[Match]) -> Relaxation | None:
    counts = [sum(1 for m in matches if not m.checks[i].met) for i in range(len(requirements))]
    if not counts or max(counts) == 0:
        return None
    worst = counts.index(max(counts))
    rest = requirements[:worst] + requirements[worst + 1:]
    relaxed = [m for m in _matches(view, rest, preferences, pins) if m.meets and m.lifecycle.available]
    return Relaxation(requirements[worst], counts[worst], relaxed[0] if relaxed else None)


def recommend(view: AsOf, guide: s.DecisionGuideFile, answers: dict[str, str]) -> Recommendation:
    """Rank the models for ``answers`` (question id → answer id) on the view's date.

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
    matches = _matches(view, requirements, preferences, pins)
    meeting = [m for m in matches if m.meets]
    ranked = tuple(m for m in meeting if m.lifecycle.available)
    cut = meeting.index(ranked[0]) if ranked else len(meeting)
    return Recommendation(
        path=path, next_question=next_question, requirements=requirements, preferences=preferences,
        ranked=ranked, retired_above=tuple(m for m in meeting[:cut] if not m.lifecycle.available),
        excluded=tuple(m for m in matches if not m.meets),
        relax=None if ranked else _relax(view, requirements, preferences, pins, matches),
    )
