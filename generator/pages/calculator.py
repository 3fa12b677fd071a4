"""The cost calculator's page: the widget's data, the worked examples and the chart's figures.

Every figure comes from :mod:`generator.answers.plans`. The widget's data holds, per model,
the reason each check fails for each option the form offers, and per (resolution, sound)
the image-to-video and the text-to-video offers that can make the shots, with the lengths they
allow; ``plan.js`` then repeats only which of those an input uses
(:func:`~generator.answers.jobs.offer_options`), :func:`~generator.answers.plans.cover`, the
extension arithmetic, the choice of the cheapest plan per platform and the multiplication, in
exact integer pico-dollars. The data grows with models × options, not with lengths or jobs.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, replace
from decimal import Decimal

from ..answers.asof import AsOf, Freshness, ModelState
from ..answers.costs import Why, conventional, why
from ..answers.plans import AUDIO_OF_SOUND, CHECK_FIELDS, CHECKS, JOB_INPUTS, SOUNDS, Job, JobReport, ShotOption, extension_fit, \
    continuity, job_report, offer_options, priced_as_text
from ..facts.fields import TIER_ORDER
from .costs import plan_text, rate_text, shape_text, unit_price_text, where_text, why_text
from .format import cents
from .prices import PRICE_HISTORY_PAGE
from .views import SOURCES_PAGE, Link, file_url, href, model_page, url_href

CALCULATOR_PAGE = "prices/calculator.md"
CALCULATOR_DATA = "prices/calculator.json"
"""The widget's data, fetched by the page (so the page's size does not grow with the models)."""
CHART_FILE = "prices/cost-8s.svg"
EXAMPLE_SECONDS = (8, 15, 30)
EXAMPLE_COLUMNS = (("16:9", "native"), ("16:9", "added"), ("9:16", "native"), ("9:16", "added"))
EXAMPLE_RESOLUTION = "1080p"
EXAMPLE_ROWS = 15
"""A worked example's table lists the cheapest models this many; the calculator plans the rest."""
CHART_BARS = 20
"""The chart and its table show the cheapest options this many: a bar for every option is a
chart taller than any screen at 30 models, and thousands of bars at 1,000."""
PICO = Decimal(10) ** 12
"""Widget amounts are whole pico-dollars: exact for prices of up to 12 decimal places × whole seconds."""
CHECK_CHOICES = {name: "aspect" if field == "aspect_ratio" else field for name, field in CHECK_FIELDS.items()}
"""The form choice each check depends on (the widget calls ``aspect_ratio`` ``aspect``)."""


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
    more: int = 0
    """Models left out of ``rows`` (see :data:`EXAMPLE_ROWS`)."""

    def shortened(self, limit: int = EXAMPLE_ROWS) -> "ExampleTable":
        """The first ``limit`` rows (models that can make the video, cheapest first), with the
        number of the others."""
        return replace(self, rows=self.rows[:limit], more=len(self.rows) - len(self.rows[:limit]))


def example_job(seconds: int, aspect: str, sound: str) -> Job:
    """A worked example: one video of ``seconds`` at 1080p or higher."""
    return Job(seconds, aspect_ratio=aspect, resolution=EXAMPLE_RESOLUTION, sound=sound)


def column_text(aspect: str, sound: str) -> str:
    return f"{aspect}, {'with sound' if sound == 'native' else 'sound added later'}"


def _cell(found: tuple[dict, dict], model_id: str) -> ExampleCell:
    """The model's cell in one column: its cheapest plan, or why it has none (``found`` from
    :func:`_by_model`)."""
    cheapest, reasons = found
    p = cheapest.get(model_id)
    if p is not None:
        return ExampleCell(f"{cents(p.total)}: {shape_text(p)} on {p.offer.platform.name}", True,
                           p.offer.as_of.isoformat())
    reason = reasons.get(model_id)
    return ExampleCell("No plan: " + (why_text(reason) if reason else "no documented price for this plan"), False)


def _by_model(report: JobReport) -> tuple[dict, dict]:
    """Model id → its cheapest plan in the report (plans are cheapest first), and model id → why
    it is excluded."""
    cheapest: dict = {}
    for plan in report.plans:
        cheapest.setdefault(plan.model.id, plan)
    return cheapest, {e.model.id: e.reason for e in report.excluded}


def _example_order(columns: list[tuple[dict, dict]], model) -> tuple:  # noqa: ANN001 - a ModelRecord
    """Models that can make the example first, cheapest first (their cheapest column), then the
    others by name."""
    totals = [cheapest[model.id].total for cheapest, _ in columns if model.id in cheapest]
    return (not totals, min(totals, default=Decimal(0)), model.name)


def worked_examples(view: AsOf, page: str = CALCULATOR_PAGE) -> tuple[ExampleTable, ...]:
    """One table per length in EXAMPLE_SECONDS: each model's cheapest plan per column; rows
    cheapest model first, models that cannot make it last."""
    tables = []
    for seconds in EXAMPLE_SECONDS:
        columns = [_by_model(job_report(view, example_job(seconds, aspect, sound))) for aspect, sound in EXAMPLE_COLUMNS]
        rows = tuple((Link(m.name, href(page, model_page(m.id))), tuple(_cell(c, m.id) for c in columns))
                     for m in sorted(view.catalog.models.values(), key=lambda m: _example_order(columns, m)))
        tables.append(ExampleTable(seconds, tuple(column_text(*c) for c in EXAMPLE_COLUMNS), rows))
    return tuple(tables)


def _options(view: AsOf) -> tuple[list[str], list[str]]:
    """Resolution labels (one per height) and aspect ratios (lowest terms) of buyable models."""
    labels: dict[int, str] = {}
    ratios: set[tuple[int, int]] = set()
    for state in view.models.values():
        m = state.model
        if not state.buyable:
            continue  # retired or unpriced: its sizes would be options no model can meet
        for r in (m.specs["resolutions"].value if "resolutions" in m.specs else []):
            labels.setdefault(r.height, r.label)
        ratios |= {tuple(int(x) for x in conventional(r).split(":"))  # Runway's 1280:720 is 16:9
                   for r in (m.specs["aspect_ratios"].value if "aspect_ratios" in m.specs else [])}
    aspects = [f"{w}:{h}" for w, h in sorted(ratios, key=lambda wh: (-wh[0] / wh[1], wh))]
    return [labels[h] for h in sorted(labels)], aspects


def _pico(amount: Decimal) -> str:
    scaled = amount * PICO
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has more than 12 decimal places")
    return str(int(scaled))


class _Tables:
    """Interned offers, caveats and outcomes, so that models refer to them by index."""

    def __init__(self, page: str, fresh: Freshness):
        self.page, self.fresh, self.offers, self.caveats, self.outcomes = page, fresh, {}, {}, {}
        self.reasons: dict[str, int] = {}
        self._seen: dict[int, tuple[object, int]] = {}  # id(offer) → (offer, index): each is encoded once
        self._outcomes: dict[tuple, int] = {}  # (id(state), resolution, audio) → outcome index
        self._caveat_index: dict[Why, int] = {}  # a caveat → its index: each is worded once
        self._rows: dict[int, tuple[ShotOption, tuple]] = {}  # id(option) → (option, row): options recur

    def offer(self, o) -> int:  # noqa: ANN001 - an OfferRecord
        seen = self._seen.get(id(o))
        if seen is None or seen[0] is not o:
            seen = self._seen[id(o)] = (o, self._encode(o))
        return seen[1]

    def _encode(self, o) -> int:  # noqa: ANN001 - an OfferRecord
        price = ({"clip": o.clip_seconds, "clipPico": _pico(o.price_per_clip)} if o.unit == "clip"
                 else {"pico": _pico(o.usd_per_second)})
        row = json.dumps({"platform": o.platform.name, "rate": rate_text(o), **price,
                          "tier": TIER_ORDER.index(o.tier),
                          "where": where_text(o), "source": o.source.title,
                          "href": url_href(self.page, SOURCES_PAGE) + f"#src-{o.source.id}",
                          "as_of": o.as_of.isoformat(), "stale": self.fresh.is_stale(o.as_of)}, sort_keys=True)
        return self.offers.setdefault(row, len(self.offers))

    def caveat(self, caveat: Why) -> int:
        index = self._caveat_index.get(caveat)
        if index is None:
            index = self._caveat_index[caveat] = self.caveats.setdefault(why_text(caveat), len(self.caveats))
        return index

    def reason(self, reason: Why | None) -> int | None:
        return None if reason is None else self.reasons.setdefault(why_text(reason), len(self.reasons))

    def outcome(self, state: ModelState, resolution: str | None, audio: bool | None) -> int:
        """The index of the model's offer options (:func:`~generator.answers.jobs.offer_options`)
        for a minimum resolution and sound."""
        key = (id(state), resolution, audio)
        if key not in self._outcomes:
            images, text = offer_options(state, audio, resolution)
            body = (tuple(self._row(state, o, audio) for o in text), tuple(self._row(state, o, audio) for o in images))
            self._outcomes[key] = self.outcomes.setdefault(body, len(self.outcomes))
        return self._outcomes[key]

    def _row(self, state: ModelState, o: ShotOption, audio: bool | None) -> tuple:
        """The option as the widget reads it. The options at a minimum resolution are the same
        objects as at any resolution (each made for one sound setting), so each is encoded once."""
        seen = self._rows.get(id(o))
        if seen is None or seen[0] is not o:
            works, extra = extension_fit(state, o, audio)
            seen = self._rows[id(o)] = (o, (self.offer(o.offer), o.lengths, tuple(self.caveat(c) for c in o.caveats),
                                            None if not works else (-1 if extra is None else self.offer(extra))))
        return seen[1]

    def outcome_bodies(self) -> list[dict]:
        """The interned outcomes, JSON-ready: ``{"text": options, "images": options}``, each
        option ``[offer index, lengths, caveat indexes, extension offer index or -1 or None]``."""
        def rows(options: tuple) -> list:
            return [[offer, list(lengths), list(caveats), ext] for offer, lengths, caveats, ext in options]

        return [{"text": rows(text), "images": rows(images)} for text, images in self.outcomes]


def _model_data(view: AsOf, state: ModelState, tables: _Tables, choices: dict[str, list]) -> dict:
    checks = {}
    for name, check in CHECKS.items():
        field = CHECK_FIELDS.get(name)
        values = choices[CHECK_CHOICES[name]] if field else [None]
        reasons = [tables.reason(check(state, Job(1, **({field: v or None} if field else {})))) for v in values]
        checks[name] = reasons if field else reasons[0]
    outcomes = [tables.outcome(state, r or None, AUDIO_OF_SOUND[s or None])
                for r, s in itertools.product(choices["resolution"], choices["sound"])]
    spec = state.model.specs
    rule = spec["extension"].value if "extension" in spec else None
    extension = None if rule is None else {
        "step": rule.step_seconds, "upTo": rule.up_to, "minStep": rule.min_step_seconds, "maxSteps": rule.max_steps, "base": rule.base_seconds,
        "maxTotal": spec["max_total_seconds"].value if "max_total_seconds" in spec else None,
        "caveat": tables.caveat(why("extension_continuity", resolutions=list(rule.resolutions or [])))}
    return {"name": state.model.name, "id": state.model.id, "checks": checks,
            "outcomes": outcomes, "extension": extension,
            "shots": tables.caveat(continuity(state.model))}


def calculator_data(view: AsOf, page: str = CALCULATOR_PAGE) -> dict:
    """The widget's data (JSON-ready): the form's ``choices``; ``models``, each with its
    ``name``, ``id`` (its page is ``modelsHref`` + id + ``/``), ``checks`` (check name → the
    index in ``reasons`` of why it fails, or None, per choice of the field it depends on, in
    the order of ``choices[field]``; ``price`` and ``length`` one value), ``outcomes`` (per
    resolution × sound, in that nesting order, an index into ``outcomes``), ``extension`` (the
    rule, or None) and ``shots`` (the continuity caveat's index); ``outcomes`` (see
    ``_Tables.outcome_bodies``); ``asText`` (input → the index of the caveat on a text-to-video
    price used for it); ``noPrice`` (per resolution × sound, the index in ``reasons`` of why a
    model whose input uses no option cannot make the job); ``offers``, ``reasons`` and
    ``caveats`` they refer to."""
    resolutions, aspects = _options(view)
    choices = {"resolution": ["", *resolutions], "sound": ["", *SOUNDS], "input": list(JOB_INPUTS),
               "aspect": ["", *aspects]}
    tables = _Tables(page, view.freshness)
    as_text = {kind: tables.caveat(priced_as_text(kind)) for kind in JOB_INPUTS if kind != "text"}
    no_price = [tables.reason(why("no_price_for", resolution=r or None, audio=AUDIO_OF_SOUND[s or None]))
                for r, s in itertools.product(choices["resolution"], choices["sound"])]
    models = [_model_data(view, state, tables, choices) for state in view.models.values()]
    return {"today": view.today.isoformat(), "staleAfter": view.freshness.stale_after_days, "choices": choices,
            "checks": list(CHECKS), "checkChoices": CHECK_CHOICES, "modelsHref": url_href(page, "models/index.md"),
            "models": models, "asText": as_text, "noPrice": no_price, "offers": [json.loads(o) for o in tables.offers],
            "reasons": list(tables.reasons),
            "caveats": list(tables.caveats), "outcomes": tables.outcome_bodies()}


@dataclass(frozen=True)
class CalculatorContext:
    today: str
    data_href: str
    """Where the page fetches the widget's data (:data:`CALCULATOR_DATA`) from."""
    examples: tuple[ExampleTable, ...]
    chart: str
    chart_rows: tuple[tuple[str, str, str, str], ...]
    """(model, platform and price, cost, checked date) per bar."""
    chart_more: int
    """Options the chart leaves out (see :data:`CHART_BARS`)."""
    history_href: str
    choices: dict
    files: dict[str, str]
    """The widget's data: :data:`CALCULATOR_DATA` → JSON."""


def chart_report(view: AsOf) -> tuple[JobReport, int]:
    """What the chart shows: the :data:`CHART_BARS` cheapest plans for one 8-second video (any
    resolution, aspect ratio and sound), and how many plans it leaves out."""
    report = job_report(view, Job(8))
    return replace(report, plans=report.plans[:CHART_BARS]), max(0, len(report.plans) - CHART_BARS)


def chart_title(view: AsOf, more: int) -> str:
    """The chart's title: what it shows, of how many options, and the prices' date."""
    which = f"the {CHART_BARS} cheapest options of {CHART_BARS + more}" if more else "cheapest option per model and platform"
    return f"One 8-second clip, {which} (prices as of {view.today.isoformat()})"


def calculator_context(view: AsOf) -> CalculatorContext:
    page = CALCULATOR_PAGE
    data = calculator_data(view, page)
    chart, more = chart_report(view)
    return CalculatorContext(
        view.today.isoformat(), file_url(page, CALCULATOR_DATA),
        tuple(t.shortened() for t in worked_examples(view, page)), href(page, CHART_FILE),
        tuple((p.model.name, f"{plan_text(p)}: {unit_price_text(p.offer)}", cents(p.total),
               p.offer.as_of.isoformat())
              for p in chart.plans),
        more, href(page, PRICE_HISTORY_PAGE), data["choices"],
        {CALCULATOR_DATA: json.dumps(data, ensure_ascii=False, separators=(",", ":"))})
