"""Where each source is cited: every claim, offer, prompt guide and guide pin that names it
(directly, or through its file's default ``source``), located in its file with the day it
was checked. ``sources check`` lists these under a source whose page changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator

from .dataset import Dataset
from .errors import Problem
from .load import Document, Loc
from .locate import problem_at
from .refs import claims_in


@dataclass(frozen=True, order=True)
class Citation:
    """One fact citing a source. ``problem`` is its location (``file:line:col: field``)
    with the message ``checked YYYY-MM-DD``; ``checked`` that day (None: no as-of date)."""

    problem: Problem
    checked: dt.date | None
    doc: Document = field(compare=False, repr=False)
    loc: Loc = field(compare=False)
    """The fact's node in ``doc``; its own ``as_of`` (if any) is at ``loc + ("as_of",)``."""

    def __str__(self) -> str:
        return str(self.problem)


def _cite(doc: Document, loc: Loc, checked: dt.date | None) -> Citation:
    return Citation(problem_at(doc, loc, f"checked {checked.isoformat()}" if checked else "no as-of date"), checked,
                    doc, loc)


def _model_citations(doc: Document, model) -> Iterator[tuple[str, Citation]]:  # noqa: ANN001 - ModelFile
    for loc, claim in claims_in(model, ()):
        if source := claim.source or model.source:
            yield source, _cite(doc, loc, claim.as_of or model.as_of)
    for index, offer in enumerate(model.offers):
        if source := offer.source or model.source:
            yield source, _cite(doc, ("offers", index), offer.as_of or model.as_of)
    if model.prompt is not None and (source := model.prompt.source or model.source):
        yield source, _cite(doc, ("prompt",), model.prompt.as_of or model.as_of)


def _guide_citations(dataset: Dataset) -> Iterator[tuple[str, Citation]]:
    guide, doc = dataset.vocabularies.get("decision_guide.yaml"), dataset.documents.get("decision_guide.yaml")
    for qi, question in enumerate(getattr(guide, "questions", [])):
        for ai, answer in enumerate(question.answers):
            if answer.pin is not None:
                yield answer.pin.source, _cite(doc, ("questions", qi, "answers", ai, "pin"), answer.pin.as_of)


def citations(dataset: Dataset) -> dict[str, list[Citation]]:
    """``{source id: [Citation, …]}`` for every source cited anywhere in a valid dataset,
    each list sorted by file, line and column. A source nothing cites has no key."""
    found: dict[str, list[Citation]] = {}
    for doc, model in dataset.models.values():
        for source, citation in _model_citations(doc, model):
            found.setdefault(source, []).append(citation)
    for source, citation in _guide_citations(dataset):
        found.setdefault(source, []).append(citation)
    return {source: sorted(items) for source, items in found.items()}
