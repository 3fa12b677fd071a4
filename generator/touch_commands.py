"""``sources accept --touch-facts``: ask the editor about each fact citing the accepted
sources and move the confirmed ones' ``as_of`` to today (:mod:`generator.facts.touch`).

Asked about: every claim, prompt guide and guide pin, and every price entry that is current
or scheduled today. Not asked about, and listed: a fact that takes its file's ``as_of``
(shared with the rest of the file), and a superseded price entry (history: the day it was
last seen is what its ``as_of`` records, and moving it would reorder an undated history).
A current entry without ``effective_from`` is asked with a warning: its ``as_of`` is also
the day it is known to have been in effect by.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Callable, Sequence

from .answers.prices import entry_statuses
from .facts.catalog import build_catalog
from .facts.citations import Citation, citations
from .facts.dataset import Dataset
from .facts.touch import own_as_of, touched_text
from .pipeline import edit_data

Confirm = Callable[[Citation], bool | None]
"""Asks the editor about one fact: True (re-checked: move its as_of), False (leave it), None (stop asking)."""
UNDATED = "; no effective_from, so this is also the day it is known in effect by"


def _entry_status(dataset: Dataset, today: dt.date) -> dict[tuple[Path, int], tuple[str, bool]]:
    """(model file, offers index) → (the entry's status today, whether it has an effective_from)."""
    out = {}
    for model_id, model in build_catalog(dataset).models.items():
        path = dataset.models[model_id][0].path
        for index, (offer, status) in enumerate(zip(model.offers, entry_statuses(model, today))):
            out[path, index] = (status, offer.effective_from is not None)
    return out


def _left(citation: Citation, why: str) -> str:
    p = citation.problem
    return f"{p.path}:{p.line}:{p.col}: {p.field}: {why}; left as it is"


def _sorted_out(facts: list[Citation], dataset: Dataset, today: dt.date) -> tuple[list[Citation], list[str]]:
    """The facts to ask about (warned where needed) and the lines for those left alone."""
    entries = _entry_status(dataset, today)
    ask, lines = [], []
    for c in facts:
        entry = (c.doc.path, c.loc[1]) if c.loc[0] == "offers" else None
        status, dated = entries.get(entry, ("", True))  # not a price entry: neither superseded nor undated
        if own_as_of(c) is None:
            lines.append(_left(c, "takes its file's as_of (give it one of its own, or change the file's)"))
        elif status == "superseded":
            lines.append(_left(c, "a superseded price entry (history)"))
        else:
            ask.append(c if dated else dataclasses.replace(
                c, problem=dataclasses.replace(c.problem, message=c.problem.message + UNDATED)))
    return ask, lines


def touch_facts(data_dir: Path, dataset: Dataset, ids: Sequence[str], confirm: Confirm,
                today: dt.date) -> tuple[list[str], bool]:
    """Ask about each fact citing ``ids`` checked before ``today`` (see the module's
    docstring); move the confirmed ones' ``as_of`` to ``today``, checked on a copy of the data
    first. Returns the report's lines and whether every fact was asked about (False when the
    editor stopped: the confirmed ones are still moved, as ``git add -p`` keeps what was
    chosen before ``q``, and a second run does not ask about them again).
    Raises DataError, WriteError."""
    cited = citations(dataset)
    facts = [c for sid in ids for c in cited.get(sid, ()) if c.checked != today]
    ask, lines = _sorted_out(facts, dataset, today)
    chosen: dict[Path, list[Citation]] = {}
    finished = True
    for citation in ask:
        answer = confirm(citation)
        if answer is None:
            lines.append("stopped: the facts not asked about are left as they are")
            finished = False
            break
        if answer:
            chosen.setdefault(citation.doc.path, []).append(citation)
    texts = {path: touched_text(found[0].doc.text, found, today) for path, found in chosen.items()}
    if texts:
        edit_data(data_dir, texts)
    moved = sum(len(found) for found in chosen.values())
    return [f"moved as_of to {today.isoformat()} for {moved} fact(s) you confirmed", *lines], finished
