"""The decision guide's recommendation in words: requirements, checks and reasons, and the
plain text ``videoguide recommend`` prints. The page and the widget use the same words."""

from __future__ import annotations

from typing import Any, Callable

from ..answers.recommend import Match, Recommendation
from ..answers.standing import Check, resolution_label
from ..facts import schema as s
from ..facts.catalog import ResolvedFact
from . import format as fmt
from .costs import job_text, plan_text, sum_text, why_text
from .format import cents

REQUIREMENT_WORDS: dict[str, Callable[[Any], str]] = {
    "audio_in": lambda modes: "Audio: " + " or ".join(fmt.AUDIO_LABELS[a] for a in modes),
    "min_resolution_height": lambda height: f"Resolution of at least {resolution_label(height)}",
    "aspect_ratio": lambda ratio: f"Aspect ratio {ratio}",
    "input": lambda kind: f"Input: {fmt.INPUT_LABELS[kind]}",
    "finished_seconds": lambda n: f"A {n}-second video",
    "continuous": lambda _: "One continuous take",
    "max_usd_total": lambda usd: f"At most {cents(usd)} for the video",
}
"""Requirement kind → its wording for a target value."""


def describe(requirement: s.Requirement) -> str:
    """``Audio: Native (always on) or …``, ``At most $0.20 per second`` …"""
    return REQUIREMENT_WORDS[requirement.kind](requirement.target)


def caveats(fact: ResolvedFact | None) -> str:
    """`` (disputed)`` / `` (not confirmed by vendor documentation)`` for a fact used as a reason."""
    if fact is None:
        return ""
    notes = []
    if fact.disputed:
        notes.append("disputed")
    if all(c.source.kind in ("secondary", "article") for c in fact.claims) and fact.shown.source.kind == "secondary" \
            and not isinstance(fact.value, s.Score):  # a board's score is never in vendor documentation
        notes.append("not confirmed by vendor documentation")
    return f" ({'; '.join(notes)})" if notes else ""


def check_text(check: Check) -> str:
    """``One generation of at least 15 s: 8 s``, ``At most $0.20 per second: $0.10 per second (Gemini API, …)``."""
    head = describe(check.requirement)
    if check.fact is None:
        return f"{head}: {fmt.NOT_DOCUMENTED}"
    if check.requirement.min_resolution_height is not None:
        return f"{head}: {fmt.resolution(check.shown)}"
    return f"{head}: {fmt.value(check.field, check.fact.value)}{caveats(check.fact)}"


def plan_line(m: Match) -> str:
    """``$3.84: 4 shots × 8 s, 1080p, with audio on Gemini API (32 s × $0.12 = $3.84 per take)``."""
    p = m.plan
    if p is None:
        return "Price not documented: " + why_text(m.plan_reason) if m.plan_reason else "Price not documented"
    cost = cents(p.total) if p.total is not None else "Price not documented"
    return f"{cost}: {plan_text(p)} ({sum_text(p)})"


def reason_text(reason: Any) -> str:
    """``Physics accuracy (weight 3): Excellent (disputed)``: a preference and the model's value."""
    return (f"{reason.criterion.name} (weight {reason.weight}): "
            f"{fmt.value(fmt.criterion_field(reason.criterion), reason.fact.value)}{caveats(reason.fact)}")


def plan_status(m: Match) -> str:
    """``Preview on Gemini API (Google AI Studio)``: the lifecycle on the plan's platform, else
    the model's (``Generally available``, ``lifecycle not documented``)."""
    if m.plan is not None:
        platform = m.plan.offer.platform
        found = next((p for p in m.lifecycle.platforms if p.platform.id == platform.id), None)
        if found is not None:
            return f"{platform_status_text(found.status, found.fact.disputed)} on {platform.name}"
    return fmt.STATUS_LABELS.get(m.lifecycle.status, "lifecycle not documented")


def platform_status_text(status: str, disputed: bool) -> str:
    """``Preview (sources disagree)``: one platform's lifecycle word."""
    return fmt.STATUS_LABELS[status] + (" (sources disagree)" if disputed else "")


def preference_reasons(m: Match, preferences: dict[str, int], criteria: dict) -> list[tuple[str, Any]]:
    """(text, fact or None) per preferred criterion, in order; ``not documented`` when the
    model has no value for it."""
    by_id = {r.criterion.id: r for r in m.reasons}
    return [(reason_text(by_id[cid]), by_id[cid].fact) if cid in by_id
            else (f"{criteria[cid].name} (weight {weight}): {fmt.NOT_DOCUMENTED}", None)
            for cid, weight in preferences.items()]


def _match_lines(label: str, m: Match) -> list[str]:
    status = plan_status(m)
    lines = [f"{label}: {m.model.name} ({status})"]
    if m.pin is not None:
        lines.append(f"  - Editorial pick: {m.pin.reason} ({m.pin_source.title}, {m.pin.as_of.isoformat()})")
    lines.append(f"  - Plan: {plan_line(m)}")
    for c in m.checks:
        lines.append(f"  - Meets {check_text(c)}"
                     + (f" ({c.fact.shown.source.title}, {c.fact.shown.as_of})" if c.fact else ""))
    for r in m.reasons:
        lines.append(f"  - {r.criterion.name} ×{r.weight}: {fmt.value(fmt.criterion_field(r.criterion), r.fact.value)}"
                     f"{caveats(r.fact)} ({r.fact.shown.source.title}{_checked(r.fact)})")
    return lines


def _checked(fact: ResolvedFact) -> str:
    """``, 2026-11-29``: the check date; nothing for a score, whose value names its snapshot."""
    word, date = fact.shown.dated
    return f", {date}" if word == "checked" else ""


def report(rec: Recommendation) -> str:
    """The recommendation as plain text, as ``videoguide recommend`` prints it."""
    lines = [f"{q.text} → {a.label}" for q, a in rec.path]
    lines.append(f"Job: {job_text(rec.job)}")
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
            lines.append(f"Without '{describe(rec.relax.requirement)}', {rec.relax.gained} model(s) would;"
                         f" the best: {best}.")
    return "\n".join(lines)
