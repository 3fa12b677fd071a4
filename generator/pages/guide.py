"""The "Which model should I use?" pages: the widget's data, and every path on a page of its own.

Outcomes come from :func:`generator.answers.recommend.recommend`, the same code as
``videoguide recommend``. The widget's data holds each model's standing once per
requirement and criterion (not per path) and the planner's data of the calculator, so it
grows with models × answers; ``guide.js`` combines them as :func:`recommend` does, and a
browser test walks every path against :func:`outcome_data`. The paths page lists every path
as nested lists that work without JavaScript, in print and for search engines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..answers.asof import AsOf, Freshness
from ..answers.criteria import criterion_fact
from ..answers.recommend import Match, Recommendation, recommend
from ..answers.standing import SPEC_KINDS, check, offer_fits, platform_rank, resolution_label
from ..answers.verdicts import positions
from ..facts import schema as s
from ..facts.catalog import ResolvedFact
from . import format as fmt
from .calculator import calculator_data
from .recommendation import (
    caveats, check_text, describe, plan_line, plan_status, platform_status_text, preference_reasons,
)
from .views import SOURCES_PAGE, Link, href, model_page, status_text, url_href

GUIDE_PAGE = "guide/index.md"
PATHS_PAGE = "guide/paths.md"


@dataclass(frozen=True)
class Outcome:
    """What a finished path recommends, as short text and links."""

    recommended: Link | None
    runner_up: Link | None
    plan: str | None
    retired: tuple[Link, ...]
    no_match: str | None
    pin_reason: str | None


@dataclass(frozen=True)
class Branch:
    """One answer: its label, and either the next question or the outcome."""

    label: str
    question: "Node | None"
    outcome: Outcome | None


@dataclass(frozen=True)
class Node:
    question: str
    help: str | None
    branches: tuple[Branch, ...]


@dataclass(frozen=True)
class GuideContext:
    data_json: str
    """The widget's data (JSON; the template escapes it into an attribute, since Material
    re-runs <script> elements on instant navigation)."""
    paths_href: str
    paths: int


@dataclass(frozen=True)
class PathsContext:
    tree: Node
    paths: int
    guide_href: str


def _source(page: str, fact: ResolvedFact | None, fresh: Freshness | None) -> dict:
    """The shown claim's source title, link and date (a score's snapshot), and whether it is
    stale on ``fresh``'s date (never, without ``fresh``)."""
    if fact is None:
        return {"source": None, "href": None, "as_of": None, "stale": False}
    source = fact.shown.source
    return {"source": source.title, "as_of": fact.shown.dated[1],
            "href": url_href(page, SOURCES_PAGE) + f"#src-{source.id}",
            "stale": fresh is not None and fresh.is_stale(fact.shown.as_of)}


def match_data(match: Match | None, rec: Recommendation, criteria: dict, fresh: Freshness | None = None,
               page: str = GUIDE_PAGE) -> dict | None:
    """A ranked model as the widget shows it: name, URL, status on the plan's platform, pin,
    plan and reasons with sources (a preferred criterion without a value says so)."""
    if match is None:
        return None
    reasons = [{"text": check_text(c), **_source(page, c.fact, fresh)} for c in match.checks]
    reasons += [{"text": text, **_source(page, fact, fresh)}
                for text, fact in preference_reasons(match, rec.preferences, criteria)]
    return {"name": match.model.name, "href": url_href(page, model_page(match.model.id)),
            "status": plan_status(match) if match.lifecycle.available else status_text(match.lifecycle),
            "plan": plan_line(match),
            "pin": f"{match.pin.reason} — {match.pin_source.title}, {match.pin.as_of}" if match.pin else None,
            "reasons": reasons}


def no_match_text(rec: Recommendation) -> str | None:
    if rec.recommended is not None:
        return None
    text = "No available model meets every requirement."
    if rec.relax is not None:
        best = rec.relax.best
        text += f" Without “{describe(rec.relax.requirement)}”: {best.model.name} ({plan_line(best)})."
    return text


def outcome_data(rec: Recommendation, criteria: dict, fresh: Freshness | None = None) -> dict:
    """Everything the widget prints for a finished path; the browser test's reference."""
    return {"recommended": match_data(rec.recommended, rec, criteria, fresh),
            "runner_up": match_data(rec.runner_up, rec, criteria, fresh),
            "retired": [match_data(m, rec, criteria, fresh) for m in rec.retired_above],
            "no_match": no_match_text(rec)}


def _link(page: str, match: Match | None) -> Link | None:
    return Link(match.model.name, href(page, model_page(match.model.id))) if match else None


def outcome(rec: Recommendation, page: str = PATHS_PAGE) -> Outcome:
    top = rec.recommended
    return Outcome(recommended=_link(page, top), runner_up=_link(page, rec.runner_up),
                   plan=plan_line(top) if top else None, retired=tuple(_link(page, m) for m in rec.retired_above),
                   no_match=no_match_text(rec), pin_reason=top.pin.reason if top and top.pin else None)


def _node(view: AsOf, guide: s.DecisionGuideFile, question: s.Question, answers: dict[str, str]) -> Node:
    questions = {q.id: q for q in guide.questions}
    branches = []
    for answer in question.answers:
        chosen = {**answers, question.id: answer.id}
        if answer.next:
            branches.append(Branch(answer.label, _node(view, guide, questions[answer.next], chosen), None))
        else:
            branches.append(Branch(answer.label, None, outcome(recommend(view, guide, chosen, excluded=False))))
    return Node(question.text, question.help, tuple(branches))


def _count(node: Node) -> int:
    return sum(1 if b.outcome else _count(b.question) for b in node.branches)


def paths_context(view: AsOf, guide: s.DecisionGuideFile) -> PathsContext:
    """Every path with its outcome (raises nothing for a validated guide)."""
    start = next(q for q in guide.questions if q.id == guide.start)
    tree = _node(view, guide, start, {})
    return PathsContext(tree, _count(tree), href(PATHS_PAGE, GUIDE_PAGE))


def requirement_key(r: s.Requirement) -> str:
    """``{"aspect_ratio":"9:16"}``: one requirement, as the widget's data names it."""
    return json.dumps(r.model_dump(mode="json", exclude_none=True), sort_keys=True, separators=(",", ":"))


def _requirements(guide: s.DecisionGuideFile) -> dict[str, s.Requirement]:
    return {requirement_key(r): r for q in guide.questions for a in q.answers for r in a.require}


def _variants(requirements: dict[str, s.Requirement]) -> list[tuple[bool, int | None]]:
    heights = sorted({r.min_resolution_height for r in requirements.values() if r.min_resolution_height})
    return [(audio, h) for audio in (False, True) for h in [None, *heights]]


def _variant_key(audio: bool, height: int | None) -> str:
    return f"{int(audio)}|{height or ''}"


def _places(view: AsOf, guide: s.DecisionGuideFile, requirements: dict[str, s.Requirement]) -> dict:
    """Criterion → variant → model id → (place, value text, fact). Only a price criterion has
    more than one variant: the offers that fit (audio on; the minimum height)."""
    wanted = {c for q in guide.questions for a in q.answers for c in a.prefer}
    out: dict = {}
    for cid in sorted(wanted):
        criterion = view.catalog.criteria[cid]
        priced = criterion.kind == "spec" and criterion.field == "lowest_usd_per_second"
        out[cid] = {}
        for audio, height in _variants(requirements) if priced else [(False, None)]:
            reqs = tuple(r for r in (s.Requirement(audio_in=["native", "optional"]) if audio else None,
                                     s.Requirement(min_resolution_height=height) if height else None) if r)
            fits = (lambda o, reqs=reqs: offer_fits(o, reqs)) if priced else None
            places = positions(view, criterion, fits)
            out[cid][_variant_key(audio, height) if priced else ""] = {
                mid: (place, criterion_fact(view.models[mid], criterion, fits)) for mid, place in places.items()}
    return out


class _Sources:
    def __init__(self, page: str, fresh: Freshness):
        self.page, self.fresh, self.rows = page, fresh, {}

    def index(self, fact: ResolvedFact | None) -> int | None:
        if fact is None:
            return None
        row = json.dumps(_source(self.page, fact, self.fresh), sort_keys=True)
        return self.rows.setdefault(row, len(self.rows))


def _model_rows(view: AsOf, requirements: dict[str, s.Requirement], places: dict, sources: _Sources) -> list[dict]:
    rows = []
    for mid, state in view.models.items():
        checks = {}
        for key, r in requirements.items():
            if r.kind in SPEC_KINDS:
                c = check(state, r)
                checks[key] = [c.met, check_text(c), sources.index(c.fact)]
        criteria = {cid: {variant: [place, fmt.value(fmt.criterion_field(view.catalog.criteria[cid]), fact.value)
                                    + caveats(fact), sources.index(fact)]
                          for variant, models in by_variant.items() if mid in models
                          for place, fact in [models[mid]]}
                    for cid, by_variant in places.items()}
        rows.append({"id": mid, "name": state.model.name, "href": url_href(GUIDE_PAGE, model_page(mid)),
                     "status": fmt.STATUS_LABELS.get(state.lifecycle.status, "lifecycle not documented"),
                     "retiredStatus": status_text(state.lifecycle), "available": state.lifecycle.available,
                     "deprecated": state.lifecycle.status == "deprecated", "checks": checks, "criteria": criteria,
                     "platforms": {p.platform.name: [platform_rank(state, p.platform.id),
                                                     platform_status_text(p.status, p.fact.disputed)]
                                   for p in state.lifecycle.platforms}})
    return rows


def _job_part(r: s.Requirement, labels: dict[int, str]) -> dict:
    """What a requirement sets in the planner's job, in the planner data's vocabulary."""
    if r.finished_seconds is not None:
        return {"seconds": r.finished_seconds}
    if r.aspect_ratio is not None:
        return {"aspect": r.aspect_ratio}
    if r.min_resolution_height is not None:
        return {"resolution": labels[r.min_resolution_height]}
    if r.audio_in is not None:
        return {"sound": "native"} if "none" not in r.audio_in else {}
    if r.input is not None:
        return {"input": r.input} if r.input in ("text", "image_first_frame", "reference_images") else {}
    if r.max_usd_total is not None:
        return {"budget": str(r.max_usd_total)}
    return {"continuous": True}


def _depths(guide: s.DecisionGuideFile) -> dict[str, int]:
    """Question id → the most questions a reader may still answer from it, itself included."""
    questions = {q.id: q for q in guide.questions}
    memo: dict[str, int] = {}

    def depth(qid: str) -> int:
        if qid not in memo:
            memo[qid] = 1 + max((depth(a.next) for a in questions[qid].answers if a.next), default=0)
        return memo[qid]

    return {qid: depth(qid) for qid in questions}


def guide_data(view: AsOf, guide: s.DecisionGuideFile) -> dict:
    """The widget's data (JSON-ready): questions and answers (requirement keys, preferences
    in order, pin), ``requirements`` (key → words, kind, job part, audio and height for the
    price criterion), ``models`` (checks per requirement key: [met, text, source index];
    criteria → variant → [place, value text, source index]), ``criteria`` names, ``sources``
    and ``planner`` (:func:`generator.pages.calculator.calculator_data`)."""
    requirements = _requirements(guide)
    heights = {r.min_resolution_height for r in requirements.values() if r.min_resolution_height}
    labels = {h: resolution_label(h) for h in heights}
    parts = [_job_part(r, labels) for r in requirements.values()]
    planner = calculator_data(view, GUIDE_PAGE, {  # only what the guide's answers can ask for
        field: [default, *dict.fromkeys(p[field] for p in parts if field in p)]
        for field, default in (("resolution", ""), ("sound", ""), ("input", "text"), ("aspect", ""))})
    sources = _Sources(GUIDE_PAGE, view.freshness)
    models = _model_rows(view, requirements, _places(view, guide, requirements), sources)
    index = {m["id"]: i for i, m in enumerate(models)}
    questions = {q.id: {"text": q.text, "help": q.help, "answers": [
        {"id": a.id, "label": a.label, "next": a.next, "require": [requirement_key(r) for r in a.require],
         "prefer": [[c, w] for c, w in a.prefer.items()], "note": a.note,
         "pin": None if a.pin is None else [index[a.pin.model], f"{a.pin.reason} — "
                                            f"{view.catalog.sources[a.pin.source].title}, {a.pin.as_of}"]}
        for a in q.answers]} for q in guide.questions}
    reqs = {key: {"kind": r.kind, "words": describe(r), "job": _job_part(r, labels),
                  "audio": r.audio_in is not None and "none" not in r.audio_in,
                  "height": r.min_resolution_height} for key, r in requirements.items()}
    return {"start": guide.start, "questions": questions, "depth": _depths(guide), "requirements": reqs,
            "models": models, "criteria": {cid: view.catalog.criteria[cid].name for cid in view.catalog.criteria},
            "sources": [json.loads(r) for r in sources.rows], "planner": planner}


def guide_context(view: AsOf, guide: s.DecisionGuideFile, paths: int) -> GuideContext:
    return GuideContext(json.dumps(guide_data(view, guide), ensure_ascii=False, separators=(",", ":")),
                        href(GUIDE_PAGE, PATHS_PAGE), paths)
