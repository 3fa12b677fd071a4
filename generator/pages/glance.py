"""A model "at a glance": the summary card a model page opens with, before the proof.

One row per question a buyer asks first: where it stands on each platform (one word each;
preview, deprecated and retired flagged as warnings), the price from (per second and per
8-second clip, from the planner), how long one generation and an extended video can be,
the highest resolution, frame rates, aspect ratios, sound, inputs and where to call it.
Values are the displayed facts; what no source states reads "not documented".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..answers.asof import AsOf
from ..answers.costs import reduced
from ..answers.plans import Job, job_report
from . import format as fmt
from .costs import plan_text, why_text
from .views import status_text

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
class GlanceRow:
    label: str
    value: str
    disputed: bool = False


@dataclass(frozen=True)
class Glance:
    lifecycle: tuple[PlatformWord, ...]
    warning: str | None
    """One sentence when the model is not generally available everywhere it is offered."""
    rows: tuple[GlanceRow, ...]


def _spec(state, name: str, with_note: bool = False) -> GlanceRow:  # noqa: ANN001 - a ModelState
    fact = state.model.specs.get(name)
    if fact is None:
        return GlanceRow("", fmt.NOT_DOCUMENTED)
    text = fmt.value(name, fact.value)
    if with_note and fact.shown.note:
        text += f" ({fact.shown.note.rstrip('.')})"
    return GlanceRow("", text, fact.disputed)


def _price_from(view: AsOf, model_id: str) -> str:
    state = view.models[model_id]
    if not state.lifecycle.available:
        return f"{status_text(state.lifecycle)}; its last prices are kept below as history"
    report = job_report(view, Job(8), [model_id])
    if not report.plans:
        reason = report.excluded[0].reason if report.excluded else None
        return fmt.NOT_DOCUMENTED + (f" ({why_text(reason)})" if reason else "")
    best = report.plans[0]
    per_second = fmt.usd(best.offer.usd_per_second)
    return f"{per_second} per second; an 8-second clip {fmt.cents(best.total)} ({plan_text(best)})"


def _lengths(state) -> GlanceRow:  # noqa: ANN001
    single, total = _spec(state, "max_clip_seconds"), state.model.specs.get("max_total_seconds")
    text = f"{single.value} in one generation" if single.value != fmt.NOT_DOCUMENTED else "one generation: not documented"
    if total is not None:
        text += f"; {fmt.value('max_total_seconds', total.value)} with extension"
    return GlanceRow("Length", text, single.disputed or bool(total and total.disputed))


def _where(view: AsOf, state) -> str:  # noqa: ANN001
    """Each platform with its model id (retired ones marked), then platforms that sell it
    under an id no source gives."""
    ids = [f"{view.catalog.platforms[p].name}: {i}" + (" (retired)" if state.lifecycle.retired_on(p) else "")
           for p, i in state.model.platform_ids.items()]
    sold = dict.fromkeys(o.platform.name for o in state.buyable if o.platform.id not in state.model.platform_ids)
    ids += [f"{name}: model id not documented" for name in sold]
    return "; ".join(ids) or fmt.NOT_DOCUMENTED


def _ratios(state) -> GlanceRow:  # noqa: ANN001
    """Aspect ratios in lowest terms; a ratio written in pixels (Runway's 1280:720) keeps them in brackets."""
    fact = state.model.specs.get("aspect_ratios")
    if fact is None:
        return GlanceRow("Aspect ratios", fmt.NOT_DOCUMENTED)
    shown = []
    for r in fact.value:
        w, h = reduced(r)
        shown.append(r if f"{w}:{h}" == r else f"{w}:{h} ({r})")
    return GlanceRow("Aspect ratios", ", ".join(shown), fact.disputed)


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
    resolution = _spec(state, "max_resolution" if "max_resolution" in state.model.specs else "resolutions")
    rows = (
        GlanceRow("Price from", _price_from(view, model_id)),
        _lengths(state),
        GlanceRow("Resolution", resolution.value, resolution.disputed),
        *(GlanceRow(label, row.value, row.disputed) for label, row in (
            ("Frame rates", _spec(state, "frame_rates_fps")), ("Aspect ratios", _ratios(state)),
            ("Sound", _spec(state, "audio", with_note=True)), ("Inputs", _spec(state, "inputs")))),
        GlanceRow("Where to call it", _where(view, state)),
    )
    return Glance(words, warning, rows)
