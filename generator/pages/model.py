"""The model page: lifecycle banner, specs, prices, verdicts and prompt structure of one model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..answers.asof import AsOf, memoized
from ..facts.catalog import Catalog, ModelRecord
from . import format as fmt
from .glance import Glance, glance
from .labelled import SCORES, labelled_facts
from .prices import PRICE_HISTORY_PAGE, HistoryRow, OfferLine, PriceGrid, model_prices
from .samples import SampleView
from .views import (
    DISPUTED_PAGE, SOURCES_PAGE, FactView, Link, banner, fact_view, href, missing_view, model_page, pair_link, status_text,
    use_case_page,
)


@dataclass(frozen=True)
class ModelContext:
    page: str
    name: str
    summary: str
    vendor: str
    lineage: tuple[tuple[str, Link], ...]
    platform_ids: tuple[tuple[str, str], ...]
    banner: Any
    sections: tuple[tuple[str, tuple[FactView, ...]], ...]
    strengths: tuple[FactView, ...]
    weaknesses: tuple[FactView, ...]
    verdicts: tuple[tuple[Link, FactView], ...]
    prompt: PromptView | None
    price_grids: tuple[PriceGrid, ...]
    other_prices: tuple[OfferLine, ...]
    price_history: tuple[HistoryRow, ...]
    price_history_href: str
    comparisons: tuple[Link, ...]
    glance: Glance | None = None
    available: bool = True
    status: str = ""
    disputed_href: str = ""
    samples: tuple[SampleView, ...] = ()
    """Sample clips of this model (filled in by :func:`generator.pages.plan.plan_pages`)."""


def _model_link(page: str, catalog: Catalog, model_id: str) -> Link:
    return Link(catalog.models[model_id].name, href(page, model_page(model_id)))


@dataclass(frozen=True)
class PromptView:
    slots: tuple[str, ...]
    tips: tuple[str, ...]
    example: str | None
    as_of: str
    source: Link


def _prompt(page: str, model: ModelRecord) -> PromptView | None:
    p = model.prompt
    if p is None:
        return None
    return PromptView(p.slots, p.tips, p.example, p.as_of.isoformat(),
                      Link(p.source.title, href(page, SOURCES_PAGE, f"src-{p.source.id}")))


def _lineage(page: str, view: AsOf, model: ModelRecord) -> tuple[tuple[str, Link], ...]:
    """Variant of, predecessor, successors and variants, each a link to its page."""
    catalog = view.catalog
    lineage = tuple((label, _model_link(page, catalog, target)) for label, target in
                    (("Variant of", model.variant_of), ("Predecessor", model.predecessor)) if target)
    successors, variants = memoized(view, "lineage", lambda: _descendants(catalog))
    lineage += tuple(("Successor", _model_link(page, catalog, mid)) for mid in successors.get(model.id, ()))
    return lineage + tuple(("Variant", _model_link(page, catalog, mid)) for mid in variants.get(model.id, ()))


def _descendants(catalog: Catalog) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Model id → the ids of its successors, and → its variants, in catalog order (one pass:
    a scan per model page was 1,000,000 steps at 1,000 models)."""
    successors: dict[str, list[str]] = {}
    variants: dict[str, list[str]] = {}
    for m in catalog.models.values():
        if m.predecessor:
            successors.setdefault(m.predecessor, []).append(m.id)
        if m.variant_of:
            variants.setdefault(m.variant_of, []).append(m.id)
    return successors, variants


def _sections(page: str, catalog: Catalog, model: ModelRecord) -> dict[str, tuple[FactView, ...]]:
    """Section name → its rows: every fact of the model, and a "not documented" row for
    each spec, availability and (when the model has ratings, scores) rating or score it lacks."""
    views: dict[str, list[FactView]] = {}
    for f in labelled_facts(catalog, model):
        views.setdefault(f.section, []).append(fact_view(page, f.label, f.field, f.fact, model.id))

    def with_missing(section: str, labels: list[str]) -> tuple[FactView, ...]:
        present = {v.label: v for v in views.get(section, [])}
        return tuple(present.get(label) or missing_view(label) for label in labels)

    def named(kind: str) -> list[str]:
        return [c.name for c in catalog.criteria.values() if c.kind == kind]

    out = {section: tuple(rows) for section, rows in views.items()}
    out.update(Specs=with_missing("Specs", list(fmt.SPEC_LABELS.values())),
               Availability=with_missing("Availability", list(fmt.AVAILABILITY_LABELS.values())),
               Ratings=with_missing("Ratings", named("rating")) if model.ratings else ())
    out[SCORES] = with_missing(SCORES, named("score")) if model.scores else ()
    return out


def model_context(view: AsOf, model_id: str) -> ModelContext:
    """A model's page on the view's date (``samples`` is left empty)."""
    catalog, state = view.catalog, view.models[model_id]
    model, page = state.model, model_page(model_id)
    sections = _sections(page, catalog, model)
    summary = state.lifecycle
    replacement = _model_link(page, catalog, summary.replacement) if summary.replacement else None
    verdicts = tuple((Link(catalog.use_cases[uid].name, href(page, use_case_page(uid))),
                      fact_view(page, catalog.use_cases[uid].name, "verdict", fact, model.id))
                     for uid, fact in model.verdicts.items())
    grids, other_prices, history = model_prices(page, state)
    return ModelContext(
        page=page, name=model.name, summary=model.summary, vendor=model.vendor.name,
        lineage=_lineage(page, view, model),
        platform_ids=tuple((catalog.platforms[p].name, i) for p, i in model.platform_ids.items()),
        banner=banner(page, summary, model.name, replacement, sections.get("Lifecycle", ())),
        sections=tuple((name, sections[name]) for name in ("Specs", "Availability", "Ratings", SCORES)
                       if name != SCORES or any(c.kind == "score" for c in catalog.criteria.values())),
        strengths=sections.get("Strengths", ()), weaknesses=sections.get("Weaknesses", ()), verdicts=verdicts,
        prompt=_prompt(page, model), price_grids=grids, other_prices=other_prices, price_history=history,
        price_history_href=href(page, PRICE_HISTORY_PAGE),
        comparisons=tuple(pair_link(page, catalog, a, b) for a, b in catalog.comparisons if model.id in (a, b)),
        glance=glance(view, model_id), available=summary.available, status=status_text(summary),
        disputed_href=href(page, DISPUTED_PAGE, model_id),
    )
