"""The clip manifest ``data/clips.yaml`` as the runner keeps it: one entry per sample, model
and platform (a new run replaces the entry), written whole after every change so an
interrupted run resumes from what it had submitted."""

from __future__ import annotations

from typing import Callable

import yaml

from ..facts.samples import Clip, ClipsFile

HEADER = """\
# Sample clips made by `videoguide clips run` (one entry per sample, model and platform).
# status: submitted (re-run to resume: the job is polled, never paid twice), done, failed
# (retried on the next run), rejected (content policy: not retried until the prompt changes),
# uncertain (a create got no answer: check the provider's dashboard; `clips run --retry-uncertain`
# sends it again, or set status: submitted and the job id found there to poll it).
# Files are under docs/; cost_usd is the estimate from the price data when submitted.
"""


def clips_yaml(clips: list[Clip]) -> str:
    """The whole file. Raises ValueError if the text would not read back as the same entries."""
    data = {"clips": [_entry(c) for c in clips]}
    text = HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, indent=2)
    if ClipsFile.model_validate(yaml.safe_load(text)).clips != clips:
        raise ValueError("the clip manifest would not read back as written")
    return text


def _entry(clip: Clip) -> dict:
    entry = clip.model_dump(mode="json", exclude_none=True)
    if not entry["parameters"]:
        del entry["parameters"]
    return entry


class Manifest:
    """The entries in file order; ``record`` replaces or appends one and saves the whole file
    through ``save`` (the pipeline's writer, which gets the YAML text)."""

    def __init__(self, clips: ClipsFile | None, save: Callable[[str], None]):
        self.clips: list[Clip] = list(clips.clips) if clips else []
        self._save = save

    def record(self, clip: Clip) -> Clip:
        for i, old in enumerate(self.clips):
            if old.key == clip.key:
                self.clips[i] = clip
                break
        else:
            self.clips.append(clip)
        self._save(clips_yaml(self.clips))
        return clip
