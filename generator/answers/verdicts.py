"""Use-case verdicts: the recommended model and runner-up for each use case, with reasons.

Ranking, per use case (``use_cases.yaml``):

1. a sourced verdict for the use case ranks first (recommended, then suitable, then none,
   then not recommended);
2. then the weighted score over the use case's criteria: each criterion contributes
   ``weight × (1 − position)``, where position is 0 for the best documented value among
   all models and 1 for the worst;
3. then the model name.

A model without a verdict qualifies only when it has documented values for criteria that
carry at least half the use case's weight, or a leaderboard score on one of them (a measured
quality signal on its own), and is not the worst on all of them (score > 0). Retired models are ranked (the page says where
the best pick went) but never recommended.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..facts import schema as s
from ..facts.catalog import ModelRecord, ResolvedFact
from .asof import AsOf, ModelState
from .criteria import OfferFilter, criterion_fact, rank
from .lifecycle import LifecycleSummary

VERDICT_ORDER = {"recommended": 0, "suitable": 1, None: 2, "not_recommended": 3}
ELO_SCALE = 400.0
"""Elo points for 10-to-1 odds: the expected score of A against B is 1 / (1 + 10^((Rb − Ra) / 400))
(the Elo system's logistic curve, which the arenas' Bradley-Terry ratings are scaled to)."""


@dataclass(frozen=True)
class Reason:
    criterion: s.Criterion
    fact: ResolvedFact
    weight: int


@dataclass(frozen=True)
class Candidate:
    model: ModelRecord
    verdict: ResolvedFact | None
    score: float
    reasons: tuple[Reason, ...]
    lifecycle: LifecycleSummary

    @property
    def sort_key(self) -> tuple:
        verdict = self.verdict.value.verdict if self.verdict else None
        return (VERDICT_ORDER[verdict], -round(self.score, 9), self.model.name)


LEFT_OUT_REASONS = ("no_signal", "thin", "worst")
"""Why an available model is not ranked for a use case: no documented value on any of its
criteria (no sourced quality signal); values covering under half the weight and no
leaderboard score; worst on all."""


@dataclass(frozen=True)
class UseCaseResult:
    use_case: s.UseCase
    ranked: tuple[Candidate, ...]
    recommended: Candidate | None
    runner_up: Candidate | None
    retired_above: tuple[Candidate, ...]
    tied: bool
    left_out: tuple[tuple[ModelRecord, str], ...] = ()
    """Available models not ranked, each with its reason (one of :data:`LEFT_OUT_REASONS`)."""


def positions(view: AsOf, criterion: s.Criterion, fits: OfferFilter | None = None) -> dict[str, float]:
    """Each model's normalised position on ``criterion``: 0 best … 1 worst.

    Ratings sit on their own scale (``Very good`` on a five-label scale is 0.25), so a
    rated model is never placed below an unrated one; specs are placed between the best
    and the worst documented value among all models. An arena score is placed by its
    chance of beating the best-scored model on Elo's logistic curve (:data:`ELO_SCALE`),
    against the best's even chance: 93 points below the best is 0.26, 400 below is 0.82,
    and no score is ever worth nothing.
    """
    ranks = {}
    for model_id, state in view.models.items():
        fact = criterion_fact(state, criterion, fits)
        value = rank(criterion, fact.value) if fact else None
        if value is not None:
            ranks[model_id] = value
    if not ranks:
        return {}
    if criterion.kind == "rating":
        return {mid: r / (len(criterion.scale) - 1) for mid, r in ranks.items()}
    if criterion.kind == "score":  # rank is minus the Elo: r - best is how far below the best
        best = min(ranks.values())
        return {mid: 1.0 - 2.0 / (1.0 + 10.0 ** ((r - best) / ELO_SCALE)) for mid, r in ranks.items()}
    low, high = min(ranks.values()), max(ranks.values())
    return {mid: 0.0 if high == low else (r - low) / (high - low) for mid, r in ranks.items()}


def weighted_score(view: AsOf, state: ModelState, weights: dict[str, int], places: dict[str, dict[str, float]],
                   fits: OfferFilter | None = None) -> tuple[float, tuple[Reason, ...], int]:
    """``(score, reasons, documented weight)``: each criterion in ``weights`` that the model
    has a value for adds ``weight × (1 − position)`` (``places`` from :func:`positions`)."""
    reasons, score, covered = [], 0.0, 0
    model_id = state.model.id
    for crit_id, weight in weights.items():
        criterion = view.catalog.criteria[crit_id]
        if model_id not in places[crit_id]:
            continue
        covered += weight
        score += weight * (1.0 - places[crit_id][model_id])
        reasons.append(Reason(criterion, criterion_fact(state, criterion, fits), weight))
    return score, tuple(reasons), covered


def _candidate(view: AsOf, use_case: s.UseCase, state: ModelState, places: dict) -> Candidate | str:
    """The model as a candidate, or the reason it is left out (:data:`LEFT_OUT_REASONS`)."""
    score, reasons, covered = weighted_score(view, state, use_case.criteria, places)
    verdict = state.model.verdicts.get(use_case.id)
    measured = any(r.criterion.kind == "score" for r in reasons)
    thin = covered * 2 < sum(use_case.criteria.values()) and not measured
    if verdict is None and (thin or score == 0):
        return "no_signal" if covered == 0 else "thin" if thin else "worst"
    return Candidate(state.model, verdict, score, reasons, state.lifecycle)


def use_case_result(view: AsOf, use_case: s.UseCase) -> UseCaseResult:
    """The ranking of every model for ``use_case`` on the view's date."""
    places = {cid: positions(view, view.catalog.criteria[cid]) for cid in use_case.criteria}
    outcomes = {mid: _candidate(view, use_case, state, places) for mid, state in view.models.items()}
    candidates = [c for c in outcomes.values() if isinstance(c, Candidate)]
    left_out = tuple((view.models[mid].model, why) for mid, why in outcomes.items()
                     if isinstance(why, str) and view.models[mid].lifecycle.available)
    ranked = tuple(sorted(candidates, key=lambda c: c.sort_key))
    available = [c for c in ranked if c.lifecycle.available]
    recommended = available[0] if available else None
    runner_up = available[1] if len(available) > 1 else None
    retired_above = tuple(c for c in ranked[: ranked.index(recommended)] if not c.lifecycle.available) \
        if recommended else tuple(c for c in ranked if not c.lifecycle.available)
    tied = runner_up is not None and recommended.sort_key[:2] == runner_up.sort_key[:2]
    return UseCaseResult(use_case, ranked, recommended, runner_up, retired_above, tied, left_out)


def use_case_results(view: AsOf) -> tuple[UseCaseResult, ...]:
    """One result per use case, in the order of ``use_cases.yaml``."""
    return tuple(use_case_result(view, uc) for uc in view.catalog.use_cases.values())
