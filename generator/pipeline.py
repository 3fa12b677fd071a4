"""The flow of a build, in the order of the diagram: load → validate → as-of view → pages →
render → write → site engine.

Everything is gathered and validated before anything is written; a failed build leaves the
previous generated pages and the previous site exactly as they were. The date a build is for
is resolved here, once, into the as-of view that answers and pages read.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .answers.asof import DEFAULT_STALE_AFTER_DAYS, AsOf, as_of
from .clips.check import check_samples
from .clips.files import clip_files
from .facts.catalog import Catalog, build_catalog
from .facts.changelog import CHANGELOG_FILE
from .facts.dataset import Dataset
from .facts.errors import DataError, GuideError, Problem, display_path
from .facts.samples import CLIPS_FILE, SAMPLES_FILE
from .facts.validate import load_dataset
from .pages.chart import cost_chart_svg, load_matplotlib
from .pages.calculator import CHART_FILE, chart_report, chart_title
from .pages.plan import plan_pages
from .pages.render import render_pages
from .pages.samples import ClipSet
from .pages.what_changed import FEED_FILE, feed_xml
from .settings import Settings
from .site.engine import build_site, configured_site_url, engine_label
from .site.lock import project_lock
from .site.serve import serve as serve_site
from .site.vendored import vendor_assets
from .site.uptodate import PACKAGE_DIR, build_key, generation_key, outputs_current, site_digests, tree_digest
from .site.folders import SITE_MARKER, check_docs_dir, check_site_dir
from .site.write import WriteReport, mark_site, replace_files_checked, scratch_dir, site_swap, stage_docs, write_outputs

DATA_CHECKS = (check_samples,)
"""Checks of files whose rules another package owns, run with the cross-file checks."""


GC_THRESHOLDS = (200_000, 30, 30)
"""The cyclic garbage collector's thresholds while the data is checked and while the site
engine builds (Python's default: 700, 10, 10): each full collection walks every object alive,
and at 1,000 models there are millions (with the defaults, collections were about 40% of
``generate``; MkDocs took 41 s of CPU against 34 s, its peak 75 MB higher). mypy's build sets
the same thresholds for the same reason."""


NO_COLLECTIONS = (0,)
"""While the pages are computed, no automatic collection at all: their data is in no reference
cycle (a test checks it) and is freed as it goes, so collections found next to nothing
(N=1,000: about 1,300 objects in 0.3 s of collections; the peak memory is the same without)."""


@contextmanager
def fewer_collections(collect: bool = True, thresholds: tuple[int, ...] = GC_THRESHOLDS):
    """Run the block with the collector's ``thresholds`` (:data:`GC_THRESHOLDS`, or
    :data:`NO_COLLECTIONS`), then restore them and, with ``collect``, collect the block's
    garbage."""
    before = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if collect:
            gc.collect()


def load(data_dir: Path) -> Dataset:
    """Load and validate ``data_dir`` with every package's checks; raise DataError listing every problem."""
    return load_dataset(data_dir, DATA_CHECKS)


def edit_data(data_dir: Path, texts: dict[Path, str]) -> None:
    """Replace the data files ``texts`` names (files in ``data_dir`` → text) once the data
    with them passes every check, tried on a scratch copy. Raises DataError (the problems
    named as in the real files; nothing written) or WriteError."""
    def check(copy: Path) -> None:
        try:
            load(copy)
        except DataError as exc:
            shown, real = display_path(copy), display_path(data_dir)
            raise DataError([Problem(p.path.replace(shown, real, 1), p.line, p.col, p.field,
                                     f"{p.message} (after this command's edit; nothing was written)")
                             for p in exc.problems]) from None

    inside = data_dir.resolve()
    replace_files_checked(data_dir, {path.resolve().relative_to(inside).as_posix(): text
                                     for path, text in texts.items()}, check)


def view_of(catalog: Catalog, today: dt.date | None = None,
            stale_after_days: int = DEFAULT_STALE_AFTER_DAYS) -> AsOf:
    """The as-of view of ``catalog`` on ``today`` (None: the machine's date)."""
    return as_of(catalog, today or dt.date.today(), stale_after_days)


def check(settings: Settings) -> Catalog:
    """Load and validate ``settings.data_dir``; raise DataError listing every problem, or
    ConfigError for a bad ``[tool.videoguide]`` setting."""
    settings.stale_after()
    settings.engine()
    with fewer_collections(collect=False):  # the command ends, or goes on with the catalog
        return build_catalog(load(settings.data_dir))


def clip_set(settings: Settings, dataset: Dataset) -> ClipSet:
    """Sample prompts, the clip manifest and which of its files are under the docs folder as
    made (an altered file is left out: the page shows no embed rather than a broken one)."""
    clips = dataset.vocabularies.get(CLIPS_FILE)
    present, altered = clip_files(settings.docs_dir, clips)
    return ClipSet(dataset.vocabularies.get(SAMPLES_FILE), clips, present - altered)


def render_all(settings: Settings, today: dt.date | None = None, site_url: str | None = None) -> dict[str, str | bytes]:
    """Every generated file (docs-relative path → content), computed without writing;
    feed links use ``site_url`` (default: the MkDocs config's)."""
    load_matplotlib()  # here, not below the frame that holds the data (see its note)
    with fewer_collections(thresholds=NO_COLLECTIONS):
        return _render_all(settings, today, site_url)


def _render_all(settings: Settings, today: dt.date | None, site_url: str | None) -> dict[str, str | bytes]:
    stale_after = settings.stale_after()
    dataset = load(settings.data_dir)
    view = view_of(build_catalog(dataset), today, stale_after)
    changelog = dataset.vocabularies.get(CHANGELOG_FILE)
    pages = plan_pages(view, dataset.vocabularies.get("decision_guide.yaml"), changelog, clip_set(settings, dataset))
    files: dict[str, str | bytes] = dict(render_pages(pages, view.freshness))
    chart, more = chart_report(view)
    files[CHART_FILE] = cost_chart_svg(chart, chart_title(view, more))
    files[FEED_FILE] = feed_xml(changelog, site_url or configured_site_url(settings.mkdocs_yml), view.today)
    files.update(vendor_assets())
    view.forget()
    return files


def _generation_key(settings: Settings, today: dt.date | None, site_url: str) -> str:
    return generation_key(settings.data_dir, settings.docs_dir, today or dt.date.today(),
                          settings.stale_after(), site_url)


def _locked(settings: Settings, command: str):  # noqa: ANN202 - the lock's context manager
    """The project's lock for ``command``, taken only in a project (mkdocs.yml is there; else
    BuildError, and no lock file is left behind) whose docs folder may receive pages
    (:func:`~.site.folders.check_docs_dir`, else WriteError)."""
    configured_site_url(settings.mkdocs_yml)
    check_docs_dir(settings.docs_dir, settings.project_dir, [settings.data_dir, PACKAGE_DIR])
    return project_lock(settings.project_dir, command)


def generate(settings: Settings, today: dt.date | None = None) -> WriteReport:
    """Validate, render and write the generated pages into ``settings.docs_dir``; when nothing
    they depend on changed since the last run (see :mod:`.site.uptodate`), write nothing and
    report every file unchanged without rendering. Raises BusyError while another build,
    generate or serve runs in the project."""
    with _locked(settings, "generate"):
        return _generate(settings, today)


def _generate(settings: Settings, today: dt.date | None = None) -> WriteReport:
    key = _generation_key(settings, today, configured_site_url(settings.mkdocs_yml))
    current = outputs_current(settings.docs_dir, key)
    if current is not None:
        return WriteReport(unchanged=current, skipped=True)
    return write_outputs(settings.docs_dir, render_all(settings, today), key)


SITE_SKIP = frozenset({SITE_MARKER})


def _site_current(settings: Settings, inputs: str) -> bool:
    """Whether the site folder was built from ``inputs`` and still holds exactly what was built."""
    recorded, output = site_digests(settings.site_dir)
    return recorded == inputs and output == tree_digest(settings.site_dir, SITE_SKIP)


@dataclass(frozen=True)
class BuildReport:
    """What :func:`build` did: the generated pages it wrote, the engine (with its version)
    and whether the engine ran (False: nothing had changed since the last build)."""

    pages: WriteReport
    engine: str
    built: bool


def build(settings: Settings, today: dt.date | None = None, site_url: str | None = None) -> BuildReport:
    """Generate and build the site with the configured engine in strict mode, atomically.

    The site is first built from a staged copy of the docs folder; only when that succeeds
    are the generated pages written and the new site swapped into ``settings.site_dir``.
    When nothing the site depends on changed since the last build into that folder, neither
    the pages nor the engine run. Raises DataError, BuildError or WriteError; on any of them
    nothing real has changed; BusyError while another build, generate or serve runs.
    """
    with _locked(settings, "build"):
        return _build(settings, today, site_url)


def _build(settings: Settings, today: dt.date | None, site_url: str | None) -> BuildReport:
    engine = settings.engine()
    label = engine_label(engine)
    check_site_dir(settings.site_dir, [settings.mkdocs_yml, settings.data_dir, settings.docs_dir, PACKAGE_DIR],
                   [settings.docs_dir, settings.data_dir, PACKAGE_DIR])
    url = site_url or configured_site_url(settings.mkdocs_yml)
    key = _generation_key(settings, today, url)
    current = outputs_current(settings.docs_dir, key)
    if current is not None and _site_current(settings, build_key(key, settings.docs_dir, settings.mkdocs_yml, label, url)):
        return BuildReport(WriteReport(unchanged=current), label, built=False)
    files = None if current is not None else render_all(settings, today, url)
    with scratch_dir(settings.site_dir.parent) as scratch:
        staged = stage_docs(settings.docs_dir, scratch)
        if files is not None:
            write_outputs(staged, files, key)
        with fewer_collections(collect=False):  # MkDocs too: N=1,000, 41 s → 34 s of CPU, peak +75 MB
            build_site(settings.mkdocs_yml, staged, scratch / "site", site_url, engine, settings.engine_cache)
        mark_site(scratch / "site", build_key(key, staged, settings.mkdocs_yml, label, url),
                  tree_digest(scratch / "site", SITE_SKIP))
        with site_swap(scratch / "site", settings.site_dir):  # the old site moves first, or nothing changes
            report = WriteReport(unchanged=current) if files is None else write_outputs(
                settings.docs_dir, files, key, staged)
    return BuildReport(report, label, built=True)


def _regenerate(settings: Settings) -> None:
    try:
        report = _generate(settings)
        print(f"videoguide: data changed; {report.summary()}", flush=True)
    except DataError as exc:
        print("videoguide: data has problems; pages left as they were:", flush=True)
        for problem in exc.problems:
            print(f"  {problem}", flush=True)
    except GuideError as exc:
        print(f"videoguide: {exc}", flush=True)


def serve(settings: Settings, addr: str) -> None:
    """Generate, run ``mkdocs serve`` on ``addr`` and regenerate when a data file changes
    (problems are printed, the pages left as they were). Blocks until interrupted; holds the
    project's lock throughout (BusyError when a build runs)."""
    with _locked(settings, "serve"):
        serve_site(settings.mkdocs_yml, settings.data_dir, addr, lambda: _generate(settings),
                   lambda: _regenerate(settings))
