"""Derived facts: criterion values, head-to-head winners and lifecycle summaries.

Pure functions of the :class:`generator.catalog.Catalog` and a reference date ``today``
(lifecycle: a scheduled shutdown in the past means retired). Nothing here is typed by
hand in the data; see :mod:`generator.verdicts` and :mod:`generator.tables` for the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Literal

from .facts import schema as s
from .facts.catalog import Catalog, ModelRecord, OfferRecord, ResolvedClaim, ResolvedFact
from .prices import current_offers

AVAILABILITY_ORDER = ("ga", "preview", "deprecated", "retired")
Winner = Literal["a", "b", "tie"] | None


# --- criteria --------------------------------------------------------------------------


def _mapped(fact: ResolvedFact | None, fn: Any) -> ResolvedFact | None:
    if fact is None:
        return None
    return ResolvedFact(tuple(ResolvedClaim(fn(c.value), c.source, c.as_of, c.note) for c in fact.claims))


def buyable_offers(model: ModelRecord, today: dt.date | None) -> list[OfferRecord]:
    """Exact text-to-video prices in USD per second, in effect on ``today``, on a named
    platform where the model is not retired on ``today``."""
    def retired(o: OfferRecord) -> bool:
        fact = model.lifecycle.get(o.platform.id)
        return today is not None and fact is not None and effective_status(fact.value, today) == "retired"

    return [o for o in current_offers(model, today) if o.platform is not None and not o.approximate
            and o.mode == "text_to_video" and o.usd_per_second is not None and not retired(o)]


def offer_label(offer: OfferRecord) -> str:
    """``Vertex AI, standard, 720p, silent``: what a price is for."""
    audio = {True: "with audio", False: "silent"}.get(offer.audio, "")
    parts = [offer.platform.name if offer.platform else "", offer.tier, offer.resolution or "", audio]
    return ", ".join(p for p in parts if p)


OfferFilter = Callable[[OfferRecord], bool]
"""Which offers a price may come from (say, those with audio); None: every buyable offer."""


def lowest_offer_fact(model: ModelRecord, today: dt.date | None = None,
                      fits: OfferFilter | None = None) -> ResolvedFact | None:
    """The cheapest of :func:`buyable_offers` that ``fits``, as a one-claim fact with its source."""
    offers = [o for o in buyable_offers(model, today) if fits is None or fits(o)]
    if not offers:
        return None
    best = min(offers, key=lambda o: (o.usd_per_second, o.platform.name))
    return ResolvedFact((ResolvedClaim(best.usd_per_second, best.source, best.as_of, offer_label(best)),))


def criterion_fact(model: ModelRecord, criterion: s.Criterion, today: dt.date | None = None,
                   fits: OfferFilter | None = None) -> ResolvedFact | None:
    """The fact a criterion compares for ``model`` (None: not documented); prices as of
    ``today`` among offers that ``fits`` (default: every buyable offer)."""
    if criterion.kind == "rating":
        return model.ratings.get(criterion.id)
    field = criterion.field
    if field == "lowest_usd_per_second":
        return lowest_offer_fact(model, today, fits)
    if field == "max_frame_rate_fps":
        return _mapped(model.specs.get("frame_rates_fps"), max)
    return model.specs.get(field)


def rank(criterion: s.Criterion, value: Any) -> float | None:
    """Position of ``value`` on the criterion; lower is better; None when not comparable."""
    if criterion.kind == "rating":
        return float(criterion.scale.index(value)) if value in criterion.scale else None
    if criterion.order is not None:
        for position, group in enumerate(criterion.order):
            if value == group or (isinstance(group, list) and value in group):
                return float(position)
        return None
    number = value.width * value.height if isinstance(value, s.Resolution) else value
    return float(-number if criterion.better == "higher" else number)


def winner(criterion: s.Criterion, a: ResolvedFact | None, b: ResolvedFact | None) -> Winner:
    """Which side the criterion's scale prefers; ties are ties; None if either is unknown."""
    ra = rank(criterion, a.value) if a else None
    rb = rank(criterion, b.value) if b else None
    if ra is None or rb is None:
        return None
    return "tie" if ra == rb else ("a" if ra < rb else "b")


@dataclass(frozen=True)
class HeadToHeadRow:
    criterion: s.Criterion
    a: ResolvedFact | None
    b: ResolvedFact | None
    winner: Winner


@dataclass(frozen=True)
class HeadToHead:
    a: ModelRecord
    b: ModelRecord
    rows: tuple[HeadToHeadRow, ...]

    def wins(self, side: str) -> int:
        return sum(1 for r in self.rows if r.winner == side)


def head_to_head(catalog: Catalog, a_id: str, b_id: str, today: dt.date | None = None) -> HeadToHead:
    """One row per criterion, in the order of ``criteria.yaml``; prices that can be paid on ``today``."""
    a, b = catalog.models[a_id], catalog.models[b_id]
    rows = []
    for criterion in catalog.criteria.values():
        fa, fb = criterion_fact(a, criterion, today), criterion_fact(b, criterion, today)
        rows.append(HeadToHeadRow(criterion, fa, fb, winner(criterion, fa, fb)))
    return HeadToHead(a, b, tuple(rows))


# --- lifecycle -------------------------------------------------------------------------


def effective_status(value: s.Lifecycle, today: dt.date) -> str:
    """The status on ``today``: any status whose shutdown date has passed is retired."""
    if value.shutdown is not None and value.shutdown <= today:
        return "retired"
    return value.status


@dataclass(frozen=True)
class PlatformStatus:
    platform: s.Platform
    fact: ResolvedFact
    status: str


@dataclass(frozen=True)
class LifecycleSummary:
    """The headline status (first-party platforms decide), its date and replacement."""

    status: str | None
    shutdown: dt.date | None
    replacement: str | None
    platforms: tuple[PlatformStatus, ...]

    @property
    def available(self) -> bool:
        return self.status != "retired"


def lifecycle_summary(catalog: Catalog, model: ModelRecord, today: dt.date) -> LifecycleSummary:
    rows = tuple(
        PlatformStatus(catalog.platforms[pid], fact, effective_status(fact.value, today))
        for pid, fact in model.lifecycle.items()
    )
    first_party = [r for r in rows if r.platform.first_party_for == model.vendor.id] or list(rows)
    if not first_party:
        return LifecycleSummary(None, None, None, rows)
    best = min(first_party, key=lambda r: AVAILABILITY_ORDER.index(r.status))
    shutdowns = [r.fact.value.shutdown for r in first_party if r.fact.value.shutdown]
    replacement = next((r.fact.value.replacement for r in first_party if r.fact.value.replacement), None)
    shutdown = max(shutdowns) if best.status in ("retired", "deprecated") and shutdowns else None
    return LifecycleSummary(best.status, shutdown, replacement, rows)
