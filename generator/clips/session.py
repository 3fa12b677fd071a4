"""One ``videoguide clips run`` once its jobs are planned: the budget check, the providers,
the manifest written as every step happens, and the summary of what was done."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable, Mapping

from ..facts.errors import GuideError, UsageError
from ..facts.samples import ClipsFile
from ..pages.format import cents
from ..site.write import replace_file
from .manifest import Manifest
from .plan import Job, check_budget, plan_text
from .providers import PROVIDER_ENV, make_providers
from .runner import Runner, Timing

LOCK_FILE = ".clips.lock"
"""In the data folder: held by a running ``clips run`` (git-ignored)."""


class ClipsIncomplete(GuideError):
    """``clips run`` ended with jobs failed, refused or still running (all recorded)."""


@dataclass(frozen=True)
class Folders:
    """Where a run writes: the manifest file, and the docs folder whose ``assets/clips/`` receives the clips."""

    manifest: Path
    docs_dir: Path


def run_jobs(jobs: list[Job], clips: ClipsFile | None, budget: Decimal, folders: Folders, today: dt.date,
             dry_run: bool = False, env: Mapping[str, str] | None = None, timing: Timing | None = None,
             progress: Callable[[str], None] | None = None) -> str:
    """Check the budget, then submit the jobs that need it and poll the submitted ones,
    recording every step in the manifest; the summary of the run.

    Raises BudgetError before any call when the estimate exceeds ``budget`` (USD) or a job
    has no estimate; UsageError when a key is missing or the docs folder is not a folder;
    ClipsIncomplete (with the plan or the summary) when a job failed, was refused, is kept,
    is uncertain or still runs. With ``dry_run`` it says what it would submit and makes no call.
    """
    total = check_budget(jobs, budget)
    if dry_run:
        return plan_text(jobs) + f"\nDry run: within the budget of {cents(budget)} ({cents(total)}); no call was made."
    active = [j for j in jobs if j.needs_submission or j.state == "submitted"]
    if not active:
        waiting = sum(j.state == "uncertain" for j in jobs)
        if waiting:
            raise ClipsIncomplete(plan_text(jobs) + f"\nNothing to generate, but {waiting} uncertain job(s) wait for"
                                  " a look at the provider's dashboard (see data/clips.yaml).")
        return plan_text(jobs) + "\nNothing to generate."
    timing = timing or Timing()
    env = os.environ if env is None else env
    if not folders.docs_dir.is_dir():
        raise UsageError(f"{folders.docs_dir} is not a folder: clips are written under its assets/clips/ (--docs)")
    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))

    def wait(seconds: float) -> None:
        say(f"{'':<9} waiting {seconds:g} s before asking again (the server is busy or asked to wait)")
        timing.sleep(seconds)

    providers = make_providers({j.provider for j in active}, env, timing.request_timeout, wait)
    manifest = Manifest(clips, lambda text: replace_file(folders.manifest, text))
    say(f"Generating {sum(j.needs_submission for j in active)} clip(s), estimated {cents(total)} "
        f"(budget {cents(budget)}); resuming {sum(j.state == 'submitted' for j in active)}.")
    secrets = tuple(env[PROVIDER_ENV[name][0]] for name in providers)
    counts = Runner(providers, manifest, folders.docs_dir, today, say, timing, secrets).run(active)
    counts["uncertain"] += sum(j.state == "uncertain" for j in jobs if j not in active)
    return _summary(counts, folders.manifest)


def _summary(counts: Counter, manifest: Path) -> str:
    extra = [f"{counts[k]} {k}" for k in ("kept", "uncertain") if counts[k]]
    text = (f"{counts['done']} done, {counts['failed']} failed, {counts['rejected']} refused by content policy, "
            f"{counts['running'] + counts['submitted']} still running" + "".join(", " + e for e in extra)
            + f"; recorded in {manifest}.")
    if counts["done"] == sum(counts.values()):
        return text
    advice = ["re-run `videoguide clips run` to resume running and kept jobs (no new charge) and retry failed ones",
              "refused ones stay until their prompt changes"]
    if counts["uncertain"]:
        advice.append("uncertain ones need a look at the provider's dashboard first (see data/clips.yaml)")
    raise ClipsIncomplete(text + " Next: " + "; ".join(advice) + ".")
