"""Cross-model tables: the all-models table, disputed facts and the facts citing each source.

pandas is used here (and only in the derive stage) to join models with their offers and
pick each model's lowest price; results leave as typed rows, never as DataFrames.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

import pandas as pd

from . import format as fmt
from .facts.catalog import Catalog, ModelRecord, ResolvedFact
from .derive import LifecycleSummary, buyable_offers, lifecycle_summary, offer_label


@dataclass(frozen=True)
class LabelledFact:
    """A fact of one model with where it appears: section, label and field name."""

    model: ModelRecord
    section: str
    label: str
    field: str
    fact: ResolvedFact


def labelled_facts(catalog: Catalog, model: ModelRecord) -> Iterator[LabelledFact]:
    """Every fact of ``model``, in page order."""
    for pid, fact in model.lifecycle.items():
        yield LabelledFact(model, "Lifecycle", catalog.platforms[pid].name, "lifecycle", fact)
    for name, fact in model.specs.items():
        yield LabelledFact(model, "Specs", fmt.SPEC_LABELS[name], name, fact)
    for name, fact in model.availability.items():
        yield LabelledFact(model, "Availability", fmt.AVAILABILITY_LABELS[name], name, fact)
    for cid, fact in model.ratings.items():
        yield LabelledFact(model, "Ratings", catalog.criteria[cid].name, "rating", fact)
    for uid, fact in model.verdicts.items():
        yield LabelledFact(model, "Verdicts", catalog.use_cases[uid].name, "verdict", fact)
    for section, label, facts in (("Strengths", "Strength", model.strengths),
                                  ("Weaknesses", "Weakness", model.weaknesses)):
        for fact in facts:
            yield LabelledFact(model, section, label, "text", fact)


def disputed_facts(catalog: Catalog) -> tuple[LabelledFact, ...]:
    """Facts whose claims disagree, by model then page order."""
    return tuple(f for m in catalog.models.values() for f in labelled_facts(catalog, m) if f.fact.disputed)


def citations(catalog: Catalog) -> dict[str, list[str]]:
    """Source id → sorted, de-duplicated ``"Model: what"`` descriptions of the facts citing it."""
    cited: dict[str, set[str]] = {sid: set() for sid in catalog.sources}
    for model in catalog.models.values():
        for lf in labelled_facts(catalog, model):
            for claim in lf.fact.claims:
                cited[claim.source.id].add(f"{model.name}: {lf.section.lower()}, {lf.label}")
        for offer in model.offers:
            cited[offer.source.id].add(f"{model.name}: price on {offer.platform.name if offer.platform else 'an unnamed platform'}")
        if model.prompt:
            cited[model.prompt.source.id].add(f"{model.name}: prompt structure")
    return {sid: sorted(items) for sid, items in cited.items()}


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
    lowest_platform: str | None
    """What the lowest price is for: platform, tier, resolution, audio."""
    lowest_as_of: dt.date | None = None
    """When that price was last checked."""


def _lowest_prices(catalog: Catalog, today: dt.date) -> pd.DataFrame:
    """Per model, the cheapest offer that can be bought on ``today`` (see ``buyable_offers``)."""
    records = [
        {"model": m.id, "platform": o.platform.name, "usd": o.usd_per_second, "label": offer_label(o),
         "as_of": o.as_of}
        for m in catalog.models.values() for o in buyable_offers(m, today)
    ]
    frame = pd.DataFrame.from_records(records, columns=["model", "platform", "usd", "label", "as_of"])
    if frame.empty:
        return frame.set_index("model")
    frame = frame.sort_values(["model", "usd", "platform"])
    return frame.groupby("model", sort=False).head(1).set_index("model")


def model_rows(catalog: Catalog, today: dt.date) -> tuple[ModelRow, ...]:
    """One row per model, sorted by vendor then name."""
    lowest = _lowest_prices(catalog, today)
    rows = []
    for model in sorted(catalog.models.values(), key=lambda m: (m.vendor.name, m.name)):
        res = model.specs.get("max_resolution")
        price = lowest.loc[model.id] if model.id in lowest.index else None
        rows.append(ModelRow(
            model=model, lifecycle=lifecycle_summary(catalog, model, today),
            max_resolution=res, max_pixels=res.value.width * res.value.height if res else None,
            max_clip=model.specs.get("max_clip_seconds"), max_total=model.specs.get("max_total_seconds"),
            audio=model.specs.get("audio"),
            lowest_usd_per_second=price["usd"] if price is not None else None,
            lowest_platform=price["label"] if price is not None else None,
            lowest_as_of=price["as_of"] if price is not None else None,
        ))
    return tuple(rows)
