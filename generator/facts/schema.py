"""What each data file may say: pydantic v2 models, one per file kind.

Every model derives from :class:`Strict` (unknown fields are errors at any depth, values
are frozen). A *fact* field accepts three forms, see :func:`Fact`:

* a bare value, which takes the file's default ``source`` and ``as_of``;
* one claim: ``{value: ..., source: <source id>, as_of: YYYY-MM-DD, note: ...}``;
* a list of claims from different sources.

Units live in field names (``usd_per_second``, ``max_clip_seconds``); money is ``Decimal``.
Cross-file rules (references, unique ids, id equals file name) live in
:mod:`generator.facts.validate`.
"""

from __future__ import annotations

import datetime as dt  # noqa: F401 - used in annotations evaluated by pydantic
from typing import Annotated, Literal, Union

from pydantic import Discriminator, Field, StrictBool, Tag, model_validator
from pydantic_core import PydanticCustomError

from .fields import (  # noqa: F401 - re-exported: the schema's vocabulary
    LOC_TAGS,
    SOURCE_PRECEDENCE,
    AspectRatio,
    AudioMode,
    Claim,
    Currency,
    Date,
    Fact,
    InputKind,
    LifecycleStatus,
    Money,
    MonthOrDay,
    Pixels,
    PlatformKind,
    RawFact,
    ResolutionLabel,
    Seconds,
    Slug,
    SourceKind,
    SpecField,
    Strict,
    Text,
    Tier,
    Url,
    Verdict,
    day_of,
)

# --- shared vocabularies -------------------------------------------------------------


class Source(Strict):
    """Where claims come from. ``url`` is the address read; a source without one must say
    why (``private: true`` and a ``reason``: a document the project was given, not
    published). ``previous_url``: the address it had before it moved."""

    id: Slug
    title: Text
    publisher: Text | None = None
    kind: SourceKind
    url: Url | None = None
    previous_url: Url | None = None
    private: StrictBool = False
    reason: Text | None = None
    published: Date | None = None
    accessed: Date
    note: Text | None = None

    @model_validator(mode="after")
    def _addressed(self) -> "Source":
        if self.url is None and not self.private:
            raise PydanticCustomError("source_url", "a source needs its 'url' (or 'private: true' and a 'reason'"
                                      " when it has no public address)")
        if self.private and not self.reason:
            raise PydanticCustomError("source_url", "a private source needs a 'reason' saying why it has no address")
        return self


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
    """A comparison criterion: a rating scale (labels best first), a spec field, or a
    leaderboard score (``kind: score``: models record :class:`Score` claims in ``scores:``;
    higher is better, and only scores on the criterion's ``leaderboard`` are ranked)."""

    id: Slug
    name: Text
    description: Text | None = None
    kind: Literal["rating", "spec", "score"]
    leaderboard: Text | None = None
    """The leaderboard a score criterion ranks by (``Artificial Analysis Video Arena``)."""
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
        if (self.kind == "score") != (self.leaderboard is not None) or (
                self.kind == "score" and (self.scale, self.field, self.better, self.order) != (None,) * 4):
            raise PydanticCustomError("criterion", "a score criterion needs 'leaderboard' and nothing of "
                                      "'scale', 'field', 'better' or 'order'; other kinds take no 'leaderboard'")
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

    @model_validator(mode="after")
    def _dated_end(self) -> "Lifecycle":
        if self.status in ("deprecated", "retired") and self.shutdown is None:
            raise PydanticCustomError("lifecycle", "a {status} status needs its 'shutdown' date",
                                      {"status": self.status})
        return self


class Extension(Strict):
    """Extending a clip the model made, one call at a time.

    Each call adds ``step_seconds`` (``up_to``: at most that many, and at least
    ``min_step_seconds`` when given), for at most ``max_steps`` calls; the whole video is
    capped by the spec ``max_total_seconds``. ``base_seconds``:
    the lengths the clip to extend may have (None: any length the model makes);
    ``resolutions``: the only resolutions extension works at (None: not limited).
    """

    step_seconds: Seconds
    up_to: StrictBool = False
    min_step_seconds: Seconds | None = None
    max_steps: Annotated[int, Field(strict=True, gt=0)] | None = None
    base_seconds: list[Seconds] | None = Field(default=None, min_length=1)
    resolutions: list[ResolutionLabel] | None = Field(default=None, min_length=1)


class Specs(Strict):
    max_resolution: Fact(Resolution) | None = None
    resolutions: Fact(list[Resolution]) | None = None
    max_clip_seconds: Fact(Seconds) | None = None
    clip_durations_seconds: Fact(list[Seconds]) | None = None
    max_total_seconds: Fact(Seconds) | None = None
    extension: Fact(Extension) | None = None
    frame_rates_fps: Fact(list[Annotated[int, Field(strict=True, gt=0)]]) | None = None
    aspect_ratios: Fact(list[AspectRatio]) | None = None
    inputs: Fact(list[InputKind]) | None = None
    audio: Fact(AudioMode) | None = None


class Availability(Strict):
    api: Fact(StrictBool) | None = None
    subscription: Fact(StrictBool) | None = None
    credits: Fact(StrictBool) | None = None


class Score(Strict):
    """A model's score on a public leaderboard of blind pairwise votes: ``elo`` on the board's
    Elo-like scale (Bradley-Terry; higher is better), read from the board as it stood on
    ``snapshot`` (a day, or the month when the source gives only that). ``approximate``:
    the source gives the figure as about that much; ``rank``: its place on the board."""

    elo: Annotated[int, Field(strict=True, ge=100, le=5000)]
    leaderboard: Text
    snapshot: MonthOrDay
    approximate: StrictBool = False
    rank: Annotated[int, Field(strict=True, ge=1)] | None = None

    @property
    def taken(self) -> tuple[str, str]:
        """``(leaderboard, snapshot)``: two scores compare only when this is the same."""
        return self.leaderboard, self.snapshot

    @property
    def snapshot_date(self) -> dt.date:
        """The snapshot as a date; a month counts from its first day."""
        return dt.date.fromisoformat(day_of(self.snapshot))


def claim_date(value: object, checked: dt.date) -> dt.date:
    """The date a claim's age counts from: a :class:`Score`'s board snapshot, else the day the
    claim was ``checked``."""
    return value.snapshot_date if isinstance(value, Score) else checked


class UseCaseVerdict(Strict):
    verdict: Verdict
    reason: Text


class PromptGuide(Strict):
    slots: list[Text] = Field(min_length=1)
    tips: list[Text] = Field(default_factory=list)
    example: Text | None = None
    source: Slug | None = None
    as_of: Date | None = None


from .offer_schema import PRICE_KEY_FIELDS, UNIT_FIELDS, Offer, PriceUnit  # noqa: E402,F401 - re-exported


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
    scores: dict[Slug, Fact(Score)] = Field(default_factory=dict)
    strengths: list[Fact(Text)] = Field(default_factory=list)
    weaknesses: list[Fact(Text)] = Field(default_factory=list)
    verdicts: dict[Slug, Fact(UseCaseVerdict)] = Field(default_factory=dict)
    prompt: PromptGuide | None = None
    offers: list[Offer] = Field(default_factory=list)


# The decision guide's file lives in its own module; its names are part of this vocabulary.
from .guide_schema import Answer, DecisionGuideFile, Pin, Question, Requirement  # noqa: E402,F401
