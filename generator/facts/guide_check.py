"""Checks of ``decision_guide.yaml`` beyond its schema: a tree that every reader can walk.

Every question is reachable from ``start``; no path loops; ids are unique; ``next``, the
criteria in ``prefer`` and the model and source of a ``pin`` resolve. Problems are located
like every other data problem.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from . import schema as s
from .dataset import Dataset
from .errors import Problem
from .load import Document
from .locate import near, problem_at, unknown_id

GUIDE_FILE = "decision_guide.yaml"


def _ids(items: list, attr: str = "id") -> dict[str, int]:
    out: dict[str, int] = {}
    for index, item in enumerate(items):
        out.setdefault(getattr(item, attr), index)
    return out


def _duplicates(doc: Document, guide: s.DecisionGuideFile) -> Iterator[Problem]:
    first = _ids(guide.questions)
    for qi, question in enumerate(guide.questions):
        if first[question.id] != qi:
            yield problem_at(doc, ("questions", qi, "id"), f"duplicate question id '{question.id}'")
        seen = _ids(question.answers)
        for ai, answer in enumerate(question.answers):
            if seen[answer.id] != ai:
                yield problem_at(doc, ("questions", qi, "answers", ai, "id"), f"duplicate answer id '{answer.id}'")


def _unresolved(doc: Document, guide: s.DecisionGuideFile, dataset: Dataset) -> Iterator[Problem]:
    questions = list(_ids(guide.questions))
    criteria = {c.id for c in getattr(dataset.vocabularies.get("criteria.yaml"), "criteria", [])}
    sources = {x.id for x in getattr(dataset.vocabularies.get("sources.yaml"), "sources", [])}
    if guide.start not in questions:
        yield problem_at(doc, ("start",), f"unknown question '{guide.start}'; {near(guide.start, questions)}")
    for qi, question in enumerate(guide.questions):
        for ai, answer in enumerate(question.answers):
            loc = ("questions", qi, "answers", ai)
            if answer.next is not None and answer.next not in questions:
                yield problem_at(doc, loc + ("next",), f"unknown question '{answer.next}'; {near(answer.next, questions)}")
            for key in answer.prefer:
                if criteria and key not in criteria:
                    yield problem_at(doc, loc + ("prefer", key), unknown_id("criterion", key, criteria), True)
            if answer.pin is not None:
                if answer.pin.model not in dataset.model_ids:
                    yield problem_at(doc, loc + ("pin", "model"),
                                     unknown_id("model", answer.pin.model, dataset.model_ids))
                if answer.pin.as_of > dt.date.today():
                    yield problem_at(doc, loc + ("pin", "as_of"), f"as-of date {answer.pin.as_of.isoformat()} is in the future")
                if sources and answer.pin.source not in sources:
                    yield problem_at(doc, loc + ("pin", "source"),
                                     unknown_id("source", answer.pin.source, sources))


def _culprit(cycle: list[int]) -> tuple[int, int]:
    """The edge of a cycle (question positions, first = last) most likely made by the edit: the
    last one that points back up the file (questions are listed in the order they are asked)."""
    edges = list(zip(cycle, cycle[1:]))
    backward = [edge for edge in edges if edge[1] <= edge[0]]
    return max(backward or edges[-1:])


def _cycles(guide: s.DecisionGuideFile, index: dict[str, int]) -> tuple[set[str], dict[tuple[int, int], list[int]]]:
    """The questions reached from ``start``, and per cycle found by depth-first search one
    edge ``(from, to)`` with the cycle's questions from ``to`` round to ``to`` (positions)."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after
    path: list[int] = []
    culprits: dict[tuple[int, int], list[int]] = {}

    def visit(qid: str) -> None:
        state[qid] = "open"
        path.append(index[qid])
        for answer in guide.questions[index[qid]].answers:
            target = answer.next
            if target is None or target not in index:
                continue
            if state.get(target) == "open":
                cycle = path[path.index(index[target]):] + [index[target]]
                edge = _culprit(cycle)
                start = cycle.index(edge[1])
                culprits.setdefault(edge, cycle[start:-1] + cycle[:start] + [edge[1]])
            elif target not in state:
                visit(target)
        path.pop()
        state[qid] = "done"

    visit(guide.start)
    return set(state), culprits


def _shape(doc: Document, guide: s.DecisionGuideFile) -> Iterator[Problem]:
    """Reachability from ``start``, and cycles: each reported once, at the answer that points
    back up the file, with the questions it loops through."""
    index = _ids(guide.questions)
    if guide.start not in index:
        return
    reached, culprits = _cycles(guide, index)
    for (qi, target), cycle in sorted(culprits.items()):
        target_id = guide.questions[target].id
        loop = " → ".join(guide.questions[q].id for q in cycle)
        for ai, answer in enumerate(guide.questions[qi].answers):
            if answer.next == target_id:
                yield problem_at(doc, ("questions", qi, "answers", ai, "next"),
                                 f"'{target_id}' leads back to an earlier question ({loop}): paths must end")
    for qi, question in enumerate(guide.questions):
        if question.id not in reached:
            yield problem_at(doc, ("questions", qi, "id"), f"question '{question.id}' cannot be reached from '{guide.start}'")


def check_guide(dataset: Dataset) -> Iterator[Problem]:
    """Every problem of the decision guide, if the data has one."""
    guide = dataset.vocabularies.get(GUIDE_FILE)
    if guide is None:
        return
    doc = dataset.documents[GUIDE_FILE]
    yield from _duplicates(doc, guide)
    yield from _unresolved(doc, guide, dataset)
    yield from _shape(doc, guide)
