"""One generation of a clip, and the reasons and caveats every cost gives.

:func:`model_quotes` prices exactly one generation of a given length, resolution, aspect
ratio and audio on each platform of a model, as a sample clip needs (:mod:`generator.clips`);
a finished video is planned by :mod:`generator.answers.plans`, which uses the checks here.
Money is ``Decimal`` USD throughout, never rounded here. Prices are the buyable offers of the
as-of view (:class:`generator.answers.asof.ModelState`: current, USD per second, on a named
platform, model not retired there). A model that cannot make a clip is excluded with the
reason, and a price that fits with a caveat carries it, both as :class:`Why` values;
:mod:`generator.pages.costs` words them.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass
from decimal import Decimal
from math import gcd
from typing import Any

from ..facts.catalog import ModelRecord, OfferRecord
from ..facts.fields import TIER_ORDER, resolution_height
from .asof import ModelState


@dataclass(frozen=True)
class ClipRequest:
    """A job: ``clips`` usable clips of ``seconds`` each, ``takes`` generations per usable
    clip. ``resolution`` (``720p``, ``1080p``, ``4K`` …), ``aspect_ratio`` (``16:9``) and
    ``audio`` (True with, False without) are None when any will do."""

    seconds: int
    clips: int = 1
    takes: int = 1
    resolution: str | None = None
    aspect_ratio: str | None = None
    audio: bool | None = None

    @property
    def generations(self) -> int:
        return self.clips * self.takes


@dataclass(frozen=True)
class Quote:
    """One model on one platform: ``per_clip`` is one generation of ``billed_seconds``;
    ``total`` = ``per_clip`` × clips × takes (USD, unrounded)."""

    model: ModelRecord
    offer: OfferRecord
    billed_seconds: int
    per_clip: Decimal
    total: Decimal
    caveats: tuple[Why, ...]


@dataclass(frozen=True)
class Exclusion:
    model: ModelRecord
    reason: Why


@dataclass(frozen=True)
class Why:
    """Why a model cannot make a clip, or a caveat on a price that can: ``kind`` and the
    values it names, e.g. ``Why("too_long", (("longest", 8), ("total", 148)))``; read a
    value with ``why["longest"]``. Built with :func:`why`.

    Kinds (values): ``too_long`` (longest, total: with extension, or None),
    ``fixed_lengths`` (lengths), ``length_undocumented``, ``ratios_undocumented``,
    ``ratio_not_offered`` (ratios, wanted), ``resolutions_undocumented``,
    ``resolution_too_high`` (highest), ``resolution_not_offered`` (labels, wanted),
    ``resolution_lengths`` (label, lengths), ``silent_only``, ``sound_undocumented``, ``inputs_undocumented``,
    ``input_not_offered`` (wanted), ``no_price_for`` (resolution, audio), ``no_price_on``
    (platform), and why there is no buyable offer at all: ``retired`` (shutdown),
    ``no_price``, ``estimate_only``, ``other_inputs_only``, ``no_usd_price``. Caveats:
    ``billed_longer`` (billed, lengths), ``audio_unstated``, ``audio_always_on``,
    ``resolution_unstated``, ``priced_as_text`` (input), ``shots_cut`` (aids: the inputs
    that keep shots alike, None when inputs are not documented), ``extension_continuity``
    (resolutions). Why the decision guide finds no plan: ``needs_cuts`` (seconds),
    ``over_budget`` (cheapest: None when no price is documented, budget).
    :mod:`generator.answers.jobs`, :mod:`.plans` and :mod:`.standing` make some of them.
    """

    kind: str
    values: tuple[tuple[str, Any], ...] = ()

    def __getitem__(self, name: str) -> Any:
        return dict(self.values)[name]


def why(kind: str, **values: Any) -> Why:
    """A :class:`Why` of ``kind``; lists among ``values`` become tuples, so equal reasons are equal."""
    return Why(kind, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items())))


class Unavailable(Exception):
    """A model cannot make the requested clip; ``why`` says why."""

    def __init__(self, reason: Why):
        super().__init__(reason.kind)
        self.why = reason


def spec(model: ModelRecord, name: str):  # noqa: ANN202 - the shown value of a spec
    """The displayed value of the spec ``name`` (``max_clip_seconds`` …), None when not documented."""
    fact = model.specs.get(name)
    return None if fact is None else fact.value


def billed_seconds(model: ModelRecord, seconds: int) -> tuple[int, tuple[Why, ...]]:
    """Length one generation must have to give ``seconds``, with caveats; raises Unavailable."""
    longest, lengths = spec(model, "max_clip_seconds"), spec(model, "clip_durations_seconds")
    if longest is not None and seconds > longest:
        total = spec(model, "max_total_seconds")
        raise Unavailable(why("too_long", longest=longest, total=total if total and total > longest else None))
    if lengths:
        fitting = [d for d in sorted(lengths) if d >= seconds]
        if not fitting:
            raise Unavailable(why("fixed_lengths", lengths=sorted(lengths)))
        if fitting[0] != seconds:
            return fitting[0], (why("billed_longer", billed=fitting[0], lengths=sorted(lengths)),)
        return seconds, ()
    if longest is None:
        raise Unavailable(why("length_undocumented"))
    return seconds, ()


def check_aspect(model: ModelRecord, aspect_ratio: str | None) -> None:
    """Raises Unavailable unless the model offers ``aspect_ratio`` (in lowest terms; None: any)."""
    if aspect_ratio is None:
        return
    ratios = spec(model, "aspect_ratios")
    if ratios is None:
        raise Unavailable(why("ratios_undocumented"))
    if reduced(aspect_ratio) not in {reduced(r) for r in ratios}:
        raise Unavailable(why("ratio_not_offered", ratios=ratios, wanted=aspect_ratio))


@functools.cache  # a handful of ratios, asked about for every model on every path
def reduced(ratio: str) -> tuple[int, int]:
    """``1280:720`` → ``(16, 9)``: Runway writes ratios in pixels, others in lowest terms."""
    w, h = (int(x) for x in ratio.split(":"))
    return (w // gcd(w, h), h // gcd(w, h))


PIXEL_RATIO_ABOVE = 100
"""A side larger than this means the ratio is written in pixels (``1280:720``)."""


def conventional(ratio: str) -> str:
    """The name the field uses for a ratio: ``1280:720`` → ``16:9``; ``21:9`` stays ``21:9``
    (not ``7:3``): only ratios written in pixels are reduced."""
    w, h = (int(x) for x in ratio.split(":"))
    if max(w, h) <= PIXEL_RATIO_ABOVE:
        return ratio
    w, h = reduced(ratio)
    return f"{w}:{h}"


def _resolution_allows(model: ModelRecord, label: str | None, seconds: int) -> Why | None:
    """None if the model makes ``label`` clips of ``seconds``, else the reason it does not."""
    want = resolution_height(label)
    if want is None:
        return None
    listed = spec(model, "resolutions")
    if listed is None:
        top = spec(model, "max_resolution")
        if top is None:
            return why("resolutions_undocumented")
        return None if top.height >= want else why("resolution_too_high", highest=top.label)
    match = [r for r in listed if r.height == want]
    if not match:
        return why("resolution_not_offered", labels=[r.label for r in listed], wanted=label)
    if all(r.durations_seconds and seconds not in r.durations_seconds for r in match):
        return why("resolution_lengths", label=label, lengths=match[0].durations_seconds)
    return None


def audio_caveats(model: ModelRecord, offer: OfferRecord, audio: bool | None) -> tuple[Why, ...] | None:
    """Caveats when ``offer`` fits the audio asked for (True with, False without, None either),
    None when it does not."""
    if audio is None or offer.audio is audio:
        return ()
    if offer.audio is None:
        return (why("audio_unstated"),)
    if audio is False and spec(model, "audio") == "native":
        return (why("audio_always_on"),)
    return None


def _offer_caveats(model: ModelRecord, offer: OfferRecord, request: ClipRequest, billed: int) -> tuple[Why, ...] | None:
    """Caveats when ``offer`` can price the request, None when it cannot."""
    caveats: tuple[Why, ...] = ()
    if request.resolution is None:
        if _resolution_allows(model, offer.resolution, billed):
            return None
    elif offer.resolution is None:
        caveats = (why("resolution_unstated"),)
    elif resolution_height(offer.resolution) != resolution_height(request.resolution):
        return None
    audio = audio_caveats(model, offer, request.audio)
    return None if audio is None else caveats + audio


def no_offer_reason(state: ModelState) -> Why:
    """Why the model has no buyable offer: retired, no price, only an estimate …"""
    summary, model = state.lifecycle, state.model
    if not summary.available:
        return why("retired", shutdown=summary.shutdown)
    current = [o for o in state.current if o.platform is not None]
    if not model.offers:
        return why("no_price")
    if any(o.approximate for o in current):
        return why("estimate_only")
    if current and all(o.mode != "text_to_video" for o in current):
        return why("other_inputs_only")
    return why("no_usd_price")


def priced_offers(state: ModelState) -> tuple[OfferRecord, ...]:
    """The offers a cost may use (the buyable ones); raises Unavailable when there are none."""
    if not state.buyable:
        raise Unavailable(no_offer_reason(state))
    return state.buyable


def model_quotes(state: ModelState, request: ClipRequest,
                 offers: tuple[OfferRecord, ...] | list[OfferRecord] | None = None) -> list[Quote]:
    """The cheapest fitting offer per platform for the model; raises Unavailable with the
    reason. ``offers``: a subset of :func:`priced_offers` (default: all of them)."""
    model = state.model
    offers = priced_offers(state) if offers is None else offers
    if request.audio and spec(model, "audio") == "none":
        raise Unavailable(why("silent_only"))
    billed, caveats = billed_seconds(model, request.seconds)
    check_aspect(model, request.aspect_ratio)
    if reason := _resolution_allows(model, request.resolution, billed):
        raise Unavailable(reason)
    best: dict[str, tuple[OfferRecord, tuple[Why, ...]]] = {}
    for offer in offers:
        fit = _offer_caveats(model, offer, request, billed)
        if fit is None or (offer.unit == "clip" and offer.clip_seconds != billed):
            continue
        held = best.get(offer.platform.id)
        if held is None or (offer.usd_per_second, TIER_ORDER.index(offer.tier)) < \
                (held[0].usd_per_second, TIER_ORDER.index(held[0].tier)):
            best[offer.platform.id] = (offer, fit)
    if not best:
        raise Unavailable(why("no_price_for", resolution=request.resolution, audio=request.audio))
    return [Quote(model, o, billed, o.cost(billed), o.cost(billed) * request.generations,
                  caveats + fit) for o, fit in best.values()]
