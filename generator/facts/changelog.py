"""The record of data changes: ``data/changes.yaml``, written by ``videoguide diff --record``.

Each entry keeps the date, the revision compared against, an optional editor's summary and
the changes as text (kind, subject, the displayed value before and after). The "What changed" page and the Atom
feed are rendered from it, so the site shows the same report the terminal printed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Iterable, Literal, Protocol

from pydantic import AfterValidator, Field, ValidationError, field_validator

from .dump import listed_yaml
from .errors import UsageError
from .fields import Date, Strict, Text

CHANGELOG_FILE = "changes.yaml"
HEADER = """\
# What changed in the data, newest last. Written by `videoguide diff --record`; each entry
# lists the data changes and what they changed downstream. Edit `summary` if you like.
changes:
"""

DATA_KINDS = ("model", "price", "lifecycle", "spec", "rating")
DOWNSTREAM_KINDS = ("winner", "use_case", "guide", "example")
ChangeKind = Literal["model", "price", "lifecycle", "spec", "rating", "winner", "use_case", "guide", "example"]


class RecordedChange(Strict):
    kind: ChangeKind
    subject: Text
    before: str = ""
    after: str = ""


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("write the summary on one line")
    return value


class ChangelogEntry(Strict):
    date: Date
    base: Text
    summary: Annotated[Text, AfterValidator(_one_line)] | None = None
    items: list[RecordedChange] = Field(min_length=1)


class ChangesFile(Strict):
    changes: list[ChangelogEntry] = Field(default_factory=list)

    @field_validator("changes", mode="before")
    @classmethod
    def _empty(cls, value: object) -> object:
        return [] if value is None else value  # "changes:" with no entries yet


class ChangeRow(Protocol):
    """One change of a report, as text (see :class:`RecordedChange`)."""

    kind: str
    subject: str
    before: str
    after: str


def new_entry(changes: Iterable[ChangeRow], base: str, today: dt.date, summary: str | None = None) -> ChangelogEntry:
    """The entry for a report; raises UsageError for a blank summary (nothing is written then)."""
    try:
        return ChangelogEntry.model_validate({
            "date": today, "base": base, "summary": summary,
            "items": [{"kind": c.kind, "subject": c.subject, "before": c.before, "after": c.after} for c in changes]})
    except ValidationError as exc:
        raise UsageError("cannot record this report: " + "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())) from None


def changelog_yaml(entries: list[ChangelogEntry]) -> str:
    """The whole file: the header, then every entry (the tool owns the layout; summaries may
    be edited by hand and survive). Raises ValueError if the text would not read back the same."""
    return listed_yaml(HEADER, entries, lambda data: ChangesFile.model_validate(data).changes)
