"""Where a problem is: pydantic error locations mapped onto a document, and hints for typos.

Every check in :mod:`generator.facts` and the clips' checks build their problems here, so
each reads ``path:line:col: field.path: message``.
"""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Iterable, Union, get_args, get_origin

from pydantic import BaseModel

from .errors import Problem
from .fields import LOC_TAGS
from .load import Document, Loc, field_path


def raw_loc(doc: Document, loc: tuple) -> tuple[Loc, bool]:
    """Map a pydantic error loc onto the document: drop fact-form tags and ``[key]`` marks.

    Returns the loc and whether the error concerns a mapping key rather than its value.
    """
    out: list[str | int] = []
    node: Any = doc.data
    at_key = False
    for seg in loc:
        if seg == "[key]":
            at_key = True
            continue
        if isinstance(node, dict) and seg in node:
            node = node[seg]
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            node = node[seg]
        elif seg in LOC_TAGS:
            continue
        else:
            node = None
        out.append(seg)
    return tuple(out), at_key


def problem_at(doc: Document, loc: Loc, message: str, at_key: bool = False) -> Problem:
    """A problem at the node ``loc`` of ``doc`` (at its key when ``at_key``, or when only the key exists)."""
    line, col = doc.locate(loc, at_key=at_key or (loc not in doc.marks and loc in doc.key_marks))
    return Problem(doc.name, line, col, field_path(loc), message)


def near(value: str, choices: list[str]) -> str:
    """A hint naming the closest valid ids, or all of them when there are few."""
    close = difflib.get_close_matches(value, choices, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if len(choices) <= 12:
        return "valid: " + ", ".join(sorted(choices)) if choices else "none are defined"
    return f"{len(choices)} are defined"


DEFINED_IN = {"source": ("sources", "sources.yaml"), "vendor": ("vendors", "vendors.yaml"),
              "platform": ("platforms", "platforms.yaml"), "criterion": ("criteria", "criteria.yaml"),
              "use case": ("use cases", "use_cases.yaml")}
"""Where an editor adds a new id of each kind (a file of the data folder)."""


def unknown_id(kind: str, value: str, valid: Iterable[str]) -> str:
    """``unknown vendor 'x'; did you mean 'y'? (vendors are defined in vendors.yaml)``."""
    where = f" ({DEFINED_IN[kind][0]} are defined in {DEFINED_IN[kind][1]})" if kind in DEFINED_IN else ""
    return f"unknown {kind} '{value}'; {near(value, list(valid))}{where}"


def _members(tp: Any) -> list[Any]:
    """The types an annotation admits, with ``Annotated`` and unions opened."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _members(get_args(tp)[0])
    if origin in (Union, types.UnionType):
        return [member for arg in get_args(tp) for member in _members(arg)]
    return [tp]


def _step(tp: Any, seg: str | int) -> list[Any]:
    out: list[Any] = []
    for member in _members(tp):
        origin = get_origin(member) or member
        if isinstance(member, type) and issubclass(member, BaseModel):
            if seg in member.model_fields:
                out.append(member.model_fields[seg].annotation)
            elif seg == member.__name__ or seg in LOC_TAGS:  # a union's tag, not in the YAML
                out.append(member)
        elif origin in (list, tuple) and isinstance(seg, int):
            out.append(get_args(member)[0] if get_args(member) else Any)
        elif origin is dict and isinstance(seg, str):
            out.append(get_args(member)[1] if get_args(member) else Any)
        elif seg in LOC_TAGS:
            out.append(member)
    return out


def field_names_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names valid beside the last segment of a pydantic error ``loc`` in ``model``
    (several models' names where a union leaves it open); empty when the loc leads nowhere."""
    found: list[Any] = [model]
    for seg in loc[:-1]:
        found = [t for tp in found for t in _step(tp, seg)]
    names = {name for tp in found for member in _members(tp)
             if isinstance(member, type) and issubclass(member, BaseModel) for name in member.model_fields}
    return sorted(names)
