"""What each data file may say: pydantic v2 models, one per file kind.

Every model derives from :class:`Strict` (unknown fields are errors at any depth, values
are frozen). A *fact* field accepts three forms, see :func:`Fact`:

* a bare value, which takes the file's default ``source`` and ``as_of``;
* one claim: ``{value: ..., source: <source id>, as_of: YYYY-MM-DD, note: ...}``;
* a list of claims from different sources.

Units live in field names (``usd_per_second``, ``max_clip_seconds``); money is ``Decimal``.
Cross-file rules (references, unique ids, id equals file name) live in
:mod:`generator.validate`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Generic, Literal, TypeVar, Union

from pydantic import (
    AfterValidator,
    BeforeValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StringConstraints,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

T = TypeVar("T")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _slug(value: str) -> str:
    import re

    if not re.fullmatch(SLUG_PATTERN, value):
        raise PydanticCustomError(
            "slug", "'{value}' is not a lowercase slug (a-z, 0-9 and single hyphens, e.g. 'veo-3-1')",
            {"value": value},
        )
    return value


Slug = Annotated[str, Field(strict=True), AfterValidator(_slug)]


def _date_text(value: Any) -> Any:
    import re

    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise PydanticCustomError("date_format", "Input should be a valid date (YYYY-MM-DD)")


Date = Annotated[dt.date, BeforeValidator(_date_text)]
"""A calendar date written ``YYYY-MM-DD`` (no timestamps, no integers)."""
Text = Annotated[str, Field(strict=True), StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, Field(strict=True), StringConstraints(pattern=r"^https?://\S+$")]
AspectRatio = Annotated[str, Field(strict=True), StringConstraints(pattern=r"^[1-9][0-9]*:[1-9][0-9]*$")]
Seconds = Annotated[int, Field(strict=True, gt=0)]
Pixels = Annotated[int, Field(strict=True, gt=0)]
def _money_text(value: Any) -> Any:
    import re

    if isinstance(value, str) and not re.fullmatch(r"[-+]?[0-9]+(?:\.[0-9]+)?", value.strip()):
        raise PydanticCustomError("decimal_parsing", "Input should be a valid decimal")
    return value


Money = Annotated[Decimal, BeforeValidator(_money_text),
                  Field(ge=0, max_digits=12, decimal_places=6, allow_inf_nan=False)]
"""USD amount, exact; written as a plain decimal (``"0.40"``), never in exponent notation."""

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

    Bare values become one claim with no source; :mod:`generator.validate` fills in the
    file's defaults and :mod:`generator.catalog` resolves the displayed value.
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
    :mod:`generator.validate` strips it when reporting.
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


# --- shared vocabularies -------------------------------------------------------------


class Source(Strict):
    id: Slug
    title: Text
    publisher: Text | None = None
    kind: SourceKind
    url: Url | None = None
    published: Date | None = None
    accessed: Date
    note: Text | None = None


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class Vendor(Strict):
    id: Slug
    name: Text
    url: Url | None = None


class VendorsFile(Strict):
    vendors: list[Vendor] = Field(min_length=1)


class Platform(Strict):
    id: Slug
    name: Text
    kind: PlatformKind
    first_party_for: Slug | None = None
    url: Url | None = None


class PlatformsFile(Strict):
    platforms: list[Platform] = Field(min_length=1)


class Criterion(Strict):
    """A comparison criterion: a rating scale (labels best first) or a spec field."""

    id: Slug
    name: Text
    description: Text | None = None
    kind: Literal["rating", "spec"]
    scale: list[Text] | None = Field(default=None, min_length=2)
    field: SpecField | None = None
    better: Literal["higher", "lower"] | None = None
    order: list[Annotated[Union[Annotated[Text, Tag("one")], Annotated[list[Text], Tag("tied")]],
                          Discriminator(lambda v: "tied" if isinstance(v, list) else "one")]] | None = Field(
        default=None, min_length=2)
    """Enum values best first; a nested list holds values that tie."""

    @model_validator(mode="after")
    def _kind_fields(self) -> "Criterion":
        if self.kind == "rating" and (self.scale is None or self.field is not None):
            raise PydanticCustomError("criterion", "a rating criterion needs 'scale' and no 'field'")
        if self.kind == "spec":
            if self.field is None or self.scale is not None:
                raise PydanticCustomError("criterion", "a spec criterion needs 'field' and no 'scale'")
            if (self.better is None) == (self.order is None):
                raise PydanticCustomError(
                    "criterion", "a spec criterion needs exactly one of 'better' or 'order'"
                )
        return self


class CriteriaFile(Strict):
    criteria: list[Criterion] = Field(min_length=1)


class UseCase(Strict):
    id: Slug
    name: Text
    description: Text
    criteria: dict[Slug, Annotated[int, Field(strict=True, ge=1, le=10)]] = Field(default_factory=dict)


class UseCasesFile(Strict):
    use_cases: list[UseCase] = Field(min_length=1)


class ComparisonsFile(Strict):
    pairs: list[Annotated[list[Slug], Field(min_length=2, max_length=2)]]


# --- model files ---------------------------------------------------------------------


class Resolution(Strict):
    """An output resolution; ``width``×``height`` in pixels for the landscape orientation."""

    label: Text
    width: Pixels
    height: Pixels
    durations_seconds: list[Seconds] | None = None
    note: Text | None = None


class Lifecycle(Strict):
    """Lifecycle on one platform. ``shutdown`` is the (scheduled) end of service."""

    status: LifecycleStatus
    since: Date | None = None
    shutdown: Date | None = None
    replacement: Slug | None = None


class Specs(Strict):
    max_resolution: Fact(Resolution) | None = None
    resolutions: Fact(list[Resolution]) | None = None
    max_clip_seconds: Fact(Seconds) | None = None
    clip_durations_seconds: Fact(list[Seconds]) | None = None
    max_total_seconds: Fact(Seconds) | None = None
    frame_rates_fps: Fact(list[Annotated[int, Field(strict=True, gt=0)]]) | None = None
    aspect_ratios: Fact(list[AspectRatio]) | None = None
    inputs: Fact(list[InputKind]) | None = None
    audio: Fact(AudioMode) | None = None


class Availability(Strict):
    api: Fact(StrictBool) | None = None
    subscription: Fact(StrictBool) | None = None
    credits: Fact(StrictBool) | None = None


class UseCaseVerdict(Strict):
    verdict: Verdict
    reason: Text


class PromptGuide(Strict):
    slots: list[Text] = Field(min_length=1)
    tips: list[Text] = Field(default_factory=list)
    example: Text | None = None
    source: Slug | None = None
    as_of: Date | None = None


class Offer(Strict):
    """A price: USD per second of output on one platform (``None``: not stated by the source)."""

    platform: Slug | None
    tier: Tier = "standard"
    resolution: Text | None = None
    audio: StrictBool | None = None
    usd_per_second: Money
    approximate: StrictBool = False
    source: Slug | None = None
    as_of: Date | None = None
    note: Text | None = None


class ModelFile(Strict):
    id: Slug
    name: Text
    vendor: Slug
    family: Slug
    predecessor: Slug | None = None
    variant_of: Slug | None = None
    summary: Text
    source: Slug | None = None
    as_of: Date | None = None
    platform_ids: dict[Slug, Text] = Field(default_factory=dict)
    lifecycle: dict[Slug, Fact(Lifecycle)] = Field(default_factory=dict)
    specs: Specs = Field(default_factory=Specs)
    availability: Availability = Field(default_factory=Availability)
    ratings: dict[Slug, Fact(Text)] = Field(default_factory=dict)
    strengths: list[Fact(Text)] = Field(default_factory=list)
    weaknesses: list[Fact(Text)] = Field(default_factory=list)
    verdicts: dict[Slug, Fact(UseCaseVerdict)] = Field(default_factory=dict)
    prompt: PromptGuide | None = None
    offers: list[Offer] = Field(default_factory=list)
