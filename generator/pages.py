"""Typed page contexts: what each generated page shows, computed from the Catalog.

:func:`plan_pages` returns ``Page(path, template, context)`` for every generated page;
paths are relative to the docs folder. No I/O happens here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from . import format as fmt
from .facts.catalog import Catalog, ModelRecord
from .facts.changelog import ChangesFile
from .changes_pages import CHANGES_PAGE, changes_context
from .cost_pages import CALCULATOR_PAGE, calculator_context
from .freshness import DEFAULT_STALE_AFTER_DAYS
from .clips.pages import SAMPLES_PAGE, SamplesContext, SampleView, sample_views
from .facts.samples import ClipsFile, SamplesFile
from .price_pages import PRICE_HISTORY_PAGE, HistoryRow, OfferLine, PriceGrid, model_prices, price_history_context
from .derive import LifecycleSummary, lifecycle_summary
from .tables import labelled_facts
from .verdicts import use_case_results
from .views import (
    DISPUTED_PAGE, SOURCES_PAGE, FactView, Link, banner, compare_page, fact_view, href, missing_view, model_page,
    use_case_page,
)
from .facts import schema as s
from .compare_pages import compare_context, use_case_context
from .guide_pages import GUIDE_PAGE, guide_context
from .index_pages import disputed_context, home_context, models_index_context, sources_context


@dataclass(frozen=True)
class ClipSet:
    """The sample prompts, the clip manifest, and which of its files are in the docs folder."""

    samples: SamplesFile | None = None
    clips: ClipsFile | None = None
    present: frozenset[str] = field(default_factory=frozenset)

    def views(self, page: str, catalog: Catalog, models: tuple[str, ...] | None = None) -> tuple[SampleView, ...]:
        return sample_views(page, catalog, self.samples, self.clips, self.present, models)


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    context: Any
    title: str


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
    samples: tuple[SampleView, ...] = ()
    """Sample clips of this model (filled in by :func:`plan_pages`)."""


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


def model_context(catalog: Catalog, model: ModelRecord, today: dt.date) -> ModelContext:
    page = model_page(model.id)
    facts = list(labelled_facts(catalog, model))

    def views(section: str) -> tuple[FactView, ...]:
        return tuple(fact_view(page, f.label, f.field, f.fact, model.id) for f in facts if f.section == section)

    def with_missing(section: str, labels: list[str]) -> tuple[FactView, ...]:
        present = {v.label: v for v in views(section)}
        return tuple(present.get(label) or missing_view(label) for label in labels)

    ratings = [c.name for c in catalog.criteria.values() if c.kind == "rating"]

    summary = lifecycle_summary(catalog, model, today)
    replacement = _model_link(page, catalog, summary.replacement) if summary.replacement else None
    lineage = tuple((label, _model_link(page, catalog, target)) for label, target in
                    (("Variant of", model.variant_of), ("Predecessor", model.predecessor)) if target)
    lineage += tuple(("Successor", _model_link(page, catalog, m.id)) for m in catalog.models.values()
                     if m.predecessor == model.id)
    lineage += tuple(("Variant", _model_link(page, catalog, m.id)) for m in catalog.models.values()
                     if m.variant_of == model.id)
    verdicts = tuple((Link(catalog.use_cases[uid].name, href(page, use_case_page(uid))),
                      fact_view(page, catalog.use_cases[uid].name, "verdict", fact, model.id))
                     for uid, fact in model.verdicts.items())
    return ModelContext(
        page=page, name=model.name, summary=model.summary, vendor=model.vendor.name, lineage=lineage,
        platform_ids=tuple((catalog.platforms[p].name, i) for p, i in model.platform_ids.items()),
        banner=banner(page, summary, model.name, replacement, views("Lifecycle")),
        sections=(("Specs", with_missing("Specs", list(fmt.SPEC_LABELS.values()))),
                  ("Availability", with_missing("Availability", list(fmt.AVAILABILITY_LABELS.values()))),
                  ("Ratings", with_missing("Ratings", ratings) if model.ratings else ())),
        strengths=views("Strengths"), weaknesses=views("Weaknesses"), verdicts=verdicts,
        prompt=_prompt(page, model),
        **dict(zip(("price_grids", "other_prices", "price_history"), model_prices(page, catalog, model, today))),
        price_history_href=href(page, PRICE_HISTORY_PAGE),
        comparisons=tuple(Link(f"{catalog.models[a].name} vs {catalog.models[b].name}", href(page, compare_page(a, b)))
                          for a, b in catalog.comparisons if model.id in (a, b)),
    )


@dataclass(frozen=True)
class CompareIndexContext:
    pairs: tuple[Link, ...]


@dataclass(frozen=True)
class UseCasesIndexContext:
    results: tuple[Any, ...]


def plan_pages(catalog: Catalog, today: dt.date, guide: s.DecisionGuideFile | None = None,
               changelog: ChangesFile | None = None, stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
               clips: ClipSet | None = None) -> list[Page]:
    """Every generated page, in a stable order; the guide page when the data has a guide;
    the "What changed" page from ``changelog`` (data/changes.yaml; None: nothing recorded)."""
    results = use_case_results(catalog, today)
    pages = [Page("index.md", "home.md.jinja", home_context(catalog, results, today, guide is not None), "Home")]
    clips = clips or ClipSet()
    pages += [Page(model_page(m.id), "model.md.jinja", replace(model_context(catalog, m, today), samples=clips.views(
        model_page(m.id), catalog, (m.id,))), m.name) for m in catalog.models.values()]
    pages.append(Page("models/index.md", "models.md.jinja", models_index_context(catalog, today), "All models"))
    pages += [Page(compare_page(a, b), "compare.md.jinja",
                   replace(ctx, samples=clips.views(compare_page(a, b), catalog, (a, b))), ctx.title)
              for a, b in catalog.comparisons if (ctx := compare_context(catalog, a, b, compare_page(a, b), today))]
    pages.append(Page("compare/index.md", "compare_index.md.jinja",
                      CompareIndexContext(tuple(Link(f"{catalog.models[a].name} vs {catalog.models[b].name}", href("compare/index.md", compare_page(a, b)))
                                 for a, b in catalog.comparisons)), "Head-to-head"))
    pages += [Page(use_case_page(r.use_case.id), "use_case.md.jinja", use_case_context(catalog, r), r.use_case.name)
              for r in results]
    pages.append(Page("use-cases/index.md", "use_cases_index.md.jinja",
                      UseCasesIndexContext(tuple(use_case_context(catalog, r, "use-cases/index.md") for r in results)),
                      "Use cases"))
    if guide is not None:
        pages.append(Page(GUIDE_PAGE, "guide.md.jinja", guide_context(catalog, guide, today), "Which model should I use?"))
    pages.append(Page(CALCULATOR_PAGE, "cost.md.jinja", calculator_context(catalog, today, stale_after_days),
                      "Cost calculator"))
    pages.append(Page(PRICE_HISTORY_PAGE, "price_history.md.jinja", price_history_context(catalog, today),
                      "Price history"))
    pages.append(Page(SAMPLES_PAGE, "samples.md.jinja", SamplesContext(clips.views(SAMPLES_PAGE, catalog)), "Samples"))
    pages.append(Page(CHANGES_PAGE, "changes.md.jinja", changes_context(changelog), "What changed"))
    pages.append(Page(SOURCES_PAGE, "sources.md.jinja", sources_context(catalog), "Sources"))
    pages.append(Page(DISPUTED_PAGE, "disputed.md.jinja", disputed_context(catalog), "Disputed claims"))
    return pages
