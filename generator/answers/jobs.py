"""A job, and which models and offers can serve it: the planner's inputs.

A :class:`Job` is the video a reader wants. :data:`CHECKS` say why a model cannot serve one
at all; :func:`shot_options` lists the offers that can make its shots, each with the
single-generation lengths it allows at its resolution. :mod:`generator.answers.plans` turns
these into plans and costs; the calculator's data (:mod:`generator.pages.calculator`) holds
exactly these values, so the browser repeats only the planning.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from ..facts.catalog import ModelRecord, OfferRecord
from ..facts.fields import resolution_height
from .asof import ModelState, memoized
from .costs import Unavailable, Why, audio_caveats, check_aspect, priced_offers, spec, why

MAX_SECONDS = 3600
"""The longest finished video the command and the calculator plan (an hour)."""
SOUNDS = ("native", "added", "silent")
"""Sound the job needs: made in the same pass, added afterwards (none needed), or none at all."""
JOB_INPUTS = ("text", "image_first_frame", "reference_images")
CONTINUITY_INPUTS = ("reference_images", "image_first_frame", "image_last_frame")
"""Inputs that carry a look from one shot to the next."""


AUDIO_OF_SOUND = {"native": True, "added": False, "silent": False, None: None}
"""Sound asked for → whether the price must include audio (see :attr:`Job.audio`)."""


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
        return AUDIO_OF_SOUND[self.sound]


@dataclass(frozen=True)
class ShotOption:
    """One offer that can make the job's shots: ``lengths`` (seconds, ascending) it allows in
    one generation at its resolution, and the caveats on its price."""

    offer: OfferRecord
    lengths: tuple[int, ...]
    caveats: tuple[Why, ...]


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


def _price(state: ModelState, job: Job) -> Why | None:
    """None when the job may use a buyable offer (an image-to-video price for a job that starts
    from an image, or a text-to-video one), else why the model has no usable price."""
    if state.buyable or (job.input == "image_first_frame" and state.images):
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


def _option(model: ModelRecord, offer: OfferRecord, audio: bool | None, lengths: tuple[int, ...]) -> ShotOption | None:
    """The offer as an option for shots with ``audio`` (:attr:`Job.audio`) at any resolution,
    or None when it cannot price them. A price that does not state whether sound is included
    does not prove the cost of sound made with the picture (nor, :func:`reaches`, one that
    does not state its resolution the cost of a minimum resolution)."""
    if audio is True and offer.audio is None:
        return None
    allowed = lengths if offer.resolution is None else _lengths_at(model, lengths, {resolution_height(offer.resolution)})
    if offer.unit == "clip":  # the price buys clips of one length only
        allowed = tuple(x for x in allowed if x == offer.clip_seconds)
    caveats = audio_caveats(model, offer, audio)
    if caveats is None or not allowed:
        return None
    return ShotOption(offer, allowed, caveats)


def shot_options(state: ModelState, job: Job) -> tuple[ShotOption, ...]:
    """Every buyable offer that can make the job's shots (resolution, sound), whether or not
    the model passes :data:`CHECKS`; needs documented lengths. They depend on the job's
    resolution, audio and input only, and are kept per those on the state."""
    return memoized(state, ("shots", job.resolution, job.audio, job.input), lambda: _shot_options(state, job))


@functools.cache
def priced_as_text(kind: str) -> Why:
    """The caveat on a text-to-video price standing in for input ``kind``."""
    return why("priced_as_text", input=kind)


def reaches(option: ShotOption, resolution: str | None) -> bool:
    """Whether the option's offer is ``resolution`` high or higher (None: any resolution will do;
    an offer that does not state its resolution proves no minimum)."""
    want = resolution_height(resolution)
    return want is None or (option.offer.resolution is not None and resolution_height(option.offer.resolution) >= want)


def _shot_options(state: ModelState, job: Job) -> tuple[ShotOption, ...]:
    anywhere = memoized(state, ("shots", None, job.audio, job.input), lambda: _options(state, job.audio, job.input))
    if job.resolution is None:
        return anywhere
    return tuple(o for o in anywhere if reaches(o, job.resolution))  # the same objects, those high enough


def offer_options(state: ModelState, audio: bool | None, resolution: str | None = None
                  ) -> tuple[tuple[ShotOption, ...], tuple[ShotOption, ...]]:
    """The options of the image-to-video offers and of the text-to-video ones for ``audio``
    (:attr:`Job.audio`) and a minimum ``resolution`` (None: any), from which
    :func:`shot_options` takes those of each input (a job from text: the text-to-video ones; from
    a first frame: the image-to-video ones, then the text-to-video ones with a caveat; from
    reference images: the text-to-video ones with a caveat)."""
    images, buyable = memoized(state, ("options", audio), lambda: _base_options(state, audio))
    if resolution is None:
        return images, buyable
    return tuple(o for o in images if reaches(o, resolution)), tuple(o for o in buyable if reaches(o, resolution))


def _options(state: ModelState, audio: bool | None, kind: str) -> tuple[ShotOption, ...]:
    """:func:`shot_options` at any resolution for ``audio`` and input ``kind`` (see :func:`offer_options`)."""
    images, buyable = offer_options(state, audio)
    if kind == "text":
        return buyable
    caveat = priced_as_text(kind)
    as_text = tuple(ShotOption(o.offer, o.lengths, o.caveats + (caveat,)) for o in buyable)
    return (images + as_text) if kind == "image_first_frame" else as_text


def _base_options(state: ModelState, audio: bool | None) -> tuple[tuple[ShotOption, ...], tuple[ShotOption, ...]]:
    """:func:`offer_options` at any resolution (see :func:`_option`); none without documented lengths."""
    model, lengths = state.model, memoized(state, "lengths", lambda: _model_lengths(state.model))
    if lengths is None:
        return (), ()
    images, buyable = (tuple(o for o in (_option(model, offer, audio, lengths) for offer in offers) if o is not None)
                       for offers in (state.images, state.buyable))
    return images, buyable


CHECK_FIELDS = {"price": "input", "sound": "sound", "aspect": "aspect_ratio", "input": "input",
                "resolution": "resolution"}
"""The job field each check of :data:`CHECKS` depends on (``length`` depends on none)."""
_CHECKED = tuple(dict.fromkeys(CHECK_FIELDS.values()))


def first_failure(state: ModelState, job: Job) -> Why | None:
    """The first reason of :data:`CHECKS` why the model cannot serve ``job``, or None; each
    check's answer is kept on the state per value of its field (:data:`CHECK_FIELDS`), and the
    first failure per the values of all of them."""
    return memoized(state, ("first failure", *(getattr(job, name) for name in _CHECKED)),
                    lambda: _first_failure(state, job))


def _first_failure(state: ModelState, job: Job) -> Why | None:
    for name, check in CHECKS.items():
        field = CHECK_FIELDS.get(name)
        value = getattr(job, field) if field else None
        if reason := memoized(state, ("fails", name, value), lambda: check(state, job)):
            return reason
    return None


def plan_shape(job: Job) -> tuple:
    """What a model's plans for ``job`` depend on once it passes :data:`CHECKS`: every field
    but the aspect ratio and the budget (a key for :func:`~generator.answers.asof.memoized`)."""
    return job.seconds, job.resolution, job.sound, job.input, job.videos, job.takes


def job_options(state: ModelState, job: Job) -> tuple[ShotOption, ...]:
    """:func:`shot_options`, after the model passes every check of :data:`CHECKS`; raises
    Unavailable with the first reason it fails, or when no price fits the resolution and sound."""
    if reason := first_failure(state, job):
        raise Unavailable(reason)
    options = shot_options(state, job)
    if not options:
        raise Unavailable(why("no_price_for", resolution=job.resolution, audio=job.audio))
    return options


def continuity(model: ModelRecord) -> Why:
    """The caveat on shots: which inputs carry a look across cuts (``aids`` None: inputs not documented)."""
    inputs = spec(model, "inputs")
    return why("shots_cut", aids=None if inputs is None else [i for i in CONTINUITY_INPUTS if i in inputs])
