"""Typed contexts for the pages that span all models: home, all models, sources, disputes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..answers.asof import AsOf
from ..answers.costs import no_offer_reason
from ..answers.tables import model_rows
from ..facts import schema as s
from ..facts.catalog import Catalog
from . import format as fmt
from .compare import CompareContext, UseCaseContext, compare_context, use_case_context
from .costs import why_text
from .health import HEALTH_PAGE
from .labelled import Cited, citations, disputed_facts, labelled_facts
from .views import (
    DISPUTED_PAGE, SOURCES_PAGE, ClaimView, Link, claim_view, href, model_page, pair_link, status_text, url_href,
)

MODELS_PAGE = "models/index.md"


@dataclass(frozen=True)
class ModelsRow:
    """One row of the sortable table; ``*_sort`` are the numbers the browser sorts by."""

    name: str
    name_sort: str
    href: str
    vendor: str
    status: str
    resolution: str
    resolution_sort: int
    clip: str
    clip_sort: int
    total: str
    total_sort: int
    audio: str
    price: str
    price_sort: str
    price_as_of: str | None
    disputed: bool


@dataclass(frozen=True)
class ModelsIndexContext:
    rows: tuple[ModelsRow, ...]
    disputed_href: str


def _seconds(fact: Any) -> tuple[str, int]:
    return (str(fact.value), fact.value) if fact else (fmt.NOT_DOCUMENTED, -1)


def models_index_context(view: AsOf) -> ModelsIndexContext:
    catalog, rows = view.catalog, []
    for row in model_rows(view):
        price = row.lowest_usd_per_second
        rows.append(ModelsRow(
            name=row.model.name, name_sort=row.model.name.casefold(), href=url_href(MODELS_PAGE, model_page(row.model.id)), vendor=row.model.vendor.name,
            status=fmt.STATUS_LABELS.get(row.lifecycle.status, fmt.NOT_DOCUMENTED),
            resolution=fmt.value("max_resolution", row.max_resolution.value if row.max_resolution else None),
            resolution_sort=row.max_pixels if row.max_pixels is not None else -1,
            clip=_seconds(row.max_clip)[0], clip_sort=_seconds(row.max_clip)[1],
            total=_seconds(row.max_total)[0], total_sort=_seconds(row.max_total)[1],
            audio=fmt.value("audio", row.audio.value if row.audio else None),
            price=f"{fmt.usd(price)} ({fmt.offer_label(row.lowest_offer)})" if price is not None
            else why_text(no_offer_reason(view.models[row.model.id])).capitalize(),
            price_sort=format(price, "f") if price is not None else "999999",
            price_as_of=row.lowest_offer.as_of.isoformat() if row.lowest_offer else None,
            disputed=any(f.fact.disputed for f in labelled_facts(catalog, row.model)),
        ))
    return ModelsIndexContext(tuple(rows), href(MODELS_PAGE, DISPUTED_PAGE))


@dataclass(frozen=True)
class SourceEntry:
    source: s.Source
    kind: str
    cited_by: tuple[Link, ...]


@dataclass(frozen=True)
class SourcesContext:
    sources: tuple[SourceEntry, ...]


def sources_context(catalog: Catalog, cited: Cited | None = None) -> SourcesContext:
    cited = (cited or citations(catalog)).by
    ordered = sorted(catalog.sources.values(), key=lambda src: (s.SOURCE_PRECEDENCE.index(src.kind), src.title))
    return SourcesContext(tuple(
        SourceEntry(src, fmt.SOURCE_KIND_LABELS[src.kind],
                    tuple(Link(c.text, href(SOURCES_PAGE, model_page(c.model_id), c.anchor)) for c in cited[src.id]))
        for src in ordered))


@dataclass(frozen=True)
class DisputedFact:
    section: str
    label: str
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True)
class DisputedGroup:
    model_id: str
    name: str
    link: Link
    facts: tuple[DisputedFact, ...]


@dataclass(frozen=True)
class DisputedContext:
    groups: tuple[DisputedGroup, ...]


def disputed_context(catalog: Catalog) -> DisputedContext:
    by_model: dict[str, list[DisputedFact]] = {}
    for lf in disputed_facts(catalog):
        claims = tuple(claim_view(DISPUTED_PAGE, lf.field, c) for c in lf.fact.claims)
        by_model.setdefault(lf.model.id, []).append(DisputedFact(lf.section, lf.label, claims))
    return DisputedContext(tuple(
        DisputedGroup(mid, catalog.models[mid].name,
                      Link(catalog.models[mid].name, href(DISPUTED_PAGE, model_page(mid))), tuple(facts))
        for mid, facts in by_model.items()
    ))


@dataclass(frozen=True)
class HomeContext:
    models: tuple[tuple[Link, str], ...]
    headline: CompareContext | None
    use_cases: tuple[UseCaseContext, ...]
    comparisons: tuple[Link, ...]
    n_sources: int
    n_disputed: int
    models_href: str
    sources_href: str
    disputed_href: str
    guide_href: str | None = None
    shutdowns: tuple[tuple[Link, str, str], ...] = ()
    """(model, platform, date) for each scheduled shutdown after the view's date, soonest first."""
    today: str = ""
    waiting_facts: int | None = None
    """Facts citing a source that changed, moved or went away since they were checked (None:
    no source checked yet)."""
    unread_sources: int = 0
    """Sources whose last check got no usable answer."""
    health_href: str = ""


def home_context(view: AsOf, results: tuple, has_guide: bool = False,
                 waiting: tuple[int | None, int] = (None, 0)) -> HomeContext:
    """The home page; ``waiting`` is (facts waiting for a re-check or None: never checked,
    sources that could not be read), from :func:`~generator.pages.health.waiting_facts`."""
    page, catalog = "index.md", view.catalog
    return HomeContext(
        models=tuple((Link(st.model.name, href(page, model_page(st.model.id))), status_text(st.lifecycle))
                     for st in view.models.values()),
        headline=next((compare_context(view, a, b, page) for a, b in catalog.comparisons
                       if view.models[a].lifecycle.available and view.models[b].lifecycle.available), None),
        use_cases=tuple(use_case_context(catalog, r, page) for r in results),
        comparisons=tuple(pair_link(page, catalog, a, b) for a, b in catalog.comparisons),
        n_sources=len(catalog.sources), n_disputed=len(disputed_facts(catalog)),
        models_href=href(page, MODELS_PAGE), sources_href=href(page, SOURCES_PAGE),
        disputed_href=href(page, DISPUTED_PAGE), guide_href=href(page, "guide/index.md") if has_guide else None,
        shutdowns=_shutdowns(view, page), today=view.today.isoformat(),
        waiting_facts=waiting[0], unread_sources=waiting[1], health_href=href(page, HEALTH_PAGE),
    )


def _shutdowns(view: AsOf, page: str) -> tuple[tuple[Link, str, str], ...]:
    found = [(p.fact.value.shutdown, st.model.name, p.platform.name, st.model.id)
             for st in view.models.values() for p in st.lifecycle.platforms
             if p.fact.value.shutdown is not None and p.fact.value.shutdown > view.today]
    return tuple((Link(name, href(page, model_page(mid))), platform, day.isoformat())
                 for day, name, platform, mid in sorted(found))
