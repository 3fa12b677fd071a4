"""A finished video planned as generations, and what the plan costs.

A :class:`~generator.answers.jobs.Job` is the video a reader wants (finished length, aspect
ratio, minimum resolution, sound, input, videos, takes, budget); :mod:`generator.answers.jobs`
says which models and offers can serve it. :func:`job_report` plans it on every model and
platform that can, cheapest first:

* **single**: one generation, when the length fits one;
* **shots**: the fewest generations of the lengths the model allows at the offer's
  resolution that cover the length, cut together (:func:`cover`): 30 s of 8-second shots is
  4 × 8 s, 32 s billed;
* **extension**, where the model documents it (spec ``extension``): a base clip and the
  fewest extension calls, at a resolution extension allows; priced only when an
  ``extension`` offer gives its price, else listed as possible with the price not documented.

Cost = billed seconds × USD per second (the offer's, as of the view's date; a per-clip
price buys whole clips of its length) × takes × videos, in exact ``Decimal``, never rounded here. One code path serves ``videoguide cost``,
the calculator (which exports the checks and shot options and repeats only :func:`cover`,
the extension arithmetic and the sums in the browser), the guide, the worked examples and ``diff``.
The job's names are re-exported here, so callers import the planner from one place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from ..facts.catalog import ModelRecord, OfferRecord
from ..facts.fields import TIER_ORDER, resolution_height
from .asof import AsOf, ModelState, memoized
from .costs import Exclusion, Unavailable, Why, audio_caveats, spec, why
from .jobs import (  # noqa: F401 - CHECKS … MAX_SECONDS re-exported: the planner's vocabulary
    AUDIO_OF_SOUND, CHECK_FIELDS, CHECKS, CONTINUITY_INPUTS, JOB_INPUTS, MAX_SECONDS, SOUNDS, Job, ShotOption, continuity, first_failure,
    job_options, offer_options, plan_shape, priced_as_text, shot_options,
)


@dataclass(frozen=True)
class Plan:
    """How one model makes the job on one platform.

    ``kind`` is ``single``, ``shots`` or ``extension``; ``shots`` the length of each
    generation (longest first; for an extension, the base clip) and ``steps`` the seconds
    each extension call adds. ``billed_seconds`` counts both. ``per_take`` is one take of
    the finished video and ``total`` = ``per_take`` × takes × videos, in USD, None when the
    extension's price is not documented.
    """

    model: ModelRecord
    offer: OfferRecord
    kind: str
    shots: tuple[int, ...]
    steps: tuple[int, ...]
    extension_offer: OfferRecord | None
    billed_seconds: int
    per_take: Decimal | None
    total: Decimal | None
    caveats: tuple[Why, ...]


@dataclass(frozen=True)
class JobReport:
    job: Job
    plans: tuple[Plan, ...]
    """Priced plans, cheapest first (then fewer caveats, model and platform name)."""
    unpriced: tuple[Plan, ...]
    """Extension plans that are possible but whose price is not documented."""
    excluded: tuple[Exclusion, ...]
    """Models that cannot make the job, in catalog order, each with its reason."""

    @property
    def within_budget(self) -> tuple[Plan, ...]:
        return tuple(p for p in self.plans if within(p.total, self.job.budget))


CENT = Decimal("0.01")


def within(total: Decimal | None, budget: Decimal | None) -> bool:
    """Whether ``total`` (USD, exact) fits ``budget`` (USD, whole cents; None: no budget) once
    rounded to the cent as it is shown, half up: $0.252 fits $0.25. An unknown total fits no budget."""
    return budget is None or (total is not None and total.quantize(CENT, ROUND_HALF_UP) <= budget)


@functools.cache
def cover(lengths: tuple[int, ...], seconds: int) -> tuple[int, ...]:
    """The fewest generations of ``lengths`` that cover ``seconds``, with the fewest seconds
    billed, longest first: ``cover((4, 6, 8), 30)`` → ``(8, 8, 8, 6)``.

    When the lengths are every whole second from the shortest to the longest, the shots are
    as even as possible (32 s of 3…15 s is 11 + 11 + 10). Otherwise, among equal totals it
    shortens as few shots as possible, by as much as possible. The calculator repeats these
    rules exactly (``plan.js``).
    """
    longest = max(lengths)
    count = -(-seconds // longest)
    even, extra = divmod(seconds, count)
    if lengths == tuple(range(lengths[0], longest + 1)) and even >= lengths[0]:
        return (even + 1,) * extra + (even,) * (count - extra)
    slack = count * longest - seconds
    cuts = sorted({longest - x for x in lengths if 0 < longest - x <= slack}, reverse=True)
    best: list[tuple[int, ...] | None] = [()] + [None] * slack
    for total in range(1, slack + 1):
        for cut in cuts:
            before = best[total - cut] if cut <= total else None
            if before is None:
                continue
            candidate = tuple(sorted(before + (cut,), reverse=True))
            held = best[total]
            if held is None or (len(candidate), [-c for c in candidate]) < (len(held), [-c for c in held]):
                best[total] = candidate
    reach = max(t for t in range(slack + 1) if best[t] is not None and len(best[t]) <= count)
    shortened = best[reach]
    return (longest,) * (count - len(shortened)) + tuple(longest - c for c in sorted(shortened))


def shot_plan(model: ModelRecord, option: ShotOption, job: Job) -> Plan:
    """One take of the job as shots (or a single generation) on ``option``."""
    shots = cover(option.lengths, job.seconds)
    billed = sum(shots)
    per_take = sum((option.offer.cost(x) for x in shots), Decimal(0))
    kind, caveats = ("single", option.caveats) if len(shots) == 1 else ("shots", option.caveats + (continuity(model),))
    return Plan(model, option.offer, kind, shots, (), None, billed, per_take, per_take * job.takes * job.videos, caveats)


def extension_fit(state: ModelState, option: ShotOption, audio: bool | None) -> tuple[bool, OfferRecord | None]:
    """Whether extension works from clips of ``option`` (documented, at its resolution), and
    the cheapest extension price on its platform for its resolution and ``audio``
    (:attr:`~generator.answers.jobs.Job.audio`; None: not documented)."""
    rule = spec(state.model, "extension")
    if rule is None or option.offer.resolution is None or (rule.resolutions and resolution_height(
            option.offer.resolution) not in memoized(state, "extension heights", lambda: {
                resolution_height(r) for r in rule.resolutions})):
        return False, None
    base = option.offer
    fits = [o for o in state.extensions if o.platform.id == base.platform.id
            and (o.resolution is None or resolution_height(o.resolution) == resolution_height(base.resolution))
            and audio_caveats(state.model, o, audio) is not None]
    return True, min(fits, key=lambda o: (o.usd_per_second, TIER_ORDER.index(o.tier)), default=None)


def extension_plan(state: ModelState, option: ShotOption, job: Job) -> Plan | None:
    """One take as a base clip and extension calls, the fewest seconds billed (then calls), or
    None when extension cannot make it (see :func:`extension_fit`; the job fits one
    generation; over ``max_steps`` or ``max_total_seconds``)."""
    works, extra = extension_fit(state, option, job.audio)
    if not works or job.seconds <= option.lengths[-1]:
        return None
    rule, model = spec(state.model, "extension"), state.model
    limit, shapes = spec(model, "max_total_seconds"), []
    for base in (x for x in option.lengths if not rule.base_seconds or x in rule.base_seconds):
        calls = -(-(job.seconds - base) // rule.step_seconds)
        added = job.seconds - base if rule.up_to else calls * rule.step_seconds
        last = added - rule.step_seconds * (calls - 1)  # what the final call adds
        if (rule.max_steps is None or calls <= rule.max_steps) and (limit is None or base + added <= limit) \
                and (rule.min_step_seconds is None or last >= rule.min_step_seconds):
            shapes.append((base + added, calls, -base, added))
    if not shapes:
        return None
    billed, calls, base, added = min(shapes)
    base = -base
    steps = (rule.step_seconds,) * (calls - 1) + (added - rule.step_seconds * (calls - 1),)
    per_take = None if extra is None else option.offer.cost(base) + extra.cost(added)
    caveats = option.caveats + (why("extension_continuity", resolutions=list(rule.resolutions or [])),)
    return Plan(model, option.offer, "extension", (base,), steps, extra, billed, per_take,
                None if per_take is None else per_take * job.takes * job.videos, caveats)


def _rank(plan: Plan) -> tuple:
    """Cheapest first, then fewest generations (fewer cuts: 3 × 10 s before 6 × 5 s at the same
    price); a plan whose price is not documented after every priced one, and among those the
    cheapest base clip."""
    cost = plan.per_take if plan.per_take is not None else plan.offer.cost(plan.shots[0])
    return (plan.per_take is None, cost, len(plan.shots) + len(plan.steps), len(plan.caveats),
            TIER_ORDER.index(plan.offer.tier))


def model_plans(state: ModelState, job: Job) -> tuple[tuple[Plan, ...], tuple[Plan, ...]]:
    """(priced, unpriced): per platform the cheapest shots plan and the cheapest extension
    plan (an unpriced one only when none is priced); raises Unavailable with the first reason
    of :data:`CHECKS` the model fails, or when no price fits. Neither the budget nor the aspect
    ratio changes a plan once the model passes the checks, so the plans are kept on the state
    per job without those two (:func:`memoized`)."""
    if reason := first_failure(state, job):
        raise Unavailable(reason)
    found = memoized(state, ("plans", plan_shape(job)), lambda: _plans_or_why(state, job))
    if isinstance(found, Why):
        raise Unavailable(found)
    return found


def _plans_or_why(state: ModelState, job: Job) -> tuple[tuple[Plan, ...], tuple[Plan, ...]] | Why:
    try:
        return _model_plans(state, job)
    except Unavailable as cannot:
        return cannot.why


def _model_plans(state: ModelState, job: Job) -> tuple[tuple[Plan, ...], tuple[Plan, ...]]:
    job_options(state, job)  # raises Unavailable when no option fits
    want = resolution_height(job.resolution)
    shots: dict[str, tuple[tuple, Plan]] = {}
    extended: dict[str, tuple[tuple, Plan]] = {}
    for height, platform, plan, rank, ext in _option_plans(state, job):
        if want is not None and (height is None or height < want):  # jobs.reaches, on the height kept
            continue
        if platform not in shots or rank < shots[platform][0]:
            shots[platform] = (rank, plan)
        if ext is not None and (platform not in extended or ext[0] < extended[platform][0]):
            extended[platform] = ext
    priced = (*(p for _, p in shots.values()), *(p for _, p in extended.values() if p.per_take is not None))
    return priced, tuple(p for _, p in extended.values() if p.per_take is None)


def _option_plans(state: ModelState, job: Job) -> list[tuple[int | None, str, Plan, tuple, tuple[tuple, Plan] | None]]:
    """Each option of the job at any resolution (the options at a minimum resolution are the
    same, :func:`~generator.answers.jobs.shot_options`) as its offer's height (None: not stated),
    platform id, shots plan and its :func:`_rank`, and extension plan with its rank (or None);
    kept on the state per job without the resolution, the aspect ratio and the budget, which
    leave them unchanged."""
    def compute() -> list:
        anywhere = replace(job, resolution=None, aspect_ratio=None, budget=None)
        rows = []
        for o in shot_options(state, anywhere):
            plan, ext = shot_plan(state.model, o, anywhere), extension_plan(state, o, anywhere)
            rows.append((resolution_height(o.offer.resolution), o.offer.platform.id, plan, _rank(plan),
                         None if ext is None else (_rank(ext), ext)))
        return rows

    return memoized(state, ("option plans", job.seconds, job.sound, job.input, job.videos, job.takes), compute)


def _states(view: AsOf, models: list[str] | None) -> list[ModelState]:
    """The states of ``models`` (None: every model), in catalog order."""
    if models is None:
        return list(view.models.values())
    place = memoized(view, "catalog order", lambda: {mid: i for i, mid in enumerate(view.models)})
    return [view.models[mid] for mid in sorted({m for m in models if m in place}, key=place.__getitem__)]


def job_report(view: AsOf, job: Job, models: list[str] | None = None, platform: str | None = None) -> JobReport:
    """Plans for every model (or those in ``models``) on every platform (or ``platform``):
    cheapest first, then fewest caveats, then a price checked within the stale limit before a
    stale one, then model and platform name."""
    plans: list[Plan] = []
    unpriced: list[Plan] = []
    excluded: list[Exclusion] = []
    for state in _states(view, models):
        try:
            priced, possible = model_plans(state, job)
        except Unavailable as cannot:
            excluded.append(Exclusion(state.model, cannot.why))
            continue
        priced = [p for p in priced if platform is None or p.offer.platform.id == platform]
        possible = [p for p in possible if platform is None or p.offer.platform.id == platform]
        if not priced and not possible:
            excluded.append(Exclusion(state.model, why("no_price_on", platform=view.catalog.platforms[platform].name)))
        plans += priced
        unpriced += possible
    stale = view.freshness.is_stale
    plans.sort(key=lambda p: (p.total, len(p.caveats), stale(p.offer.as_of), p.model.name, p.offer.platform.name, p.kind))
    unpriced.sort(key=lambda p: (p.billed_seconds, p.model.name, p.offer.platform.name))
    return JobReport(job, tuple(plans), tuple(unpriced), tuple(excluded))
