"""A platform's published prices against the current price entries the data records for it.

The platform gives one price per endpoint; the data may record several prices for one
endpoint (per resolution, with or without sound). So, per endpoint:

* ``unchanged``: one of its current entries in the platform's unit has the platform's amount;
* ``changed``: it has exactly one such entry, with another amount (a new entry can be written);
* ``ambiguous``: several such entries and none has the amount: which one changed is unknown
  (or the platform gives several different prices for the endpoint);
* ``missing``: the platform gives no price for the endpoint (renamed, retired, or a wrong id);
* ``not compared``: the platform's unit or currency is not one the entries are recorded in,
  or the data does not say which endpoint an entry is for. Listed, never guessed.

Pure: the prices come in, :class:`PriceFinding` records go out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from ..answers.prices import entry_statuses
from ..facts.catalog import Catalog, OfferRecord
from ..facts.dataset import Dataset
from ..facts.locate import problem_at
from .pricing import PlatformPrice, PriceProvider, endpoint_of

NEEDS_EDITOR = frozenset({"changed", "ambiguous", "missing"})
"""The kinds of finding an editor must act on (``prices pull`` exits 1)."""


@dataclass(frozen=True)
class Entry:
    """A current price entry: its model, its index in the model's ``offers``, the record and
    where it is written (``file:line:col: offers[i]``)."""

    model: str
    index: int
    offer: OfferRecord
    at: str


@dataclass(frozen=True)
class PriceFinding:
    kind: str
    endpoint: str | None
    price: PlatformPrice | None
    entries: tuple[Entry, ...]
    detail: str = ""

    @property
    def needs_editor(self) -> bool:
        return self.kind in NEEDS_EDITOR


def usd(amount: Decimal) -> str:
    """``$0.25``: at least two decimals, more when the amount has them."""
    return "$" + str(amount if -amount.as_tuple().exponent >= 2 else amount.quantize(Decimal("0.01")))


def amount_of(offer: OfferRecord) -> Decimal | None:
    """The amount an entry states in its own unit: per second, per clip, or per million tokens."""
    return {"second": offer.price_per_second, "clip": offer.price_per_clip,
            "token": offer.price_per_million_tokens}.get(offer.unit)


def current_entries(dataset: Dataset, catalog: Catalog, platform: str, today: dt.date) -> list[Entry]:
    """Every current price entry on ``platform``, models in id order, entries in file order."""
    out = []
    for model_id, model in catalog.models.items():
        doc = dataset.models[model_id][0]
        for index, (offer, status) in enumerate(zip(model.offers, entry_statuses(model, today))):
            if status == "current" and offer.platform and offer.platform.id == platform:
                where = problem_at(doc, ("offers", index), "")
                out.append(Entry(model_id, index, offer, f"{where.path}:{where.line}:{where.col}: {where.field}"))
    return out


def by_endpoint(catalog: Catalog, entries: Iterable[Entry],
                provider: PriceProvider) -> tuple[dict[str, list[Entry]], list[PriceFinding]]:
    """The entries grouped by endpoint, and a ``not compared`` finding for each entry whose
    endpoint the data does not say."""
    groups: dict[str, list[Entry]] = {}
    unknown = []
    for entry in entries:
        endpoint, why = endpoint_of(catalog.models[entry.model], entry.offer, provider.platform, provider.host)
        if endpoint is None:
            unknown.append(PriceFinding("not compared", None, None, (entry,), f"which endpoint is unknown: {why}"))
        else:
            groups.setdefault(endpoint, []).append(entry)
    return groups, unknown


def _judge(endpoint: str, entries: list[Entry], prices: tuple[PlatformPrice, ...], name: str) -> PriceFinding:
    group = tuple(entries)
    if len(prices) > 1:
        given = "; ".join(f"{usd(p.unit_price)} {p.currency} per {p.unit}" for p in prices)
        return PriceFinding("ambiguous", endpoint, None, group,
                            f"{name} gives {len(prices)} different prices for it ({given}): which one applies is unknown")
    price = prices[0] if prices else None
    if price is None:
        return PriceFinding("missing", endpoint, None, group, f"{name} gives no price for it: renamed, retired, or not the endpoint's "
                            "id? check its model page")
    unit = price.data_unit
    if unit is None:
        return PriceFinding("not compared", endpoint, price, group,
                            f"{name} charges {usd(price.unit_price)} per {price.unit!r}, a unit the "
                            "data cannot express")
    same = [e for e in entries if e.offer.unit == unit and e.offer.currency == price.currency]
    if not same:
        recorded = ", ".join(sorted({f"per {e.offer.unit} in {e.offer.currency}" for e in entries}))
        return PriceFinding("not compared", endpoint, price, group,
                            f"{name} charges {price.unit_price} {price.currency} per {price.unit}; the "
                            f"data records {recorded}")
    matching = [e for e in same if amount_of(e.offer) == price.data_amount]
    if matching:
        return PriceFinding("unchanged", endpoint, price, tuple(matching))
    if len(same) > 1:
        return PriceFinding("ambiguous", endpoint, price, tuple(same),
                            f"one price for the {len(same)} recorded for this endpoint, and none of "
                            "them: check the model page for the price of each")
    return PriceFinding("changed", endpoint, price, tuple(same))


def compare_prices(groups: dict[str, list[Entry]], prices: dict[str, tuple[PlatformPrice, ...]],
                   name: str) -> list[PriceFinding]:
    """One finding per endpoint, in endpoint order (see the module's docstring); ``prices``
    as :meth:`~.pricing.PriceProvider.read_prices` gives them."""
    return [_judge(endpoint, groups[endpoint], prices.get(endpoint, ()), name) for endpoint in sorted(groups)]
