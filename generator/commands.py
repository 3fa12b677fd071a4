"""The ``videoguide`` commands other than building the site: each loads the data through the
pipeline, asks the answers, and returns the text to print (the CLI prints it). ``recommend``,
``check --stale``, ``cost``, ``diff`` and ``clips plan`` / ``clips run``.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import ExitStack
from decimal import Decimal
from typing import Callable, Mapping

from .answers.plans import Job, job_report
from .answers.freshness import StaleFacts, stale_facts
from .answers.recommend import recommend
from .clips.files import clip_files
from .clips.plan import Job as ClipJob, orphans, plan, plan_text
from .clips.runner import Timing
from .clips.session import LOCK_FILE, Folders, run_jobs
from .facts.catalog import build_catalog
from .facts.changelog import CHANGELOG_FILE, ChangesFile, changelog_yaml, new_entry
from .facts.errors import DataError, GuideError, UsageError
from .facts.history import rewritten_history
from .facts.locate import near
from .facts.revisions import commit_of, dataset_at, default_revision
from .facts.samples import CLIPS_FILE, SAMPLES_FILE, ClipsFile, SamplesFile
from .pages.changes import Change, Version, compare, report_text, summarise
from .pages.costs import cost_text as cost_text_of
from .pages.recommendation import report
from .pipeline import DATA_CHECKS, load, view_of
from .settings import Settings
from .site.write import exclusive_lock, replace_file


def recommend_text(settings: Settings, answers: dict[str, str], today: dt.date | None = None) -> str:
    """``videoguide recommend``: the recommendation for ``answers`` as text.

    Raises DataError, GuideError when the data has no decision guide, or AnswerError.
    """
    dataset = load(settings.data_dir)
    guide = dataset.vocabularies.get("decision_guide.yaml")
    if guide is None:
        raise GuideError(f"{settings.data_dir / 'decision_guide.yaml'} is missing")
    return report(recommend(view_of(build_catalog(dataset), today), guide, answers))


def stale_text(settings: Settings, today: dt.date | None = None, strict: bool = False) -> str:
    """``videoguide check --stale``: every stale fact as ``file:line:col: field: checked …``.

    Raises DataError on invalid data, and StaleFacts (with the same text) when ``strict``
    and any fact is stale.
    """
    dataset = load(settings.data_dir)
    view = view_of(build_catalog(dataset), today, settings.stale_after())
    fresh = view.freshness
    found = stale_facts(dataset, view)
    text = "\n".join(map(str, found))
    summary = (f"{len(found)} stale fact(s): checked more than {fresh.stale_after_days} days before "
               f"{fresh.today.isoformat()}" if found else
               f"no stale facts (stale after {fresh.stale_after_days} day{'s' * (fresh.stale_after_days != 1)})")
    text = f"{text}\n{summary}" if text else summary
    if found and strict:
        raise StaleFacts(text)
    return text


def cost_text(settings: Settings, job: Job, models: list[str] | None = None, platform: str | None = None,
              today: dt.date | None = None) -> str:
    """``videoguide cost``: the job's plans, the same figures as the calculator. Raises
    DataError, or UsageError for an unknown model, platform or resolution."""
    stale_after = settings.stale_after()
    catalog = build_catalog(load(settings.data_dir))
    for kind, value, known in [*(("model", m, catalog.models) for m in models or []),
                               ("platform", platform, catalog.platforms)]:
        if value is not None and value not in known:
            raise UsageError(f"unknown {kind} '{value}'; {near(value, list(known))}")
    if job.resolution is not None and not re.fullmatch(r"([1-9][0-9]{2,3}p|[2-8]K)", job.resolution, re.IGNORECASE):
        raise UsageError(f"unknown resolution '{job.resolution}'; write a label such as 720p, 1080p, 1440p or 4K")
    view = view_of(catalog, today, stale_after)
    return cost_text_of(job_report(view, job, models, platform), view.freshness)


def diff_text(settings: Settings, revision: str | None = None, record: bool = False, summary: str | None = None,
              today: dt.date | None = None, allow_rewrite: bool = False) -> str:
    """``videoguide diff``: the data at ``revision`` (default: HEAD when data/ has edits,
    else HEAD~1) against the working tree, and what that changed downstream, then any price
    entry edited in place or removed (:mod:`generator.facts.history`). With ``record``, the
    report is appended to data/changes.yaml for the "What changed" page and feed. Raises
    DataError (also when ``record`` would record rewritten history without
    ``allow_rewrite``), or UsageError for git problems."""
    day = today or dt.date.today()
    revision = revision or default_revision(settings.project_dir, settings.data_dir)
    commit = commit_of(settings.project_dir, revision)
    base = revision if revision == commit else f"{revision} ({commit})"
    old = dataset_at(settings.project_dir, settings.data_dir, revision, DATA_CHECKS)
    new = load(settings.data_dir)
    changes = compare(Version(view_of(build_catalog(old), day), old.vocabularies.get("decision_guide.yaml")),
                      Version(view_of(build_catalog(new), day), new.vocabularies.get("decision_guide.yaml")))
    text = report_text(changes, base, day)
    rewrites = rewritten_history(old, new, revision)
    if rewrites:
        text += f"\n\nPrice history rewritten ({len(rewrites)}):\n" + "\n".join(f"  {p}" for p in rewrites)
    if record and rewrites and not allow_rewrite:
        raise DataError(rewrites)
    if record:
        text += "\n\n" + _record(settings, new.vocabularies.get(CHANGELOG_FILE), changes, commit, day, summary)
    return text


def _record(settings: Settings, changelog: ChangesFile | None, changes: list[Change], commit: str, day: dt.date,
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


def _clip_jobs(settings: Settings, only: str | None, today: dt.date | None,
               retry_uncertain: bool = False) -> tuple[list[ClipJob], ClipsFile | None, SamplesFile]:
    """The clip jobs of every sample (or of ``only``), with their state and estimate."""
    dataset = load(settings.data_dir)
    samples = dataset.vocabularies.get(SAMPLES_FILE)
    if samples is None:
        raise UsageError(f"{settings.data_dir / SAMPLES_FILE} is missing: it lists the sample prompts to run")
    if only is not None and only not in {s.id for s in samples.samples}:
        raise UsageError(f"unknown sample '{only}'; {near(only, [s.id for s in samples.samples])}")
    clips = dataset.vocabularies.get(CLIPS_FILE)
    present, altered = clip_files(settings.docs_dir, clips)
    jobs = plan(view_of(build_catalog(dataset), today), samples, clips, only, present, retry_uncertain, altered)
    return jobs, clips, samples


def clips_plan_text(settings: Settings, only: str | None = None, today: dt.date | None = None) -> str:
    """``videoguide clips plan``: every job, its state and estimated cost, then manifest entries
    no sample lists any more. Raises DataError or UsageError."""
    jobs, clips, samples = _clip_jobs(settings, only, today)
    left = orphans(samples, clips) if only is None else []
    return plan_text(jobs) + "".join(
        f"\nNo longer in {SAMPLES_FILE} (delete the entry from {CLIPS_FILE}, and its file): {c.sample} on "
        f"{c.model} ({c.platform}), {c.status}" for c in left)


def clips_run_text(settings: Settings, budget: Decimal, only: str | None = None, dry_run: bool = False,
                   today: dt.date | None = None, env: Mapping[str, str] | None = None, timing: Timing | None = None,
                   progress: Callable[[str], None] | None = None, retry_uncertain: bool = False) -> str:
    """``videoguide clips run``: refuses before any call when the estimate exceeds ``budget``
    (BudgetError) or a key is missing (UsageError); with ``dry_run`` says what it would submit
    and makes no call; ``retry_uncertain`` submits again the creates whose answer never came.
    Raises ClipsIncomplete when a job failed, was refused, is uncertain or still runs, and
    UsageError when another run holds the manifest's lock."""
    day = today or dt.date.today()
    with ExitStack() as held:
        if not dry_run and settings.data_dir.is_dir():  # (a missing folder is reported by the load)
            try:
                held.enter_context(exclusive_lock(settings.data_dir / LOCK_FILE))
            except BlockingIOError:
                raise UsageError(f"another `videoguide clips run` is working on {settings.data_dir}: wait for it to"
                                 " end (two runs would each pay for the other's clips)") from None
        jobs, clips, _samples = _clip_jobs(settings, only, day, retry_uncertain)
        return run_jobs(jobs, clips, budget, Folders(settings.data_dir / CLIPS_FILE, settings.docs_dir),
                        day, dry_run, env, timing, progress)
