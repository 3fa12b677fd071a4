"""Freshness: a fact is *stale* when the claim shown for it was checked too long ago.

The age limit comes from ``[tool.videoguide] stale_after_days`` in ``pyproject.toml``
(default :data:`DEFAULT_STALE_AFTER_DAYS`) or the command line. :func:`stale_facts` lists
the stale facts of a dataset with their location, for ``videoguide check --stale``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .facts import schema as s
from .facts.catalog import Catalog, display_order
from .facts.errors import ConfigError, Problem
from .facts.load import Document, Loc
from .derive import buyable_offers
from .prices import current_offers
from .facts.locate import problem_at

if TYPE_CHECKING:
    from .facts.dataset import Dataset

DEFAULT_STALE_AFTER_DAYS = 90


@dataclass(frozen=True)
class Freshness:
    """``today`` and the age in days after which a checked fact counts as stale."""

    today: dt.date
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS

    def age(self, as_of: dt.date) -> int:
        return (self.today - as_of).days

    def is_stale(self, as_of: dt.date) -> bool:
        return self.age(as_of) > self.stale_after_days


def configured_stale_after(project_dir: Path) -> int:
    """``[tool.videoguide] stale_after_days`` of ``project_dir/pyproject.toml``, else the default.

    Raises ConfigError when the file is not valid TOML or the setting is not a whole number
    of days, 1 or more.
    """
    path = project_dir / "pyproject.toml"
    if not path.is_file():
        return DEFAULT_STALE_AFTER_DAYS
    try:
        config = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    section = config.get("tool", {}).get("videoguide", {})
    unknown = sorted(set(section) - {"stale_after_days"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) in [tool.videoguide]: {', '.join(unknown)} "
                          "(the only one is stale_after_days)")
    value = section.get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{path}: [tool.videoguide] stale_after_days must be a whole number of days "
                          f"(1 or more), not {value!r}")
    return value


def _shown(fact: s.RawFact, model: s.ModelFile, kinds: dict[str, str]) -> tuple[int, s.Claim]:
    """Index of the claim the catalog shows for ``fact``, and the claim."""
    index = min(range(len(fact)), key=lambda i: display_order(
        kinds[fact[i].source or model.source], fact[i].as_of or model.as_of))
    return index, fact[index]


def _facts(model: s.ModelFile) -> Iterator[tuple[Loc, s.RawFact]]:
    for section in ("lifecycle", "ratings", "verdicts"):
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


def stale_facts(dataset: "Dataset", catalog: Catalog, fresh: Freshness) -> list[Problem]:
    """Every displayed fact, buyable or platform-less current price and prompt guide checked more than
    ``fresh.stale_after_days`` days before ``fresh.today``, located in its file."""
    kinds = {k: src.kind for k, src in catalog.sources.items()}
    found: list[Problem] = []
    for model_id, (doc, model) in dataset.models.items():
        for loc, fact in _facts(model):
            index, claim = _shown(fact, model, kinds)
            where = loc + ((index,) if fact.form == "claims" else ())
            as_of = claim.as_of or model.as_of
            if fresh.is_stale(as_of):
                found.append(_stale(doc, where, claim.as_of is not None, as_of, fresh))
        current = {id(o) for o in buyable_offers(catalog.models[model_id], fresh.today) + [
            o for o in current_offers(catalog.models[model_id], fresh.today) if o.platform is None]}
        for index, (offer, record) in enumerate(zip(model.offers, catalog.models[model_id].offers)):
            if id(record) in current and fresh.is_stale(record.as_of):
                found.append(_stale(doc, ("offers", index), offer.as_of is not None, record.as_of, fresh))
        if model.prompt is not None and fresh.is_stale(as_of := model.prompt.as_of or model.as_of):
            found.append(_stale(doc, ("prompt",), model.prompt.as_of is not None, as_of, fresh))
    return sorted(found, key=lambda p: (p.path, p.line, p.col))
