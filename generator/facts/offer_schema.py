"""What a price entry (``offers:`` in a model file) may say, in the unit the vendor charges in.

Re-exported by :mod:`generator.facts.schema`. The price per second of output is never typed
for a unit that is not per second: :mod:`generator.facts.catalog` computes it from the
documented figures (credits × credit price, tokens per second × token price, clip price ÷
clip length).
"""

from __future__ import annotations

import datetime as dt  # noqa: F401 - used in annotations evaluated by pydantic
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from .fields import Currency, Date, MonthOrDay, Price, ResolutionLabel, Seconds, Slug, Strict, Text, Tier, day_of

PriceUnit = Literal["second", "credit", "token", "clip", "subscription"]
UNIT_FIELDS: dict[str, tuple[str, ...]] = {
    "second": ("price_per_second",),
    "credit": ("credits_per_second", "credit_price"),
    "token": ("tokens_per_second", "price_per_million_tokens"),
    "clip": ("price_per_clip", "clip_seconds"),
    "subscription": ("plan", "price_per_month", "includes"),
}
"""The fields each price unit needs; the others must be left out."""

PRICE_KEY_FIELDS = ("platform", "mode", "tier", "resolution", "audio", "plan", "clip_seconds")
"""What a price is for: entries that agree on these are one price's history, however each is
charged (per second, in credits, in tokens, in another currency)."""

TokenCount = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=3, allow_inf_nan=False)]
"""Tokens billed per second of output: a positive number, as the source states it."""


def _unit_help(unit: str) -> str:
    """``unit 'credit': credits_per_second and credit_price; the units are second, credit, …``"""
    return (f"unit '{unit}': {' and '.join(UNIT_FIELDS[unit])}; the units are "
            + ", ".join(UNIT_FIELDS))


class Offer(Strict):
    """A price on one platform (``platform`` None: the source names none).

    ``mode`` ``extension`` prices one extension call per second it adds (see
    :class:`generator.facts.schema.Extension`). ``unit`` says how it is charged:

    * ``second``: ``price_per_second``, currency per second of output;
    * ``credit``: ``credits_per_second`` at ``credit_price`` currency per credit;
    * ``token``: ``tokens_per_second`` (tokens billed per second of output at this
      resolution, as the source states or its formula gives) at ``price_per_million_tokens``;
    * ``clip``: ``price_per_clip`` for one clip of exactly ``clip_seconds`` seconds (the only
      length this price buys);
    * ``subscription``: ``plan`` at ``price_per_month``, which ``includes`` what it says.

    ``effective_from`` (``YYYY-MM-DD`` or ``YYYY-MM``) is when the price took effect; a
    changed price is a new entry with a later date, and the old entry stays as history.
    ``effective_until`` ends a price whose successor's start is not known to the day.
    ``endpoint`` is the platform's own id for what the price is for (fal.ai's
    ``fal-ai/veo3.1``), when neither the source's address nor the model's ``platform_ids``
    says it; ``prices pull`` reads and writes it.
    """

    platform: Slug | None
    mode: Literal["text_to_video", "image_to_video", "audio_to_video", "video_to_video", "extension"] = "text_to_video"
    tier: Tier = "standard"
    resolution: ResolutionLabel | None = None
    audio: StrictBool | None = None
    unit: PriceUnit = "second"
    price_per_second: Price | None = None
    credits_per_second: Price | None = None
    credit_price: Price | None = None
    tokens_per_second: TokenCount | None = None
    price_per_million_tokens: Price | None = None
    price_per_clip: Price | None = None
    clip_seconds: Seconds | None = None
    plan: Text | None = None
    price_per_month: Price | None = None
    includes: Text | None = None
    currency: Currency = "USD"
    effective_from: MonthOrDay | None = None
    effective_until: MonthOrDay | None = None
    endpoint: Text | None = None
    approximate: StrictBool = False
    source: Slug | None = None
    as_of: Date | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _unit_fields(self) -> "Offer":
        missing = [f for f in UNIT_FIELDS[self.unit] if getattr(self, f) is None]
        extra = [f for u, fields in UNIT_FIELDS.items() if u != self.unit for f in fields
                 if getattr(self, f) is not None]
        if missing or extra:
            parts = ([f"needs {', '.join(missing)}"] if missing else []) + \
                    ([f"takes no {', '.join(extra)}"] if extra else [])
            raise PydanticCustomError("unit_fields", "unit '{unit}' " + " and ".join(parts)
                                      + f" ({_unit_help(self.unit)})", {"unit": self.unit})
        if self.effective_from and self.effective_until and \
                day_of(self.effective_until) <= day_of(self.effective_from):
            raise PydanticCustomError("date_order", "effective_until must come after effective_from")
        return self
