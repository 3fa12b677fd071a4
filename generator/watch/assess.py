"""What a fetch means for a source's facts: a verdict, the source's new state record, and
what changed (pure functions: no network, no files).

Verdicts, in the order the report lists them:

* ``gone``: the address answers 404 or 410;
* ``unreachable``: no usable answer (an error, a refusal, another 4xx or a 5xx);
* ``moved``: a permanent redirect (301, 308) points to a new address, to be written to
  ``sources.yaml``; the text there is compared too (``changed`` says whether it differs);
* ``changed``: the text differs from the snapshot the facts were last checked against;
* ``new``: no snapshot was accepted yet (``sources accept`` records one);
* ``unchanged``: the text is the accepted snapshot's.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from ..facts.schema import Source
from ..facts.source_state import MAX_ERROR, STANDINGS, SourceState, standing
from .fetch import Fetched
from .text import reduce, text_hash

VERDICTS = STANDINGS[:-1]
EXCERPT_LINES = 8
EXCERPT_WIDTH = 160


@dataclass(frozen=True)
class Finding:
    """One source's result. ``text``: the reduced text fetched now (None after a 304 or a
    failure); ``changed``: the text differs from the accepted snapshot; ``detail``: the error,
    or the new address of a moved source."""

    source: Source
    verdict: str
    state: SourceState
    changed: bool = False
    detail: str | None = None
    text: str | None = None

    @property
    def needs_editor(self) -> bool:
        return self.verdict != "unchanged"


def _failed(source: Source, before: SourceState | None, got: Fetched, today: dt.date) -> Finding:
    error = f"HTTP {got.status}" if got.error is None else got.error
    if len(error) > MAX_ERROR:
        error = error[: MAX_ERROR - 1] + "…"
    kept = before.model_dump() if before is not None and before.url == source.url else {}
    state = SourceState.model_validate({**kept, "id": source.id, "url": source.url, "checked": today,
                                        "http_status": got.status, "error": error, "final_url": _final(got),
                                        "moved_to": recordable(got.moved_to)})
    return Finding(source, standing(state), state, detail=error)


def recordable(url: str | None) -> str | None:
    """``url`` as it may be recorded and shown: http(s), without a user name or password
    (a redirect may carry them; they are never written); None for any other address."""
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or not re.fullmatch(r"\S+", url):
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return urlunsplit(parts._replace(netloc=host + (f":{port}" if port else "")))


def _final(got: Fetched) -> str | None:
    return recordable(got.final_url) if got.final_url != got.url else None


def assess(source: Source, before: SourceState | None, got: Fetched, today: dt.date) -> Finding:
    """The finding for ``source`` (which has a URL) after ``got``; ``before`` is its last state."""
    same_address = before is not None and before.url == source.url
    if got.status == 304 and same_address and before.content_hash:
        digest, text, etag, modified = before.content_hash, None, got.etag or before.etag, \
            got.last_modified or before.last_modified
    elif got.status == 200 and got.body is not None:
        text = reduce(got.body, got.content_type, got.final_url)
        digest, etag, modified = text_hash(text), got.etag, got.last_modified
    else:
        return _failed(source, before, got, today)
    seen = same_address and before.content_hash is not None
    # the first text seen at an address is no change: the day stays unknown until one happens
    last_changed = (before.changed if before.content_hash == digest else today) if seen else None
    moved = recordable(got.moved_to)
    state = SourceState(id=source.id, url=source.url, final_url=_final(got), moved_to=moved,
                        http_status=got.status, checked=today, content_hash=digest, etag=etag, last_modified=modified,
                        changed=last_changed, accepted=before.accepted if before else None,
                        accepted_hash=before.accepted_hash if before else None)
    changed = state.accepted_hash is not None and state.accepted_hash != digest
    return Finding(source, standing(state), state, changed, moved, text)


def accepted(state: SourceState, today: dt.date) -> SourceState:
    """``state`` with its last fetched text accepted as the snapshot the facts match.
    Raises ValueError when no text was fetched yet."""
    if state.content_hash is None:
        raise ValueError(f"{state.id}: no page was fetched yet; run `videoguide sources check` first")
    return state.model_copy(update={"accepted": today, "accepted_hash": state.content_hash})


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (a page's terminal escapes, bells): shown as U+FFFD, never sent to a terminal."""


def excerpt(before: str | None, after: str | None) -> list[str]:
    """Up to :data:`EXCERPT_LINES` changed lines, ``- old`` / ``+ new``, each cut to
    :data:`EXCERPT_WIDTH` characters (control characters shown as U+FFFD), then ``… N more
    changed lines``. Empty when either
    text is unknown."""
    if before is None or after is None:
        return []
    lines = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
             if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    shown = [_CONTROL.sub("\ufffd", f"{line[0]} {line[1:].strip()}"[:EXCERPT_WIDTH]) for line in lines[:EXCERPT_LINES]]
    if len(lines) > EXCERPT_LINES:
        shown.append(f"… {len(lines) - EXCERPT_LINES} more changed lines")
    return shown
