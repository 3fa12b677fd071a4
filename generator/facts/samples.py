"""What ``data/samples.yaml`` and the clip manifest ``data/clips.yaml`` may say.

The rules beyond the schema (a provider for each platform, price-neutral parameters, safe
paths) belong to the clips and are checked by :mod:`generator.clips.check`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictBool
from pydantic_core import PydanticCustomError

from .fields import AspectRatio, Date, Money, Seconds, Sha256, Slug, Strict, Text

SAMPLES_FILE = "samples.yaml"
CLIPS_FILE = "clips.yaml"


class ClipSettings(Strict):
    """What every run of a sample asks for: length in seconds, resolution label, aspect ratio, sound."""

    seconds: Seconds
    resolution: Text
    aspect_ratio: AspectRatio
    audio: StrictBool


def _scalar(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)):
        return value
    raise PydanticCustomError("parameter", "expected a string, a number or true/false")


Parameter = Annotated[Any, BeforeValidator(_scalar)]
"""One provider input: a string, number or boolean (no lists or mappings)."""


class SampleRun(Strict):
    """One model on one platform; ``parameters`` are added to the provider's request: inputs
    that do not change the price (negative prompt, seed …; see ``check.FREE_INPUTS``)."""

    model: Slug
    platform: Slug
    parameters: dict[str, Parameter] = Field(default_factory=dict)


class Sample(Strict):
    """One prompt, the settings, and the models (on a platform) to run it on."""

    id: Slug
    title: Text
    prompt: Text
    prompt_source: Slug | None = None
    settings: ClipSettings
    runs: list[SampleRun] = Field(min_length=1)


class SamplesFile(Strict):
    samples: list[Sample] = Field(default_factory=list)

    def run_keys(self) -> set[tuple[str, str, str]]:
        """(sample, model, platform) of every run listed: the keys a clip may have."""
        return {(s.id, r.model, r.platform) for s in self.samples for r in s.runs}


ClipStatus = Literal["uncertain", "submitted", "done", "failed", "rejected"]
"""``uncertain``: a create was sent but its answer never came (interrupted, timed out, a
gateway error): the provider may have started, and charged for, a job whose id is unknown."""


class Clip(Strict):
    """One generation: ``job`` is the provider's id (kept so a re-run polls, never resubmits;
    absent when the provider refused the request); ``file`` and ``poster`` are docs-relative;
    ``cost_usd`` is the estimate from the price data when it was submitted; ``duration_seconds``
    the length requested; ``message`` the provider's words on a failure or refusal."""

    sample: Slug
    model: Slug
    platform: Slug
    provider: Literal["gemini", "replicate", "openai"]
    job: Text | None = None
    status: ClipStatus
    settings: ClipSettings
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    prompt: Text
    date: Date
    cost_usd: Money | None = None
    sha256: Sha256 | None = None
    duration_seconds: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    file: Text | None = None
    poster: Text | None = None
    message: Text | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """(sample, model, platform): the manifest holds one entry per key."""
        return self.sample, self.model, self.platform


class ClipsFile(Strict):
    clips: list[Clip] = Field(default_factory=list)
