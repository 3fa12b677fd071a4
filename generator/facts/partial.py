"""A model file with schema errors, rebuilt from what is valid in it, so that the checks
across files still run on the rest: one bad ``effective_from`` must not hide a future
``as_of`` in the next offer until it is fixed.

Each field is validated on its own; a field that fails is validated again with the mapping
keys that hold its errors left out (an offer without its bad date, a spec without its bad
claim), up to :data:`MAX_REPAIRS` times. A field that still fails, or whose error is not
under a mapping key (a list item that is wrong as a whole, a missing required key), takes
its default and is named in ``failed``.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import TypeAdapter, ValidationError

from . import schema as s
from .load import Document, Loc, field_path
from .locate import raw_loc

MAX_REPAIRS = 20
"""How many rounds of leaving out invalid keys one field gets before it is dropped whole."""


def _drop(value: Any, path: Loc) -> Loc | None:
    """Delete, in place, the deepest mapping key on ``path`` inside ``value`` and return the
    path to it; None when no mapping key on the path exists (nothing was deleted)."""
    node, deepest, at = value, None, None
    for depth, seg in enumerate(path):
        if isinstance(node, dict) and seg in node:
            deepest, at = depth, node
            node = node[seg]
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            node = node[seg]
        else:
            break
    if at is None:
        return None
    del at[path[deepest]]
    return path[: deepest + 1]


def _repaired(doc: Document, name: str, adapter: TypeAdapter, left_out: set[str]) -> Any:
    """Field ``name`` of ``doc`` validated with its invalid keys left out (their paths are
    added to ``left_out``); raises ValidationError when that does not make it valid."""
    value = copy.deepcopy(doc.data[name])
    for _ in range(MAX_REPAIRS):
        try:
            return adapter.validate_python(value)
        except ValidationError as exc:
            paths = [raw_loc(doc, (name, *err["loc"]))[0][1:] for err in exc.errors(include_url=False)]
            dropped = [_drop(value, path) for path in paths]
            if not all(dropped):
                raise
            left_out.update(field_path((name, *path)) for path in dropped)
    return adapter.validate_python(value)


def partial_model(doc: Document) -> tuple[s.ModelFile, frozenset[str]]:
    """A ModelFile from what validates in ``doc`` (a mapping), and what did not: the names
    of fields that took their default, and the field paths (``offers[1].effective_from``)
    of keys left out."""
    values: dict[str, Any] = {}
    failed: set[str] = set()
    for name, info in s.ModelFile.model_fields.items():
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        if name not in doc.data:
            values[name] = default
            continue
        adapter = TypeAdapter(info.rebuild_annotation())
        try:
            values[name] = adapter.validate_python(doc.data[name])
        except ValidationError:
            left_out: set[str] = set()
            try:
                values[name] = _repaired(doc, name, adapter, left_out)
                failed |= left_out
            except ValidationError:
                values[name] = default
                failed.add(name)
    return s.ModelFile.model_construct(**values), frozenset(failed)
