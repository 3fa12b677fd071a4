"""What ``data/decision_guide.yaml`` may say: questions, answers, requirements and pins.

Re-exported by :mod:`generator.facts.schema`; see :mod:`generator.answers.recommend` for how answers rank models.
"""

from __future__ import annotations

import datetime as dt  # noqa: F401 - used in annotations evaluated by pydantic
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import AspectRatio, AudioMode, Date, InputKind, Money, Pixels, Seconds, Slug, Strict, Text


class Requirement(Strict):
    """One filter over the facts; exactly one field is set.

    Spec checks: ``audio_in``: the model's audio mode is one of these (and the job needs
    sound made with the picture unless ``none`` is listed). ``min_resolution_height``: the
    model makes this many pixels high (landscape) or more. ``aspect_ratio``: offered.
    ``input``: the model takes this input. The job: ``finished_seconds``: the finished
    video's length, made as one generation, shots or an extended clip
    (:mod:`generator.answers.plans`); ``continuous``: one continuous take, so no cuts between
    shots; ``max_usd_total``: the cheapest fitting plan costs at most this, in USD for one
    take of the video. Every answer's requirements together make one
    :class:`~generator.answers.plans.Job`.
    """

    audio_in: list[AudioMode] | None = Field(default=None, min_length=1)
    min_resolution_height: Pixels | None = None
    aspect_ratio: AspectRatio | None = None
    input: InputKind | None = None
    finished_seconds: Seconds | None = None
    continuous: Literal[True] | None = None
    max_usd_total: Money | None = None

    @property
    def kind(self) -> str:
        """The name of the field that is set (``aspect_ratio``, ``max_usd_per_second`` …)."""
        return next(name for name, value in self.__dict__.items() if value is not None)

    @property
    def target(self) -> Any:
        """The value of that field."""
        return getattr(self, self.kind)

    @model_validator(mode="after")
    def _exactly_one(self) -> "Requirement":
        if sum(v is not None for v in self.__dict__.values()) != 1:
            raise PydanticCustomError("requirement", "a requirement sets exactly one of: "
                                      + ", ".join(type(self).model_fields))
        return self


class Pin(Strict):
    """An editorial verdict on an answer: this model, for this reason, from this source."""

    model: Slug
    reason: Text
    source: Slug
    as_of: Date


class Answer(Strict):
    id: Slug
    label: Text
    next: Slug | None = None
    require: list[Requirement] = Field(default_factory=list)
    prefer: dict[Slug, Annotated[int, Field(strict=True, ge=1, le=10)]] = Field(default_factory=dict)
    pin: Pin | None = None
    note: Text | None = None


class Question(Strict):
    id: Slug
    text: Text
    help: Text | None = None
    answers: list[Answer] = Field(min_length=2)


class DecisionGuideFile(Strict):
    start: Slug
    questions: list[Question] = Field(min_length=1)
