"""Prices over time: which entry of a price is current on a given day, and its history.

Entries with the same :attr:`OfferRecord.key <generator.facts.catalog.OfferRecord.key>` (platform,
mode, tier, resolution, audio, and plan for subscriptions) are one price's history. They are
ordered by :func:`start`: ``effective_from`` when stated; else just before
``effective_until`` for a price known only to have ended; else its ``as_of`` date (the day a
source showed it in effect). On ``today`` the current entry is the latest that has taken
effect and not ended; older ones are *superseded*, later ones *scheduled*. Pure functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..facts.catalog import ModelRecord, OfferRecord
from ..facts.fields import day_of

PriceStatus = Literal["current", "superseded", "scheduled"]


@dataclass(frozen=True)
class PriceEntry:
    offer: OfferRecord
    status: PriceStatus


def start(offer: OfferRecord) -> tuple[str, int]:
    """Sort key of an entry within its price's history (ISO day, then ended-before-started)."""
    if offer.effective_from:
        return (day_of(offer.effective_from), 1)
    if offer.effective_until:
        return (day_of(offer.effective_until), 0)
    return (offer.as_of.isoformat(), 1)


def _started(offer: OfferRecord, today: str) -> bool:
    return offer.effective_from is None or day_of(offer.effective_from) <= today


def _ended(offer: OfferRecord, today: str) -> bool:
    return offer.effective_until is not None and day_of(offer.effective_until) <= today


def price_series(model: ModelRecord, today: dt.date) -> list[list[PriceEntry]]:
    """Each price's entries, oldest first, with their status on ``today``; prices in data
    order. A month in a date counts from its first day."""
    day = today.isoformat()
    groups: dict[tuple, list[OfferRecord]] = {}
    for offer in model.offers:
        groups.setdefault(offer.key, []).append(offer)
    series = []
    for offers in groups.values():
        offers = sorted(offers, key=start)
        live = [o for o in offers if _started(o, day) and not _ended(o, day)]
        current = live[-1] if live else None
        series.append([PriceEntry(o, "current" if o is current else "superseded" if _started(o, day)
                                  else "scheduled") for o in offers])
    return series


def current_of(series: list[list[PriceEntry]]) -> list[OfferRecord]:
    """The current entry of each price in ``series`` (see :func:`price_series`)."""
    return [e.offer for entries in series for e in entries if e.status == "current"]


def entry_statuses(model: ModelRecord, today: dt.date) -> tuple[PriceStatus, ...]:
    """Each of ``model.offers``' status on ``today``, in the offers' order (see :func:`price_series`)."""
    status = {id(e.offer): e.status for entries in price_series(model, today) for e in entries}
    return tuple(status[id(offer)] for offer in model.offers)
