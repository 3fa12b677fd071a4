"""The cost calculator's page: worked examples, the widget's data and the terminal text.

Everything here is computed by :func:`generator.answers.costs.cost_report`, so the terminal, the
worked examples and the widget agree to the cent. The widget's data lists, for every input
it offers, each model's outcome (quotes per platform, or the reason it cannot make the clip);
clip lengths beyond the longest any model makes share one outcome, so the table stays small.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from ..answers.asof import AsOf, Freshness, ModelState
from ..answers.costs import ClipRequest, CostReport, Quote, Unavailable, Why, cost_report, model_quotes, reduced
from . import format as fmt
from .format import cents
from .prices import PRICE_HISTORY_PAGE, what_text
from .views import SOURCES_PAGE, Link, href, model_page, url_href

CALCULATOR_PAGE = "prices/calculator.md"
AUDIO_WORDS = {True: "with audio", False: "without audio", None: "audio either way"}
CHART_FILE = "prices/cost-8s.svg"
EXAMPLE_SECONDS = (8, 30, 60)
EXAMPLE_COLUMNS = (("720p", False), ("720p", True), ("1080p", False), ("1080p", True))
PICO = Decimal(10) ** 12
"""Widget amounts are whole pico-dollars: exact for prices of up to 12 decimal places × whole seconds."""


def _seconds_list(values: tuple[int, ...]) -> str:
    """``4, 6 or 8 s``."""
    return ", ".join(str(v) for v in values[:-1]) + (" or " if len(values) > 1 else "") + f"{values[-1]} s"


WHY_WORDS: dict[str, Callable[[Why], str]] = {
    "too_long": lambda w: f"longest single generation is {w['longest']} s"
                          + (f"; extension reaches {w['total']} s in total, not priced here" if w["total"] else ""),
    "fixed_lengths": lambda w: f"generates clips of {_seconds_list(w['lengths'])} only",
    "length_undocumented": lambda w: "clip length is not documented",
    "ratios_undocumented": lambda w: "aspect ratios are not documented",
    "ratio_not_offered": lambda w: f"offers {', '.join(w['ratios'])}, not {w['wanted']}",
    "resolutions_undocumented": lambda w: "resolutions are not documented",
    "resolution_too_high": lambda w: f"highest resolution is {w['highest']}",
    "resolution_not_offered": lambda w: f"offers {', '.join(w['labels'])}, not {w['wanted']}",
    "resolution_lengths": lambda w: f"{w['label']} only for {_seconds_list(w['lengths'])} clips",
    "silent_only": lambda w: "makes silent clips only",
    "no_price_for": lambda w: f"no documented price for {w['resolution'] or 'any resolution'}"
                              + {True: " with audio", False: " without audio", None: ""}[w["audio"]],
    "no_price_on": lambda w: f"no documented price on {w['platform']}",
    "retired": lambda w: "retired" + (f" on {w['shutdown'].isoformat()}" if w["shutdown"] else ""),
    "no_price": lambda w: "no price is documented",
    "estimate_only": lambda w: "only an estimated price is documented",
    "other_inputs_only": lambda w: "only prices for other inputs (such as image-to-video) are documented",
    "no_usd_price": lambda w: "no current text-to-video price per second in USD on a named platform is documented",
    "billed_longer": lambda w: f"billed as {w['billed']} s (lengths: {_seconds_list(w['lengths'])})",
    "audio_unstated": lambda w: "the price does not say whether audio is included",
    "audio_always_on": lambda w: "audio is always on here, so the price includes it",
    "resolution_unstated": lambda w: "the price does not state a resolution",
}
"""How each kind of :class:`~generator.answers.costs.Why` reads (a reason or a caveat)."""


def why_text(reason: Why) -> str:
    """``longest single generation is 8 s``: a reason or a caveat in words."""
    return WHY_WORDS[reason.kind](reason)


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
        lines += [f"      note: {why_text(c)}" for c in q.caveats]
    lines += [f"  cannot make this clip: {why_text(e.reason)}" for e in report.excluded]
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
    return ExampleCell(f"Not possible: {why_text(reason)}", False)


def worked_examples(view: AsOf, page: str = CALCULATOR_PAGE) -> tuple[ExampleTable, ...]:
    """One table per clip length in EXAMPLE_SECONDS: each model's cheapest platform for one clip."""
    tables = []
    for seconds in EXAMPLE_SECONDS:
        reports = [cost_report(view, ClipRequest(seconds, resolution=res, audio=audio))
                   for res, audio in EXAMPLE_COLUMNS]
        rows = tuple((Link(m.name, href(page, model_page(m.id))), tuple(_cell(r, m.id) for r in reports))
                     for m in view.catalog.models.values())
        columns = tuple(f"{res}, {'with' if audio else 'without'} audio" for res, audio in EXAMPLE_COLUMNS)
        tables.append(ExampleTable(seconds, columns, rows))
    return tuple(tables)


def _options(view: AsOf) -> tuple[list[str], list[str], int]:
    """Resolution labels (one per height), aspect ratios (lowest terms) and the longest clip."""
    labels: dict[int, str] = {}
    ratios: set[tuple[int, int]] = set()
    longest = 1
    for state in view.models.values():
        m = state.model
        if not state.buyable:
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
        self.page, self.fresh, self.offers, self.caveats = page, fresh, {}, {}

    def offer(self, q: Quote) -> int:
        o = q.offer
        row = json.dumps({"platform": o.platform.name, "what": what_text(o), "rate": fmt.usd(o.usd_per_second),
                          "source": o.source.title, "href": url_href(self.page, SOURCES_PAGE) + f"#src-{o.source.id}",
                          "as_of": o.as_of.isoformat(), "stale": self.fresh.is_stale(o.as_of)}, sort_keys=True)
        return self.offers.setdefault(row, len(self.offers))

    def outcome(self, state: ModelState, request: ClipRequest) -> dict:
        try:
            quotes = model_quotes(state, request)
        except Unavailable as cannot:
            return {"reason": why_text(cannot.why)}
        return {"quotes": [[self.offer(q), q.billed_seconds, _pico(q.per_clip),
                            [self._caveat(c) for c in q.caveats]] for q in quotes]}

    def _caveat(self, caveat: Why) -> int:
        return self.caveats.setdefault(why_text(caveat), len(self.caveats))


def _pico(amount: Decimal) -> str:
    scaled = amount * PICO
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more than 12 decimal places")
    return str(int(scaled))


def calculator_data(view: AsOf, page: str = CALCULATOR_PAGE) -> dict:
    """The widget's data: options, models, offers, caveats, distinct outcomes (``reason``, or
    ``quotes`` as [offer index, billed seconds, per-clip pico-USD, caveat indexes]) and ``grid``: for every input
    (seconds 1…longest+1 × ["", *resolutions] × ["", *aspects] × ["", "yes", "no"], in that
    nesting order; "" means any) each model's outcome index."""
    resolutions, aspects, longest = _options(view)
    states = list(view.models.values())
    tables = _Tables(page, view.freshness)
    index: dict[str, int] = {}
    grid: list[list[int]] = []
    for seconds, res, aspect, audio in itertools.product(range(1, longest + 2), ["", *resolutions],
                                                         ["", *aspects], ["", "yes", "no"]):
        request = ClipRequest(seconds, resolution=res or None, aspect_ratio=aspect or None,
                              audio={"": None, "yes": True, "no": False}[audio])
        row = []
        for state in states:
            text = json.dumps(tables.outcome(state, request), sort_keys=True)
            row.append(index.setdefault(text, len(index)))
        grid.append(row)
    outcomes = [json.loads(text) for text in index]
    return {"today": view.today.isoformat(), "staleAfter": view.freshness.stale_after_days, "longest": longest,
            "resolutions": resolutions, "aspects": aspects,
            "models": [{"name": st.model.name, "href": url_href(page, model_page(st.model.id))} for st in states],
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


def chart_report(view: AsOf) -> CostReport:
    """What the chart shows: one 8-second clip, any resolution, aspect ratio and audio."""
    return cost_report(view, ClipRequest(8))


def calculator_context(view: AsOf) -> CalculatorContext:
    page = CALCULATOR_PAGE
    return CalculatorContext(
        view.today.isoformat(), json.dumps(calculator_data(view, page), separators=(",", ":")),
        worked_examples(view, page), href(page, CHART_FILE),
        tuple((q.model.name, f"{what_text(q.offer)}: {fmt.usd(q.offer.usd_per_second)} per second", cents(q.total),
               q.offer.as_of.isoformat())
              for q in chart_report(view).quotes),
        href(page, PRICE_HISTORY_PAGE))
