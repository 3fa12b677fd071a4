"""The as-of view: the catalog on the date a build is for, resolved once.

The pipeline calls :func:`as_of` once per build (twice for ``videoguide diff``, once per
version). For every model it resolves the lifecycle on each platform, each price's history
with its status, the current offers and the buyable ones; with the stale-after age it says
whether a checked date is stale. Answers and pages read this view and never recompute those
from a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable

from ..facts.catalog import Catalog, ModelRecord, OfferRecord
from .lifecycle import LifecycleSummary, lifecycle_summary
from .prices import PriceEntry, current_of, price_series

DEFAULT_STALE_AFTER_DAYS = 90
"""Checked dates older than this many days are stale unless ``[tool.videoguide]`` says otherwise."""


@dataclass(frozen=True)
class Freshness:
    """``today`` and the age in days after which a checked fact counts as stale."""

    today: dt.date
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS

    def age(self, as_of: dt.date) -> int:
        """Days from ``as_of`` to ``today``."""
        return (self.today - as_of).days

    def is_stale(self, as_of: dt.date) -> bool:
        return self.age(as_of) > self.stale_after_days


@dataclass(frozen=True)
class ModelState:
    """One model on the view's date.

    ``prices`` holds each price's entries, oldest first, with their status (see
    :func:`generator.answers.prices.price_series`); ``current`` the entry of each price in
    effect; ``buyable`` the current exact text-to-video prices in USD per second on a named
    platform where the model is not retired, which costs, winners and verdicts use;
    ``extensions`` the same for extension calls (USD per second added).
    """

    model: ModelRecord
    lifecycle: LifecycleSummary
    prices: tuple[tuple[PriceEntry, ...], ...]
    current: tuple[OfferRecord, ...]
    buyable: tuple[OfferRecord, ...]
    extensions: tuple[OfferRecord, ...] = ()
    images: tuple[OfferRecord, ...] = ()
    """The same for image-to-video (an image as the first frame)."""
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Answers derived from this state, by what was asked (see :func:`memoized`)."""


@dataclass(frozen=True)
class AsOf:
    """The catalog on ``freshness.today``: every model's :class:`ModelState`, in catalog order."""

    catalog: Catalog
    freshness: Freshness
    models: dict[str, ModelState]
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Answers derived from the whole view, by what was asked (see :func:`memoized`)."""

    @property
    def today(self) -> dt.date:
        return self.freshness.today

    def forget(self) -> None:
        """Drop the answers kept on the view and its states (see :func:`memoized`): most are
        then freed at once, without waiting for the cyclic collector (N=1,000: 1.3 million
        objects; the collection after the pages took 1.5 s, 0.8 s after this)."""
        self.memo.clear()
        for state in self.models.values():
            state.memo.clear()


def memoized(holder: ModelState | AsOf, key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per ``key`` for ``holder``: a view and its model states never change,
    so what is derived from them is kept (the guide asks the same of a model on many paths)."""
    try:
        return holder.memo[key]
    except KeyError:
        value = holder.memo[key] = compute()
        return value


def _buyable(current: list[OfferRecord], lifecycle: LifecycleSummary, mode: str = "text_to_video"
             ) -> tuple[OfferRecord, ...]:
    return tuple(o for o in current if o.platform is not None and not o.approximate and o.mode == mode
                 and o.usd_per_second is not None and not lifecycle.retired_on(o.platform.id))


def model_state(catalog: Catalog, model: ModelRecord, today: dt.date) -> ModelState:
    """``model`` on ``today``."""
    lifecycle = lifecycle_summary(catalog, model, today)
    series = price_series(model, today)
    current = current_of(series)
    return ModelState(model, lifecycle, tuple(tuple(entries) for entries in series), tuple(current),
                      _buyable(current, lifecycle), _buyable(current, lifecycle, "extension"),
                      _buyable(current, lifecycle, "image_to_video"))


def as_of(catalog: Catalog, today: dt.date, stale_after_days: int = DEFAULT_STALE_AFTER_DAYS) -> AsOf:
    """The view of ``catalog`` on ``today``; checked dates older than ``stale_after_days`` are stale."""
    return AsOf(catalog, Freshness(today, stale_after_days),
                {model_id: model_state(catalog, model, today) for model_id, model in catalog.models.items()})
