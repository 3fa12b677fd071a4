"""Moving the ``as_of`` of facts an editor has re-checked to a new day, in the files' text.

Only a fact with an ``as_of`` of its own is moved: one that takes its file's ``as_of`` shares
it with every other fact of the file, so it is left for the editor (:func:`own_as_of` says
which). Every other byte of the file stays as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from .citations import Citation


def own_as_of(citation: Citation) -> tuple[int, int] | None:
    """The 1-based (line, column) of the fact's own ``as_of`` value, or None when it has none."""
    return citation.doc.marks.get((*citation.loc, "as_of"))


def touched_text(text: str, citations: Iterable[Citation], today: dt.date) -> str:
    """``text`` (the file all ``citations`` are in) with each one's own ``as_of`` set to
    ``today``. Raises ValueError for a citation without its own ``as_of``, or whose ``as_of``
    in the text is not the day it was checked (the file changed since it was read)."""
    lines = text.splitlines(keepends=True)
    places = []
    for citation in citations:
        place = own_as_of(citation)
        if place is None:
            raise ValueError(f"{citation.problem.path}:{citation.problem.line}: no as_of of its own")
        places.append((place, citation))
    for (line, col), citation in sorted(places, key=lambda p: p[0], reverse=True):
        old = citation.checked.isoformat()
        row, start = lines[line - 1], col - 1
        quote = row[start] if start < len(row) and row[start] in "\"'" else ""
        begin = start + len(quote)
        if row[begin:begin + len(old)] != old:
            raise ValueError(f"{citation.problem.path}:{line}:{col}: as_of is not {old} any more; run the command again")
        lines[line - 1] = row[:begin] + today.isoformat() + row[begin + len(old):]
    return "".join(lines)
