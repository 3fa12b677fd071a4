"""The "Which model should I use?" pages: the widget's questions, each path's outcome, and
every path on a page of its own.

Outcomes come from :func:`generator.answers.recommend.recommend`, the same code as
``videoguide recommend``, computed here once per path. The widget's page holds only the
questions (its size does not grow with the models); each finished path's outcome, as
:func:`outcome_data` gives it, is in a JSON file beside the page that holds the outcomes of
the paths sharing its first answers (:func:`bundle_of`: ``guide/outcomes/final.physics.no.about-30.json``;
answer ids are slugs, so the name is unique and safe), which ``guide.js`` fetches once the
reader is that far (76 files for the 1,944 paths, instead of one each). A browser
test walks every path against :func:`outcome_data`. The paths pages list every path as nested
lists that work without JavaScript, in print and for search engines: the first answers on
``guide/paths.md``, and what follows each pair of first answers on a page of its own
(``guide/paths/final.long.md``), so no page holds all 1,944 paths (about 740 KB of HTML).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from ..answers.asof import AsOf, Freshness
from ..answers.recommend import Match, Recommendation, recommend
from ..facts import schema as s
from ..facts.catalog import ResolvedFact
from .recommendation import check_text, describe, plan_line, plan_status, preference_reasons
from .views import SOURCES_PAGE, Link, href, model_page, status_text, url_href

GUIDE_PAGE = "guide/index.md"
PATHS_PAGE = "guide/paths.md"
PATHS_FOLDER = "guide/paths"
SPLIT_AFTER = 2
"""Answers shown on the paths page; what follows each such pair of answers has a page."""


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
    """One answer: its label, and either the next question or the outcome (with the path's
    answer ids joined by dots, ``key``, and the widget's data of the outcome)."""

    label: str
    question: "Node | None"
    outcome: Outcome | None
    key: str | None = None
    data: dict | None = None


@dataclass(frozen=True)
class Node:
    question: str
    help: str | None
    branches: tuple[Branch, ...]
    page: str | None = None
    """The page the question and what follows it are listed on, when not the one above it."""
    trail: tuple[tuple[str, str], ...] = ()
    """The questions and answers (text, label) that lead to it."""
    href: str | None = None
    """The link to ``page`` from the page above."""
    paths: int = 0
    """The finished paths below it, when it is on a page of its own."""


@dataclass(frozen=True)
class GuideContext:
    data_json: str
    """The widget's data (JSON; the template escapes it into an attribute, since Material
    re-runs <script> elements on instant navigation)."""
    paths_href: str
    paths: int
    files: dict[str, str]
    """Each path's outcome: docs-relative path → JSON (see :func:`outcome_files`)."""


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


OUTCOMES_FOLDER = "guide/outcomes"
BUNDLE_AFTER = 4
"""The paths that share their first four answers have their outcomes in one file: on the real
guide, 76 files of 12 to 150 KB (3 to 5 KB compressed) instead of 1,944 of about 2 KB. Every
file a build creates costs time twice (N=1,000: 0.3 to 0.9 ms each on this machine, in the
generator and again in the site engine), and a reader's last answers need no further fetch."""


def _node(view: AsOf, guide: s.DecisionGuideFile, question: s.Question, answers: dict[str, str], page: str,
          trail: tuple[tuple[str, str], ...] = ()) -> Node:
    """The question with every path below it; links relative to ``page``, which it is on."""
    questions = {q.id: q for q in guide.questions}
    branches = []
    for answer in question.answers:
        chosen, steps = {**answers, question.id: answer.id}, (*trail, (question.text, answer.label))
        if answer.next:
            on = f"{PATHS_FOLDER}/{'.'.join(chosen.values())}.md" if len(chosen) == SPLIT_AFTER else page
            child = _node(view, guide, questions[answer.next], chosen, on, steps)
            if on != page:  # listed on a page of its own
                child = replace(child, page=on, trail=steps, href=href(page, on), paths=count_paths(child))
            branches.append(Branch(answer.label, child, None))
        else:
            rec = recommend(view, guide, chosen, top=2)
            branches.append(Branch(answer.label, None, outcome(rec, page), ".".join(chosen.values()),
                                   outcome_data(rec, view.catalog.criteria, view.freshness)))
    return Node(question.text, question.help, tuple(branches))


def count_paths(node: Node) -> int:
    """The finished paths below ``node``."""
    return sum(1 if b.outcome else count_paths(b.question) for b in node.branches)


def paths_context(view: AsOf, guide: s.DecisionGuideFile) -> PathsContext:
    """Every path with its outcome (raises nothing for a validated guide)."""
    start = next(q for q in guide.questions if q.id == guide.start)
    tree = _node(view, guide, start, {}, PATHS_PAGE)
    return PathsContext(tree, count_paths(tree), href(PATHS_PAGE, GUIDE_PAGE))


@dataclass(frozen=True)
class PathsPartContext:
    """One page of the paths below a pair of first answers."""

    node: Node
    all_href: str
    guide_href: str

    @property
    def paths(self) -> int:
        """The finished paths on the page."""
        return self.node.paths


def paths_parts(paths: PathsContext) -> list[tuple[str, str, PathsPartContext]]:
    """``(page, title, context)`` of each page of paths below the paths page, in order."""
    parts = []
    for b in _branches(paths.tree):
        node = b.question
        if node is not None and node.page is not None:
            title = "Paths: " + ", ".join(label for _, label in node.trail)
            parts.append((node.page, title, PathsPartContext(node, href(node.page, PATHS_PAGE), href(node.page, GUIDE_PAGE))))
    return parts


def _branches(node: Node):  # noqa: ANN202 - yields every Branch under node
    for b in node.branches:
        yield b
        if b.question is not None:
            yield from _branches(b.question)


def bundle_of(key: str) -> str:
    """The file a path's outcome is in, by the path's answer ids joined by dots: its first
    :data:`BUNDLE_AFTER` answers, or all but the last on a shorter path (``guide.js`` repeats
    this rule): ``final.physics.no.about-30.cuts.vertical`` → ``final.physics.no.about-30``."""
    ids = key.split(".")
    return ".".join(ids[:min(BUNDLE_AFTER, max(1, len(ids) - 1))])


def outcome_files(paths: PathsContext) -> dict[str, str]:
    """``guide/outcomes/<bundle>.json`` (:func:`bundle_of`) → ``{path key: outcome}`` for the
    paths in it, in path order (:func:`outcome_data`, hrefs relative to the guide page, which
    fetches them)."""
    bundles: dict[str, dict[str, dict]] = {}
    for b in _branches(paths.tree):
        if b.outcome is not None:
            bundles.setdefault(bundle_of(b.key), {})[b.key] = b.data
    return {f"{OUTCOMES_FOLDER}/{name}.json": json.dumps(outcomes, ensure_ascii=False, separators=(",", ":"))
            for name, outcomes in bundles.items()}


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
    """The widget's data (JSON-ready): ``start``, ``questions`` (text, help, answers with
    their ``next`` question, None where the path ends), ``depth`` (question → the most
    questions left from it), ``outcomes`` (the folder of the outcome files, relative to the
    guide page), ``bundleAfter`` (:data:`BUNDLE_AFTER`), ``today`` and ``staleAfter`` (for
    the stale badge)."""
    return {"start": guide.start, "depth": _depths(guide), "outcomes": "outcomes/", "bundleAfter": BUNDLE_AFTER,
            "today": view.today.isoformat(), "staleAfter": view.freshness.stale_after_days,
            "questions": {q.id: {"text": q.text, "help": q.help, "answers": [
                {"id": a.id, "label": a.label, "next": a.next}
                for a in q.answers]} for q in guide.questions}}


def guide_context(view: AsOf, guide: s.DecisionGuideFile, paths: PathsContext) -> GuideContext:
    return GuideContext(json.dumps(guide_data(view, guide), ensure_ascii=False, separators=(",", ":")),
                        href(GUIDE_PAGE, PATHS_PAGE), paths.paths, outcome_files(paths))
