"""Platform pages: what each platform (a vendor's API, a cloud, a reseller) sells, at what price.

A model is listed on a platform when its file names the platform in ``platform_ids``,
``lifecycle`` or an offer. Each row: the model's status there (not documented when its file
gives none), its model id there, and its lowest current USD price per second there with what
that price is for; the price cites its source on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..answers.asof import AsOf, ModelState
from ..facts import schema as s
from . import format as fmt
from .costs import offer_terms, unit_price_text
from .views import SOURCES_PAGE, Link, href, model_page

PLATFORMS_PAGE = "platforms/index.md"
KIND_TEXT = {"vendor_api": "Vendor API", "cloud": "Cloud platform", "reseller": "Reseller",
             "consumer_app": "Consumer app"}


def platform_page(platform_id: str) -> str:
    return f"platforms/{platform_id}.md"


@dataclass(frozen=True)
class PlatformRow:
    model: Link
    status: str
    model_id: str
    price: str
    """``$0.10 per second (720p · with audio)``, or why there is none."""
    source: Link | None
    kind: str
    as_of: str


@dataclass(frozen=True)
class PlatformContext:
    name: str
    kind: str
    url: str | None
    vendor: str | None
    rows: tuple[PlatformRow, ...]
    index_href: str


@dataclass(frozen=True)
class PlatformsIndexContext:
    platforms: tuple[tuple[Link, str, int], ...]
    """(page link, kind, number of models) per platform, in the order of platforms.yaml."""


def _sells(state: ModelState, platform_id: str) -> bool:
    m = state.model
    return (platform_id in m.platform_ids or platform_id in m.lifecycle
            or any(o.platform is not None and o.platform.id == platform_id for o in m.offers))


def _row(page: str, state: ModelState, platform: s.Platform) -> PlatformRow:
    m = state.model
    status = next((fmt.STATUS_LABELS[p.status] for p in state.lifecycle.platforms if p.platform.id == platform.id),
                  "not documented")
    offers = [o for o in state.buyable if o.platform.id == platform.id]
    ids = ", ".join(m.ids_on(platform.id, offers or None)) or "—"
    best = min(offers, key=lambda o: (o.usd_per_second, o.resolution or "")) if offers else None
    if best is None:
        price = "no current price in USD per second" if not state.lifecycle.retired_on(platform.id) else "retired here"
        return PlatformRow(Link(m.name, href(page, model_page(m.id))), status, ids, price, None, "", "")
    return PlatformRow(Link(m.name, href(page, model_page(m.id))), status, ids,
                       f"{unit_price_text(best)} ({' · '.join(offer_terms(best))})",
                       Link(best.source.title, href(page, SOURCES_PAGE, f"src-{best.source.id}")),
                       fmt.SOURCE_KIND_LABELS[best.source.kind], best.as_of.isoformat())


def platform_context(view: AsOf, platform_id: str) -> PlatformContext:
    """The page of ``platform_id``: every model it sells, by name."""
    platform, page = view.catalog.platforms[platform_id], platform_page(platform_id)
    states = sorted((st for st in view.models.values() if _sells(st, platform_id)), key=lambda st: st.model.name)
    vendor = view.catalog.vendors[platform.first_party_for].name if platform.first_party_for else None
    return PlatformContext(platform.name, KIND_TEXT[platform.kind], platform.url, vendor,
                           tuple(_row(page, st, platform) for st in states), href(page, PLATFORMS_PAGE))


def platforms_index_context(view: AsOf) -> PlatformsIndexContext:
    return PlatformsIndexContext(tuple(
        (Link(p.name, href(PLATFORMS_PAGE, platform_page(pid))), KIND_TEXT[p.kind],
         sum(1 for st in view.models.values() if _sells(st, pid)))
        for pid, p in view.catalog.platforms.items()))
