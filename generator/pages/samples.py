"""Clip embeds: the clips of the manifest shown on model, head-to-head and Samples pages.

Only finished clips whose file is in the docs folder are shown; with none, pages show no
sample section at all (never a broken embed). Links are relative URLs for raw HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..facts.catalog import Catalog
from ..facts.samples import Clip, ClipsFile, SamplesFile
from .format import cents
from .views import url_href

SAMPLES_PAGE = "samples/index.md"


@dataclass(frozen=True)
class ClipView:
    model: str
    src: str
    poster: str | None
    caption: str


@dataclass(frozen=True)
class SamplesContext:
    samples: tuple["SampleView", ...]


@dataclass(frozen=True)
class SampleView:
    id: str
    title: str
    prompt: str
    settings: str
    clips: tuple[ClipView, ...]


def _asset(page: str, file: str) -> str:
    """URL of a docs-relative file from ``page``'s built URL (directory URLs)."""
    base = url_href(page, "index.md")
    return file if base == "./" else base + file


def _caption(catalog: Catalog, clip: Clip) -> str:
    parts = [catalog.models[clip.model].name, catalog.platforms[clip.platform].name, f"made {clip.date.isoformat()}"]
    if clip.cost_usd is not None:
        parts.append(f"about {cents(clip.cost_usd)}")
    if clip.duration_seconds:
        parts.append(f"{clip.duration_seconds:g} s")
    return " · ".join(parts)


def _settings(sample) -> str:  # noqa: ANN001 - a Sample
    s = sample.settings
    return f"{s.seconds} s, {s.resolution}, {s.aspect_ratio}, {'with' if s.audio else 'without'} audio"


def sample_views(page: str, catalog: Catalog, samples: SamplesFile | None, clips: ClipsFile | None,
                 present: frozenset[str], models: tuple[str, ...] | None = None) -> tuple[SampleView, ...]:
    """Samples with at least one shown clip (of ``models``, if given), in file order. A clip
    made from an earlier prompt or settings is not shown under the current ones (side by side
    means the same request; ``clips run`` makes it again), nor one of a run no longer listed."""
    if samples is None or clips is None:
        return ()
    out, runs = [], samples.run_keys()
    for sample in samples.samples:
        shown = [c for c in clips.clips if c.sample == sample.id and c.status == "done" and c.file in present
                 and (models is None or c.model in models) and c.model in catalog.models
                 and (c.prompt, c.settings) == (sample.prompt, sample.settings)
                 and c.key in runs]
        if shown:
            out.append(SampleView(sample.id, sample.title, sample.prompt, _settings(sample), tuple(
                ClipView(catalog.models[c.model].name, _asset(page, c.file),
                         _asset(page, c.poster) if c.poster and c.poster in present else None, _caption(catalog, c))
                for c in shown)))
    return tuple(out)


@dataclass(frozen=True)
class ClipSet:
    """The sample prompts, the clip manifest, and which of its files are in the docs folder."""

    samples: SamplesFile | None = None
    clips: ClipsFile | None = None
    present: frozenset[str] = field(default_factory=frozenset)

    def views(self, page: str, catalog: Catalog, models: tuple[str, ...] | None = None) -> tuple[SampleView, ...]:
        return sample_views(page, catalog, self.samples, self.clips, self.present, models)
