"""Lifecycle on a date: each platform's effective status, and the model's headline status.

Pure functions of the Catalog and the date; :func:`generator.answers.asof.as_of` calls
:func:`lifecycle_summary` once per model, and everything else reads the result there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..facts import schema as s
from ..facts.catalog import Catalog, ModelRecord, ResolvedFact

AVAILABILITY_ORDER = ("ga", "preview", "deprecated", "retired")


def effective_status(value: s.Lifecycle, today: dt.date) -> str:
    """The status on ``today``: any status whose shutdown date has passed is retired."""
    if value.shutdown is not None and value.shutdown <= today:
        return "retired"
    return value.status


@dataclass(frozen=True)
class PlatformStatus:
    platform: s.Platform
    fact: ResolvedFact
    status: str


@dataclass(frozen=True)
class LifecycleSummary:
    """The headline status (first-party platforms decide), its date and replacement."""

    status: str | None
    shutdown: dt.date | None
    replacement: str | None
    platforms: tuple[PlatformStatus, ...]

    @property
    def available(self) -> bool:
        return self.status != "retired"

    def retired_on(self, platform_id: str) -> bool:
        """Whether the model is retired on that platform (False when its lifecycle there is not documented)."""
        return any(r.platform.id == platform_id and r.status == "retired" for r in self.platforms)


def lifecycle_summary(catalog: Catalog, model: ModelRecord, today: dt.date) -> LifecycleSummary:
    rows = tuple(
        PlatformStatus(catalog.platforms[pid], fact, effective_status(fact.value, today))
        for pid, fact in model.lifecycle.items()
    )
    first_party = [r for r in rows if r.platform.first_party_for == model.vendor.id] or list(rows)
    if not first_party:
        return LifecycleSummary(None, None, None, rows)
    best = min(first_party, key=lambda r: AVAILABILITY_ORDER.index(r.status))
    shutdowns = [r.fact.value.shutdown for r in first_party if r.fact.value.shutdown]
    replacement = next((r.fact.value.replacement for r in first_party if r.fact.value.replacement), None)
    shutdown = max(shutdowns) if best.status in ("retired", "deprecated") and shutdowns else None
    return LifecycleSummary(best.status, shutdown, replacement, rows)
