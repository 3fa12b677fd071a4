"""``videoguide sources check``: fetch every watched source, compare, and say what needs an
editor. The network part runs on asyncio with one httpx client; the rest is
:mod:`.assess` (verdicts) and :mod:`.report` (text and Markdown)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..facts.errors import UsageError
from ..facts.schema import Source
from ..facts.source_state import SourceState, watched
from ..site.write import remove_files, replace_file
from .assess import Finding, assess
from .fetch import USER_AGENT, Fetcher, Politeness


_SNAPSHOT = re.compile(r"[0-9a-f]{64}\.txt")


def watched_sources(sources: Iterable[Source]) -> list[Source]:
    """The sources ``sources check`` fetches (:func:`~generator.facts.source_state.watched`)."""
    return [src for src in sources if watched(src)]


def _client(politeness: Politeness):  # noqa: ANN202 - httpx.AsyncClient
    try:
        import httpx
    except ImportError:
        raise UsageError("`videoguide sources` needs httpx, inscriptis, protego and beautifulsoup4: "
                         "pip install -e '.[sources]'") from None
    limits = httpx.Limits(max_connections=politeness.concurrency, max_keepalive_connections=politeness.concurrency)
    return httpx.AsyncClient(follow_redirects=False, limits=limits, headers={"User-Agent": USER_AGENT})


async def _check_all(sources: list[Source], states: dict[str, SourceState], politeness: Politeness,
                     today: dt.date, cached: "Snapshots") -> list[Finding]:
    async with _client(politeness) as client:
        fetcher = Fetcher(client, politeness)

        async def one(source: Source) -> Finding:
            before = states.get(source.id)
            usable = before is not None and before.url == source.url and cached.has(before.content_hash)
            got = await fetcher.fetch(source.url, before.etag if usable else None,
                                      before.last_modified if usable else None)
            return assess(source, before, got, today)

        return list(await asyncio.gather(*(one(src) for src in sources)))


def check_sources(sources: list[Source], states: dict[str, SourceState], politeness: Politeness,
                  today: dt.date, cached: "Snapshots") -> list[Finding]:
    """Fetch each of ``sources`` (each has a URL) and assess it against its state; the
    validators of a state are sent only when its text is in ``cached`` (so a 304 never
    leaves the report without the text to compare). Raises UsageError without httpx."""
    return asyncio.run(_check_all(sources, states, politeness, today, cached))


@dataclass(frozen=True)
class Snapshots:
    """The reduced texts, one file per SHA-256 (``<hash>.txt``) in ``folder`` (git-ignored by
    default; ``[tool.videoguide.sources] snapshots`` may name a tracked folder instead)."""

    folder: Path

    def has(self, digest: str | None) -> bool:
        return digest is not None and (self.folder / f"{digest}.txt").is_file()

    def read(self, digest: str | None) -> str | None:
        """The text of ``digest``, or None when it is not kept here."""
        if not self.has(digest):
            return None
        try:
            return (self.folder / f"{digest}.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def keep(self, digest: str, text: str) -> None:
        """Store ``text`` under ``digest`` unless it is already there."""
        if not self.has(digest):
            replace_file(self.folder / f"{digest}.txt", text)

    def prune(self, states: Iterable[SourceState]) -> None:
        """Remove the texts (``<64 hex digits>.txt``; nothing else in the folder) that none
        of ``states`` names as its last fetched or accepted text."""
        named = {h for s in states for h in (s.content_hash, s.accepted_hash) if h}
        if self.folder.is_dir():
            remove_files([p for p in self.folder.iterdir() if _SNAPSHOT.fullmatch(p.name) and p.stem not in named])
