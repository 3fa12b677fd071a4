"""What ``videoguide sources check`` last saw at each source's address: ``data/source-state.yaml``.

One record per source with a URL. Two parts:

* the last fetch: the URL asked for, the final URL after redirects, the HTTP status (or the
  error when there was no answer), the day, the SHA-256 of the page reduced to text
  (64 hex digits), the ``ETag`` and ``Last-Modified`` validators for the next
  conditional request, and the day that hash last changed (none while the first text seen there stands);
* the snapshot the editors accepted (``sources accept``): the day they re-checked the facts
  that cite the source, and the hash of the text they checked them against.

A source is *changed since its facts were checked* when the last hash differs from the
accepted one. The tool owns the file's layout (:func:`state_yaml`); it is validated like
every other data file.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from .dump import listed_yaml
from .fields import Date, Sha256, Slug, Strict, Text, Url, matching
from .schema import Source

STATE_FILE = "source-state.yaml"
HEADER = """\
# What `videoguide sources check` last saw at each source's address, and the snapshot the
# editors accepted after re-checking the facts that cite it (`videoguide sources accept`).
# Written by those commands; the report of `sources check` says what to do.
sources:
"""
MAX_ERROR = 300
"""The longest error text kept, in characters."""


FetchedUrl = Annotated[str, Field(strict=True), matching(r"https?://\S+", "'{value}' is not an http(s) URL")]
"""An address a server sent (a redirect's target may hold brackets a source's URL may not)."""


class SourceState(Strict):
    """The last fetch of one source and the snapshot its facts were checked against."""

    id: Slug
    url: Url
    final_url: FetchedUrl | None = None
    """Where the last fetch ended after redirects, when not at ``url``."""
    moved_to: FetchedUrl | None = None
    """The address a permanent redirect (301, 308) pointed to."""
    http_status: int | None = Field(default=None, ge=100, le=599)
    error: Text | None = None
    """Why the last fetch got no usable answer (a timeout, a refused address …)."""
    checked: Date
    """The day of the last fetch."""
    content_hash: Sha256 | None = None
    """The reduced text of the last successful fetch."""
    etag: Text | None = None
    last_modified: Text | None = None
    changed: Date | None = None
    """The day ``content_hash`` last took a new value (None while it holds the first one seen)."""
    accepted: Date | None = None
    accepted_hash: Sha256 | None = None


def watched(source: Source) -> bool:
    """Whether ``sources check`` fetches ``source``: it has a URL and is not private."""
    return source.url is not None and not source.private


STANDINGS = ("gone", "unreachable", "moved", "changed", "new", "unchanged", "unchecked")
"""What a source's state says, most urgent first (see :func:`standing`)."""
WAITING = frozenset({"gone", "moved", "changed"})
"""The standings whose facts wait for a re-check: their page changed, moved or went away."""


def standing(record: SourceState | None) -> str:
    """One of :data:`STANDINGS`: ``gone`` (the last fetch got 404 or 410), ``unreachable``
    (no usable answer), ``moved`` (a permanent redirect), ``changed`` (the text differs from
    the accepted snapshot), ``new`` (none accepted yet), ``unchanged``, or ``unchecked``
    (never fetched: no record)."""
    if record is None:
        return "unchecked"
    if record.http_status in (404, 410):
        return "gone"
    if record.error is not None:
        return "unreachable"
    if record.moved_to is not None:
        return "moved"
    if record.accepted_hash is None:
        return "new"
    return "unchanged" if record.accepted_hash == record.content_hash else "changed"


def current_states(records: list[SourceState], sources: list[Source]) -> dict[str, SourceState]:
    """The records of ``sources``, by source id. A record whose source was renamed (its id is
    no source's, its URL is that of a source without a record) counts as the renamed one's;
    any other record of a source no longer listed is ignored (the next write drops it), so
    renaming or removing a source never makes the data invalid."""
    ids = {src.id for src in sources}
    out = {r.id: r for r in records if r.id in ids}
    by_url = {src.url: src.id for src in sources if src.url is not None and src.id not in out}
    for record in records:
        new_id = by_url.get(record.url) if record.id not in ids else None
        if new_id is not None and new_id not in out:
            out[new_id] = record.model_copy(update={"id": new_id})
    return out


class SourceStateFile(Strict):
    sources: list[SourceState] = Field(default_factory=list)

    @field_validator("sources", mode="before")
    @classmethod
    def _empty(cls, value: object) -> object:
        return [] if value is None else value


def state_yaml(records: list[SourceState]) -> str:
    """The whole file, records sorted by id. Raises ValueError if the text would not read
    back as the same records."""
    records = sorted(records, key=lambda r: r.id)
    return listed_yaml(HEADER, records, lambda data: SourceStateFile.model_validate(data).sources)
