"""A finished video planned as generations, and what the plan costs.

A :class:`Job` is the video a reader wants (finished length, aspect ratio, minimum
resolution, sound, input, videos, takes, budget). :func:`job_report` plans it on every
model and platform that can serve it, cheapest first:

* **single**: one generation, when the length fits one;
* **shots**: the fewest generations of the lengths the model allows at the offer's
  resolution that cover the length, cut together (:func:`cover`): 30 s of 8-second shots is
  4 × 8 s, 32 s billed;
* **extension**, where the model documents it (spec ``extension``): a base clip and the
  fewest extension calls, at a resolution extension allows; priced only when an
  ``extension`` offer gives its price, else listed as possible with the price not documented.

Cost = billed seconds × USD per second (the offer's, as of the view's date) × takes ×
videos, in exact ``Decimal``, never rounded here. One code path serves ``videoguide cost``,
the calculator (which exports :func:`job_options` and repeats only :func:`cover` and the
arithmetic in the browser), the worked examples and ``diff``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..facts.catalog import ModelRecord, OfferRecord
from ..facts.fields import TIER_ORDER, resolution_height
from .asof import AsOf, ModelState
from .costs import Exclusion, Unavailable, Why, audio_caveats, check_aspect, priced_offers, spec, why

MAX_SECONDS = 3600
"""The longest finished video the command and the calculator plan (an hour)."""
SOUNDS = ("native", "added", "silent")
"""Sound the job needs: made in the same pass, added afterwards (none needed), or none at all."""
JOB_INPUTS = ("text", "image_first_frame", "reference_images")
CONTINUITY_INPUTS = ("reference_images", "image_first_frame", "image_last_frame")
"""Inputs that carry a look from one shot to the next."""


@dataclass(frozen=True)
class Job:
    """A finished video: ``seconds`` long, ``videos`` of them, ``takes`` generations per usable
    shot. ``resolution`` is the minimum (``1080p``: 1080 pixels high or more), ``sound`` one of
    :data:`SOUNDS`, ``aspect_ratio`` (``9:16``) and those two None when any will do; ``input``
    one of :data:`JOB_INPUTS`; ``budget`` in USD for the whole job, or None."""

    seconds: int
    aspect_ratio: str | None = None
    resolution: str | None = None
    sound: str | None = None
    input: str = "text"
    videos: int = 1
    takes: int = 1
    budget: Decimal | None = None

    @property
    def audio(self) -> bool | None:
        """Whether the price must include audio (True), must not need to (False), or either (None)."""
        return {"native": True, "added": False, "silent": False, None: None}[self.sound]


@dataclass(frozen=True)
class ShotOption:
    """One offer that can make the job's shots: ``lengths`` (seconds, ascending) it allows in
    one generation at its resolution, and the caveats on its price."""

    offer: OfferRecord
    lengths: tuple[int, ...]
    caveats: tuple[Why, ...]


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


def _model_lengths(model: ModelRecord) -> tuple[int, ...] | None:
    """Single-generation lengths, ascending; None when neither list nor longest is documented."""
    longest, listed = spec(model, "max_clip_seconds"), spec(model, "clip_durations_seconds")
    if listed:
        return tuple(sorted(x for x in set(listed) if longest is None or x <= longest))
    return None if longest is None else tuple(range(1, longest + 1))


def _lengths_at(model: ModelRecord, lengths: tuple[int, ...], heights: set[int] | None) -> tuple[int, ...]:
    """The lengths allowed at any of ``heights`` (None: at any resolution)."""
    listed = [r for r in spec(model, "resolutions") or [] if heights is None or r.height in heights]
    if not listed or any(not r.durations_seconds for r in listed):
        return lengths
    return tuple(x for x in lengths if any(x in r.durations_seconds for r in listed))


def _offers_for(state: ModelState, job: Job) -> tuple[tuple[OfferRecord, bool], ...]:
    """The buyable offers a job may use, each with whether it is a text-to-video price standing
    in for another input: image-to-video prices first for a job that starts from an image."""
    images = tuple((o, False) for o in state.images) if job.input == "image_first_frame" else ()
    return images + tuple((o, job.input != "text") for o in state.buyable)


def _price(state: ModelState, job: Job) -> Why | None:
    if _offers_for(state, job):
        return None
    try:
        priced_offers(state)
    except Unavailable as cannot:
        return cannot.why
    return None


def _sound(state: ModelState, job: Job) -> Why | None:
    if job.sound != "native":
        return None
    audio = spec(state.model, "audio")
    return why("sound_undocumented") if audio is None else why("silent_only") if audio == "none" else None


def _length(state: ModelState, job: Job) -> Why | None:
    return why("length_undocumented") if _model_lengths(state.model) is None else None


def _aspect(state: ModelState, job: Job) -> Why | None:
    try:
        check_aspect(state.model, job.aspect_ratio)
    except Unavailable as cannot:
        return cannot.why
    return None


def _input(state: ModelState, job: Job) -> Why | None:
    if job.input == "text":
        return None
    inputs = spec(state.model, "inputs")
    if inputs is None:
        return why("inputs_undocumented")
    return None if job.input in inputs else why("input_not_offered", wanted=job.input)


def _resolution(state: ModelState, job: Job) -> Why | None:
    """Why the model makes nothing ``job.resolution`` high or higher, if it does not."""
    want = resolution_height(job.resolution)
    if want is None:
        return None
    listed = spec(state.model, "resolutions") or []
    highest = max(listed, key=lambda r: r.height, default=None) or spec(state.model, "max_resolution")
    if highest is None:
        return why("resolutions_undocumented")
    return why("resolution_too_high", highest=highest.label) if highest.height < want else None


CHECKS = {"price": _price, "sound": _sound, "length": _length, "aspect": _aspect, "input": _input,
          "resolution": _resolution}
"""What a model must pass to serve a job, in the order they are checked: each returns the
reason it fails (a :class:`~generator.answers.costs.Why`) or None. ``length`` does not
depend on the job, ``price`` depends on its input only (an image job may use image-to-video
prices), the others only on the job field they are named after."""


def _option(model: ModelRecord, offer: OfferRecord, job: Job, lengths: tuple[int, ...],
            as_text: bool) -> ShotOption | None:
    """The offer as an option for the job's shots, or None when it cannot price them."""
    want = resolution_height(job.resolution)
    caveats: tuple[Why, ...] = ()
    if offer.resolution is not None:
        height = resolution_height(offer.resolution)
        if want is not None and height < want:
            return None
        allowed = _lengths_at(model, lengths, {height})
    else:
        heights = None if want is None else {r.height for r in spec(model, "resolutions") or [] if r.height >= want}
        allowed = _lengths_at(model, lengths, heights)
        caveats = (why("resolution_unstated"),) if want is not None else ()
    audio = audio_caveats(model, offer, job.audio)
    if audio is None or not allowed:
        return None
    priced_as = (why("priced_as_text", input=job.input),) if as_text else ()
    return ShotOption(offer, allowed, caveats + audio + priced_as)


def shot_options(state: ModelState, job: Job) -> tuple[ShotOption, ...]:
    """Every buyable offer that can make the job's shots (resolution, sound), whether or not
    the model passes :data:`CHECKS`; needs documented lengths."""
    model, lengths = state.model, _model_lengths(state.model)
    if lengths is None:
        return ()
    return tuple(o for o in (_option(model, offer, job, lengths, as_text) for offer, as_text in _offers_for(state, job))
                 if o is not None)


def job_options(state: ModelState, job: Job) -> tuple[ShotOption, ...]:
    """:func:`shot_options`, after the model passes every check of :data:`CHECKS`; raises
    Unavailable with the first reason it fails, or when no price fits the resolution and sound."""
    for check in CHECKS.values():
        if reason := check(state, job):
            raise Unavailable(reason)
    options = shot_options(state, job)
    if not options:
        raise Unavailable(why("no_price_for", resolution=job.resolution, audio=job.audio))
    return options


def continuity(model: ModelRecord) -> Why:
    """The caveat on shots: which inputs carry a look across cuts (``aids`` None: inputs not documented)."""
    inputs = spec(model, "inputs")
    return why("shots_cut", aids=None if inputs is None else [i for i in CONTINUITY_INPUTS if i in inputs])


def shot_plan(model: ModelRecord, option: ShotOption, job: Job) -> Plan:
    """One take of the job as shots (or a single generation) on ``option``."""
    shots = cover(option.lengths, job.seconds)
    billed = sum(shots)
    per_take = option.offer.usd_per_second * billed
    kind, caveats = ("single", option.caveats) if len(shots) == 1 else ("shots", option.caveats + (continuity(model),))
    return Plan(model, option.offer, kind, shots, (), None, billed, per_take, per_take * job.takes * job.videos, caveats)


def extension_fit(state: ModelState, option: ShotOption, job: Job) -> tuple[bool, OfferRecord | None]:
    """Whether extension works from clips of ``option`` (documented, at its resolution), and
    the cheapest extension price on its platform for its resolution and sound (None: not documented)."""
    rule = spec(state.model, "extension")
    if rule is None or option.offer.resolution is None or (rule.resolutions and resolution_height(
            option.offer.resolution) not in {resolution_height(r) for r in rule.resolutions}):
        return False, None
    base = option.offer
    fits = [o for o in state.extensions if o.platform.id == base.platform.id
            and (o.resolution is None or resolution_height(o.resolution) == resolution_height(base.resolution))
            and audio_caveats(state.model, o, job.audio) is not None]
    return True, min(fits, key=lambda o: (o.usd_per_second, TIER_ORDER.index(o.tier)), default=None)


def extension_plan(state: ModelState, option: ShotOption, job: Job) -> Plan | None:
    """One take as a base clip and extension calls, the fewest seconds billed (then calls), or
    None when extension cannot make it (see :func:`extension_fit`; the job fits one
    generation; over ``max_steps`` or ``max_total_seconds``)."""
    works, extra = extension_fit(state, option, job)
    if not works or job.seconds <= option.lengths[-1]:
        return None
    rule, model = spec(state.model, "extension"), state.model
    limit, shapes = spec(model, "max_total_seconds"), []
    for base in (x for x in option.lengths if not rule.base_seconds or x in rule.base_seconds):
        calls = -(-(job.seconds - base) // rule.step_seconds)
        added = job.seconds - base if rule.up_to else calls * rule.step_seconds
        if (rule.max_steps is None or calls <= rule.max_steps) and (limit is None or base + added <= limit):
            shapes.append((base + added, calls, -base, added))
    if not shapes:
        return None
    billed, calls, base, added = min(shapes)
    base = -base
    steps = (rule.step_seconds,) * (calls - 1) + (added - rule.step_seconds * (calls - 1),)
    per_take = None if extra is None else option.offer.usd_per_second * base + extra.usd_per_second * added
    caveats = option.caveats + (why("extension_continuity", resolutions=list(rule.resolutions or [])),)
    return Plan(model, option.offer, "extension", (base,), steps, extra, billed, per_take,
                None if per_take is None else per_take * job.takes * job.videos, caveats)


def _rank(plan: Plan) -> tuple:
    """Cheapest first; a plan whose price is not documented after every priced one, and among
    those the cheapest base clip."""
    cost = plan.per_take if plan.per_take is not None else plan.offer.usd_per_second * plan.shots[0]
    return (plan.per_take is None, cost, len(plan.caveats), TIER_ORDER.index(plan.offer.tier))


def model_plans(state: ModelState, job: Job) -> tuple[list[Plan], list[Plan]]:
    """(priced, unpriced): per platform the cheapest shots plan and the cheapest extension
    plan (an unpriced one only when none is priced); raises Unavailable with the reason."""
    shots: dict[str, Plan] = {}
    extended: dict[str, Plan] = {}
    for option in job_options(state, job):
        platform = option.offer.platform.id
        plan = shot_plan(state.model, option, job)
        if platform not in shots or _rank(plan) < _rank(shots[platform]):
            shots[platform] = plan
        ext = extension_plan(state, option, job)
        if ext is not None and (platform not in extended or _rank(ext) < _rank(extended[platform])):
            extended[platform] = ext
    priced = list(shots.values()) + [p for p in extended.values() if p.per_take is not None]
    return priced, [p for p in extended.values() if p.per_take is None]


def job_report(view: AsOf, job: Job, models: list[str] | None = None, platform: str | None = None) -> JobReport:
    """Plans for every model (or those in ``models``) on every platform (or ``platform``)."""
    plans: list[Plan] = []
    unpriced: list[Plan] = []
    excluded: list[Exclusion] = []
    for state in view.models.values():
        if models is not None and state.model.id not in models:
            continue
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
    plans.sort(key=lambda p: (p.total, len(p.caveats), p.model.name, p.offer.platform.name, p.kind))
    unpriced.sort(key=lambda p: (p.billed_seconds, p.model.name, p.offer.platform.name))
    return JobReport(job, tuple(plans), tuple(unpriced), tuple(excluded))
