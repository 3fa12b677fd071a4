"""Every generated page: ``Page(path, template, context, title)`` from the as-of view.

:func:`plan_pages` returns every page in a stable order; paths are relative to the docs
folder. No I/O happens here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..answers.asof import AsOf
from ..answers.verdicts import use_case_results
from ..facts import schema as s
from ..facts.changelog import ChangesFile
from .compare import compare_context, use_case_context
from .calculator import CALCULATOR_PAGE, calculator_context
from .guide import GUIDE_PAGE, PATHS_PAGE, guide_context, paths_context, paths_parts
from .health import HEALTH_PAGE, health_context, waiting_facts
from .index import disputed_context, home_context, models_index_context, sources_context
from .labelled import citations
from .model import model_context
from .platforms import PLATFORMS_PAGE, platform_context, platform_page, platforms_index_context
from .prices import PRICE_HISTORY_PAGE, price_history_context
from .samples import SAMPLES_PAGE, ClipSet, SamplesContext
from .views import DISPUTED_PAGE, SOURCES_PAGE, Link, compare_page, model_page, pair_link, use_case_page
from .what_changed import CHANGES_PAGE, changes_context


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    context: Any
    title: str
    files: dict[str, str] = field(default_factory=dict)
    """Files published beside the page: docs-relative path → text (the guide's outcomes)."""
    searchable: bool = True
    """False: left out of the site search (a page that repeats what other pages say)."""


@dataclass(frozen=True)
class CompareIndexContext:
    pairs: tuple[Link, ...]


@dataclass(frozen=True)
class UseCasesIndexContext:
    results: tuple[Any, ...]


def _per_model_pages(view: AsOf, clips: ClipSet) -> list[Page]:
    """The model pages, then All models, the head-to-heads and their index."""
    catalog = view.catalog
    pages = [Page(model_page(m.id), "model.md.jinja", replace(model_context(view, m.id), samples=clips.views(
        model_page(m.id), catalog, (m.id,))), m.name) for m in catalog.models.values()]
    pages.append(Page("models/index.md", "models.md.jinja", models_index_context(view), "All models"))
    pages += [Page(compare_page(a, b), "compare.md.jinja",
                   replace(ctx, samples=clips.views(compare_page(a, b), catalog, (a, b))), ctx.title)
              for a, b in catalog.comparisons if (ctx := compare_context(view, a, b, compare_page(a, b)))]
    pages.append(Page("compare/index.md", "compare_index.md.jinja", CompareIndexContext(tuple(
        pair_link("compare/index.md", catalog, a, b) for a, b in catalog.comparisons)), "Head-to-head"))
    return pages


def plan_pages(view: AsOf, guide: s.DecisionGuideFile | None = None, changelog: ChangesFile | None = None,
               clips: ClipSet | None = None) -> list[Page]:
    """Every generated page on the view's date, in a stable order; the guide page when the
    data has a guide; the "What changed" page from ``changelog`` (data/changes.yaml; None:
    nothing recorded); sample clips from ``clips`` (None: none)."""
    catalog, clips = view.catalog, clips or ClipSet()
    results, cited = use_case_results(view), citations(catalog)
    health = health_context(catalog, cited)
    home = home_context(view, results, guide is not None, waiting_facts(health))
    pages = [Page("index.md", "home.md.jinja", home, "Home")]
    pages += _per_model_pages(view, clips)
    pages += [Page(use_case_page(r.use_case.id), "use_case.md.jinja", use_case_context(catalog, r), r.use_case.name)
              for r in results]
    pages.append(Page("use-cases/index.md", "use_cases_index.md.jinja",
                      UseCasesIndexContext(tuple(use_case_context(catalog, r, "use-cases/index.md") for r in results)),
                      "Use cases"))
    if guide is not None:
        paths = paths_context(view, guide)
        context = guide_context(view, guide, paths)
        pages.append(Page(GUIDE_PAGE, "guide.md.jinja", context, "Which model should I use?", context.files))
        # Every path repeats model names 1,944 times: search would find it first for any model,
        # and its one long section exceeds Zensical's search limit at 1,000 models.
        pages.append(Page(PATHS_PAGE, "guide_paths.md.jinja", paths, "Every path through the guide", searchable=False))
        pages += [Page(path, "guide_paths_part.md.jinja", part, title, searchable=False)
                  for path, title, part in paths_parts(paths)]
    calculator = calculator_context(view)
    pages.append(Page(CALCULATOR_PAGE, "cost.md.jinja", calculator, "Cost calculator", calculator.files))
    pages.append(Page(PRICE_HISTORY_PAGE, "price_history.md.jinja", price_history_context(view), "Price history"))
    pages.append(Page(SAMPLES_PAGE, "samples.md.jinja", SamplesContext(clips.views(SAMPLES_PAGE, catalog)), "Samples"))
    pages.append(Page(CHANGES_PAGE, "changes.md.jinja", changes_context(changelog), "What changed"))
    pages += [Page(platform_page(pid), "platform.md.jinja", platform_context(view, pid), p.name)
              for pid, p in catalog.platforms.items()]
    pages.append(Page(PLATFORMS_PAGE, "platforms_index.md.jinja", platforms_index_context(view), "Platforms"))
    pages.append(Page(SOURCES_PAGE, "sources.md.jinja", sources_context(catalog, cited), "Sources"))
    pages.append(Page(HEALTH_PAGE, "health.md.jinja", health, "Source health"))
    pages.append(Page(DISPUTED_PAGE, "disputed.md.jinja", disputed_context(catalog), "Disputed claims"))
    return pages
