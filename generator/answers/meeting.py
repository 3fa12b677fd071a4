"""Which models meet a decision-guide path's requirements, as sets kept on the view.

The spec checks and the job's :data:`~generator.answers.jobs.CHECKS` give sets of model ids
kept per requirement and per value checked, so only the models that pass them all are
planned; :func:`models_meeting` gives each with its plan's total for the ranking in
:mod:`generator.answers.recommend`.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..facts import schema as s
from .asof import AsOf, memoized
from .plans import CHECK_FIELDS, CHECKS, Job, within
from .standing import SPEC_KINDS, check, job_of, planned, requirement_id


def asked(requirements: tuple) -> tuple[Job, bool, list[tuple[s.Requirement, tuple]]]:
    """What a path's requirements ask: the job, whether in one continuous take, and the spec
    requirements with their keys (:func:`requirement_id`)."""
    specs = [(r, requirement_id(r)) for r in requirements if r.kind in SPEC_KINDS]
    return job_of(requirements), any(r.continuous for r in requirements), specs


NO_COST = Decimal("Infinity")


def _spec_meeting(view: AsOf, specs: list[tuple[s.Requirement, tuple]]) -> frozenset[str] | set[str]:
    """The ids of the models that meet every spec requirement of ``specs`` (see :func:`check`);
    the models meeting each requirement are kept on the view."""
    met = [memoized(view, ("spec", key), lambda r=r, key=key: frozenset(
        mid for mid, state in view.models.items() if check(state, r, key).met)) for r, key in specs]
    return frozenset.intersection(*met) if met else view.models.keys()


def models_meeting(view: AsOf, requirements: tuple) -> dict[str, Decimal]:
    """The models that meet ``requirements`` (as :attr:`Match.meets`), by id in catalog order,
    each with the total of its plan (:data:`NO_COST` when none or not documented); kept on
    the view: many paths relax to the same requirements. The spec checks and the job's
    :data:`~generator.answers.jobs.CHECKS` are sets of models kept per requirement and per
    value checked, so only the models that pass them all are planned."""
    def compute() -> dict[str, Decimal]:
        job, continuous, specs = asked(requirements)
        spec_ok = _spec_meeting(view, specs)
        return {mid: total for mid, total in _job_meeting(view, job, continuous).items() if mid in spec_ok}

    return memoized(view, ("meeting", tuple(requirement_id(r) for r in requirements)), compute)


def _job_meeting(view: AsOf, job: Job, continuous: bool) -> dict[str, Decimal]:
    """:func:`models_meeting` without the spec requirements: the models that pass the job's
    checks and have a plan within its budget (or qualify unplanned), kept on the view per job
    and continuity (the guide's paths often differ only in spec requirements). With a budget,
    they are the models whose cheapest plan without one is priced and fits it (the budget only
    picks among a model's plans, cheapest first: :func:`~.standing.planned`)."""
    def compute() -> dict[str, Decimal]:
        if job.budget is not None:
            unlimited = _job_meeting(view, replace(job, budget=None), continuous)
            return {mid: total for mid, total in unlimited.items() if total != NO_COST and within(total, job.budget)}
        failing = _failing(view, job)
        blocked = frozenset().union(*failing.values())
        but_price = frozenset().union(*(ids for name, ids in failing.items() if name != "price"))
        out = {}
        for mid, state in view.models.items():
            plan = None if mid in blocked else planned(state, job, continuous)[0]
            if plan is not None:
                out[mid] = NO_COST if plan.total is None else plan.total
            elif mid in failing["price"] if state.lifecycle.available else mid not in but_price:
                out[mid] = NO_COST
        return out

    return memoized(view, ("job meeting", job, continuous), compute)


def _failing(view: AsOf, job: Job) -> dict[str, frozenset[str]]:
    """Check name of :data:`~generator.answers.jobs.CHECKS` → the ids of the models that fail
    it for ``job``, kept on the view per value of the field it checks. (Without a budget, an
    available model failing only on price qualifies unplanned, as does a model no longer
    available failing on nothing else: :func:`~generator.answers.standing.qualifies_unplanned`.)"""
    out = {}
    for name, test in CHECKS.items():
        field = CHECK_FIELDS.get(name)
        value = getattr(job, field) if field else None
        out[name] = memoized(view, ("failing", name, value), lambda test=test: frozenset(
            mid for mid, state in view.models.items() if test(state, job)))
    return out
