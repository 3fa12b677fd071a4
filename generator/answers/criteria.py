"""Criteria: the value a criterion compares for a model, its rank, and head-to-head winners.

Pure functions of the as-of view (:mod:`generator.answers.asof`): prices are the buyable
offers on the view's date. Nothing here is typed by hand in the data; see
:mod:`generator.answers.verdicts` for use cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal

from ..facts import schema as s
from ..facts.catalog import ModelRecord, OfferRecord, ResolvedClaim, ResolvedFact
from .asof import AsOf, ModelState

Winner = Literal["a", "b", "tie"] | None


@dataclass(frozen=True)
class PriceClaim(ResolvedClaim):
    """A price as a claim: USD per second from ``offer``, with its source and check date."""

    offer: OfferRecord | None = None


OfferFilter = Callable[[OfferRecord], bool]
"""Which offers a price may come from (say, those with audio); None: every buyable offer."""


def _mapped(fact: ResolvedFact | None, fn: Any) -> ResolvedFact | None:
    if fact is None:
        return None
    return ResolvedFact(tuple(ResolvedClaim(fn(c.value), c.source, c.as_of, c.note) for c in fact.claims))


def lowest_offer_fact(state: ModelState, fits: OfferFilter | None = None) -> ResolvedFact | None:
    """The cheapest buyable offer that ``fits`` (ties: the platform name), as a one-claim
    fact whose claim is a :class:`PriceClaim` naming the offer; None when there is none."""
    offers = [o for o in state.buyable if fits is None or fits(o)]
    if not offers:
        return None
    best = min(offers, key=lambda o: (o.usd_per_second, o.platform.name))
    return ResolvedFact((PriceClaim(best.usd_per_second, best.source, best.as_of, None, best),))


def criterion_fact(state: ModelState, criterion: s.Criterion, fits: OfferFilter | None = None) -> ResolvedFact | None:
    """The fact a criterion compares for the model (None: not documented); prices among
    buyable offers that ``fits`` (default: every buyable offer)."""
    model = state.model
    if criterion.kind == "rating":
        return model.ratings.get(criterion.id)
    if criterion.kind == "score":
        return model.scores.get(criterion.id)
    field = criterion.field
    if field == "lowest_usd_per_second":
        return lowest_offer_fact(state, fits)
    if field == "max_frame_rate_fps":
        return _mapped(model.specs.get("frame_rates_fps"), max)
    return model.specs.get(field)


def rank(criterion: s.Criterion, value: Any) -> float | None:
    """Position of ``value`` on the criterion; lower is better; None when not comparable (a
    score from another leaderboard than the criterion's: Elo scales of two boards differ)."""
    if criterion.kind == "rating":
        return float(criterion.scale.index(value)) if value in criterion.scale else None
    if criterion.kind == "score":
        return float(-value.elo) if value.leaderboard == criterion.leaderboard else None
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


def _first(fact: ResolvedFact, claim: ResolvedClaim) -> ResolvedFact:
    return ResolvedFact((claim,) + tuple(c for c in fact.claims if c is not claim))


def same_snapshot(criterion: s.Criterion, a: ResolvedFact | None,
                  b: ResolvedFact | None) -> tuple[ResolvedFact | None, ResolvedFact | None]:
    """Two scores shown side by side from the newest snapshot of the criterion's board that
    both have, when there is one (otherwise as they are): Elo moves as the board does."""
    if criterion.kind != "score" or a is None or b is None:
        return a, b
    pairs = [(ca, cb) for ca in a.claims for cb in b.claims
             if ca.value.taken == cb.value.taken and ca.value.leaderboard == criterion.leaderboard]
    if not pairs:
        return a, b
    ca, cb = max(pairs, key=lambda pair: pair[0].value.snapshot)
    return _first(a, ca), _first(b, cb)


def head_to_head(view: AsOf, a_id: str, b_id: str) -> HeadToHead:
    """One row per criterion, in the order of ``criteria.yaml``; prices that can be paid on the
    view's date; scores from a snapshot both sides share (:func:`same_snapshot`)."""
    a, b = view.models[a_id], view.models[b_id]
    rows = []
    for criterion in view.catalog.criteria.values():
        fa, fb = same_snapshot(criterion, criterion_fact(a, criterion), criterion_fact(b, criterion))
        rows.append(HeadToHeadRow(criterion, fa, fb, winner(criterion, fa, fb)))
    return HeadToHead(a.model, b.model, tuple(rows))
