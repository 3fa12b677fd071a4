"""Typed contexts for head-to-head, use-case and home pages."""

from __future__ import annotations

from dataclasses import dataclass

from ..answers.asof import AsOf
from ..answers.criteria import head_to_head
from ..answers.verdicts import Candidate, UseCaseResult
from ..facts.catalog import Catalog
from . import format as fmt
from .views import FactView, Link, compare_page, fact_view, href, model_page, status_text, use_case_page


@dataclass(frozen=True)
class CompareRow:
    criterion: str
    description: str | None
    a: FactView | None
    b: FactView | None
    winner: str


@dataclass(frozen=True)
class CompareContext:
    page: str
    title: str
    a: Link
    b: Link
    a_status: str
    b_status: str
    retired: tuple[str, ...]
    """Sentences naming each side that is retired, with its date."""
    rows: tuple[CompareRow, ...]
    """Criteria at least one side documents, in the order of ``criteria.yaml``."""
    a_wins: int
    b_wins: int
    ties: int
    undecided: int
    href: str
    advice: str | None = None
    """"Use X; Y is retired" when exactly one side is no longer available; None otherwise."""
    samples: tuple = ()
    """Sample clips of both models (SampleView, filled in by generator.pages.plan.plan_pages)."""
    unknown: tuple[str, ...] = ()
    """Names of the criteria neither side documents (one line under the table, not a row each)."""


def compare_context(view: AsOf, a_id: str, b_id: str, page: str) -> CompareContext:
    """Head-to-head of two models on the view's date; links are relative to ``page`` (where it is shown)."""
    result = head_to_head(view, a_id, b_id)
    catalog = view.catalog
    lifecycles = {m: view.models[m].lifecycle for m in (a_id, b_id)}
    retired = tuple(f"{catalog.models[m].name} was retired on {lc.shutdown.isoformat() if lc.shutdown else 'an undocumented date'}"
                    "; its values are history and it cannot be used now." for m, lc in lifecycles.items() if not lc.available)
    names = {"a": result.a.name, "b": result.b.name, "tie": "Tie", None: "Not comparable"}
    rows = tuple(
        CompareRow(
            r.criterion.name, r.criterion.description,
            fact_view(page, r.criterion.name, fmt.criterion_field(r.criterion), r.a, a_id) if r.a else None,
            fact_view(page, r.criterion.name, fmt.criterion_field(r.criterion), r.b, b_id) if r.b else None,
            names[r.winner],
        )
        for r in result.rows if r.a or r.b
    )
    return CompareContext(
        page=page, title=f"{result.a.name} vs {result.b.name}",
        a=Link(result.a.name, href(page, model_page(a_id))), b=Link(result.b.name, href(page, model_page(b_id))),
        a_status=status_text(lifecycles[a_id]), b_status=status_text(lifecycles[b_id]), retired=retired, rows=rows, a_wins=result.wins("a"), b_wins=result.wins("b"), ties=result.wins("tie"),
        undecided=sum(1 for r in result.rows if r.winner is None), href=href(page, compare_page(a_id, b_id)),
        advice=_advice(catalog, lifecycles),
        unknown=tuple(r.criterion.name for r in result.rows if not (r.a or r.b)),
    )


def _advice(catalog, lifecycles: dict) -> str | None:  # noqa: ANN001 - a Catalog
    """``Use Veo 3.1; Sora 2 Pro is retired.`` when one side of a pair is retired."""
    gone = [m for m, lc in lifecycles.items() if not lc.available]
    if len(gone) == 2:
        return "Both are retired: see Which model should I use? for one available now."
    if not gone:
        return None
    keep = next(m for m in lifecycles if m not in gone)
    return f"Use {catalog.models[keep].name}; {catalog.models[gone[0]].name} is retired."


@dataclass(frozen=True)
class CandidateView:
    model: Link
    status: str
    available: bool
    verdict: FactView | None
    reasons: tuple[FactView, ...]
    score: str


@dataclass(frozen=True)
class UseCaseContext:
    page: str
    name: str
    description: str
    link: Link
    recommended: CandidateView | None
    runner_up: CandidateView | None
    retired_above: tuple[CandidateView, ...]
    tied: bool
    ranked: tuple[CandidateView, ...]
    weights: tuple[tuple[str, int], ...]
    available_ranked: int = 0
    left_out: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    """(why, the available models left out for it), in the order of LEFT_OUT_TEXT."""


def _candidate(catalog: Catalog, page: str, c: Candidate) -> CandidateView:
    return CandidateView(
        model=Link(c.model.name, href(page, model_page(c.model.id))), status=status_text(c.lifecycle),
        available=c.lifecycle.available,
        verdict=fact_view(page, "Verdict", "verdict", c.verdict, c.model.id) if c.verdict else None,
        reasons=tuple(fact_view(page, r.criterion.name, fmt.criterion_field(r.criterion), r.fact, c.model.id) for r in c.reasons),
        score=f"{c.score:.2f}",
    )


LEFT_OUT_TEXT = {
    "no_signal": "no sourced quality signal (no rating, score or value on these criteria)",
    "thin": "sourced values cover less than half of the criteria's weight",
    "worst": "the worst documented value on every criterion it has",
}
"""Why an available model is not ranked (:data:`generator.answers.verdicts.LEFT_OUT_REASONS`)."""


def use_case_context(catalog: Catalog, result: UseCaseResult, page: str | None = None) -> UseCaseContext:
    page = page or use_case_page(result.use_case.id)
    view = lambda c: _candidate(catalog, page, c) if c else None  # noqa: E731
    uc = result.use_case
    return UseCaseContext(
        page=page, name=uc.name, description=uc.description, link=Link(uc.name, href(page, use_case_page(uc.id))),
        recommended=view(result.recommended), runner_up=view(result.runner_up),
        retired_above=tuple(view(c) for c in result.retired_above), tied=result.tied,
        ranked=tuple(view(c) for c in result.ranked),
        weights=tuple((catalog.criteria[cid].name, w) for cid, w in uc.criteria.items()),
        available_ranked=sum(1 for c in result.ranked if c.lifecycle.available),
        left_out=tuple((text, links) for why, text in LEFT_OUT_TEXT.items()
                       if (links := tuple(Link(m.name, href(page, model_page(m.id)))
                                          for m, reason in result.left_out if reason == why))),
    )
