"""Price history that vanishes: an offer entry edited in place, or removed, or its end date
moved, since a revision.

The editing guide's rule is that a changed price is a new entry with the day it took effect,
and the old entry stays (ended by ``effective_until``). An entry is the same entry in two
versions when it agrees on what the price is for (:data:`~generator.facts.offer_schema.
PRICE_KEY_FIELDS`), its unit and currency, and ``effective_from``. :func:`rewritten_history`
lists each entry of the older version that the newer one no longer holds with the same
amounts: as one located problem in the newer file, saying how to record the change instead.
"""

from __future__ import annotations

from typing import Iterator

from . import schema as s
from .dataset import Dataset
from .errors import Problem
from .locate import problem_at

AMOUNT_FIELDS = ("price_per_second", "credits_per_second", "credit_price", "tokens_per_second",
                 "price_per_million_tokens", "price_per_clip", "price_per_month")
"""The fields of an offer entry that state its amount (money, credits or tokens)."""
HOW = ("record a new price as a new entry (effective_from: the day it took effect) and end the old one with "
       "effective_until; for the correction of a wrong value, diff --record --allow-rewrite")


def _identity(offer: s.Offer) -> tuple:
    return (*(getattr(offer, f) for f in s.PRICE_KEY_FIELDS), offer.unit, offer.currency, offer.effective_from)


def _amounts(offer: s.Offer) -> dict[str, object]:
    return {f: getattr(offer, f) for f in AMOUNT_FIELDS if getattr(offer, f) is not None}


def _describe(offer: s.Offer) -> str:
    what = [offer.platform or "no platform", offer.mode.replace("_", " "), offer.tier]
    what += [offer.resolution] if offer.resolution else []
    what += [] if offer.audio is None else ["with audio" if offer.audio else "without audio"]
    since = f"effective from {offer.effective_from}" if offer.effective_from else "undated"
    return f"{', '.join(what)}, {since}"


def _text(amounts: dict[str, object]) -> str:
    return ", ".join(f"{f} {v}" for f, v in amounts.items())


def _model_rewrites(doc, before: s.ModelFile, after: s.ModelFile, revision: str) -> Iterator[Problem]:  # noqa: ANN001
    left = list(enumerate(after.offers))
    for old in before.offers:
        same = [(i, o) for i, o in left if _identity(o) == _identity(old)]
        kept = next(((i, o) for i, o in same if _amounts(o) == _amounts(old)), None)
        if kept is not None:
            left.remove(kept)
            index, new = kept
            if old.effective_until is not None and new.effective_until != old.effective_until:
                moved = f"moved to {new.effective_until}" if new.effective_until else "removed"
                yield problem_at(doc, ("offers", index), f"the price {_describe(old)} ended on {old.effective_until} "
                                 f"at {revision}; its effective_until was {moved}, which changes the days the old price "
                                 f"held; {HOW}")
        elif same:
            index, new = same[0]
            left.remove(same[0])
            yield problem_at(doc, ("offers", index), f"the price {_describe(old)} was edited in place: "
                             f"{_text(_amounts(old))} at {revision}, now {_text(_amounts(new))}, and the old "
                             f"amount is gone from the history; {HOW}")
        else:
            yield problem_at(doc, ("offers",), f"the price {_describe(old)} ({_text(_amounts(old))}) at {revision} "
                             f"is gone from the history (removed, or its effective_from changed); {HOW}")


def rewritten_history(old: Dataset, new: Dataset, revision: str) -> list[Problem]:
    """Every price entry of ``old`` that ``new`` dropped or holds with other amounts, located
    in ``new``'s model files (models in both versions only; ``revision`` names ``old``)."""
    found: list[Problem] = []
    for model_id, (doc, after) in new.models.items():
        if model_id in old.models:
            found.extend(_model_rewrites(doc, old.models[model_id][1], after, revision))
    return sorted(found)
