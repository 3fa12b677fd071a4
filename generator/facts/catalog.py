"""The Catalog: validated data with every fact resolved to a displayed value.

A fact keeps all its claims, ordered by source precedence: source kind first (vendor,
vendor mirror, platform, secondary, article; see :data:`generator.facts.fields.SOURCE_PRECEDENCE`),
then the newest ``as_of`` first. The first claim is displayed; the fact is *disputed* when
its claims do not all state the same value (lists compare as sets).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from pydantic import BaseModel

from . import schema as s
from .dataset import Dataset
from .source_state import STATE_FILE, SourceState, current_states


@dataclass(frozen=True)
class ResolvedClaim:
    """One claim with its source resolved and the file defaults applied."""

    value: Any
    source: s.Source
    as_of: dt.date
    """The day it was checked; a score's board snapshot (a month counts from its first day)."""
    note: str | None = None

    @property
    def dated(self) -> tuple[str, str]:
        """``("checked", "2026-04-29")``, or a score's ``("snapshot", "2026-04")`` as precise as its source."""
        if isinstance(self.value, s.Score):
            return "snapshot", self.value.snapshot
        return "checked", self.as_of.isoformat()


def _plain(value: Any) -> Any:
    """Plain data for comparison: models as dicts without notes or unset fields."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and k != "note"}
    if isinstance(value, (list, tuple)):
        return sorted((_plain(v) for v in value), key=repr)
    return value


def _agree(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return all(_agree(a[k], b[k]) for k in a.keys() & b.keys())
    return a == b


def same_value(a: Any, b: Any) -> bool:
    """Whether two claim values agree. Lists compare as sets; a field only one of the two
    values states (say, a condition on a resolution) is not a disagreement."""
    return _agree(_plain(a), _plain(b))


def _conflict(a: Any, b: Any) -> bool:
    if isinstance(a, s.Score) and isinstance(b, s.Score) and a.taken != b.taken:
        return False
    return not same_value(a, b)


@dataclass(frozen=True)
class ResolvedFact:
    """A fact: its claims, most authoritative first. ``value`` is the displayed value."""

    claims: tuple[ResolvedClaim, ...]

    @property
    def shown(self) -> ResolvedClaim:
        return self.claims[0]

    @property
    def value(self) -> Any:
        return self.claims[0].value

    @property
    def others(self) -> tuple[ResolvedClaim, ...]:
        return self.claims[1:]

    @property
    def disputed(self) -> bool:
        """True when any two claims disagree (see :func:`same_value`). Scores disagree only
        on the same board and snapshot: other snapshots are the board's history."""
        claims = self.claims
        return any(_conflict(a.value, b.value) for i, a in enumerate(claims) for b in claims[i + 1:])


@dataclass(frozen=True)
class PromptRecord:
    slots: tuple[str, ...]
    tips: tuple[str, ...]
    example: str | None
    source: s.Source
    as_of: dt.date


MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class OfferRecord:
    """One price entry; ``platform`` is None when the source names none.

    ``price_per_second`` is in ``currency`` per second of output, exact: as written for unit
    ``second``; ``credits_per_second × credit_price`` for ``credit``; ``tokens_per_second ×
    price_per_million_tokens ÷ 1,000,000`` for ``token``; ``price_per_clip ÷ clip_seconds``
    for ``clip`` (which buys clips of exactly ``clip_seconds``); None for a subscription.
    ``effective_from``/``effective_until`` are ISO text (a day or a month) or None when unstated.
    """

    platform: s.Platform | None
    mode: str
    tier: str
    resolution: str | None
    audio: bool | None
    unit: str
    price_per_second: Decimal | None
    credits_per_second: Decimal | None
    credit_price: Decimal | None
    tokens_per_second: Decimal | None
    price_per_million_tokens: Decimal | None
    price_per_clip: Decimal | None
    clip_seconds: int | None
    plan: str | None
    price_per_month: Decimal | None
    includes: str | None
    currency: str
    effective_from: str | None
    effective_until: str | None
    approximate: bool
    source: s.Source
    as_of: dt.date
    note: str | None
    endpoint: str | None = None
    """The platform's id for what the price is for, when the data states it (see Offer)."""

    @property
    def usd_per_second(self) -> Decimal | None:
        """USD per second of output, or None (a subscription, or priced in another currency)."""
        return self.price_per_second if self.currency == "USD" else None

    def cost(self, seconds: int) -> Decimal:
        """USD, exact, for one generation billed ``seconds`` seconds: whole clips for a
        ``clip`` price (``price_per_clip`` × clips of ``clip_seconds``), else
        ``usd_per_second × seconds``. Raises TypeError for a price not in USD per output."""
        if self.usd_per_second is None:
            raise TypeError(f"{self.unit} price in {self.currency} has no USD cost per second")
        if self.unit == "clip":
            return self.price_per_clip * -(-seconds // self.clip_seconds)
        return self.usd_per_second * seconds

    @property
    def key(self) -> tuple:
        """What the price is for: entries with the same key are one price's history, however
        each is charged (:data:`generator.facts.schema.PRICE_KEY_FIELDS`; the platform by its id)."""
        return tuple((self.platform.id if self.platform else None) if f == "platform" else getattr(self, f)
                     for f in s.PRICE_KEY_FIELDS)


@dataclass(frozen=True)
class ModelRecord:
    id: str
    name: str
    vendor: s.Vendor
    family: str
    predecessor: str | None
    variant_of: str | None
    summary: str
    platform_ids: dict[str, str]
    lifecycle: dict[str, ResolvedFact]
    specs: dict[str, ResolvedFact]
    availability: dict[str, ResolvedFact]
    ratings: dict[str, ResolvedFact]
    scores: dict[str, ResolvedFact]
    """Criterion id → leaderboard scores; a claim's ``as_of`` is its board's snapshot date."""
    strengths: tuple[ResolvedFact, ...]
    weaknesses: tuple[ResolvedFact, ...]
    verdicts: dict[str, ResolvedFact]
    prompt: PromptRecord | None
    offers: tuple[OfferRecord, ...]

    def ids_on(self, platform_id: str, offers: Iterable[OfferRecord] | None = None) -> tuple[str, ...]:
        """The model's ids on a platform: its ``platform_ids`` entry, else the distinct
        ``endpoint`` of its price entries there (of ``offers`` when given, e.g. only the
        current ones), in data order; empty when the data names none."""
        if platform_id in self.platform_ids:
            return (self.platform_ids[platform_id],)
        chosen = self.offers if offers is None else offers
        return tuple(dict.fromkeys(o.endpoint for o in chosen
                                   if o.endpoint and o.platform is not None and o.platform.id == platform_id))


@dataclass(frozen=True)
class Catalog:
    """Everything the pages are derived from. Mappings keep the order of the data files."""

    sources: dict[str, s.Source]
    vendors: dict[str, s.Vendor]
    platforms: dict[str, s.Platform]
    criteria: dict[str, s.Criterion]
    use_cases: dict[str, s.UseCase]
    comparisons: tuple[tuple[str, str], ...]
    models: dict[str, ModelRecord] = field(default_factory=dict)
    source_states: dict[str, SourceState] = field(default_factory=dict)
    """What ``sources check`` last saw, by source id (``data/source-state.yaml``; none: empty)."""


def per_second(offer: s.Offer) -> Decimal | None:
    """The offer's price per second of output in its currency, exact (None: a subscription).

    >>> per_second(s.Offer(platform=None, unit="token", tokens_per_second=Decimal("48600"),
    ...                    price_per_million_tokens=Decimal("7.0")))
    Decimal('0.3402000')
    """
    if offer.unit == "credit":
        return offer.credits_per_second * offer.credit_price
    if offer.unit == "token":
        return offer.tokens_per_second * offer.price_per_million_tokens / MILLION
    if offer.unit == "clip":
        return offer.price_per_clip / offer.clip_seconds
    return offer.price_per_second


def display_order(source_kind: str, as_of: dt.date) -> tuple[int, int]:
    """Sort key of claims: the first is shown (most authoritative source, then newest check)."""
    return (s.SOURCE_PRECEDENCE.index(source_kind), -as_of.toordinal())


class _Resolver:
    def __init__(self, sources: dict[str, s.Source], model: s.ModelFile):
        self.sources = sources
        self.model = model

    def claim(self, claim: s.Claim) -> ResolvedClaim:
        """The claim resolved; a score is as of its board's snapshot, not the day it was read,
        so its age (and staleness) is the board's."""
        source = self.sources[claim.source or self.model.source]
        return ResolvedClaim(claim.value, source, s.claim_date(claim.value, claim.as_of or self.model.as_of), claim.note)

    def fact(self, raw: s.RawFact) -> ResolvedFact:
        claims = [self.claim(c) for c in raw]
        claims.sort(key=lambda c: display_order(c.source.kind, c.as_of))
        return ResolvedFact(tuple(claims))

    def facts(self, raw: dict[str, s.RawFact] | BaseModel) -> dict[str, ResolvedFact]:
        items = raw.items() if isinstance(raw, dict) else ((k, getattr(raw, k)) for k in type(raw).model_fields)
        return {key: self.fact(value) for key, value in items if value is not None}

    def offer(self, offer: s.Offer, platforms: dict[str, s.Platform]) -> OfferRecord:
        return OfferRecord(
            platforms[offer.platform] if offer.platform else None, offer.mode, offer.tier, offer.resolution,
            offer.audio, offer.unit, per_second(offer), offer.credits_per_second, offer.credit_price,
            offer.tokens_per_second, offer.price_per_million_tokens, offer.price_per_clip, offer.clip_seconds, offer.plan,
            offer.price_per_month, offer.includes, offer.currency, offer.effective_from, offer.effective_until, offer.approximate,
            self.sources[offer.source or self.model.source], offer.as_of or self.model.as_of, offer.note,
            offer.endpoint,
        )

    def prompt(self) -> PromptRecord | None:
        p = self.model.prompt
        if p is None:
            return None
        return PromptRecord(tuple(p.slots), tuple(p.tips), p.example,
                            self.sources[p.source or self.model.source], p.as_of or self.model.as_of)


def _model_record(m: s.ModelFile, sources: dict, vendors: dict, platforms: dict) -> ModelRecord:
    r = _Resolver(sources, m)
    return ModelRecord(
        id=m.id, name=m.name, vendor=vendors[m.vendor], family=m.family, predecessor=m.predecessor,
        variant_of=m.variant_of, summary=m.summary, platform_ids=dict(m.platform_ids),
        lifecycle=r.facts(m.lifecycle), specs=r.facts(m.specs), availability=r.facts(m.availability),
        ratings=r.facts(m.ratings), scores=r.facts(m.scores), strengths=tuple(r.fact(f) for f in m.strengths),
        weaknesses=tuple(r.fact(f) for f in m.weaknesses), verdicts=r.facts(m.verdicts),
        prompt=r.prompt(), offers=tuple(r.offer(o, platforms) for o in m.offers),
    )


def build_catalog(dataset: Dataset) -> Catalog:
    """Resolve a validated :class:`Dataset` (no reference errors left) into a Catalog."""
    v = dataset.vocabularies
    sources = {x.id: x for x in v["sources.yaml"].sources}
    vendors = {x.id: x for x in v["vendors.yaml"].vendors}
    platforms = {x.id: x for x in v["platforms.yaml"].platforms}
    models = {
        model_id: _model_record(model, sources, vendors, platforms)
        for model_id, (_doc, model) in sorted(dataset.models.items())
    }
    return Catalog(
        sources=sources, vendors=vendors, platforms=platforms,
        criteria={x.id: x for x in v["criteria.yaml"].criteria},
        use_cases={x.id: x for x in v["use_cases.yaml"].use_cases},
        comparisons=tuple((a, b) for a, b in v["comparisons.yaml"].pairs),
        models=models,
        source_states=current_states(getattr(v.get(STATE_FILE), "sources", []), list(sources.values())),
    )
