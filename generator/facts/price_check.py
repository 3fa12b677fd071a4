"""Checks on price entries: the entries of one price must be in a known order, and a clip
price cannot buy a clip longer than the model makes.

Entries that agree on :data:`generator.facts.schema.PRICE_KEY_FIELDS` are one price's
history, ordered as :func:`generator.answers.prices.start` says. Two entries with the same start
(a month counting as its first day) would leave the current price to chance; a new dated
price that started before an undated entry was last seen in effect would silently lose to it.
"""

from __future__ import annotations

from typing import Iterator

from . import schema as s
from .errors import Problem
from .fields import day_of
from .load import Document
from .locate import problem_at


def _key(offer: s.Offer) -> tuple:
    return tuple(getattr(offer, f) for f in s.PRICE_KEY_FIELDS)


def _as_of(offer: s.Offer, model: s.ModelFile) -> str | None:
    as_of = offer.as_of or model.as_of
    return as_of.isoformat() if as_of else None


def _start(offer: s.Offer, model: s.ModelFile) -> str | None:
    given = offer.effective_from or offer.effective_until
    return day_of(given) if given else _as_of(offer, model)


def _same_start(doc: Document, model: s.ModelFile) -> Iterator[Problem]:
    seen: dict[tuple, int] = {}
    for index, offer in enumerate(model.offers):
        begins = _start(offer, model)
        if begins is None:
            continue
        key = (_key(offer), begins, offer.effective_from is None and offer.effective_until is not None)
        if key in seen:
            line = doc.locate(("offers", seen[key]))[0]
            yield problem_at(doc, ("offers", index), f"another entry for the same price (line {line}) also counts from "
                             f"{begins} (an entry without effective_from counts from its as_of date): give them "
                             "different effective_from dates, or end the older one with effective_until")
        seen.setdefault(key, index)


def _seen_after_a_change(doc: Document, model: s.ModelFile) -> Iterator[Problem]:
    """An undated entry seen in effect after a dated entry started: by the dates the undated
    one is newer, which is rarely what an editor adding a price meant, so ask."""
    for index, offer in enumerate(model.offers):
        if not offer.effective_from:
            continue
        for other, old in enumerate(model.offers):
            seen = _as_of(old, model)
            if (other == index or _key(old) != _key(offer) or old.effective_from or old.effective_until
                    or seen is None or day_of(offer.effective_from) >= seen
                    or (offer.effective_until and day_of(offer.effective_until) <= seen)):
                continue
            line = doc.locate(("offers", other))[0]
            yield problem_at(doc, ("offers", index, "effective_from"),
                             f"the entry on line {line} was seen in effect on {seen}, after this price took effect "
                             f"({offer.effective_from}), so that entry would stay current: re-check it, then give it "
                             "effective_until (the day it ended) or this entry effective_until, whichever is true")


def _clip_too_long(doc: Document, model: s.ModelFile) -> Iterator[Problem]:
    """A clip price for a clip longer than any single generation a source gives the model."""
    fact = model.specs.max_clip_seconds
    longest = None if fact is None else max(c.value for c in fact)
    for index, offer in enumerate(model.offers):
        if offer.unit == "clip" and longest is not None and offer.clip_seconds > longest:
            yield problem_at(doc, ("offers", index, "clip_seconds"),
                             f"a {offer.clip_seconds} s clip is longer than the model's longest single generation "
                             f"({longest} s in specs.max_clip_seconds): check the clip length or the spec")


def check_price_history(doc: Document, model: s.ModelFile) -> Iterator[Problem]:
    """Entries whose place in their price's history cannot be told, and clip prices longer
    than one generation, located in the file."""
    yield from _same_start(doc, model)
    yield from _seen_after_a_change(doc, model)
    yield from _clip_too_long(doc, model)
