"""The cost calculator's page: worked examples, the widget's data and the terminal text.

Everything here is computed by :func:`generator.costs.cost_report`, so the terminal, the
worked examples and the widget agree to the cent. The widget's data lists, for every input
it offers, each model's outcome (quotes per platform, or the reason it cannot make the clip);
clip lengths beyond the longest any model makes share one outcome, so the table stays small.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass
from decimal import Decimal

from . import format as fmt
from .facts.catalog import Catalog
from .costs import ClipRequest, CostReport, Quote, Unavailable, cents, cost_report, model_quotes, priced_offers, reduced
from .freshness import DEFAULT_STALE_AFTER_DAYS, Freshness
from .price_pages import what_text
from .views import SOURCES_PAGE, Link, href, model_page, url_href

CALCULATOR_PAGE = "prices/calculator.md"
AUDIO_WORDS = {True: "with audio", False: "without audio", None: "audio either way"}
CHART_FILE = "prices/cost-8s.svg"
EXAMPLE_SECONDS = (8, 30, 60)
EXAMPLE_COLUMNS = (("720p", False), ("720p", True), ("1080p", False), ("1080p", True))
PICO = Decimal(10) ** 12
"""Widget amounts are whole pico-dollars: exact for prices of up to 12 decimal places × whole seconds."""


def cost_text(report: CostReport, model_name: str, fresh: Freshness | None = None) -> str:
    """``videoguide cost``: the job, then one line per platform, cheapest first (or the reason)."""
    r = report.request
    head = (f"{model_name}: {r.clips} clip(s) of {r.seconds} s, {r.takes} take(s) each, "
            f"{r.resolution or 'any resolution'}, {r.aspect_ratio or 'any aspect ratio'}, "
            f"{AUDIO_WORDS[r.audio]}")
    lines = [head]
    for q in report.quotes:
        lines.append(f"  {cents(q.total)} total — {what_text(q.offer)}: {fmt.usd(q.offer.usd_per_second)} per second"
                     f" × {q.billed_seconds} s = {cents(q.per_clip)} per clip × {r.generations} generation(s)")
        stale = f" (stale: over {fresh.stale_after_days} days)" if fresh and fresh.is_stale(q.offer.as_of) else ""
        lines.append(f"      source: {q.offer.source.title}, checked {q.offer.as_of.isoformat()}{stale}")
        lines += [f"      note: {c}" for c in q.caveats]
    lines += [f"  cannot make this clip: {e.reason}" for e in report.excluded]
    return "\n".join(lines)


@dataclass(frozen=True)
class ExampleCell:
    text: str
    available: bool
    as_of: str | None = None
    """When the price used was last checked."""


@dataclass(frozen=True)
class ExampleTable:
    seconds: int
    columns: tuple[str, ...]
    rows: tuple[tuple[Link, tuple[ExampleCell, ...]], ...]


def _cell(report: CostReport, model_id: str) -> ExampleCell:
    mine = [q for q in report.quotes if q.model.id == model_id]
    if mine:
        return ExampleCell(f"{cents(mine[0].total)} on {mine[0].offer.platform.name}", True,
                           mine[0].offer.as_of.isoformat())
    reason = next(e.reason for e in report.excluded if e.model.id == model_id)
    return ExampleCell(f"Not possible: {reason}", False)


def worked_examples(catalog: Catalog, today: dt.date, page: str = CALCULATOR_PAGE) -> tuple[ExampleTable, ...]:
    """One table per clip length in EXAMPLE_SECONDS: each model's cheapest platform for one clip."""
    tables = []
    for seconds in EXAMPLE_SECONDS:
        reports = [cost_report(catalog, ClipRequest(seconds, resolution=res, audio=audio), today)
                   for res, audio in EXAMPLE_COLUMNS]
        rows = tuple((Link(m.name, href(page, model_page(m.id))), tuple(_cell(r, m.id) for r in reports))
                     for m in catalog.models.values())
        columns = tuple(f"{res}, {'with' if audio else 'without'} audio" for res, audio in EXAMPLE_COLUMNS)
        tables.append(ExampleTable(seconds, columns, rows))
    return tuple(tables)


def _options(catalog: Catalog, today: dt.date) -> tuple[list[str], list[str], int]:
    """Resolution labels (one per height), aspect ratios (lowest terms) and the longest clip."""
    labels: dict[int, str] = {}
    ratios: set[tuple[int, int]] = set()
    longest = 1
    for m in catalog.models.values():
        try:
            priced_offers(catalog, m, today)
        except Unavailable:
            continue  # retired or unpriced: its sizes would be options no model can meet
        for r in (m.specs["resolutions"].value if "resolutions" in m.specs else []):
            labels.setdefault(r.height, r.label)
        ratios |= {reduced(r) for r in (m.specs["aspect_ratios"].value if "aspect_ratios" in m.specs else [])
                   if reduced(r) == tuple(int(x) for x in r.split(":"))}  # "16:9", not Runway's pixel ratios
        for name in ("max_clip_seconds", "clip_durations_seconds"):
            value = m.specs[name].value if name in m.specs else 0
            longest = max(longest, max(value) if isinstance(value, list) else value)
    aspects = [f"{w}:{h}" for w, h in sorted(ratios, key=lambda wh: (-wh[0] / wh[1], wh))]
    return [labels[h] for h in sorted(labels)], aspects, longest


class _Tables:
    """Interned offers and caveats, so that outcomes refer to them by index."""

    def __init__(self, page: str, fresh: Freshness):
        self.page, self.fresh, self.offers, self.caveats, self.priced = page, fresh, {}, {}, {}

    def offer(self, q: Quote) -> int:
        o = q.offer
        row = json.dumps({"platform": o.platform.name, "what": what_text(o), "rate": fmt.usd(o.usd_per_second),
                          "source": o.source.title, "href": url_href(self.page, SOURCES_PAGE) + f"#src-{o.source.id}",
                          "as_of": o.as_of.isoformat(), "stale": self.fresh.is_stale(o.as_of)}, sort_keys=True)
        return self.offers.setdefault(row, len(self.offers))

    def outcome(self, catalog: Catalog, model, request: ClipRequest, today: dt.date) -> dict:
        if model.id not in self.priced:  # the same for every request: compute once per model
            try:
                self.priced[model.id] = priced_offers(catalog, model, today)
            except Unavailable as why:
                self.priced[model.id] = why
        try:
            if isinstance(self.priced[model.id], Unavailable):
                raise self.priced[model.id]
            quotes = model_quotes(catalog, model, request, today, self.priced[model.id])
        except Unavailable as why:
            return {"reason": str(why)}
        return {"quotes": [[self.offer(q), q.billed_seconds, _pico(q.per_clip),
                            [self.caveats.setdefault(c, len(self.caveats)) for c in q.caveats]] for q in quotes]}


def _pico(amount: Decimal) -> str:
    scaled = amount * PICO
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more than 12 decimal places")
    return str(int(scaled))


def calculator_data(catalog: Catalog, today: dt.date, page: str = CALCULATOR_PAGE,
                    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS) -> dict:
    """The widget's data: options, models, offers, caveats, distinct outcomes (``reason``, or
    ``quotes`` as [offer index, billed seconds, per-clip pico-USD, caveat indexes]) and ``grid``: for every input
    (seconds 1…longest+1 × ["", *resolutions] × ["", *aspects] × ["", "yes", "no"], in that
    nesting order; "" means any) each model's outcome index."""
    resolutions, aspects, longest = _options(catalog, today)
    models = list(catalog.models.values())
    tables = _Tables(page, Freshness(today, stale_after_days))
    index: dict[str, int] = {}
    grid: list[list[int]] = []
    for seconds, res, aspect, audio in itertools.product(range(1, longest + 2), ["", *resolutions],
                                                         ["", *aspects], ["", "yes", "no"]):
        request = ClipRequest(seconds, resolution=res or None, aspect_ratio=aspect or None,
                              audio={"": None, "yes": True, "no": False}[audio])
        row = []
        for m in models:
            text = json.dumps(tables.outcome(catalog, m, request, today), sort_keys=True)
            row.append(index.setdefault(text, len(index)))
        grid.append(row)
    outcomes = [json.loads(text) for text in index]
    return {"today": today.isoformat(), "staleAfter": stale_after_days, "longest": longest, "resolutions": resolutions, "aspects": aspects,
            "models": [{"name": m.name, "href": url_href(page, model_page(m.id))} for m in models],
            "offers": [json.loads(o) for o in tables.offers], "caveats": list(tables.caveats),
            "outcomes": outcomes, "grid": grid}


@dataclass(frozen=True)
class CalculatorContext:
    today: str
    data_json: str
    examples: tuple[ExampleTable, ...]
    chart: str
    chart_rows: tuple[tuple[str, str, str, str], ...]
    """(model, platform and price, cost, checked date) per bar."""
    history_href: str


def chart_report(catalog: Catalog, today: dt.date) -> CostReport:
    """What the chart shows: one 8-second clip, any resolution, aspect ratio and audio."""
    return cost_report(catalog, ClipRequest(8), today)


def calculator_context(catalog: Catalog, today: dt.date,
                       stale_after_days: int = DEFAULT_STALE_AFTER_DAYS) -> CalculatorContext:
    from .price_pages import PRICE_HISTORY_PAGE

    page = CALCULATOR_PAGE
    return CalculatorContext(
        today.isoformat(), json.dumps(calculator_data(catalog, today, page, stale_after_days), separators=(",", ":")),
        worked_examples(catalog, today, page), href(page, CHART_FILE),
        tuple((q.model.name, f"{what_text(q.offer)}: {fmt.usd(q.offer.usd_per_second)} per second", cents(q.total),
               q.offer.as_of.isoformat())
              for q in chart_report(catalog, today).quotes),
        href(page, PRICE_HISTORY_PAGE))
