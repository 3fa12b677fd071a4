"""``videoguide sources check`` and ``videoguide sources accept``: the CLI's text for each,
from the data, the network (:mod:`generator.watch`) and ``data/source-state.yaml``."""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from .facts.citations import citations
from .facts.dataset import Dataset
from .facts.errors import NeedsEditor, UsageError
from .facts.locate import near, problem_at
from .facts.source_state import STATE_FILE, SourceState, current_states, standing, state_yaml
from .pipeline import load
from .settings import Settings, configured_sources
from .site.write import replace_file
from .touch_commands import Confirm, touch_facts
from .watch.assess import Finding, accepted, excerpt
from .watch.check import Snapshots, check_sources, watched_sources
from .watch.fetch import Politeness, allowed_networks
from .watch.report import Entry, markdown_report, text_report


def _states(dataset: Dataset) -> dict[str, SourceState]:
    parsed = dataset.vocabularies.get(STATE_FILE)
    return current_states(parsed.sources if parsed else [], dataset.vocabularies["sources.yaml"].sources)


def _politeness(config: dict, allow: Sequence[str]) -> Politeness:
    return Politeness(concurrency=config["requests"], per_host=config["requests_per_host"],
                      delay=config["delay_seconds"], timeout=config["timeout_seconds"],
                      max_bytes=config["max_bytes"], allow=allowed_networks(allow))


def _chosen(dataset: Dataset, only: Sequence[str]) -> list:
    sources = watched_sources(dataset.vocabularies["sources.yaml"].sources)
    ids = [src.id for src in sources]
    unknown = [sid for sid in only if sid not in ids]
    if unknown:
        raise UsageError(f"not a watched source (one with a public url): {unknown[0]}; {near(unknown[0], ids)}")
    return [src for src in sources if not only or src.id in only]


def _entries(dataset: Dataset, findings: list[Finding], snapshots: Snapshots) -> list[Entry]:
    cited = citations(dataset)
    doc = dataset.documents["sources.yaml"]
    index = {src.id: i for i, src in enumerate(dataset.vocabularies["sources.yaml"].sources)}
    entries = []
    for f in findings:
        shown = f.changed and f.verdict in ("changed", "moved")
        lines = excerpt(snapshots.read(f.state.accepted_hash), f.text or snapshots.read(f.state.content_hash)) \
            if shown else []
        if shown and not lines:
            lines = ["(the accepted text is not in the snapshots folder, so only its hash is known)"]
        at = problem_at(doc, ("sources", index[f.source.id], "url"), "")
        entries.append(Entry(f, tuple(lines), tuple(cited.get(f.source.id, ())),
                             f"{at.path}:{at.line}:{at.col}: {at.field}"))
    return entries


def _record(settings: Settings, dataset: Dataset, records: list[SourceState], snapshots: Snapshots) -> None:
    """Write the state file with ``records`` replacing their ids' old ones; records of
    sources no longer watched are dropped, and so are the texts no record names."""
    keep = {src.id for src in watched_sources(dataset.vocabularies["sources.yaml"].sources)}
    merged = {**_states(dataset), **{r.id: r for r in records}}
    kept = [r for sid, r in merged.items() if sid in keep]
    replace_file(settings.data_dir / STATE_FILE, state_yaml(kept))
    snapshots.prune(kept)


def sources_check_text(settings: Settings, markdown: bool = False, record: bool = True, only: Sequence[str] = (),
                       allow_private: Sequence[str] = (), today: dt.date | None = None) -> str:
    """Fetch every watched source (or ``only`` these ids) and report. With ``record``, the
    fetched texts go to the snapshots folder and the new states to ``data/source-state.yaml``.

    Raises DataError, UsageError (an unknown id, a bad network, httpx missing), ConfigError,
    and NeedsEditor with the report when a source needs an editor.
    """
    today = today or dt.date.today()
    dataset = load(settings.data_dir)
    config = configured_sources(settings.project_dir)
    snapshots = Snapshots(config["snapshots"])
    findings = check_sources(_chosen(dataset, only), _states(dataset), _politeness(config, allow_private),
                             today, snapshots)
    if record:
        for f in findings:
            if f.text is not None:
                snapshots.keep(f.state.content_hash, f.text)
        _record(settings, dataset, [f.state for f in findings], snapshots)
    entries = _entries(dataset, findings, snapshots)
    report = (markdown_report if markdown else text_report)(entries, today)
    if any(f.needs_editor for f in findings):
        raise NeedsEditor(report)
    return report


def _acceptable(states: dict[str, SourceState], ids: Sequence[str]) -> None:
    """Raise UsageError for the first of ``ids`` whose last fetch gives no text to accept."""
    for sid in ids:
        record = states.get(sid)
        if record is None or record.content_hash is None:
            raise UsageError(f"{sid}: no page fetched yet; run `videoguide sources check` first")
        if standing(record) in ("gone", "unreachable"):
            raise UsageError(f"{sid}: its last fetch ({record.checked.isoformat()}) got no page: {record.error}; "
                             "the text on record is older than that. Fix the address in sources.yaml or wait "
                             "until it answers, then run `videoguide sources check` and accept again")


def sources_accept_text(settings: Settings, ids: Sequence[str], today: dt.date | None = None,
                        confirm: Confirm | None = None) -> str:
    """Record the last fetched text of each of ``ids`` as the snapshot its facts were checked
    against; with ``confirm`` (``--touch-facts``), first ask about each fact citing them and
    move the confirmed ones' ``as_of`` to today. Raises DataError; UsageError for an id not
    watched, never fetched, or whose last fetch failed (gone, unreachable: the text on record
    is not the page as it is now); and NeedsEditor with the report when the editor stopped
    the questions (the confirmed facts are moved; no source is accepted)."""
    today = today or dt.date.today()
    dataset = load(settings.data_dir)
    states = _states(dataset)
    _chosen(dataset, ids)
    _acceptable(states, ids)
    touched, finished = touch_facts(settings.data_dir, dataset, ids, confirm, today) if confirm else ([], True)
    if not finished:
        raise NeedsEditor("\n".join(touched + [f"{sid}: not accepted; run the same command again to go on "
                                                "(the facts moved today are not asked about again)" for sid in ids]))
    done = [accepted(states[sid], today) for sid in ids]
    _record(settings, dataset, done, Snapshots(configured_sources(settings.project_dir)["snapshots"]))
    return "\n".join([f"{r.id}: accepted the text of {r.checked.isoformat()} as checked on {today.isoformat()}"
                      for r in done] + touched)
