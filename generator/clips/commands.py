"""The ``videoguide clips`` commands: load the data, plan, check the budget and keys, then
run the providers. Keys come only from environment variables and go only into the
providers' request headers; base URLs may be set by environment variable too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import os
import re
import sys
import time
from collections import Counter
from contextlib import ExitStack
from decimal import Decimal
from typing import Callable, Mapping

from ..facts.catalog import build_catalog
from ..costs import cents
from ..facts.errors import GuideError, UsageError
from ..pages import ClipSet
from ..facts.locate import near
from ..settings import Settings
from ..facts.validate import load_dataset
from ..write import exclusive_lock, replace_file
from .check import CLIPS_FILE, SAMPLES_FILE, check_samples
from .manifest import Manifest
from .plan import Job, check_budget, orphans, plan, plan_text
from .runner import Runner, Timing

PROVIDER_ENV: dict[str, tuple[str, str]] = {
    "gemini": ("GEMINI_API_KEY", "GOOGLE_GEMINI_BASE_URL"),
    "replicate": ("REPLICATE_API_TOKEN", "REPLICATE_BASE_URL"),
    "openai": ("OPENAI_API_KEY", "OPENAI_BASE_URL"),
}
"""Provider → (key variable, base-URL variable): the names the vendors' own SDKs read."""
LOCK_FILE = ".clips.lock"
"""In the data folder: held by a running ``clips run`` (git-ignored)."""
NEEDS = {"gemini": ("httpx",), "replicate": ("httpx",), "openai": ("openai",)}
"""Provider → the modules of the ``clips`` extra it imports."""


class ClipsIncomplete(GuideError):
    """``clips run`` ended with jobs failed, refused or still running (all recorded)."""


def _jobs(settings: Settings, only: str | None, today: dt.date | None,
          retry_uncertain: bool = False) -> tuple[list[Job], object, object]:
    dataset = load_dataset(settings.data_dir, (check_samples,))
    samples = dataset.vocabularies.get(SAMPLES_FILE)
    if samples is None:
        raise UsageError(f"{settings.data_dir / SAMPLES_FILE} is missing: it lists the sample prompts to run")
    if only is not None and only not in {s.id for s in samples.samples}:
        raise UsageError(f"unknown sample '{only}'; {near(only, [s.id for s in samples.samples])}")
    clips = dataset.vocabularies.get(CLIPS_FILE)
    present, altered = _files(settings, clips)
    jobs = plan(build_catalog(dataset), samples, clips, today or dt.date.today(), only, present, retry_uncertain,
                altered)
    return jobs, clips, samples


def _files(settings: Settings, clips) -> tuple[frozenset[str], frozenset[str]]:  # noqa: ANN001 - a ClipsFile
    """(present, altered): the manifest's files found under docs/, and the clips among them
    whose SHA-256 is not the one recorded (replaced by hand, or a Git LFS pointer)."""
    entries = clips.clips if clips else []
    present = frozenset(f for c in entries for f in (c.file, c.poster) if f and (settings.docs_dir / f).is_file())
    altered = frozenset(c.file for c in entries if c.file in present and c.sha256
                        and hashlib.sha256((settings.docs_dir / c.file).read_bytes()).hexdigest() != c.sha256)
    return present, altered


def clip_set(settings: Settings, dataset) -> ClipSet:  # noqa: ANN001 - a Dataset
    """Sample prompts, the clip manifest and which of its files are under the docs folder as
    made (an altered file is left out: the page shows no embed rather than a broken one)."""
    clips = dataset.vocabularies.get(CLIPS_FILE)
    present, altered = _files(settings, clips)
    return ClipSet(dataset.vocabularies.get(SAMPLES_FILE), clips, present - altered)


def clips_plan_text(settings: Settings, only: str | None = None, today: dt.date | None = None) -> str:
    """``videoguide clips plan``: every job, its state and estimated cost, then manifest entries
    no sample lists any more. Raises DataError or UsageError."""
    jobs, clips, samples = _jobs(settings, only, today)
    left = orphans(samples, clips) if only is None else []
    return plan_text(jobs) + "".join(
        f"\nNo longer in {SAMPLES_FILE} (delete the entry from {CLIPS_FILE}, and its file): {c.sample} on "
        f"{c.model} ({c.platform}), {c.status}" for c in left)


def make_providers(names: set[str], env: Mapping[str, str], timeout: float = 60.0,
                   sleep: Callable[[float], None] = time.sleep) -> dict:
    """One client per provider name, keyed from ``env``. Raises UsageError, before any call,
    naming (never showing) a missing key, or when the ``clips`` extra is not installed."""
    missing = sorted(PROVIDER_ENV[n][0] for n in names if not env.get(PROVIDER_ENV[n][0]))
    if missing:
        raise UsageError("set " + " and ".join(missing) + " in the environment (keys are read from there only)")
    odd = sorted(PROVIDER_ENV[n][0] for n in names if not re.fullmatch(r"[!-~]+", env[PROVIDER_ENV[n][0]]))
    if odd:
        raise UsageError(" and ".join(odd) + " should be printable ASCII without spaces or line breaks"
                         " (was it pasted with a newline?)")
    for name in names:
        url = env.get(PROVIDER_ENV[name][1])
        if url and not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[!-~]*)?", url):
            raise UsageError(f"{PROVIDER_ENV[name][1]} is not an http(s) URL such as https://host[:port][/path]")
    lacking = sorted({m for n in names for m in NEEDS[n] if importlib.util.find_spec(m) is None})
    if lacking:
        raise UsageError(f"the clips extra is not installed (no {', '.join(lacking)}): pip install -e '.[clips]'")
    from .gemini import GeminiProvider
    from .openai_videos import OpenAIVideosProvider
    from .replicate import ReplicateProvider

    classes = {"gemini": GeminiProvider, "replicate": ReplicateProvider, "openai": OpenAIVideosProvider}
    providers = {}
    for name in sorted(names):
        key_var, url_var = PROVIDER_ENV[name]
        extra = {"base_url": env[url_var]} if env.get(url_var) else {}
        providers[name] = classes[name](env[key_var], timeout=timeout, sleep=sleep, **extra)
    return providers


def clips_run_text(settings: Settings, budget: Decimal, only: str | None = None, dry_run: bool = False,
                   today: dt.date | None = None, env: Mapping[str, str] | None = None, timing: Timing | None = None,
                   progress: Callable[[str], None] | None = None, retry_uncertain: bool = False) -> str:
    """``videoguide clips run``: refuses before any call when the estimate exceeds ``budget``
    (BudgetError) or a key is missing (UsageError); with ``dry_run`` says what it would submit
    and makes no call; ``retry_uncertain`` submits again the creates whose answer never came.
    Raises ClipsIncomplete when a job failed, was refused, is uncertain or still runs, and
    UsageError when another run holds the manifest's lock."""
    if dry_run or not settings.data_dir.is_dir():  # (a missing folder is reported by the load)
        return _run_locked(settings, budget, only, dry_run, today, env, timing, progress, retry_uncertain)
    with ExitStack() as held:
        try:
            held.enter_context(exclusive_lock(settings.data_dir / LOCK_FILE))
        except BlockingIOError:
            raise UsageError(f"another `videoguide clips run` is working on {settings.data_dir}: wait for it to"
                             " end (two runs would each pay for the other's clips)") from None
        return _run_locked(settings, budget, only, False, today, env, timing, progress, retry_uncertain)


def _run_locked(settings: Settings, budget: Decimal, only: str | None, dry_run: bool, today: dt.date | None,
                env: Mapping[str, str] | None, timing: Timing | None, progress: Callable[[str], None] | None,
                retry_uncertain: bool) -> str:
    jobs, clips, _samples = _jobs(settings, only, today, retry_uncertain)
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
    if not settings.docs_dir.is_dir():
        raise UsageError(f"{settings.docs_dir} is not a folder: clips are written under its assets/clips/ (--docs)")
    say = progress or (lambda line: print(line, file=sys.stderr, flush=True))

    def wait(seconds: float) -> None:
        say(f"{'':<9} waiting {seconds:g} s before asking again (the server is busy or asked to wait)")
        timing.sleep(seconds)

    providers = make_providers({j.provider for j in active}, env, timing.request_timeout, wait)
    manifest = Manifest(clips, lambda text: replace_file(settings.data_dir / CLIPS_FILE, text))
    say(f"Generating {sum(j.needs_submission for j in active)} clip(s), estimated {cents(total)} "
        f"(budget {cents(budget)}); resuming {sum(j.state == 'submitted' for j in active)}.")
    secrets = tuple(env[PROVIDER_ENV[name][0]] for name in providers)
    counts = Runner(providers, manifest, settings.docs_dir, today or dt.date.today(), say, timing, secrets).run(active)
    counts["uncertain"] += sum(j.state == "uncertain" for j in jobs if j not in active)
    return _summary(counts, settings)


def _summary(counts: Counter, settings: Settings) -> str:
    extra = [f"{counts[k]} {k}" for k in ("kept", "uncertain") if counts[k]]
    text = (f"{counts['done']} done, {counts['failed']} failed, {counts['rejected']} refused by content policy, "
            f"{counts['running'] + counts['submitted']} still running" + "".join(", " + e for e in extra)
            + f"; recorded in {settings.data_dir / CLIPS_FILE}.")
    if counts["done"] == sum(counts.values()):
        return text
    advice = ["re-run `videoguide clips run` to resume running and kept jobs (no new charge) and retry failed ones",
              "refused ones stay until their prompt changes"]
    if counts["uncertain"]:
        advice.append("uncertain ones need a look at the provider's dashboard first (see data/clips.yaml)")
    raise ClipsIncomplete(text + " Next: " + "; ".join(advice) + ".")
