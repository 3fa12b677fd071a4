"""How one model stands on the decision guide's requirements: spec checks, and the plan for the job.

A spec check (``audio_in``, ``aspect_ratio``, ``input``, ``min_resolution_height``) reads one
displayed fact and depends on nothing else, so the widget's data holds one standing per model
and requirement. The job (:func:`job_of`) gathers every requirement of a path; the model's
plan for it (:func:`plan_for`) comes from :mod:`generator.answers.plans`, the same code as the
calculator and ``videoguide cost``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..facts import schema as s
from ..facts.catalog import OfferRecord, ResolvedFact
from ..facts.fields import resolution_height
from .asof import ModelState, memoized
from .costs import Unavailable, Why, reduced, why
from .plans import CHECKS, JOB_INPUTS, Job, Plan, first_failure, model_plans, plan_shape, within

DEFAULT_SECONDS = 8
"""The finished length a path that never asks for one is planned for (one typical clip)."""


@dataclass(frozen=True)
class Check:
    """One spec requirement against one model: met or not, and what decided it.

    ``field`` is the spec field read and ``fact`` the fact (None: not documented, which is
    not met). For a resolution, ``shown`` is the resolution that meets it (or the highest).
    """

    requirement: s.Requirement
    met: bool
    fact: ResolvedFact | None
    field: str
    shown: Any = None


def _has_ratio(ratios: list[str], target: str) -> bool:
    """Whether ``ratios`` include ``target`` in lowest terms (Runway's 1280:720 is 16:9)."""
    return reduced(target) in {reduced(r) for r in ratios}


RULES: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    "audio_in": ("audio", lambda value, modes: value in modes),
    "aspect_ratio": ("aspect_ratios", _has_ratio),
    "input": ("inputs", lambda value, kind: kind in value),
}
"""Spec requirement kind → (the spec field it reads, the test of that value against the
target). ``min_resolution_height`` reads ``resolutions`` (or ``max_resolution``)."""
SPEC_KINDS = (*RULES, "min_resolution_height")
"""The kinds checked against a spec; the others (length, continuity, budget) shape the job."""


def requirement_id(requirement: s.Requirement) -> tuple:
    """A hashable key of ``requirement``: its set fields and values."""
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in requirement if v is not None)


def check(state: ModelState, requirement: s.Requirement, key: tuple | None = None) -> Check:
    """Whether the model meets a spec ``requirement`` by its displayed facts; unknown is not met.
    Kept per requirement on the state (:func:`~generator.answers.asof.memoized`); ``key`` is
    :func:`requirement_id` of it, when the caller has it already."""
    return memoized(state, ("check", key or requirement_id(requirement)), lambda: _check(state, requirement))


def _check(state: ModelState, requirement: s.Requirement) -> Check:
    specs = state.model.specs
    if requirement.min_resolution_height is not None:
        fact = specs.get("resolutions") or specs.get("max_resolution")
        if fact is None:
            return Check(requirement, False, None, "max_resolution")
        options = list(fact.value) if isinstance(fact.value, list) else [fact.value]
        if not options:
            return Check(requirement, False, None, "max_resolution")
        high = [x for x in options if min(x.width, x.height) >= requirement.min_resolution_height]
        shown = high[0] if high else max(options, key=lambda x: min(x.width, x.height))
        return Check(requirement, bool(high), fact, "max_resolution", shown)
    field, test = RULES[requirement.kind]
    fact = specs.get(field)
    if fact is None:
        return Check(requirement, False, None, field)
    return Check(requirement, test(fact.value, requirement.target), fact, field, fact.value)


def resolution_label(height: int) -> str:
    """``1080`` → ``1080p``, ``2160`` → ``4K``: the label a minimum height is asked for by."""
    return "4K" if height == 2160 else f"{height}p"


def job_of(requirements: tuple[s.Requirement, ...]) -> Job:
    """The job a path asks for: its length (default :data:`DEFAULT_SECONDS`), aspect ratio,
    minimum resolution, sound made with the picture when the audio asked for excludes
    ``none``, input and budget."""
    fields: dict[str, Any] = {"seconds": DEFAULT_SECONDS}
    for r in requirements:
        if r.finished_seconds is not None:
            fields["seconds"] = r.finished_seconds
        elif r.aspect_ratio is not None:
            fields["aspect_ratio"] = r.aspect_ratio
        elif r.min_resolution_height is not None:
            fields["resolution"] = resolution_label(r.min_resolution_height)
        elif r.audio_in is not None and "none" not in r.audio_in:
            fields["sound"] = "native"
        elif r.input is not None and r.input in JOB_INPUTS:
            fields["input"] = r.input
        elif r.max_usd_total is not None:
            fields["budget"] = r.max_usd_total
    return Job(**fields)


STATUS_RANK = {"ga": 0, "preview": 1, None: 1, "deprecated": 2}
"""Among equal prices, a plan on a platform where the model is generally available first."""


def platform_rank(state: ModelState, platform_id: str) -> int:
    """:data:`STATUS_RANK` of the model's lifecycle on ``platform_id`` (1 when not documented)."""
    status = next((p.status for p in state.lifecycle.platforms if p.platform.id == platform_id), None)
    return STATUS_RANK.get(status, 1)


def plan_key(state: ModelState, plan: Plan) -> tuple:
    """The order of one model's plans: cheapest, fewest caveats, the platform's lifecycle
    (:func:`platform_rank`), platform name, kind."""
    return (plan.total, len(plan.caveats), platform_rank(state, plan.offer.platform.id), plan.offer.platform.name,
            plan.kind)


def qualifies_unplanned(state: ModelState, job: Job) -> bool:
    """Whether the model may qualify without a plan: no budget is asked, and either its price
    is not documented (unknown, not unable) or it is no longer available and passes every
    other check of :data:`~generator.answers.jobs.CHECKS` (it is then named, never recommended)."""
    return memoized(state, ("unplanned", job), lambda: _qualifies_unplanned(state, job))


def _qualifies_unplanned(state: ModelState, job: Job) -> bool:
    if job.budget is not None:
        return False
    if state.lifecycle.available:
        return CHECKS["price"](state, job) is not None
    return all(check(state, job) is None for name, check in CHECKS.items() if name != "price")


def plan_for(state: ModelState, job: Job, continuous: bool = False) -> tuple[Plan | None, Why | None]:
    """The model's cheapest plan for ``job`` within its budget (``continuous``: no cuts), or
    None and the reason. A continuous take whose extension price is not documented is the
    plan when there is no budget. The plans in order (:func:`plan_key`) are kept on the state
    per :func:`~generator.answers.jobs.plan_shape` of the job; the budget picks among them."""
    if reason := first_failure(state, job):
        return None, reason
    return planned(state, job, continuous)


def planned(state: ModelState, job: Job, continuous: bool = False) -> tuple[Plan | None, Why | None]:
    """:func:`plan_for` for a model known to pass every check of :data:`CHECKS` for ``job``."""
    found = memoized(state, ("ordered", plan_shape(job), continuous), lambda: _ordered(state, job, continuous))
    if isinstance(found, Why):
        return None, found
    fitting, unpriced = found
    if fitting and within(fitting[0].total, job.budget):
        return fitting[0], None
    if continuous and job.budget is None and unpriced:
        return unpriced[0], None
    if continuous and not fitting and not unpriced:
        return None, why("needs_cuts", seconds=job.seconds)
    return None, why("over_budget", cheapest=fitting[0].total if fitting else None, budget=job.budget)


def _ordered(state: ModelState, job: Job, continuous: bool) -> tuple[tuple[Plan, ...], tuple[Plan, ...]] | Why:
    """The priced plans that fit (no cuts when ``continuous``) by :func:`plan_key`, and the
    unpriced ones by billed seconds and platform name; or why the model has none."""
    try:
        priced, unpriced = model_plans(state, job)
    except Unavailable as cannot:
        return cannot.why
    fitting = sorted((p for p in priced if not (continuous and p.kind == "shots")), key=lambda p: plan_key(state, p))
    return tuple(fitting), tuple(sorted(unpriced, key=lambda p: (p.billed_seconds, p.offer.platform.name)))


def offer_fits(offer: OfferRecord, requirements: tuple[s.Requirement, ...]) -> bool:
    """Whether an offer is for what the requirements ask (audio on, a high enough resolution),
    for the price criterion's lowest price."""
    for r in requirements:
        if r.audio_in is not None and "none" not in r.audio_in and offer.audio is False:
            return False
        if r.min_resolution_height is not None and (
                offer.resolution is None or resolution_height(offer.resolution) < r.min_resolution_height):
            return False  # an offer whose resolution is not stated does not prove the price
    return True
