"""What changed between two versions of the data, and what that changed downstream.

:func:`compare` takes the as-of view (and decision guide) of an earlier revision and of the
working tree on the same date and lists, as :class:`Change` rows of display text:

* data changes: models added or removed, prices (the entry current on ``today``), lifecycle
  per platform and specs (the shown value);
* downstream: head-to-head winners, use-case picks, decision-guide outcomes and the
  calculator's worked examples.

The same report is printed by ``videoguide diff``, recorded in ``data/changes.yaml`` and
published on the "What changed" page and in the Atom feed. Pure functions; no I/O.

It lives with the pages because it compares what readers see: two versions differ where
their pages say something different (``$0.40`` and ``$0.4`` are the same price).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from ..answers.asof import AsOf, ModelState
from ..answers.criteria import head_to_head
from ..answers.recommend import recommend
from ..answers.verdicts import use_case_results
from ..facts import schema as s
from ..facts.catalog import Catalog, ModelRecord
from ..facts.changelog import DATA_KINDS, DOWNSTREAM_KINDS
from . import format as fmt
from .calculator import EXAMPLE_COLUMNS, column_text, worked_examples
from .prices import price_text, what_text, when_text

GUIDE_PATHS_LISTED = 10
NONE = "—"


@dataclass(frozen=True)
class Change:
    """One difference: ``kind`` (see DATA_KINDS, DOWNSTREAM_KINDS), what it concerns, and
    the displayed value before and after (``—``: absent)."""

    kind: str
    subject: str
    before: str
    after: str


@dataclass(frozen=True)
class Version:
    """One side of a comparison: its as-of view and decision guide (None: the data has none)."""

    view: AsOf
    guide: s.DecisionGuideFile | None


def _diff(kind: str, old: dict[str, str], new: dict[str, str]) -> Iterator[Change]:
    for key in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(key, NONE), new.get(key, NONE)
        if before != after:
            yield Change(kind, key, before, after)


def _prices(state: ModelState | None) -> dict[str, str]:
    if state is None:
        return {}
    return {f"{state.model.name} · {what_text(o)}": price_text(o) + _dates(o) for o in state.current}


def _dates(o) -> str:  # noqa: ANN001 - an OfferRecord
    """`` (from 2026-03-31)``: the effective dates an editor wrote, so corrections show."""
    parts = [f"from {o.effective_from}" if o.effective_from else "", f"until {o.effective_until}" if o.effective_until else ""]
    return f" ({', '.join(p for p in parts if p)})" if any(parts) else ""


def _entries(state: ModelState | None) -> dict[str, tuple[str, str]]:
    """Every history entry: ``model · what, when`` → (price, status)."""
    if state is None:
        return {}
    return {f"{state.model.name} · {what_text(e.offer)}, {when_text(e.offer)}": (price_text(e.offer), e.status)
            for entries in state.prices for e in entries}


def _history(a: ModelState | None, b: ModelState | None) -> Iterator[Change]:
    """Entries that are not current on either side: scheduled prices, back-filled or corrected history."""
    old, new = _entries(a), _entries(b)
    for key in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(key, (NONE, "")), new.get(key, (NONE, ""))
        if before[0] != after[0] and "current" not in (before[1], after[1]):
            status = after[1] or before[1]
            yield Change("price", f"{key} ({status})", before[0], after[0])


def _lifecycle(m: ModelRecord | None, catalog: Catalog) -> dict[str, str]:
    if m is None:
        return {}
    return {f"{m.name} on {catalog.platforms[pid].name}": fmt.value("lifecycle", fact.value)
            for pid, fact in m.lifecycle.items()}


def _specs(m: ModelRecord | None) -> dict[str, str]:
    if m is None:
        return {}
    return {f"{m.name}, {fmt.SPEC_LABELS.get(name, name)}": fmt.value(name, fact.value) for name, fact in m.specs.items()}


def _ratings(m: ModelRecord | None, catalog: Catalog) -> dict[str, str]:
    """A model's ratings and arena scores by criterion (``Kling 3.0, Arena score, text to video``)."""
    if m is None:
        return {}
    return {f"{m.name}, {catalog.criteria[cid].name}": fmt.value(kind, fact.value)
            for kind, facts in (("rating", m.ratings), ("score", m.scores)) for cid, fact in facts.items()}


def data_changes(old: AsOf, new: AsOf) -> list[Change]:
    """Models added or removed, then price, lifecycle, spec and rating (or score) changes, model by model."""
    names = {**{k: m.name for k, m in old.catalog.models.items()}, **{k: m.name for k, m in new.catalog.models.items()}}
    out = list(_diff("model", {names[k]: "listed" for k in old.models}, {names[k]: "listed" for k in new.models}))
    for key in names:
        a, b = old.models.get(key), new.models.get(key)
        out += _diff("price", _prices(a), _prices(b))
        out += _history(a, b)
        out += _diff("lifecycle", _lifecycle(old.catalog.models.get(key), old.catalog),
                     _lifecycle(new.catalog.models.get(key), new.catalog))
        out += _diff("spec", _specs(old.catalog.models.get(key)), _specs(new.catalog.models.get(key)))
        out += _diff("rating", _ratings(old.catalog.models.get(key), old.catalog),
                     _ratings(new.catalog.models.get(key), new.catalog))
    return out


def _winners(view: AsOf) -> dict[str, str]:
    out = {}
    for a_id, b_id in view.catalog.comparisons:
        h2h = head_to_head(view, a_id, b_id)
        for row in h2h.rows:
            if row.a is None and row.b is None:
                continue  # neither side documents it: not a row of the page
            side = {"a": h2h.a.name, "b": h2h.b.name, "tie": "tie", None: "not comparable"}[row.winner]
            out[f"{h2h.a.name} vs {h2h.b.name}, {row.criterion.name}"] = side
    return out


def _use_cases(view: AsOf) -> dict[str, str]:
    out = {}
    for r in use_case_results(view):
        out[f"{r.use_case.name}, recommended"] = r.recommended.model.name if r.recommended else "none"
        out[f"{r.use_case.name}, runner-up"] = r.runner_up.model.name if r.runner_up else "none"
        out[f"{r.use_case.name}, ranking"] = ", ".join(c.model.name for c in r.ranked) or "none"
    return out


def guide_paths(guide: s.DecisionGuideFile) -> Iterator[dict[str, str]]:
    """Every complete path through the guide as answers (question id → answer id), in order."""
    questions = {q.id: q for q in guide.questions}

    def walk(qid: str, answers: dict[str, str]) -> Iterator[dict[str, str]]:
        for answer in questions[qid].answers:
            chosen = {**answers, qid: answer.id}
            yield from walk(answer.next, chosen) if answer.next else (chosen,)

    yield from walk(guide.start, {})


def _guide(version: Version) -> dict[str, str]:
    if version.guide is None:
        return {}
    labels = {(q.id, a.id): a.label for q in version.guide.questions for a in q.answers}
    out = {}
    for answers in guide_paths(version.guide):
        rec = recommend(version.view, version.guide, answers)
        path = " → ".join(labels[qa] for qa in answers.items())
        names = [m.model.name for m in rec.ranked[:2]]
        out[path] = (names[0] + (f" (runner-up {names[1]})" if len(names) > 1 else "")) if names else "no model fits"
    return out


def _examples(view: AsOf) -> dict[str, str]:
    out = {}
    for table in worked_examples(view):
        for link, cells in table.rows:
            for column, cell in zip(EXAMPLE_COLUMNS, cells):
                label = f"{table.seconds}-second video at 1080p, {column_text(*column)}, {link.text}"
                out[label] = cell.text
    return out


def downstream_changes(old: Version, new: Version) -> list[Change]:
    """Winners, use-case picks, guide outcomes (all listed, see :func:`summarise`) and examples."""
    out = list(_diff("winner", _winners(old.view), _winners(new.view)))
    out += _diff("use_case", _use_cases(old.view), _use_cases(new.view))
    out += _diff("guide", _guide(old), _guide(new))
    out += _diff("example", _examples(old.view), _examples(new.view))
    return out


def compare(old: Version, new: Version) -> list[Change]:
    """Every data change, then every downstream change (see the module docstring); both
    views should be on the same date."""
    return data_changes(old.view, new.view) + downstream_changes(old, new)


KIND_LABELS = {"model": "Model", "price": "Price", "lifecycle": "Lifecycle", "spec": "Spec", "rating": "Rating or score",
               "winner": "Head-to-head winner", "use_case": "Use-case pick", "guide": "Decision guide",
               "example": "Worked example"}


def summarise(changes: list[Change]) -> list[Change]:
    """The changes to record and show: at most GUIDE_PATHS_LISTED guide paths, then a count."""
    guide = [c for c in changes if c.kind == "guide"]
    if len(guide) <= GUIDE_PATHS_LISTED:
        return changes
    rest = Change("guide", f"and {len(guide) - GUIDE_PATHS_LISTED} more paths", "", "")
    kept = [c for c in changes if c.kind != "guide" or c in guide[:GUIDE_PATHS_LISTED]]
    at = kept.index(guide[GUIDE_PATHS_LISTED - 1]) + 1
    return kept[:at] + [rest] + kept[at:]


def line(change: Change) -> str:
    """``subject: before → after``; a bare subject for a summary row."""
    if not change.before and not change.after:
        return change.subject
    return f"{change.subject}: {change.before} → {change.after}"


def report_text(changes: list[Change], base: str, today: dt.date) -> str:
    """``videoguide diff``: every data change, then everything it changed downstream."""
    lines = [f"Data at {base} compared with the working tree, as of {today.isoformat()}."]
    for title, kinds in (("Data changes", DATA_KINDS), ("What that changed downstream", DOWNSTREAM_KINDS)):
        part = [c for c in changes if c.kind in kinds]
        lines.append(f"\n{title} ({len([c for c in changes if c.kind in kinds])}):" if part else f"\n{title}: none")
        lines += [f"  {KIND_LABELS[c.kind]}: {line(c)}" for c in part]
    return "\n".join(lines)
