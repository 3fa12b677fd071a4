"""``videoguide clips run``: submit what the plan lacks, poll every submitted job (also those
of an earlier, interrupted run) until it ends or the wait runs out, download finished clips
and record every outcome in the manifest as it happens.

Content-policy refusals are recorded as ``rejected`` and never retried; failures keep the
provider's message and are retried on the next run; a failed download leaves the job
``submitted`` so the next run downloads it without paying again.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from ..facts.samples import Clip, ClipSettings
from .check import CLIPS_FOLDER, JOB_ID
from .http import JobState, PolicyRejected, ProviderError
from .manifest import Manifest
from .plan import Job

MAX_MESSAGE = 500
MIN_SECRET = 8
"""Shorter values are not masked (a placeholder key of one letter would garble every line)."""
UNCLEAR = ("without a clear answer to the create request, the provider may have started (and charged for) a"
           " job this tool cannot see: check its dashboard, then set the entry to submitted with that job id, or"
           " run with --retry-uncertain to submit it again")
UNANSWERED = "being created; if this stays, the run ended before the answer: " + UNCLEAR


class Provider(Protocol):
    name: str

    def submit(self, model: str, prompt: str, settings: ClipSettings, extra: dict | None = None) -> str: ...
    def poll(self, job: str) -> JobState: ...
    def download(self, state: JobState, target: Path) -> tuple[str, int]: ...
    def download_poster(self, state: JobState, target: Path) -> bool: ...


@dataclass
class Timing:
    """Seconds between polls (growing ×1.5 up to ``max_interval``, or the provider's hint),
    the longest wait for all jobs, and the timeout of one request; ``sleep`` and ``clock``
    are injectable for tests."""

    interval: float = 10.0
    max_interval: float = 60.0
    max_wait: float = 30 * 60.0
    request_timeout: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic


def clip_paths(job: Job) -> tuple[str, str]:
    """Docs-relative (video, poster) paths of a job's clip."""
    stem = f"{CLIPS_FOLDER}/{job.sample.id}/{job.model}--{job.platform}"
    return f"{stem}.mp4", f"{stem}.webp"


class Runner:
    """Runs jobs through ``providers`` (provider name → Provider), recording in ``manifest``
    and saving clips under ``docs_dir``; ``progress`` gets one line per event."""

    def __init__(self, providers: dict[str, Provider], manifest: Manifest, docs_dir: Path, today: dt.date,
                 progress: Callable[[str], None], timing: Timing | None = None, secrets: tuple[str, ...] = ()):
        self.providers, self.manifest, self.docs_dir, self.today = providers, manifest, docs_dir, today
        self.progress, self.timing = progress, timing or Timing()
        self.secrets = tuple(s for s in secrets if len(s) >= MIN_SECRET)
        self.live: dict[str, str] = {}

    def clean(self, text: str) -> str:
        """A provider's words made safe to show and store: any key it echoed is masked, runs
        of white space (line breaks of a traceback) become one space, and the text is cut at
        MAX_MESSAGE characters."""
        text = text.encode("utf-8", "replace").decode("utf-8")  # (lone surrogates from JSON escapes)
        for secret in self.secrets:
            text = _mask(text, secret)
        text = "".join(c for c in " ".join(text.split()) if unicodedata.category(c)[0] != "C")
        return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"

    def _say(self, job: Job, event: str, detail: str = "") -> None:
        self.live[_name(job)] = event
        counts = Counter(self.live.values())
        shown = ("submitted", "running", "done", "failed", "rejected") + tuple(
            s for s in ("kept", "uncertain") if counts[s])
        tally = ", ".join(f"{counts[s]} {s}" for s in shown)
        self.progress(f"{event:<9} {_name(job)}" + (f": {self.clean(detail)}" if detail else "") + f"  [{tally}]")

    def submit(self, job: Job) -> Clip:
        """Create the job at the provider. The entry is recorded ``uncertain`` before the
        request leaves, then ``submitted`` with the job id, or ``rejected``/``failed`` when the
        provider answered no; it stays ``uncertain`` when no answer came."""
        s = job.sample
        pending = self.manifest.record(Clip(
            sample=s.id, model=job.model, platform=job.platform, provider=job.provider, status="uncertain",
            settings=s.settings, parameters=job.parameters, prompt=s.prompt, date=self.today, cost_usd=job.estimate,
            duration_seconds=float(s.settings.seconds), message=UNANSWERED))
        try:
            handle = self.providers[job.provider].submit(job.provider_model, s.prompt, s.settings, job.parameters)
        except PolicyRejected as exc:
            return self._end(job, pending, "rejected", str(exc))
        except ProviderError as exc:
            if exc.definite:
                return self._end(job, pending, "failed", str(exc))
            return self._end(job, pending, "uncertain", f"{exc}; {UNCLEAR}")
        if not re.fullmatch(JOB_ID, handle) or self.clean(handle) != handle:
            return self._end(job, pending, "uncertain", f"the provider answered with an unusable job id; {UNCLEAR}")
        self._say(job, "submitted", handle)
        return self.update(pending, status="submitted", job=handle, message=None)

    def update(self, clip: Clip, **changes: object) -> Clip:
        """Record ``clip`` with ``changes``, validated as the manifest will be read back."""
        return self.manifest.record(Clip.model_validate({**clip.model_dump(), **changes}))

    def _end(self, job: Job, clip: Clip, status: str, message: str) -> Clip:
        self._say(job, status, message)
        return self.update(clip, status=status, message=self.clean(message) or "(the provider gave no reason)")

    def _keep(self, job: Job, clip: Clip, exc: ProviderError, then: str) -> None:
        """Leave a paid job ``submitted`` with the reason, for the next run to ``then``."""
        self._say(job, "kept", f"{exc}; re-run to {then} (no new charge)")
        self.update(clip, message=self.clean(str(exc)))

    def poll(self, job: Job, clip: Clip) -> JobState | None:
        """One poll; returns the state while the job runs (a passing error counts as running),
        None once it has ended or is kept for the next run."""
        try:
            state = self.providers[job.provider].poll(clip.job)
        except ProviderError as exc:
            if exc.status == 404:
                exc = ProviderError(f"{exc}: the provider does not know this job (expired, or a wrong job id, base"
                                    " URL or key?); check its dashboard, or delete the entry to make it again", 404)
            if exc.lasting:
                self._keep(job, clip, exc, "poll it again")
                return None
            self._say(job, "running", f"{exc}; polling again")
            return JobState("running")
        if state.status == "running":
            self._say(job, "running", state.message or "")
            return state
        if state.status in ("rejected", "failed"):
            self._end(job, clip, state.status, state.message or state.status)
            return None
        self.fetch(job, clip, state)
        return None

    def fetch(self, job: Job, clip: Clip, state: JobState) -> None:
        """Download a finished clip (and its poster) and record it ``done``; a failed download
        keeps it ``submitted`` with the reason, for the next run."""
        provider = self.providers[job.provider]
        video, poster = clip_paths(job)
        try:
            sha256, size = provider.download(state, self.docs_dir / video)
        except (ProviderError, OSError) as exc:
            if isinstance(exc, OSError):
                exc = ProviderError(f"download: could not write docs/{video} ({exc.strerror or type(exc).__name__})")
            self._keep(job, clip, exc, "download it")
            return
        try:
            has_poster = state.poster is not None and provider.download_poster(state, self.docs_dir / poster)
        except (ProviderError, OSError) as exc:
            self.progress(f"{'':<9} {_name(job)}: no poster frame ({self.clean(str(exc))})")
            has_poster = False
        self._say(job, "done", f"{video} ({size:,} bytes)")
        self.update(clip, status="done", sha256=sha256, file=video, poster=poster if has_poster else None, message=None)

    def run(self, jobs: list[Job]) -> Counter:
        """Submit the jobs that need it, then poll every submitted one until all end or
        ``timing.max_wait`` passes (those stay ``submitted``, to resume)."""
        pending = []
        for job in jobs:
            if job.needs_submission:
                clip = self.submit(job)
            elif job.state == "submitted":
                clip = job.clip
                self._say(job, "submitted", f"resuming {clip.job}")
            else:
                continue
            if clip.status == "submitted":
                pending.append((job, clip))
        self._wait(pending)
        return self.outcome()

    def _wait(self, pending: list[tuple[Job, Clip]]) -> None:
        t, start, interval = self.timing, self.timing.clock(), self.timing.interval
        while pending:
            hints, still = [], []
            for job, clip in pending:
                state = self.poll(job, clip)
                if state is not None:
                    still.append((job, clip))
                    hints.append(state.wait)
            pending = still
            if not pending:
                return
            waited = t.clock() - start
            if waited >= t.max_wait:
                for job, _clip in pending:
                    self._say(job, "running", f"still running after {waited:.0f} s: re-run to resume (no new charge)")
                return
            given = [h for h in hints if h is not None]
            t.sleep(min(max(given) if given else interval, t.max_wait - waited))
            interval = min(interval * 1.5, t.max_interval)

    def outcome(self) -> Counter:
        """How many jobs of this run ended in each state (``running``: still running)."""
        return Counter(self.live.values())


def _mask(text: str, secret: str) -> str:
    """``text`` without ``secret``, nor (for a key of 16+ characters) its first 6+ or last 4+
    characters, as providers quote a wrong key: ``sk-SECRE****3456``."""
    text = text.replace(secret, "[key]")
    if len(secret) >= 16:
        for n in range(len(secret) - 1, 5, -1):
            text = text.replace(secret[:n], "[key]")
        for n in range(len(secret) - 1, 3, -1):
            text = text.replace(secret[-n:], "[key]")
    return text


def _name(job: Job) -> str:
    return f"{job.sample.id} on {job.model_name} ({job.platform})"
