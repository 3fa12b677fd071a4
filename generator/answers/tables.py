"""The cross-model table: key specs and the lowest buyable price of every model.

pandas is used here (and only in :mod:`generator.answers`) to join models with their offers
and pick each model's lowest price; results leave as typed rows, never as DataFrames.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ..facts.catalog import ModelRecord, OfferRecord, ResolvedFact
from .asof import AsOf
from .lifecycle import LifecycleSummary


@dataclass(frozen=True)
class ModelRow:
    model: ModelRecord
    lifecycle: LifecycleSummary
    max_resolution: ResolvedFact | None
    max_pixels: int | None
    max_clip: ResolvedFact | None
    max_total: ResolvedFact | None
    audio: ResolvedFact | None
    lowest_usd_per_second: Decimal | None
    lowest_offer: OfferRecord | None
    """The buyable offer with that price (cheapest, then by platform name)."""


def _lowest_prices(view: AsOf) -> pd.DataFrame:
    """Per model, the cheapest offer that can be bought on the view's date."""
    records = [
        {"model": model_id, "platform": o.platform.name, "usd": o.usd_per_second, "offer": o}
        for model_id, state in view.models.items() for o in state.buyable
    ]
    frame = pd.DataFrame.from_records(records, columns=["model", "platform", "usd", "offer"])
    if frame.empty:
        return frame.set_index("model")
    frame = frame.sort_values(["model", "usd", "platform"])
    return frame.groupby("model", sort=False).head(1).set_index("model")


def model_rows(view: AsOf) -> tuple[ModelRow, ...]:
    """One row per model, sorted by vendor then name."""
    lowest = _lowest_prices(view)
    rows = []
    for state in sorted(view.models.values(), key=lambda st: (st.model.vendor.name, st.model.name)):
        model = state.model
        res = model.specs.get("max_resolution")
        price = lowest.loc[model.id] if model.id in lowest.index else None
        rows.append(ModelRow(
            model=model, lifecycle=state.lifecycle,
            max_resolution=res, max_pixels=res.value.width * res.value.height if res else None,
            max_clip=model.specs.get("max_clip_seconds"), max_total=model.specs.get("max_total_seconds"),
            audio=model.specs.get("audio"),
            lowest_usd_per_second=price["usd"] if price is not None else None,
            lowest_offer=price["offer"] if price is not None else None,
        ))
    return tuple(rows)
