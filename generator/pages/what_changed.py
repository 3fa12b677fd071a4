"""The "What changed" page and its Atom feed, both from ``data/changes.yaml``.

The feed is generated with feedgen: one entry per recorded change set, newest first, with
absolute links under the site's ``site_url`` (MkDocs config), so feed readers can follow them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..facts.changelog import DATA_KINDS, DOWNSTREAM_KINDS, ChangelogEntry, ChangesFile
from .changes import KIND_LABELS, Change, line

CHANGES_PAGE = "changes/index.md"
FEED_FILE = "changes/feed.xml"
FEED_TITLE = "Video Model Guide: what changed"


def headline(entry: ChangelogEntry) -> str:
    """The editor's summary, else ``3 data changes, 5 downstream``."""
    if entry.summary:
        return entry.summary
    data = sum(1 for i in entry.items if i.kind in DATA_KINDS)
    down = sum(1 for i in entry.items if i.kind in DOWNSTREAM_KINDS)
    return f"{data} data change{'s' * (data != 1)}, {down} downstream"


@dataclass(frozen=True)
class EntryView:
    anchor: str
    date: str
    headline: str
    base: str
    data: tuple[tuple[str, str], ...]
    downstream: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ChangesContext:
    entries: tuple[EntryView, ...]
    feed: str


def newest_first(changelog: ChangesFile | None) -> list[ChangelogEntry]:
    """Entries by date, newest first; entries of one day newest (last recorded) first."""
    entries = list(changelog.changes) if changelog else []
    return [e for _i, e in sorted(enumerate(entries), key=lambda ie: (ie[1].date, ie[0]), reverse=True)]


def anchors(changelog: ChangesFile | None) -> dict[int, str]:
    """``change-2026-11-29-1``, ``-2`` … per entry (by ``id``), numbered in recording order
    within a day, so an anchor (and the feed entry id) never changes once published."""
    out, count = {}, {}
    for entry in changelog.changes if changelog else []:
        count[entry.date] = count.get(entry.date, 0) + 1
        out[id(entry)] = f"change-{entry.date.isoformat()}-{count[entry.date]}"
    return out


def _rows(entry: ChangelogEntry, data: bool) -> tuple[tuple[str, str], ...]:
    return tuple((KIND_LABELS[i.kind], line(Change(i.kind, i.subject, i.before, i.after)))
                 for i in entry.items if (i.kind in DATA_KINDS) == data)


def changes_context(changelog: ChangesFile | None) -> ChangesContext:
    entries, anchor = newest_first(changelog), anchors(changelog)
    return ChangesContext(tuple(
        EntryView(anchor[id(e)], e.date.isoformat(), headline(e), e.base, _rows(e, True), _rows(e, False))
        for e in entries), "feed.xml")


def feed_xml(changelog: ChangesFile | None, site_url: str, today: dt.date) -> str:
    """The Atom feed (RFC 4287) of the recorded changes, newest first, as UTF-8 XML text."""
    from feedgen.feed import FeedGenerator

    base = site_url.rstrip("/") + "/"
    page_url = base + "changes/"
    entries, anchor = newest_first(changelog), anchors(changelog)
    fg = FeedGenerator()
    fg.id(page_url)
    fg.title(FEED_TITLE)
    fg.author({"name": "Video Model Guide editors"})
    fg.link(href=page_url, rel="alternate")
    fg.link(href=base + FEED_FILE, rel="self")
    fg.subtitle("Prices, lifecycle and specs that changed, and what that changed downstream.")
    fg.language("en")
    fg.updated(_midnight(entries[0].date if entries else today))
    for entry in reversed(entries):  # feedgen puts the last added first
        rows = _rows(entry, True) + _rows(entry, False)
        item = fg.add_entry()
        item.id(f"{page_url}#{anchor[id(entry)]}")
        item.title(f"{entry.date.isoformat()}: {headline(entry)}")
        item.link(href=f"{page_url}#{anchor[id(entry)]}", rel="alternate")
        item.updated(_midnight(entry.date))
        item.content("\n".join(f"{kind}: {text}" for kind, text in rows), type="text")
    return fg.atom_str(pretty=True).decode("utf-8")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
