"""Value types shared by every data file: ids, text, dates, money, enumerations and facts.

A *fact* field (see :func:`Fact`) accepts a bare value, one claim or a list of claims and
validates to a :class:`RawFact`. Units live in field names elsewhere; money is ``Decimal``.
"""


from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import Annotated, Any, Generic, Literal, TypeVar, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StringConstraints, Tag
from pydantic_core import PydanticCustomError

T = TypeVar("T")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _slug(value: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, value):
        raise PydanticCustomError(
            "slug", "'{value}' is not a lowercase slug (a-z, 0-9 and single hyphens, e.g. 'veo-3-1')",
            {"value": value},
        )
    return value


Slug = Annotated[str, Field(strict=True), AfterValidator(_slug)]


def _date_text(value: Any) -> Any:
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise PydanticCustomError("date_format", "Input should be a valid date (YYYY-MM-DD)")


Date = Annotated[dt.date, BeforeValidator(_date_text)]
"""A calendar date written ``YYYY-MM-DD`` (no timestamps, no integers)."""


def _month_or_day(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        try:
            dt.date.fromisoformat(value if len(value) == 10 else value + "-01")
        except ValueError:
            pass
        else:
            return value
    raise PydanticCustomError("date_format", "Input should be a date (YYYY-MM-DD) or a month (YYYY-MM)")


def day_of(value: str) -> str:
    """``2026-10`` → ``2026-10-01``: a month counts from its first day."""
    return value if len(value) == 10 else value + "-01"


MonthOrDay = Annotated[str, BeforeValidator(_month_or_day)]
"""A day (``2025-09-15``) or, when a source gives only the month, a month (``2025-09``).
Kept as text: ISO strings of either precision sort and compare in calendar order."""
Text = Annotated[str, Field(strict=True), StringConstraints(strip_whitespace=True, min_length=1)]


def matching(pattern: str, message: str):  # noqa: ANN202 - returns a validator
    def check(value: str) -> str:
        if not re.fullmatch(pattern, value):
            raise PydanticCustomError("pattern", message, {"value": value})
        return value

    return AfterValidator(check)


Url = Annotated[str, Field(strict=True), matching(
    r"https?://[^\s<>\"'()`/?#@]+(?:[/?#][^\s<>\"'()`]*)?",
    "'{value}' is not an http(s) URL (no spaces, quotes, brackets or backticks; no user name or password)")]
Currency = Annotated[str, Field(strict=True), matching(
    r"[A-Z]{3}", "'{value}' is not an ISO 4217 currency code like \"USD\"")]
AspectRatio = Annotated[str, Field(strict=True), matching(
    r"[1-9][0-9]*:[1-9][0-9]*", "'{value}' is not an aspect ratio like \"16:9\" (quote it in YAML)")]
Sha256 = Annotated[str, Field(strict=True), matching(
    r"[0-9a-f]{64}", "'{value}' is not a SHA-256 digest (64 lowercase hexadecimal digits)")]


def _resolution_label(value: str) -> str:
    if not re.fullmatch(r"[1-9][0-9]{2,3}p|[48]K|[1-9][0-9]{2,4}x[1-9][0-9]{2,4}", value):
        raise PydanticCustomError("resolution", "'{value}' is not a resolution label like 720p, 1080p, 4K, 8K or "
                                  "1792x1024 (write \"2K\" as its height, 1440p or 1080p, as the source's pixel "
                                  "size says)", {"value": value})
    return value


ResolutionLabel = Annotated[str, Field(strict=True), AfterValidator(_resolution_label)]
"""``720p``, ``1080p``, ``4K`` or a pixel size ``1792x1024``: what the calculator can match."""


@functools.cache  # a handful of labels, asked about for every offer on every path
def resolution_order(label: str | None) -> tuple[int, str]:
    """Sort key for resolution labels: ``720p`` < ``1080p`` < ``4K``; unknown labels last."""
    text = (label or "").strip().lower()
    if text in ("4k", "uhd"):
        return (2160, text)
    if text == "8k":
        return (4320, text)
    match = re.match(r"(\d+)\s*p$", text) or re.match(r"\d+\s*x\s*(\d+)$", text)
    return (int(match.group(1)) if match else 99999, text)


def resolution_height(label: str | None) -> int | None:
    """Pixel height a resolution label stands for: ``720p`` → 720, ``4K`` → 2160, ``1792x1024`` → 1024;
    None for no label or one of another shape."""
    value = resolution_order(label)[0]
    return None if label is None or value == 99999 else value


Seconds = Annotated[int, Field(strict=True, gt=0)]
Pixels = Annotated[int, Field(strict=True, gt=0)]


def _money_text(value: Any) -> Any:
    text = value.strip() if isinstance(value, str) else None
    if text is not None and text[:1] in ("-", "+"):
        raise PydanticCustomError("money_sign", "write an amount without a sign (amounts are never negative)")
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise PydanticCustomError("money_sign", "write an amount without a sign (amounts are never negative)")
    if text is not None and not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        raise PydanticCustomError("decimal_parsing", "Input should be a valid decimal")
    return value


def _not_free(value: Decimal) -> Decimal:
    if value == 0:
        raise PydanticCustomError("free_price", "a price of 0 is refused: a free offer would be every plan's "
                                                "cheapest; leave it out and describe it in the model's note")
    return value


Money = Annotated[Decimal, BeforeValidator(_money_text),
                  Field(ge=0, max_digits=12, decimal_places=6, allow_inf_nan=False)]
"""USD amount, exact; written as a plain decimal (``"0.40"``), never in exponent notation
nor with a sign (``"-0"`` is refused)."""
Price = Annotated[Money, AfterValidator(_not_free)]
"""An offer's price: :data:`Money` above zero (a free offer is not an offer to plan with)."""

SourceKind = Literal["vendor", "vendor_mirror", "platform", "secondary", "article"]
"""Source grades, most authoritative first (the order is the display precedence)."""
SOURCE_PRECEDENCE: tuple[str, ...] = SourceKind.__args__  # type: ignore[attr-defined]

LifecycleStatus = Literal["preview", "ga", "deprecated", "retired"]
AudioMode = Literal["native", "optional", "separate_step", "none"]
InputKind = Literal[
    "text", "image_first_frame", "image_last_frame", "reference_images",
    "video_extension", "video_edit", "storyboard", "audio", "video",
]
Verdict = Literal["recommended", "suitable", "not_recommended"]
Tier = Literal["standard", "fast", "batch"]
TIER_ORDER: tuple[str, ...] = Tier.__args__  # type: ignore[attr-defined]
"""Tiers in the order prices of one platform are listed and ties are broken."""
PlatformKind = Literal["vendor_api", "cloud", "reseller", "consumer_app"]
SpecField = Literal[
    "max_resolution", "max_clip_seconds", "max_total_seconds", "max_frame_rate_fps",
    "audio", "lowest_usd_per_second",
]


class Strict(BaseModel):
    """Shared base: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Claim(Strict, Generic[T]):
    """One source's statement of a value, checked on ``as_of``."""

    value: T
    source: Slug | None = None
    as_of: Date | None = None
    note: Text | None = None


_CLAIM_KEYS = {"value", "source", "as_of"}


def _is_claim(raw: Any) -> bool:
    return isinstance(raw, dict) and bool(_CLAIM_KEYS & raw.keys())


def _fact_form(raw: Any) -> str:
    """``claim`` for a mapping with ``value``, ``source`` or ``as_of``; ``claims`` for a list of them."""
    if _is_claim(raw):
        return "claim"
    if isinstance(raw, list) and raw and all(_is_claim(i) for i in raw):
        return "claims"
    return "bare"


LOC_TAGS = frozenset({"bare", "claim", "claims", "one", "tied"})
"""Union tags that pydantic puts in error locations; they are not in the YAML."""


class RawFact(tuple):
    """A validated fact as written: ``form`` (bare/claim/claims) and its claims.

    Bare values become one claim with no source; :mod:`generator.facts.validate` fills in the
    file's defaults and :mod:`generator.facts.catalog` resolves the displayed value.
    """

    form: str

    def __new__(cls, form: str, claims: tuple[Claim, ...]) -> "RawFact":
        obj = super().__new__(cls, claims)
        obj.form = form
        return obj


def _to_raw_fact(value: Any) -> RawFact:
    if isinstance(value, Claim):
        return RawFact("claim", (value,))
    if isinstance(value, list) and value and all(isinstance(c, Claim) for c in value):
        return RawFact("claims", tuple(value))
    return RawFact("bare", (Claim.model_construct(value=value, source=None, as_of=None, note=None),))


def Fact(value_type: Any) -> Any:  # noqa: N802 - reads as a type in annotations
    """Annotated type accepting a bare value, one claim or a list of claims of ``value_type``.

    Validation errors carry the form as a loc segment (``bare``/``claim``/``claims``);
    :mod:`generator.facts.validate` strips it when reporting.
    """
    return Annotated[
        Union[
            Annotated[value_type, Tag("bare")],
            Annotated[Claim[value_type], Tag("claim")],
            Annotated[list[Claim[value_type]], Tag("claims")],
        ],
        Discriminator(_fact_form),
        AfterValidator(_to_raw_fact),
    ]
