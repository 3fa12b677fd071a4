"""The Source health page: each source's standing from ``data/source-state.yaml`` (what
``videoguide sources check`` last saw), its last fetch and last change, and how many facts
cite it; and how many facts wait for a re-check, for the home page."""

from __future__ import annotations

from dataclasses import dataclass

from ..facts import schema as s
from ..facts.catalog import Catalog
from ..facts.source_state import STANDINGS, WAITING, standing, watched
from .labelled import Cited
from .views import SOURCES_PAGE, Link, href

HEALTH_PAGE = "facts/health.md"
LABELS = {
    "gone": "Gone",
    "unreachable": "Could not be read",
    "moved": "Moved",
    "changed": "Changed since its facts were checked",
    "new": "Fetched; not yet compared by an editor",
    "unchanged": "Unchanged",
    "unchecked": "Never checked",
    "unwatched": "Not watched (no public address)",
}
"""How the page words each standing (:data:`~generator.facts.source_state.STANDINGS`)."""


@dataclass(frozen=True)
class HealthRow:
    """One source: its link on the Sources page, standing and label, the last fetch and the
    last change of its text (ISO dates, None: never), the error or new address, the facts
    citing it."""

    link: Link
    standing: str
    label: str
    checked: str | None
    changed: str | None
    detail: str | None
    facts: int


@dataclass(frozen=True)
class HealthContext:
    rows: tuple[HealthRow, ...]
    counts: tuple[tuple[str, int], ...]
    """(label, sources) per standing present, most urgent first."""
    waiting_facts: int
    waiting_sources: int
    unread_sources: int
    """Sources whose last fetch got no usable answer: whether their facts still hold is unknown."""
    read_sources: int
    """Sources whose last fetch got a page (gone counts: the answer was clear)."""
    last_check: str | None
    editing_href: str


def _row(catalog: Catalog, source: s.Source, facts: int) -> HealthRow:
    record = catalog.source_states.get(source.id)
    state = standing(record) if watched(source) else "unwatched"
    detail = None if record is None else record.moved_to if state == "moved" else record.error
    return HealthRow(Link(source.title, href(HEALTH_PAGE, SOURCES_PAGE, f"src-{source.id}")), state, LABELS[state],
                     record.checked.isoformat() if record else None,
                     record.changed.isoformat() if record and record.changed else None,
                     detail if state != "unchanged" else None, facts)


def health_context(catalog: Catalog, cited: Cited) -> HealthContext:
    """Every source, the most urgent first, then by title."""
    order = (*STANDINGS, "unwatched")
    rows = sorted((_row(catalog, src, cited.counts.get(src.id, 0)) for src in catalog.sources.values()),
                  key=lambda r: (order.index(r.standing), r.link.text.casefold()))
    waiting = [r for r in rows if r.standing in WAITING]
    checks = [r.checked for r in rows if r.checked]
    unread = sum(r.standing == "unreachable" for r in rows)
    return HealthContext(tuple(rows), tuple((LABELS[st], n) for st in order if (n := sum(r.standing == st for r in rows))),
                         sum(r.facts for r in waiting), len(waiting), unread, len(checks) - unread,
                         max(checks, default=None), href(HEALTH_PAGE, "about/editing.md"))


def waiting_facts(health: HealthContext) -> tuple[int | None, int]:
    """For the home page: how many facts cite a source that changed, moved or went away since
    they were checked (None when no source was checked yet), and how many sources could not be
    read in their last check."""
    return (None if health.last_check is None else health.waiting_facts), health.unread_sources
