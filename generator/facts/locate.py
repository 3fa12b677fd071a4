"""Where a problem is: pydantic error locations mapped onto a document, and hints for typos.

Every check in :mod:`generator.facts` and the clips' checks build their problems here, so
each reads ``path:line:col: field.path: message``.
"""

from __future__ import annotations

import difflib
from typing import Any

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
