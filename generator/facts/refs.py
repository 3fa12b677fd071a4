"""Cross-file checks: ids unique and slug-shaped, id equals file name, references resolve.

Each check yields :class:`generator.facts.errors.Problem` located at the referencing node. A
vocabulary file that failed its own validation is skipped, so its problems are not
reported twice as unresolved references.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, Iterator

from pydantic import BaseModel

from . import schema as s
from .dataset import Dataset
from .errors import Problem
from .guide_check import check_guide
from .load import Document, Loc, field_path
from .locate import problem_at, unknown_id
from .price_check import check_price_history
from .source_state import STATE_FILE

RESERVED_IDS = frozenset({"index"})
"""Ids that would collide with generated index pages (models/index.md, use-cases/index.md)."""
SPEC_ENUMS: dict[str, tuple[str, ...]] = {"audio": s.AudioMode.__args__}  # type: ignore[attr-defined]


def _ref(doc: Document, loc: Loc, kind: str, value: str | None, valid: dict | set | None,
         at_key: bool = False) -> Iterator[Problem]:
    if value is None or valid is None or value in valid:
        return
    yield problem_at(doc, loc, unknown_id(kind, value, valid), at_key)


def _ids(dataset: Dataset, file: str, attr: str) -> dict[str, Any] | None:
    parsed = dataset.vocabularies.get(file)
    return None if parsed is None else {item.id: item for item in getattr(parsed, attr)}


def _unique_ids(dataset: Dataset) -> Iterator[Problem]:
    for file, attr in (("sources.yaml", "sources"), (STATE_FILE, "sources"), ("vendors.yaml", "vendors"),
                       ("platforms.yaml", "platforms"), ("criteria.yaml", "criteria"),
                       ("use_cases.yaml", "use_cases")):
        parsed = dataset.vocabularies.get(file)
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(parsed, attr, [])):
            if item.id in seen:
                doc = dataset.documents[file]
                line = doc.locate((attr, seen[item.id], "id"))[0]
                yield problem_at(doc, (attr, index, "id"), f"duplicate id '{item.id}' (first on line {line})")
            seen.setdefault(item.id, index)


def claims_in(value: Any, loc: Loc) -> Iterator[tuple[Loc, s.Claim]]:
    """Every claim inside a validated object, with its location in the document."""
    if isinstance(value, s.RawFact):
        for index, claim in enumerate(value):
            where = loc + (index,) if value.form == "claims" else loc
            yield where, claim
            yield from claims_in(claim.value, where + (("value",) if value.form != "bare" else ()))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from claims_in(getattr(value, name), loc + (name,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from claims_in(item, loc + (key,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from claims_in(item, loc + (index,))


def _future(doc: Document, loc: Loc, value: dt.date | None, today: dt.date) -> Iterator[Problem]:
    if value is not None and value > today:
        yield problem_at(doc, loc, f"as-of date {value.isoformat()} is in the future (today is {today.isoformat()})")


def _left_out(failed: frozenset[str], loc: Loc, key: str) -> bool:
    """Whether ``key`` (the file's own, or the one at ``loc``) was invalid and left out: its
    absence is then no problem of its own."""
    return key in failed or field_path(loc + (key,)) in failed


def _model_claims(doc: Document, model: s.ModelFile, sources: dict | None,
                  failed: frozenset[str] = frozenset()) -> Iterator[Problem]:
    today = dt.date.today()
    yield from _future(doc, ("as_of",), model.as_of, today)
    for index, offer in enumerate(model.offers):
        yield from _future(doc, ("offers", index, "as_of"), offer.as_of, today)
    for loc, claim in claims_in(model, ()):
        if claim.source is not None or claim.as_of is not None:
            yield from _future(doc, loc + ("as_of",), claim.as_of, today)
        source = claim.source or model.source
        if source is None and not _left_out(failed, loc, "source"):
            yield problem_at(doc, loc, "no source: give the claim a 'source' or set the file's 'source'")
        elif claim.source is not None:
            yield from _ref(doc, loc + ("source",), "source", claim.source, sources)
        if claim.as_of is None and model.as_of is None and not _left_out(failed, loc, "as_of"):
            yield problem_at(doc, loc, "no as-of date: give the claim an 'as_of' or set the file's 'as_of'")
    yield from _ref(doc, ("source",), "source", model.source, sources)
    for index, offer in enumerate(model.offers):
        if offer.source is None and model.source is None and not _left_out(failed, ("offers", index), "source"):
            yield problem_at(doc, ("offers", index), "no source: give the offer a 'source' or set the file's 'source'")
        if offer.as_of is None and model.as_of is None and not _left_out(failed, ("offers", index), "as_of"):
            yield problem_at(doc, ("offers", index), "no as-of date: give the offer an 'as_of' or set the file's 'as_of'")
    if model.prompt is not None:
        yield from _ref(doc, ("prompt", "source"), "source", model.prompt.source, sources)
        if model.prompt.source is None and model.source is None and not _left_out(failed, ("prompt",), "source"):
            yield problem_at(doc, ("prompt",), "no source: give the prompt a 'source' or set the file's 'source'")
        if model.prompt.as_of is None and model.as_of is None and not _left_out(failed, ("prompt",), "as_of"):
            yield problem_at(doc, ("prompt",), "no as-of date: give the prompt an 'as_of' or set the file's 'as_of'")


def _lifecycle_dates(doc: Document, where: Loc, value: s.Lifecycle) -> Iterator[Problem]:
    if value.since and value.shutdown and value.since > value.shutdown:
        yield problem_at(doc, where + ("since",), "'since' is after 'shutdown'")
    if value.status == "retired" and value.shutdown and value.shutdown > dt.date.today():
        yield problem_at(doc, where + ("shutdown",),
                       "a retirement in the future is a scheduled shutdown: use status 'deprecated'")


def _lineage(dataset: Dataset, doc: Document, model: s.ModelFile) -> Iterator[Problem]:
    """predecessor/variant_of: not the model itself, no cycles, variants of the same vendor."""
    for field in ("predecessor", "variant_of"):
        seen, current = {model.id}, getattr(model, field)
        while current is not None and current in dataset.models:
            if current in seen:
                if current == model.id:  # a cycle elsewhere is reported on its own members
                    direct = getattr(model, field) == model.id
                    message = "a model cannot refer to itself" if direct else \
                        f"'{field}' links form a cycle through '{getattr(model, field)}'"
                    yield problem_at(doc, (field,), message)
                break
            seen.add(current)
            current = getattr(dataset.models[current][1], field)
    parent = dataset.models.get(model.variant_of or "")
    vendors = _ids(dataset, "vendors.yaml", "vendors") or {}
    if parent is not None and parent[1].vendor != model.vendor and {parent[1].vendor, model.vendor} <= vendors.keys():
        yield problem_at(doc, ("variant_of",), f"a variant must share its vendor; '{model.variant_of}' is by '{parent[1].vendor}'")


def _raw_offers(doc: Document) -> Iterator[tuple[int, dict]]:
    """Each offer as written, with its index: an offer with an invalid price is left out of
    the validated model, and its platform and source must still be checked in the same round."""
    offers = doc.data.get("offers") if isinstance(doc.data, dict) else None
    for index, raw in enumerate(offers if isinstance(offers, list) else []):
        if isinstance(raw, dict):
            yield index, {k: v for k, v in raw.items() if k in ("platform", "source") and isinstance(v, str)}


def _model_refs(dataset: Dataset, doc: Document, model: s.ModelFile, failed: frozenset[str]) -> Iterator[Problem]:
    """References of one model; ``failed`` names fields that already have schema errors."""
    platforms = _ids(dataset, "platforms.yaml", "platforms")
    criteria = _ids(dataset, "criteria.yaml", "criteria")
    models = dataset.model_ids
    if model.id is not None and model.id in RESERVED_IDS:
        yield problem_at(doc, ("id",), f"'{model.id}' is reserved for a generated page; choose another id")
    if model.id is not None and model.id != doc.path.stem:
        yield problem_at(doc, ("id",), f"id '{model.id}' differs from the file name '{doc.path.stem}.yaml'")
    yield from _lineage(dataset, doc, model)
    yield from _ref(doc, ("vendor",), "vendor", model.vendor, _ids(dataset, "vendors.yaml", "vendors"))
    yield from _ref(doc, ("predecessor",), "model", model.predecessor, models)
    yield from _ref(doc, ("variant_of",), "model", model.variant_of, models)
    for key in model.platform_ids:
        yield from _ref(doc, ("platform_ids", key), "platform", key, platforms, at_key=True)
    for key, fact in model.lifecycle.items():
        yield from _ref(doc, ("lifecycle", key), "platform", key, platforms, at_key=True)
        for loc, claim in claims_in(fact, ("lifecycle", key)):
            if isinstance(claim.value, s.Lifecycle):
                where = loc if fact.form == "bare" else loc + ("value",)
                yield from _ref(doc, where + ("replacement",), "model", claim.value.replacement, models)
                if claim.value.replacement is not None and claim.value.replacement == model.id:
                    yield problem_at(doc, where + ("replacement",), "a model cannot replace itself")
                yield from _lifecycle_dates(doc, where, claim.value)
    for key, fact in model.ratings.items():
        yield from _ref(doc, ("ratings", key), "criterion", key, criteria, at_key=True)
        crit = (criteria or {}).get(key)
        if crit is not None and crit.kind != "rating":
            yield problem_at(doc, ("ratings", key), f"criterion '{key}' is " + (
                "computed from specs" if crit.kind == "spec" else "a score criterion; record it under 'scores'")
                + "; it takes no rating", True)
        elif crit is not None:
            for loc, claim in claims_in(fact, ("ratings", key)):
                if claim.value not in crit.scale:
                    where = loc if fact.form == "bare" else loc + ("value",)
                    yield problem_at(doc, where, f"'{claim.value}' is not on the scale of '{key}'; valid: "
                                   + ", ".join(crit.scale))
    yield from _scores(doc, model, criteria)
    for key in model.verdicts:
        yield from _ref(doc, ("verdicts", key), "use case", key, _ids(dataset, "use_cases.yaml", "use_cases"), True)
    sources = _ids(dataset, "sources.yaml", "sources")
    for index, raw in _raw_offers(doc):
        yield from _ref(doc, ("offers", index, "platform"), "platform", raw.get("platform"), platforms)
        yield from _ref(doc, ("offers", index, "source"), "source", raw.get("source"), sources)
    yield from _model_claims(doc, model, sources, failed)


def _scores(doc: Document, model: s.ModelFile, criteria: dict | None) -> Iterator[Problem]:
    """Scores go under score criteria; a snapshot cannot postdate the day it was read."""
    for key, fact in model.scores.items():
        yield from _ref(doc, ("scores", key), "criterion", key, criteria, at_key=True)
        crit = (criteria or {}).get(key)
        if crit is not None and crit.kind != "score":
            yield problem_at(doc, ("scores", key), f"criterion '{key}' is a {crit.kind} criterion; "
                             "only score criteria take scores", True)
        for loc, claim in claims_in(fact, ("scores", key)):
            read, where = claim.as_of or model.as_of, loc + (() if fact.form == "bare" else ("value",))
            if not isinstance(claim.value, s.Score):
                continue
            if read is not None and claim.value.snapshot_date > read:
                yield problem_at(doc, where + ("snapshot",), f"snapshot {claim.value.snapshot} is after the day the "
                                 f"score was read ({read.isoformat()})")
            if crit is not None and crit.kind == "score" and _misspelt(claim.value.leaderboard, crit.leaderboard):
                yield problem_at(doc, where + ("leaderboard",), f"'{claim.value.leaderboard}' is not the criterion's "
                                 f"leaderboard '{crit.leaderboard}' (a score on another board is never ranked); "
                                 f"did you mean '{crit.leaderboard}'?")


def _misspelt(name: str, board: str) -> bool:
    """``name`` differs from ``board`` but only by case, spacing or a letter or two."""
    a, b = " ".join(name.casefold().split()), " ".join(board.casefold().split())
    return name != board and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9)


def _vocabulary_refs(dataset: Dataset) -> Iterator[Problem]:
    criteria = _ids(dataset, "criteria.yaml", "criteria")
    vendors = _ids(dataset, "vendors.yaml", "vendors")
    if (parsed := dataset.vocabularies.get("platforms.yaml")) is not None:
        doc = dataset.documents["platforms.yaml"]
        for index, platform in enumerate(parsed.platforms):
            yield from _ref(doc, ("platforms", index, "first_party_for"), "vendor", platform.first_party_for, vendors)
    if (parsed := dataset.vocabularies.get("use_cases.yaml")) is not None:
        doc = dataset.documents["use_cases.yaml"]
        for index, use_case in enumerate(parsed.use_cases):
            if use_case.id in RESERVED_IDS:
                yield problem_at(doc, ("use_cases", index, "id"), f"'{use_case.id}' is reserved for a generated page; choose another id")
            for key in use_case.criteria:
                yield from _ref(doc, ("use_cases", index, "criteria", key), "criterion", key, criteria, True)
    if (parsed := dataset.vocabularies.get("criteria.yaml")) is not None:
        doc = dataset.documents["criteria.yaml"]
        for index, crit in enumerate(parsed.criteria):
            valid = SPEC_ENUMS.get(crit.field or "")
            if crit.order and valid is None:
                yield problem_at(doc, ("criteria", index, "order"), f"spec field '{crit.field}' is numeric; use 'better'")
                continue
            for pos, rank in enumerate(crit.order or []):
                for sub, label in enumerate([rank] if isinstance(rank, str) else rank):
                    where = ("criteria", index, "order", pos) + (() if isinstance(rank, str) else (sub,))
                    if label not in valid:
                        yield problem_at(doc, where, f"'{label}' is not a value of '{crit.field}'; valid: {', '.join(valid)}")
    yield from _pair_refs(dataset)


def _pair_refs(dataset: Dataset) -> Iterator[Problem]:
    if (parsed := dataset.vocabularies.get("comparisons.yaml")) is not None:
        doc = dataset.documents["comparisons.yaml"]
        for index, pair in enumerate(parsed.pairs):
            for pos, model_id in enumerate(pair):
                yield from _ref(doc, ("pairs", index, pos), "model", model_id, dataset.model_ids)
            if pair[0] == pair[1]:
                yield problem_at(doc, ("pairs", index), "a model cannot be compared with itself")
            earlier = [i for i, p in enumerate(parsed.pairs[:index]) if set(p) == set(pair)]
            if earlier:
                line = doc.locate(("pairs", earlier[0]))[0]
                yield problem_at(doc, ("pairs", index), f"the same pair is already listed (line {line})")


def check_references(dataset: Dataset) -> Iterator[Problem]:
    """Every cross-file problem of the files :mod:`generator.facts` owns in ``dataset``."""
    yield from check_guide(dataset)
    yield from _unique_ids(dataset)
    yield from _vocabulary_refs(dataset)
    for doc, model in dataset.models.values():
        yield from _model_refs(dataset, doc, model, frozenset())
        yield from check_price_history(doc, model)
    for doc, model, failed in dataset.partial.values():
        yield from _model_refs(dataset, doc, model, failed)
        yield from check_price_history(doc, model)
