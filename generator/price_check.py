"""Checks on price history: the entries of one price must be in a known order.

Entries that share platform, mode, tier, resolution, audio, unit, plan and currency are one
price's history, ordered as :func:`generator.prices.start` says. Two entries with the same
start would leave the current price to chance, so the later one in the file is reported.
"""

from __future__ import annotations

from typing import Iterator

from . import schema as s
from .errors import Problem
from .load import Document
from .refs import problem_at


def _key(offer: s.Offer) -> tuple:
    return (offer.platform, offer.mode, offer.tier, offer.resolution, offer.audio, offer.unit, offer.plan,
            offer.currency)


def _start(offer: s.Offer, model: s.ModelFile) -> str | None:
    as_of = offer.as_of or model.as_of
    return offer.effective_from or offer.effective_until or (as_of.isoformat() if as_of else None)


def check_price_history(doc: Document, model: s.ModelFile) -> Iterator[Problem]:
    """One problem per entry whose place in its price's history cannot be told."""
    seen: dict[tuple, int] = {}
    for index, offer in enumerate(model.offers):
        begins = _start(offer, model)
        if begins is None:
            continue
        key = (_key(offer), begins, offer.effective_from is None and offer.effective_until is not None)
        if key in seen:
            line = doc.locate(("offers", seen[key]))[0]
            yield problem_at(doc, ("offers", index), f"another entry for the same price (line {line}) starts on "
                             f"{begins} too: give the newer one the date it took effect (effective_from)")
        seen.setdefault(key, index)
