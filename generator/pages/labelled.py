"""Every fact of a model with the label it has on the pages; the disputed ones; and the facts
citing each source, for the model, disputed-claims and sources pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..facts.catalog import Catalog, ModelRecord, ResolvedFact
from . import format as fmt


@dataclass(frozen=True)
class LabelledFact:
    """A fact of one model with where it appears: section, label and field name."""

    model: ModelRecord
    section: str
    label: str
    field: str
    fact: ResolvedFact


SCORES = "Arena scores"
"""The model page's section of leaderboard scores."""


def labelled_facts(catalog: Catalog, model: ModelRecord) -> Iterator[LabelledFact]:
    """Every fact of ``model``, in page order."""
    for pid, fact in model.lifecycle.items():
        yield LabelledFact(model, "Lifecycle", catalog.platforms[pid].name, "lifecycle", fact)
    for name, fact in model.specs.items():
        yield LabelledFact(model, "Specs", fmt.SPEC_LABELS[name], name, fact)
    for name, fact in model.availability.items():
        yield LabelledFact(model, "Availability", fmt.AVAILABILITY_LABELS[name], name, fact)
    for cid, fact in model.ratings.items():
        yield LabelledFact(model, "Ratings", catalog.criteria[cid].name, "rating", fact)
    for cid, fact in model.scores.items():
        yield LabelledFact(model, SCORES, catalog.criteria[cid].name, "score", fact)
    for uid, fact in model.verdicts.items():
        yield LabelledFact(model, "Verdicts", catalog.use_cases[uid].name, "verdict", fact)
    for section, label, facts in (("Strengths", "Strength", model.strengths),
                                  ("Weaknesses", "Weakness", model.weaknesses)):
        for fact in facts:
            yield LabelledFact(model, section, label, "text", fact)


def disputed_facts(catalog: Catalog) -> tuple[LabelledFact, ...]:
    """Facts whose claims disagree, by model then page order."""
    return tuple(f for m in catalog.models.values() for f in labelled_facts(catalog, m) if f.fact.disputed)


SECTION_ANCHORS = {"Strengths": "strengths-and-weaknesses", "Weaknesses": "strengths-and-weaknesses",
                   "Verdicts": "use-case-verdicts", SCORES: "arena-scores"}
"""Model page heading ids of the sections whose id is not their name in lower case."""


@dataclass(frozen=True, order=True)
class Citation:
    """``Veo 3.1: specs, Inputs``, and where it is shown: the model and its page's section id."""

    text: str
    model_id: str
    anchor: str


@dataclass(frozen=True)
class Cited:
    """Where each source is cited: ``by`` source id, the sorted, de-duplicated facts citing it
    with where each is shown (four offers on one platform are one "price on" line); ``counts``,
    how many claims, offers and prompt guides cite it, each counted once."""

    by: dict[str, list[Citation]]
    counts: dict[str, int]


def citations(catalog: Catalog) -> Cited:
    """Every source's citations (see :class:`Cited`); a source nothing cites has none and 0."""
    cited: dict[str, set[Citation]] = {sid: set() for sid in catalog.sources}
    counts = dict.fromkeys(catalog.sources, 0)
    for model in catalog.models.values():
        for lf in labelled_facts(catalog, model):
            anchor = SECTION_ANCHORS.get(lf.section, lf.section.lower())
            for claim in lf.fact.claims:
                what = lf.label if lf.section == SCORES else f"{lf.section.lower()}, {lf.label}"  # names itself
                cited[claim.source.id].add(Citation(f"{model.name}: {what}", model.id, anchor))
                counts[claim.source.id] += 1
        for offer in model.offers:
            where = offer.platform.name if offer.platform else "an unnamed platform"
            cited[offer.source.id].add(Citation(f"{model.name}: price on {where}", model.id, "prices"))
            counts[offer.source.id] += 1
        if model.prompt:
            cited[model.prompt.source.id].add(Citation(f"{model.name}: prompt structure", model.id, "prompt-structure"))
            counts[model.prompt.source.id] += 1
    return Cited({sid: sorted(items) for sid, items in cited.items()}, counts)
