"""The report of ``sources check``: per source its verdict, what changed, and every fact
citing it (``file:line:col: field: checked DATE``), as plain text for a terminal or as
Markdown for an issue or a pull request. Everything a page or a data file said is escaped:
in Markdown it is inline text or sits in a code block it cannot close."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..facts.citations import Citation
from ..pages.render import md_text
from .assess import VERDICTS, Finding

HEADINGS = {
    "gone": "Gone (the address answers 404 or 410)",
    "unreachable": "Unreachable",
    "moved": "Moved (a permanent redirect)",
    "changed": "Changed since the facts were checked",
    "new": "No snapshot accepted yet",
    "unchanged": "Unchanged",
}


@dataclass(frozen=True)
class Entry:
    """One source in the report: its finding, the lines that changed (see
    :func:`~.assess.excerpt`), the facts citing it, and where its URL is written."""

    finding: Finding
    excerpt: tuple[str, ...]
    cited_by: tuple[Citation, ...]
    url_at: str


def _advice(entry: Entry) -> str:
    f, sid = entry.finding, entry.finding.source.id
    accept = f"when they are re-checked: videoguide sources accept {sid}"
    if f.verdict == "gone":
        return f"{entry.url_at}: the page is gone ({f.detail}); find where its facts are published now"
    if f.verdict == "unreachable":
        return f"could not be read: {f.detail}"
    if f.verdict == "moved":
        extra = "; the text there differs from the accepted snapshot" if f.changed else ""
        return (f"{entry.url_at}: moved permanently to {f.detail}: write that as its url (and this one as "
                f"previous_url){extra}")
    if f.verdict == "changed":
        since = f.state.changed.isoformat() if f.state.changed else "?"
        return (f"the page changed (first seen {since}) since the snapshot accepted on "
                f"{f.state.accepted.isoformat() if f.state.accepted else '?'}; {accept}")
    if f.verdict == "new":
        return f"no snapshot accepted yet: check the facts citing it against the page, then videoguide sources accept {sid}"
    return "unchanged"


def summary(findings: list[Finding], today: dt.date) -> str:
    """``Checked 12 sources on 2026-12-04: 9 unchanged, 1 changed …`` (verdicts in order)."""
    counts = Counter(f.verdict for f in findings)
    parts = ", ".join(f"{counts[v]} {v}" for v in VERDICTS if counts[v])
    return f"Checked {len(findings)} source(s) on {today.isoformat()}: {parts or 'nothing to check'}."


def _ordered(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (VERDICTS.index(e.finding.verdict), e.finding.source.id))


def _citations_text(entry: Entry) -> list[str]:
    if not entry.cited_by:
        return ["  no fact cites it"]
    return [f"  {len(entry.cited_by)} fact(s) cite it:"] + [f"    {c}" for c in entry.cited_by]


def text_report(entries: list[Entry], today: dt.date) -> str:
    """Plain text: the summary, then each source that needs an editor."""
    lines = [summary([e.finding for e in entries], today)]
    for entry in _ordered(entries):
        f = entry.finding
        if not f.needs_editor:
            continue
        lines += ["", f"{f.verdict}: {f.source.id} ({f.source.title})", f"  {f.source.url}", f"  {_advice(entry)}"]
        lines += [f"    {line}" for line in entry.excerpt]
        lines += _citations_text(entry)
    return "\n".join(lines)


def _code(text: str) -> str:
    """An inline code span ``text`` cannot end (its fence is longer than any backtick run)."""
    text = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def _block(lines: tuple[str, ...], lang: str = "diff") -> list[str]:
    fence = "`" * max(3, max((len(r) for line in lines for r in re.findall(r"`{3,}", line)), default=0) + 1)
    return [fence + lang, *lines, fence]


def markdown_report(entries: list[Entry], today: dt.date) -> str:
    """Markdown: a heading, the summary, one section per verdict that needs an editor, and
    the unchanged sources in one closed ``<details>`` list."""
    out = [f"## Source check, {today.isoformat()}", "", md_text(summary([e.finding for e in entries], today))]
    for verdict in VERDICTS[:-1]:
        group = [e for e in _ordered(entries) if e.finding.verdict == verdict]
        if not group:
            continue
        out += ["", f"### {HEADINGS[verdict]} ({len(group)})"]
        for entry in group:
            f = entry.finding
            out += ["", f"#### {md_text(f.source.title)} ({_code(f.source.id)})", "",
                    f"<{f.source.url}>", "", md_text(_advice(entry))]
            if entry.excerpt:
                out += ["", *_block(entry.excerpt)]
            if entry.cited_by:
                out += ["", f"Facts citing it ({len(entry.cited_by)}):", ""]
                out += [f"- {_code(str(c))}" for c in entry.cited_by]
    unchanged = [e.finding.source for e in _ordered(entries) if e.finding.verdict == "unchanged"]
    if unchanged:
        out += ["", f"<details><summary>Unchanged ({len(unchanged)})</summary>", ""]
        out += [f"- {_code(src.id)}: <{src.url}>" for src in unchanged] + ["", "</details>"]
    return "\n".join(out) + "\n"
