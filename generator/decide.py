"""The decision guide's recommender: answers → requirements and preferences → ranked models.

One function, :func:`recommend`, serves the terminal (``videoguide recommend``), the
no-JavaScript page and the widget's data. Ranking, among models that meet every
requirement and are available on ``today``:

1. models pinned by an answer on the path (editorial verdicts), in path order;
2. the weighted score over the preferred criteria (see :func:`generator.verdicts.weighted_score`);
3. the model name.

A retired model is never recommended; when one would rank first, it is named with the best
available alternative. When nothing meets the requirements, the requirement that excludes
the most models is named with what relaxing it would give.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from typing import Any, Callable

from . import format as fmt
from .facts import schema as s
from .costs import reduced
from .facts.catalog import Catalog, ModelRecord, OfferRecord, ResolvedFact
from .derive import LifecycleSummary, lifecycle_summary, lowest_offer_fact
from .facts.errors import GuideError
from .verdicts import Reason, positions, weighted_score


class AnswerError(GuideError):
    """An answer names a question or answer the guide does not have on this path."""


@dataclass(frozen=True)
class Check:
    """One requirement against one model: met or not, the fact it read, and why."""

    requirement: s.Requirement
    met: bool
    fact: ResolvedFact | None
    text: str


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


def caveats(fact: ResolvedFact | None) -> str:
    """`` (disputed)`` / `` (not confirmed by vendor documentation)`` for a fact used as a reason."""
    if fact is None:
        return ""
    notes = []
    if fact.disputed:
        notes.append("disputed")
    if all(c.source.kind in ("secondary", "article") for c in fact.claims) and fact.shown.source.kind == "secondary":
        notes.append("not confirmed by vendor documentation")
    return f" ({'; '.join(notes)})" if notes else ""


def _contains(value: Any, target: Any) -> bool:
    return target in value


def _has_ratio(ratios: list[str], target: str) -> bool:
    """Whether ``ratios`` include ``target`` in lowest terms (Runway's 1280:720 is 16:9)."""
    return reduced(target) in {reduced(r) for r in ratios}


# Requirement kind → (spec field it reads, test of the value against the target, wording).
# Resolutions are tested by _resolution_check, which also weighs the length asked for.
_RULES: dict[str, tuple[str, Callable[[Any, Any], bool] | None, Callable[[Any], str]]] = {
    "audio_in": ("audio", lambda value, modes: value in modes,
                 lambda modes: "Audio: " + " or ".join(fmt.AUDIO_LABELS[a] for a in modes)),
    "min_resolution_height": ("max_resolution", None, lambda height: f"Resolution of at least {height}p"),
    "aspect_ratio": ("aspect_ratios", _has_ratio, lambda ratio: f"Aspect ratio {ratio}"),
    "min_clip_seconds": ("max_clip_seconds", operator.ge, lambda n: f"One generation of at least {n} s"),
    "min_total_seconds": ("max_total_seconds", operator.ge,
                          lambda n: f"A video of at least {n} s (extension allowed)"),
    "input": ("inputs", _contains, lambda kind: f"Input: {fmt.INPUT_LABELS[kind]}"),
    "max_usd_per_second": ("lowest_usd_per_second", operator.le, lambda usd: f"At most {fmt.usd(usd)} per second"),
}


def describe(requirement: s.Requirement) -> str:
    """``Audio: Native (always on) or …``, ``At most $0.20 per second`` …"""
    return _RULES[requirement.kind][2](requirement.target)


def _offer_fits(offer: OfferRecord, others: tuple[s.Requirement, ...]) -> bool:
    """Whether an offer is for what the other requirements ask: audio on, a high enough resolution."""
    for r in others:
        if r.audio_in is not None and "none" not in r.audio_in and offer.audio is False:
            return False
        if r.min_resolution_height is not None and (
                offer.resolution is None or fmt.resolution_order(offer.resolution)[0] < r.min_resolution_height):
            return False  # an offer whose resolution is not stated does not prove the price
    return True


def _fact_for(model: ModelRecord, r: s.Requirement, today: dt.date,
              others: tuple[s.Requirement, ...] = ()) -> tuple[str, ResolvedFact | None]:
    field = _RULES[r.kind][0]
    if field == "lowest_usd_per_second":
        return field, lowest_offer_fact(model, today, lambda o: _offer_fits(o, others))
    fact = model.specs.get(field)
    if field == "max_total_seconds" and fact is None:  # no extension: one generation is the total
        field, fact = "max_clip_seconds", model.specs.get("max_clip_seconds")
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
        return Check(r, True, source_fact, f"{describe(r)}: {fmt.resolution(fitting[0])}")
    if high:
        return Check(r, False, source_fact, f"{describe(r)}: {fmt.resolution(high[0])}, not for {length} s")
    return Check(r, False, source_fact, f"{describe(r)}: {fmt.value('max_resolution', fact.value)}")


def check(model: ModelRecord, requirement: s.Requirement, today: dt.date,
          others: tuple[s.Requirement, ...] = ()) -> Check:
    """Whether ``model`` meets ``requirement`` by its displayed facts; unknown is not met.

    A budget is checked against offers that fit ``others`` (audio on, resolution); a
    resolution limited to short clips does not meet a longer single-clip requirement.
    """
    field, fact = _fact_for(model, requirement, today, others)
    if fact is None:
        return Check(requirement, False, None, f"{describe(requirement)}: {fmt.NOT_DOCUMENTED}")
    if requirement.min_resolution_height is not None:
        return _resolution_check(model, requirement, fact, others)
    met = _RULES[requirement.kind][1](fact.value, requirement.target)
    text = f"{describe(requirement)}: {fmt.value(field, fact.value)}{caveats(fact)}"
    if field == "lowest_usd_per_second" and fact.shown.note:
        text += f" ({fact.shown.note})"
    return Check(requirement, met, fact, text)


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


def _matches(catalog: Catalog, requirements: tuple, preferences: dict, pins: dict, today: dt.date) -> list[Match]:
    def fits(offer: OfferRecord) -> bool:
        return _offer_fits(offer, requirements)

    places = {cid: positions(catalog, catalog.criteria[cid], today, fits) for cid in preferences}
    out = []
    for model in catalog.models.values():
        score, reasons, _ = weighted_score(catalog, model, preferences, places, today, fits)
        checks = tuple(check(model, r, today, requirements) for r in requirements)
        pin = pins.get(model.id)
        out.append(Match(model, lifecycle_summary(catalog, model, today), checks, score, reasons, pin,
                         catalog.sources[pin.source] if pin else None))
    order = list(pins)
    out.sort(key=lambda m: (order.index(m.model.id) if m.pin else len(order), -round(m.score, 9), m.model.name))
    return out


def _relax(catalog: Catalog, requirements: tuple, preferences: dict, pins: dict, today: dt.date,
           matches: list[Match]) -> Relaxation | None:
    counts = [sum(1 for m in matches if not m.checks[i].met) for i in range(len(requirements))]
    if not counts or max(counts) == 0:
        return None
    worst = counts.index(max(counts))
    rest = requirements[:worst] + requirements[worst + 1:]
    relaxed = [m for m in _matches(catalog, rest, preferences, pins, today) if m.meets and m.lifecycle.available]
    return Relaxation(requirements[worst], counts[worst], relaxed[0] if relaxed else None)


def recommend(catalog: Catalog, guide: s.DecisionGuideFile, answers: dict[str, str],
              today: dt.date) -> Recommendation:
    """Rank the models for ``answers`` (question id → answer id) on ``today``.

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
    matches = _matches(catalog, requirements, preferences, pins, today)
    meeting = [m for m in matches if m.meets]
    ranked = tuple(m for m in meeting if m.lifecycle.available)
    cut = meeting.index(ranked[0]) if ranked else len(meeting)
    return Recommendation(
        path=path, next_question=next_question, requirements=requirements, preferences=preferences,
        ranked=ranked, retired_above=tuple(m for m in meeting[:cut] if not m.lifecycle.available),
        excluded=tuple(m for m in matches if not m.meets),
        relax=None if ranked else _relax(catalog, requirements, preferences, pins, today, matches),
    )


def _match_lines(label: str, m: Match) -> list[str]:
    status = fmt.STATUS_LABELS.get(m.lifecycle.status, "lifecycle not documented")
    lines = [f"{label}: {m.model.name} ({status})"]
    if m.pin is not None:
        lines.append(f"  - Editorial pick: {m.pin.reason} ({m.pin_source.title}, {m.pin.as_of.isoformat()})")
    for c in m.checks:
        lines.append(f"  - Meets {c.text}" + (f" ({c.fact.shown.source.title}, {c.fact.shown.as_of})" if c.fact else ""))
    for r in m.reasons:
        lines.append(f"  - {r.criterion.name} ×{r.weight}: {fmt.value(r.criterion.field or 'rating', r.fact.value)}"
                     f"{caveats(r.fact)} ({r.fact.shown.source.title}, {r.fact.shown.as_of})")
    return lines


def report(rec: Recommendation) -> str:
    """The recommendation as plain text, as ``videoguide recommend`` prints it."""
    lines = [f"{q.text} → {a.label}" for q, a in rec.path]
    if rec.next_question is not None:
        lines.append(f"(next question: {rec.next_question.id}: {rec.next_question.text})")
    for m in rec.retired_above:
        lines.append(f"Best match {m.model.name} is retired"
                     + (f" since {m.lifecycle.shutdown.isoformat()}" if m.lifecycle.shutdown else "") + ".")
    if rec.recommended is not None:
        lines += _match_lines("Recommended", rec.recommended)
    if rec.runner_up is not None:
        lines += _match_lines("Runner-up", rec.runner_up)
    if rec.recommended is None:
        lines.append("No available model meets every requirement.")
        if rec.relax is not None:
            best = rec.relax.best.model.name if rec.relax.best else "still nothing"
            lines.append(f"'{describe(rec.relax.requirement)}' excludes {rec.relax.excluded} models; "
                         f"without it: {best}.")
    return "\n".join(lines)
