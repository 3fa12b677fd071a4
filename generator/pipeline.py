"""The whole flow, in the order of the diagram: load → validate → derive → render → write.

Everything is gathered and validated before anything is written; a failed build leaves the
previous generated pages and the previous site exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

from .facts.catalog import Catalog, build_catalog
from .chart import cost_chart_svg
from .cost_pages import CHART_FILE, chart_report
from .cost_pages import cost_text as render_cost_text
from .costs import ClipRequest, cost_report, height
from .decide import recommend, report
from .facts.changelog import CHANGELOG_FILE, changelog_yaml, new_entry
from .changes import Version, compare, report_text, summarise
from .changes_pages import FEED_FILE, feed_xml
from .facts.errors import DataError, GuideError, StaleFacts, UsageError
from .facts.revisions import commit_of, dataset_at, default_revision
from .freshness import Freshness, configured_stale_after, stale_facts
from .facts.locate import near
from .clips.commands import clip_set
from .pages import plan_pages
from .render import render_pages
from .settings import Settings
from .site import build_site, check_address_free, configured_site_url, start_server
from .facts.validate import load_dataset
from .clips.check import check_samples
from .write import (
    WriteReport, check_site_dir, mark_site, replace_dir, replace_file, scratch_dir, stage_docs, write_outputs,
)

VENDOR_ASSETS = {
    "assets/vendor/tablesort.min.js": "tablesort/dist/tablesort.min.js",
    "assets/vendor/tablesort.number.min.js": "tablesort/dist/sorts/tablesort.number.min.js",
}


DATA_CHECKS = (check_samples,)
"""Checks of files whose rules another package owns, run with the cross-file checks."""


def load(data_dir):  # noqa: ANN001, ANN201
    """Load and validate ``data_dir`` with every package's checks; raise DataError listing every problem."""
    return load_dataset(data_dir, DATA_CHECKS)


def check(settings: Settings) -> Catalog:
    """Load and validate ``settings.data_dir``; raise DataError listing every problem, or
    ConfigError for a bad ``[tool.videoguide]`` setting."""
    freshness(settings)
    return build_catalog(load(settings.data_dir))


def recommend_text(settings: Settings, answers: dict[str, str], today: dt.date | None = None) -> str:
    """``videoguide recommend``: the recommendation for ``answers`` as text.

    Raises DataError, GuideError when the data has no decision guide, or AnswerError.
    """
    dataset = load(settings.data_dir)
    guide = dataset.vocabularies.get("decision_guide.yaml")
    if guide is None:
        raise GuideError(f"{settings.data_dir / 'decision_guide.yaml'} is missing")
    return report(recommend(build_catalog(dataset), guide, answers, today or dt.date.today()))


def stale_text(settings: Settings, today: dt.date | None = None, strict: bool = False) -> str:
    """``videoguide check --stale``: every stale fact as ``file:line:col: field: checked …``.

    Raises DataError on invalid data, and StaleFacts (with the same text) when ``strict``
    and any fact is stale.
    """
    dataset = load(settings.data_dir)
    fresh = freshness(settings, today)
    found = stale_facts(dataset, build_catalog(dataset), fresh)
    text = "\n".join(map(str, found))
    summary = (f"{len(found)} stale fact(s): checked more than {fresh.stale_after_days} days before "
               f"{fresh.today.isoformat()}" if found else
               f"no stale facts (stale after {fresh.stale_after_days} day{'s' * (fresh.stale_after_days != 1)})")
    text = f"{text}\n{summary}" if text else summary
    if found and strict:
        raise StaleFacts(text)
    return text


def cost_text(settings: Settings, model_id: str, request: ClipRequest, platform: str | None = None,
              today: dt.date | None = None) -> str:
    """``videoguide cost``: the same figures as the calculator. Raises DataError, or
    UsageError for an unknown model or platform."""
    catalog = check(settings)
    for kind, value, known in (("model", model_id, catalog.models), ("platform", platform, catalog.platforms)):
        if value is not None and value not in known:
            raise UsageError(f"unknown {kind} '{value}'; {near(value, list(known))}")
    if request.resolution is not None and height(request.resolution) is None:
        raise UsageError(f"unknown resolution '{request.resolution}'; write a label such as 720p, 1080p, 1440p or 4K")
    report = cost_report(catalog, request, today or dt.date.today(), [model_id], platform)
    return render_cost_text(report, catalog.models[model_id].name, freshness(settings, today))


def diff_text(settings: Settings, revision: str | None = None, record: bool = False, summary: str | None = None,
              today: dt.date | None = None) -> str:
    """``videoguide diff``: the data at ``revision`` (default: HEAD when data/ has edits,
    else HEAD~1) against the working tree, and what that changed downstream. With
    ``record``, the report is appended to data/changes.yaml for the "What changed" page
    and feed. Raises DataError, or UsageError for git problems."""
    day = today or dt.date.today()
    revision = revision or default_revision(settings.project_dir, settings.data_dir)
    commit = commit_of(settings.project_dir, revision)
    base = revision if revision == commit else f"{revision} ({commit})"
    old = dataset_at(settings.project_dir, settings.data_dir, revision, DATA_CHECKS)
    new = load(settings.data_dir)
    changes = compare(Version(build_catalog(old), old.vocabularies.get("decision_guide.yaml")),
                      Version(build_catalog(new), new.vocabularies.get("decision_guide.yaml")), day)
    text = report_text(changes, base, day)
    if record:
        text += "\n\n" + _record(settings, new.vocabularies.get(CHANGELOG_FILE), changes, commit, day, summary)
    return text


def _record(settings: Settings, changelog, changes: list, commit: str, day: dt.date,  # noqa: ANN001
            summary: str | None) -> str:
    """Add the report to data/changes.yaml unless it is empty or already recorded. A report
    against the same base as an earlier, unpublished one replaces it (the file is rewritten)."""
    if not changes:
        return "Nothing to record."
    entry = new_entry(summarise(changes), commit, day, summary)  # validated before anything is written
    entries = list(changelog.changes) if changelog else []
    same_base = [i for i, old in enumerate(entries) if old.base == entry.base]
    if same_base and entries[same_base[-1]].items == entry.items:
        return f"Already recorded on {entries[same_base[-1]].date.isoformat()}; nothing was written."
    note = f"Recorded in {settings.data_dir / CHANGELOG_FILE}."
    if same_base:
        old = entries[same_base[-1]]
        entries[same_base[-1]] = entry.model_copy(update={"summary": entry.summary or old.summary})
        note = f"Replaced the entry of {old.date.isoformat()} against {entry.base} in {settings.data_dir / CHANGELOG_FILE}."
    else:
        entries.append(entry)
    replace_file(settings.data_dir / CHANGELOG_FILE, changelog_yaml(entries))
    return note


def vendor_assets(settings: Settings) -> dict[str, bytes]:
    """Browser libraries installed by ``npm ci`` (package.json), copied into the docs."""
    assets = {}
    for target, source in VENDOR_ASSETS.items():
        path = settings.node_modules / source
        if not path.is_file():
            raise GuideError(f"{path} is missing: run `npm ci` in {settings.project_dir} first")
        assets[target] = path.read_bytes()
    return assets


def freshness(settings: Settings, today: dt.date | None = None) -> Freshness:
    """Today and the stale-after age of this run (raises ValueError on a bad setting)."""
    days = settings.stale_after_days or configured_stale_after(settings.project_dir)
    return Freshness(today or dt.date.today(), days)


def render_all(settings: Settings, today: dt.date | None = None, site_url: str | None = None) -> dict[str, str | bytes]:
    """Every generated file (docs-relative path → content), computed without writing;
    feed links use ``site_url`` (default: the MkDocs config's)."""
    fresh = freshness(settings, today)
    dataset = load(settings.data_dir)
    catalog = build_catalog(dataset)
    changelog = dataset.vocabularies.get(CHANGELOG_FILE)
    pages = plan_pages(catalog, fresh.today, dataset.vocabularies.get("decision_guide.yaml"), changelog,
                       fresh.stale_after_days, clip_set(settings, dataset))
    files: dict[str, str | bytes] = dict(render_pages(pages, fresh))
    files[CHART_FILE] = cost_chart_svg(chart_report(catalog, fresh.today),
                                      f"One 8-second clip, cheapest option per model and platform (prices as of "
                                      f"{fresh.today.isoformat()})")
    files[FEED_FILE] = feed_xml(changelog, site_url or configured_site_url(settings.mkdocs_yml), fresh.today)
    files.update(vendor_assets(settings))
    return files


def generate(settings: Settings, today: dt.date | None = None) -> WriteReport:
    """Validate, render and write the generated pages into ``settings.docs_dir``."""
    return write_outputs(settings.docs_dir, render_all(settings, today))


def build(settings: Settings, today: dt.date | None = None, site_url: str | None = None) -> WriteReport:
    """Generate and build the site with ``mkdocs build --strict``, atomically.

    The site is first built from a staged copy of the docs folder; only when that succeeds
    are the generated pages written and the new site swapped into ``settings.site_dir``.
    Raises DataError, BuildError or WriteError; on any of them nothing real has changed.
    """
    check_site_dir(settings.site_dir, [settings.project_dir / "mkdocs.yml", settings.data_dir, settings.docs_dir])
    files = render_all(settings, today, site_url)
    with scratch_dir(settings.site_dir.parent) as scratch:
        staged = stage_docs(settings.docs_dir, scratch)
        write_outputs(staged, files)
        build_site(settings.mkdocs_yml, staged, scratch / "site", site_url)
        mark_site(scratch / "site")
        report = write_outputs(settings.docs_dir, files)
        replace_dir(scratch / "site", settings.site_dir)
    return report


def _regenerate(settings: Settings) -> None:
    try:
        report = generate(settings)
        print(f"videoguide: data changed; {report.summary()}", flush=True)
    except DataError as exc:
        print("videoguide: data has problems; pages left as they were:", flush=True)
        for problem in exc.problems:
            print(f"  {problem}", flush=True)
    except GuideError as exc:
        print(f"videoguide: {exc}", flush=True)


def _data_state(settings: Settings) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in settings.data_dir.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()}


def _edits_handler(pending: threading.Event):  # noqa: ANN202 - a watchdog handler
    """Sets ``pending`` on edits to YAML files; opening and reading them are not edits."""
    from watchdog.events import FileSystemEventHandler

    class OnEdit(FileSystemEventHandler):
        def on_any_event(self, event) -> None:  # noqa: ANN001 - watchdog's signature
            if event.event_type not in ("created", "modified", "moved", "deleted") or event.is_directory:
                return
            paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
            if any(p.endswith((".yaml", ".yml")) for p in paths):
                pending.set()

    return OnEdit()


def serve(settings: Settings, addr: str) -> None:
    """Generate, run ``mkdocs serve`` on ``addr`` and regenerate when a data file changes.

    Pages are rewritten only when their content changes, so MkDocs rebuilds once per edit
    and never loops. Blocks until interrupted.
    """
    from watchdog.observers import Observer

    check_address_free(addr)
    generate(settings)
    pending = threading.Event()
    observer = Observer()
    observer.schedule(_edits_handler(pending), str(settings.data_dir), recursive=True)
    observer.start()
    server = start_server(settings.mkdocs_yml, addr)
    state = _data_state(settings)
    try:
        while server.poll() is None:
            if pending.wait(0.5):
                time.sleep(0.3)  # let an editor finish saving
                pending.clear()
                if (now := _data_state(settings)) != state:  # reads touch atime, not content
                    state = now
                    _regenerate(settings)
        raise GuideError(f"mkdocs serve stopped with exit code {server.returncode}")
    finally:
        observer.stop()
        server.terminate()
        server.wait()
        observer.join()
