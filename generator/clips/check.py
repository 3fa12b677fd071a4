"""Checks of ``samples.yaml`` and ``clips.yaml`` beyond their schema: every run names a
model, a platform a provider can call and the model's id there, once per sample, with only
price-neutral parameters; every clip names a model and a platform that exist, once, with safe
paths and what its status needs. Problems are located like every other data problem."""

from __future__ import annotations

import re
from typing import Iterator

from ..facts.dataset import Dataset
from ..facts.errors import Problem
from ..facts.locate import problem_at, unknown_id
from ..facts.samples import CLIPS_FILE, SAMPLES_FILE

PROVIDERS: dict[str, str] = {"gemini-api": "gemini", "replicate": "replicate", "openai-api": "openai"}
"""Platform id → the provider client that calls it (OpenAI's Videos API is legacy: it shut
down on 2026-09-24 and remains for gateways that still speak its shape)."""
JOB_ID = r"[!-~]{1,500}"
"""A provider's job id as stored and sent back: printable ASCII, no spaces or control characters."""
CLIPS_FOLDER = "assets/clips"
"""Where clip files live, relative to the docs folder."""


def _platforms(dataset: Dataset) -> set[str]:
    parsed = dataset.vocabularies.get("platforms.yaml")
    return {p.id for p in parsed.platforms} if parsed else set()


def _run_problems(dataset: Dataset, doc, loc: tuple, model: str, platform: str) -> Iterator[Problem]:  # noqa: ANN001
    if model not in dataset.model_ids:
        yield problem_at(doc, loc + ("model",), unknown_id("model", model, dataset.model_ids))
        return
    if platform not in PROVIDERS:
        yield problem_at(doc, loc + ("platform",), f"no clip provider for platform '{platform}'; providers call: "
                         + ", ".join(sorted(PROVIDERS)))
        return
    record = dataset.models.get(model)
    if record is not None and platform not in record[1].platform_ids:
        yield problem_at(doc, loc + ("platform",), f"model '{model}' has no id on '{platform}': add it to "
                         f"platform_ids in models/{model}.yaml")


FREE_INPUTS = frozenset({"negativeprompt", "seed", "persongeneration", "enhanceprompt"})
"""The only inputs a run's ``parameters`` may set (compared without case, ``_`` or ``-``):
documented inputs that do not change what a clip costs (§4.1). Anything else could make the
provider bill more than the estimate the budget was checked against."""


def _parameter_problems(doc, loc: tuple, run) -> Iterator[Problem]:  # noqa: ANN001 - a document, a SampleRun
    for name in run.parameters:
        if name.lower().replace("_", "").replace("-", "") not in FREE_INPUTS:
            yield problem_at(doc, loc + ("parameters", name), f"'{name}' may change the price, which the budget "
                             "check could not see; parameters may set only negative prompt, seed, person "
                             "generation and prompt enhancement (length, resolution, ratio: use settings)", at_key=True)


def _audio_problems(doc, i: int, sample) -> Iterator[Problem]:  # noqa: ANN001 - a document, a Sample
    if not sample.settings.audio:
        yield problem_at(doc, ("samples", i, "settings", "audio"), "no provider input documented here turns sound "
                         "off (Veo on the Gemini API always makes it), so the clip would cost and sound other than "
                         "planned; use audio: true")


SUFFIXES = {"file": (".mp4", ".webm", ".mov"), "poster": (".webp", ".jpg", ".jpeg", ".png")}


def _clip_problems(doc, i: int, clip) -> Iterator[Problem]:  # noqa: ANN001 - a document, a Clip
    for name, suffixes in SUFFIXES.items():
        path = getattr(clip, name)
        if path is not None and (not path.startswith(CLIPS_FOLDER + "/") or ".." in path.split("/")
                                 or "\\" in path or ":" in path or not path.lower().endswith(suffixes)):
            yield problem_at(doc, ("clips", i, name), f"expected a path under {CLIPS_FOLDER}/ in docs/ ending in "
                             + " or ".join(suffixes) + f", got '{path}'")
    if clip.job is not None and not re.fullmatch(JOB_ID, clip.job):
        yield problem_at(doc, ("clips", i, "job"), "a job id is printable ASCII without spaces")
    needs = {"done": ("file", "sha256", "job"), "submitted": ("job",)}.get(clip.status, ())
    for name in needs:
        if getattr(clip, name) is None:
            yield problem_at(doc, ("clips", i, "status"), f"a {clip.status} clip needs '{name}'")


def check_samples(dataset: Dataset) -> Iterator[Problem]:
    """Located problems of samples.yaml and clips.yaml (both optional)."""
    samples = dataset.vocabularies.get(SAMPLES_FILE)
    if samples is not None:
        yield from _sample_problems(dataset, samples)
    clips = dataset.vocabularies.get(CLIPS_FILE)
    if clips is not None:
        yield from _manifest_problems(dataset, samples, clips)


def _sample_problems(dataset: Dataset, samples) -> Iterator[Problem]:  # noqa: ANN001 - a SamplesFile
    doc = dataset.documents[SAMPLES_FILE]
    sources = dataset.vocabularies.get("sources.yaml")
    source_ids = {s.id for s in sources.sources} if sources else set()
    seen: set[str] = set()
    for i, sample in enumerate(samples.samples):
        if sample.id in seen:
            yield problem_at(doc, ("samples", i, "id"), f"duplicate sample id '{sample.id}'")
        seen.add(sample.id)
        if sample.prompt_source and sources and sample.prompt_source not in source_ids:
            yield problem_at(doc, ("samples", i, "prompt_source"),
                             unknown_id("source", sample.prompt_source, source_ids))
        yield from _audio_problems(doc, i, sample)
        runs: set[tuple[str, str]] = set()
        for j, run in enumerate(sample.runs):
            loc = ("samples", i, "runs", j)
            if (run.model, run.platform) in runs:
                yield problem_at(doc, loc, f"'{run.model}' on '{run.platform}' is listed twice in this sample")
            runs.add((run.model, run.platform))
            yield from _run_problems(dataset, doc, loc, run.model, run.platform)
            yield from _parameter_problems(doc, loc, run)


def _manifest_problems(dataset: Dataset, samples, clips) -> Iterator[Problem]:  # noqa: ANN001
    """Entries of a sample or run no longer in samples.yaml are not problems: ``clips plan``
    lists them, and pages do not show them."""
    doc = dataset.documents[CLIPS_FILE]
    seen: set[tuple[str, str, str]] = set()
    for i, clip in enumerate(clips.clips):
        if clip.model not in dataset.model_ids:
            yield problem_at(doc, ("clips", i, "model"), f"unknown model '{clip.model}'")
        if clip.platform not in _platforms(dataset):
            yield problem_at(doc, ("clips", i, "platform"), f"unknown platform '{clip.platform}'")
        elif PROVIDERS.get(clip.platform, clip.provider) != clip.provider:
            yield problem_at(doc, ("clips", i, "provider"), f"'{clip.platform}' is called through "
                             f"'{PROVIDERS[clip.platform]}', not '{clip.provider}'")
        if clip.key in seen:
            yield problem_at(doc, ("clips", i), f"a second entry for {clip.sample} on {clip.model} "
                             f"({clip.platform}); keep one")
        seen.add(clip.key)
        yield from _clip_problems(doc, i, clip)
