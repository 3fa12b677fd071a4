"""Stale facts: a fact is *stale* when the claim shown for it was checked too long ago.

The age limit is the as-of view's (:class:`generator.answers.asof.Freshness`: from
``[tool.videoguide] stale_after_days`` in ``pyproject.toml`` or the command line).
:func:`stale_facts` lists the stale facts of a dataset with their location, for
``videoguide check --stale``.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..facts import schema as s
from ..facts.catalog import display_order
from ..facts.dataset import Dataset
from ..facts.errors import Problem
from ..facts.load import Document, Loc
from ..facts.locate import problem_at
from .asof import AsOf, Freshness


class StaleFacts(Exception):
    """``check --stale --strict`` found stale facts; ``report`` lists them."""

    def __init__(self, report: str):
        super().__init__(report)
        self.report = report


def _dated(claim: s.Claim, model: s.ModelFile) -> dt.date:
    return s.claim_date(claim.value, claim.as_of or model.as_of)


def _shown(fact: s.RawFact, model: s.ModelFile, kinds: dict[str, str]) -> tuple[int, s.Claim]:
    """Index of the claim the catalog shows for ``fact``, and the claim."""
    index = min(range(len(fact)), key=lambda i: display_order(
        kinds[fact[i].source or model.source], _dated(fact[i], model)))
    return index, fact[index]


def _facts(model: s.ModelFile) -> Iterator[tuple[Loc, s.RawFact]]:
    for section in ("lifecycle", "ratings", "scores", "verdicts"):
        for key, fact in getattr(model, section).items():
            yield (section, key), fact
    for section in ("specs", "availability"):
        part = getattr(model, section)
        for name in type(part).model_fields:
            if (fact := getattr(part, name)) is not None:
                yield (section, name), fact
    for section in ("strengths", "weaknesses"):
        for index, fact in enumerate(getattr(model, section)):
            yield (section, index), fact


def _stale(doc: Document, loc: Loc, own_date: bool, as_of: dt.date, fresh: Freshness) -> Problem:
    return problem_at(doc, loc + (("as_of",) if own_date else ()),
                      f"checked {as_of.isoformat()}, {fresh.age(as_of)} days ago "
                      f"(stale after {fresh.stale_after_days} days)")


def stale_facts(dataset: Dataset, view: AsOf) -> list[Problem]:
    """Every displayed fact, buyable or platform-less current price and prompt guide checked
    more than the view's stale-after age before its date, located in its file."""
    fresh = view.freshness
    kinds = {k: src.kind for k, src in view.catalog.sources.items()}
    found: list[Problem] = []
    for model_id, (doc, model) in dataset.models.items():
        for loc, fact in _facts(model):
            index, claim = _shown(fact, model, kinds)
            where = loc + ((index,) if fact.form == "claims" else ())
            as_of = _dated(claim, model)
            if isinstance(claim.value, s.Score) and fresh.is_stale(as_of):
                found.append(problem_at(doc, where + (() if fact.form == "bare" else ("value",)) + ("snapshot",),
                                        f"leaderboard snapshot {claim.value.snapshot}, {fresh.age(as_of)} days ago "
                                        f"(stale after {fresh.stale_after_days} days)"))
            elif fresh.is_stale(as_of):
                found.append(_stale(doc, where, claim.as_of is not None, as_of, fresh))
        state = view.models[model_id]
        current = {id(o) for o in state.buyable + tuple(o for o in state.current if o.platform is None)}
        for index, (offer, record) in enumerate(zip(model.offers, state.model.offers)):
            if id(record) in current and fresh.is_stale(record.as_of):
                found.append(_stale(doc, ("offers", index), offer.as_of is not None, record.as_of, fresh))
        if model.prompt is not None and fresh.is_stale(as_of := model.prompt.as_of or model.as_of):
            found.append(_stale(doc, ("prompt",), model.prompt.as_of is not None, as_of, fresh))
    return sorted(found, key=lambda p: (p.path, p.line, p.col))
