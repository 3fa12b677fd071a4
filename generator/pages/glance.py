"""A model "at a glance": the summary card a model page opens with, before the proof.

One row per question a buyer asks first: where it stands on each platform (one word each;
preview, deprecated and retired flagged as warnings), the price from (per second and per
8-second clip, from the planner), its arena scores when it has any, how long one generation and an extended video can be,
the highest resolution, frame rates, aspect ratios, sound, inputs and where to call it.
Values are the displayed facts; what no source states reads "not documented".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..answers.asof import AsOf
from ..answers.criteria import lowest_offer_fact
from ..answers.costs import conventional
from ..answers.plans import Job, job_report
from . import format as fmt
from .costs import plan_text, where_text, why_text
from .views import SOURCES_PAGE, UNVERIFIED_KINDS, FactView, Link, fact_view, href, model_page, status_text

WARNING_STATUSES = ("preview", "deprecated", "retired")


@dataclass(frozen=True)
class PlatformWord:
    platform: str
    status: str
    warning: bool
    disputed: bool
    checked: str | None
    """The date the status was checked, when that is longer ago than the stale limit."""


@dataclass(frozen=True)
class Part:
    """One value in a row, with its own markers: ``disputed`` links to the claims side by
    side; ``unverified`` when no vendor documentation states it."""

    text: str
    disputed: bool = False
    unverified: bool = False
    fact: FactView | None = None
    """Its provenance, for the footnote marker (None: nothing to cite)."""


@dataclass(frozen=True)
class GlanceRow:
    label: str
    parts: tuple[Part, ...]

    @property
    def value(self) -> str:
        """The row as plain text, parts joined by ``; ``."""
        return "; ".join(p.text for p in self.parts)


def _row(label: str, text: str) -> GlanceRow:
    return GlanceRow(label, (Part(text),))


@dataclass(frozen=True)
class Glance:
    lifecycle: tuple[PlatformWord, ...]
    warning: str | None
    """One sentence when the model is not generally available everywhere it is offered."""
    rows: tuple[GlanceRow, ...]


def _part(state, name: str, suffix: str = "") -> Part | None:  # noqa: ANN001 - a ModelState
    """The displayed value of spec ``name`` (None when no source states it)."""
    fact = state.model.specs.get(name)
    if fact is None:
        return None
    text = fmt.value(name, fact.value) + suffix
    view = fact_view(model_page(state.model.id), name, name, fact, state.model.id)
    return Part(text, fact.disputed, all(c.source.kind in UNVERIFIED_KINDS for c in fact.claims), view)


def _spec(label: str, state, name: str) -> GlanceRow:  # noqa: ANN001
    return GlanceRow(label, (_part(state, name) or Part(fmt.NOT_DOCUMENTED),))


def _offer_view(model_id: str, offer) -> FactView:  # noqa: ANN001 - an OfferRecord
    """The price's provenance as a fact (source, checked date, what it is for)."""
    page = model_page(model_id)
    return FactView("Price from", "", Link(offer.source.title, href(page, SOURCES_PAGE, f"src-{offer.source.id}")),
                    fmt.SOURCE_KIND_LABELS[offer.source.kind], offer.as_of.isoformat(), fmt.offer_label(offer),
                    False, (), "")


def _price_from(view: AsOf, model_id: str) -> GlanceRow:
    state = view.models[model_id]
    if not state.lifecycle.available:
        return _row("Price from", f"{status_text(state.lifecycle)}; its last prices are kept below as history")
    report = job_report(view, Job(8), [model_id])
    if not report.plans:
        reason = report.excluded[0].reason if report.excluded else None
        return _row("Price from", fmt.NOT_DOCUMENTED + (f" ({why_text(reason)})" if reason else ""))
    best = report.plans[0]
    lowest = lowest_offer_fact(state).shown.offer  # the price All models shows
    per_second = Part(f"{fmt.usd(lowest.usd_per_second)} per second ({where_text(lowest)[2:]})",
                      fact=_offer_view(model_id, lowest))
    clip = Part(f"an 8-second clip {fmt.cents(best.total)} ({plan_text(best)})", fact=_offer_view(model_id, best.offer))
    return GlanceRow("Price from", (per_second, clip) if lowest is not best.offer else (
        Part(f"{fmt.usd(lowest.usd_per_second)} per second; {clip.text}", fact=clip.fact),))


def _scores(view: AsOf, state) -> tuple[GlanceRow, ...]:  # noqa: ANN001
    """``Arena score``: each pool the model is scored in (``text to video 1,333 (#1, 2026-04)``);
    no row when no score is documented."""
    page, parts = model_page(state.model.id), []
    for cid, fact in state.model.scores.items():
        pool = view.catalog.criteria[cid].name.removeprefix("Arena score, ")
        parts.append(Part(f"{pool} {fmt.score(fact.value)}", fact.disputed, False,
                          fact_view(page, cid, "score", fact, state.model.id)))
    return (GlanceRow("Arena score", tuple(parts)),) if parts else ()


def _lengths(state) -> GlanceRow:  # noqa: ANN001
    single = _part(state, "max_clip_seconds", suffix=" in one generation") or Part("one generation: not documented")
    total = _part(state, "max_total_seconds", suffix=" with extension")
    return GlanceRow("Length", (single, total) if total else (single,))


def _where(view: AsOf, state) -> str:  # noqa: ANN001
    """Each platform with its model id (retired ones marked), then platforms that sell it
    under an id no source gives."""
    ids = [f"{view.catalog.platforms[p].name}: {i}" + (" (retired)" if state.lifecycle.retired_on(p) else "")
           for p, i in state.model.platform_ids.items()]
    sold = {o.platform.id: o.platform.name for o in state.buyable if o.platform.id not in state.model.platform_ids}
    ids += [f"{name}: " + (", ".join(state.model.ids_on(pid, state.buyable)) or "model id not documented")
            for pid, name in sold.items()]
    return "; ".join(ids) or fmt.NOT_DOCUMENTED


def _ratios(state) -> GlanceRow:  # noqa: ANN001
    """Aspect ratios by their usual names; a ratio written in pixels (Runway's 1280:720) reads
    16:9 and keeps the pixels in brackets."""
    part = _part(state, "aspect_ratios")
    if part is None:
        return _row("Aspect ratios", fmt.NOT_DOCUMENTED)
    shown = []
    for r in state.model.specs["aspect_ratios"].value:
        name = conventional(r)
        shown.append(r if name == r else f"{name} ({r})")
    return GlanceRow("Aspect ratios", (Part(", ".join(shown), part.disputed, part.unverified, part.fact),))


def glance(view: AsOf, model_id: str) -> Glance:
    """The summary card of ``model_id`` on the view's date."""
    state = view.models[model_id]
    fresh = view.freshness
    words = tuple(PlatformWord(p.platform.name, fmt.STATUS_LABELS[p.status], p.status in WARNING_STATUSES,
                               p.fact.disputed,
                               p.fact.shown.as_of.isoformat() if fresh.is_stale(p.fact.shown.as_of) else None)
                  for p in state.lifecycle.platforms)
    flagged = [w for w in words if w.warning]
    warning = None
    if flagged:
        warning = "; ".join(f"{w.status} on {w.platform}" + (", by some sources" if w.disputed else "")
                            for w in flagged) + "."
    rows = (
        _price_from(view, model_id),
        *_scores(view, state),
        _lengths(state),
        _spec("Resolution", state, "max_resolution" if "max_resolution" in state.model.specs else "resolutions"),
        _spec("Frame rates", state, "frame_rates_fps"), _ratios(state),
        _spec("Sound", state, "audio"), _spec("Inputs", state, "inputs"),
        _row("Where to call it", _where(view, state)),
    )
    return Glance(words, warning, rows)
