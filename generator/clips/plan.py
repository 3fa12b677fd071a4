"""What ``videoguide clips plan`` shows and ``clips run`` would do: one job per sample run,
its state in the manifest, and its cost estimated from the price data (the calculator's code).

Pure functions; the manifest and the files on disk are read by the pipeline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..answers.asof import AsOf
from ..answers.costs import ClipRequest, Unavailable, model_quotes, priced_offers
from ..facts.samples import Clip, ClipsFile, Sample, SamplesFile
from ..pages.costs import why_text
from ..pages.format import cents
from .check import PROVIDERS


class BudgetError(Exception):
    """``clips run`` refused before the first call: over budget, or a cost that cannot be estimated."""


@dataclass(frozen=True)
class Job:
    """One sample on one model and platform. ``estimate`` is USD for one clip (None: no
    documented price, ``why`` says so); ``clip`` is its manifest entry."""

    sample: Sample
    model: str
    model_name: str
    platform: str
    provider: str
    provider_model: str
    estimate: Decimal | None
    why: str | None
    clip: Clip | None
    parameters: dict = field(default_factory=dict)
    retry_uncertain: bool = False
    file_missing: bool = False
    file_altered: bool = False

    @property
    def state(self) -> str:
        """``submitted`` (resumed by polling, not paid again), ``uncertain`` (a create whose
        answer never came: made again only with ``retry_uncertain``), ``changed`` (the prompt,
        settings or parameters were edited since: made again), ``done``, ``rejected`` (content policy:
        not retried until the prompt changes), ``failed`` (retried) or ``missing``."""
        if self.clip is None:
            return "missing"
        if self.clip.status not in ("submitted", "uncertain") and (
                self.clip.prompt, self.clip.settings, self.clip.parameters) != (
                self.sample.prompt, self.sample.settings, self.parameters):
            return "changed"
        return self.clip.status

    @property
    def needs_submission(self) -> bool:
        return self.state in ("missing", "failed", "changed") or (self.retry_uncertain and self.state == "uncertain")

    @property
    def note(self) -> str:
        """What the editor should know about the state, or ''."""
        if self.state == "uncertain" and not self.retry_uncertain:
            return (" (a create got no clear answer: check the provider's dashboard; if the job is there, set"
                    " status: submitted and its job id in data/clips.yaml, else run with --retry-uncertain)")
        if self.state == "done" and self.file_missing:
            return f" (its file docs/{self.clip.file} is missing: restore it, or delete the entry to make it again)"
        if self.state == "done" and self.file_altered:
            return f" (docs/{self.clip.file} is not the file made: its SHA-256 differs from the manifest's)"
        return ""


def _estimate(view: AsOf, sample: Sample, model: str, platform: str) -> tuple[Decimal | None, str | None]:
    """USD for one clip at the run's platform's standard tier (what a call is billed: never a
    batch price), or None and why. A length the model does not make has no estimate: the API
    would refuse it, and the calculator would price a longer one."""
    s, state = sample.settings, view.models[model]
    record = state.model
    request = ClipRequest(s.seconds, resolution=s.resolution, aspect_ratio=s.aspect_ratio, audio=s.audio)
    try:
        offers = [o for o in priced_offers(state)
                  if o.platform is not None and o.platform.id == platform and o.tier == "standard"]
        quotes = model_quotes(state, request, offers) if offers else []
    except Unavailable as cannot:
        return None, why_text(cannot.why)
    if not quotes:
        return None, f"no documented standard-tier price on {view.catalog.platforms[platform].name}"
    if quotes[0].billed_seconds != s.seconds:
        return None, f"{record.name} does not make {s.seconds} s clips: it would be {why_text(quotes[0].caveats[0])}"
    return quotes[0].per_clip, None


def plan(view: AsOf, samples: SamplesFile, clips: ClipsFile | None, only: str | None = None,
         present: frozenset[str] | None = None, retry_uncertain: bool = False,
         altered: frozenset[str] = frozenset()) -> list[Job]:
    """Every job of every sample (or of sample ``only``), in file order. ``present`` holds the
    clip files found under docs/ (None: not looked at); ``altered`` those whose SHA-256 is not
    the manifest's."""
    entries = {clip.key: clip for clip in (clips.clips if clips else [])}
    jobs = []
    for sample in samples.samples:
        if only is not None and sample.id != only:
            continue
        for run in sample.runs:
            model = view.catalog.models[run.model]
            estimate, why = _estimate(view, sample, run.model, run.platform)
            clip = entries.get((sample.id, run.model, run.platform))
            missing = present is not None and clip is not None and clip.file is not None and clip.file not in present
            jobs.append(Job(sample, run.model, model.name, run.platform, PROVIDERS[run.platform],
                            model.platform_ids[run.platform], estimate, why, clip, dict(run.parameters),
                            retry_uncertain, missing, clip is not None and clip.file in altered))
    return jobs


def orphans(samples: SamplesFile, clips: ClipsFile | None) -> list[Clip]:
    """Manifest entries whose sample or run is no longer in samples.yaml (pages skip them)."""
    runs = samples.run_keys()
    return [c for c in (clips.clips if clips else []) if c.key not in runs]


def check_budget(jobs: list[Job], budget: Decimal) -> Decimal:
    """The estimated cost of the jobs to submit; raises BudgetError when it exceeds
    ``budget`` (USD) or when a job to submit has no documented price."""
    todo = [j for j in jobs if j.needs_submission]
    unpriced = [j for j in todo if j.estimate is None]
    if unpriced:
        raise BudgetError("cannot check the budget: no estimate for " + "; ".join(
            f"{j.sample.id} on {j.model_name} ({j.platform}): {j.why}" for j in unpriced)
            + ". Leave these runs out of samples.yaml or run other samples with --only.")
    total = sum((j.estimate for j in todo), Decimal(0))
    if total > budget:
        raise BudgetError(f"the estimate {cents(total)} for {len(todo)} clip(s) exceeds the budget {cents(budget)};"
                          " nothing was submitted")
    return total


def plan_text(jobs: list[Job]) -> str:
    """``videoguide clips plan``: one line per job with its state and estimate, then the total to generate."""
    lines = []
    for j in jobs:
        cost = cents(j.estimate) if j.estimate is not None else f"no estimate ({j.why})"
        said = f" [{j.clip.message}]" if j.clip and j.clip.message and j.state in ("failed", "rejected",
                                                                                   "submitted") else ""
        lines.append(f"{j.sample.id}: {j.model_name} on {j.platform} via {j.provider} "
                     f"({j.provider_model}): {j.state}, {cost}{j.note}{said}")
    todo = [j for j in jobs if j.needs_submission]
    priced = sum((j.estimate for j in todo if j.estimate is not None), Decimal(0))
    unpriced = sum(1 for j in todo if j.estimate is None)
    rest = Counter(j.state for j in jobs if not j.needs_submission)
    lines.append(f"To generate: {len(todo)} clip(s), estimated {cents(priced)}"
                 + (f" plus {unpriced} without a documented price" if unpriced else "")
                 + "; " + (", ".join(f"{n} {state}" for state, n in sorted(rest.items())) or "nothing else") + ".")
    return "\n".join(lines)
