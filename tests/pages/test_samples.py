"""Clip embeds: shown only for finished clips whose file exists; values from data are text."""

from __future__ import annotations

import pytest

from generator.facts.samples import ClipsFile, SamplesFile
from generator.pages.plan import plan_pages
from generator.pages.render import render_pages
from generator.pages.samples import ClipSet

from ..conftest import TODAY, at

SAMPLES = SamplesFile.model_validate({"samples": [{
    "id": "bottle", "title": "A <b>bottle</b>", "prompt": "A bottle <script>alert(1)</script> tips over.",
    "settings": {"seconds": 8, "resolution": "720p", "aspect_ratio": "16:9", "audio": True},
    "runs": [{"model": "veo-3-1", "platform": "gemini-api"}]}]})


def _clips(status: str = "done", prompt: str = SAMPLES.samples[0].prompt, **extra: str) -> ClipsFile:
    return ClipsFile.model_validate({"clips": [{**extra, 
        "sample": "bottle", "model": "veo-3-1", "platform": "gemini-api", "provider": "gemini", "job": "op-1",
        "status": status, "settings": {"seconds": 8, "resolution": "720p", "aspect_ratio": "16:9", "audio": True},
        "prompt": prompt, "date": "2026-11-29", "cost_usd": "3.20", "duration_seconds": 8,
        "file": "assets/clips/bottle--veo-3-1.webm"}]})


def _page(catalog, clip_set: ClipSet, path: str) -> str:
    pages = [p for p in plan_pages(at(catalog), clips=clip_set) if p.path == path]
    return render_pages(pages)[path]


def test_a_finished_clip_is_embedded_on_its_model_page_and_the_samples_page(real_catalog):
    clip_set = ClipSet(SAMPLES, _clips(), frozenset({"assets/clips/bottle--veo-3-1.webm"}))
    model = _page(real_catalog, clip_set, "models/veo-3-1.md")
    assert ('<video controls preload="none" src="../../assets/clips/bottle--veo-3-1.webm" '
            'aria-label="Veo 3.1: A &lt;b&gt;bottle&lt;/b&gt;"></video>') in model
    assert "<figcaption>Veo 3.1 · Gemini API (Google AI Studio) · made 2026-11-29 · about $3.20 · 8 s</figcaption>" in model
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in model and "<script>" not in model
    samples = _page(real_catalog, clip_set, "samples/index.md")
    assert 'src="../assets/clips/bottle--veo-3-1.webm"' in samples


def test_the_poster_frame_when_the_provider_gave_one(real_catalog):
    files = {"assets/clips/bottle--veo-3-1.webm", "assets/clips/bottle--veo-3-1.webp"}
    clip_set = ClipSet(SAMPLES, _clips(poster="assets/clips/bottle--veo-3-1.webp"), frozenset(files))
    assert ('src="../../assets/clips/bottle--veo-3-1.webm" poster="../../assets/clips/bottle--veo-3-1.webp"'
            in _page(real_catalog, clip_set, "models/veo-3-1.md"))


def test_no_section_without_a_finished_clip_of_the_current_prompt_on_disk(real_catalog):
    present = frozenset({"assets/clips/bottle--veo-3-1.webm"})
    moved = SamplesFile.model_validate({"samples": [{**SAMPLES.samples[0].model_dump(), "runs": [
        {"model": "veo-3-1", "platform": "vertex-ai"}]}]})
    for clip_set in (ClipSet(SAMPLES, _clips(), frozenset()), ClipSet(SAMPLES, _clips("submitted"), present),
                     ClipSet(SAMPLES, _clips(prompt="An earlier prompt."), present), ClipSet(moved, _clips(), present)):
        assert "Sample clips" not in _page(real_catalog, clip_set, "models/veo-3-1.md")
        assert "No sample clip has been made yet" in _page(real_catalog, clip_set, "samples/index.md")


def test_an_altered_clip_file_is_not_embedded(project_with_clip):
    from generator.facts.validate import load_dataset
    from generator.pipeline import clip_set

    settings, file = project_with_clip
    assert file in clip_set(settings, load_dataset(settings.data_dir)).present
    (settings.docs_dir / file).write_text("version https://git-lfs.github.com/spec/v1\n")
    assert file not in clip_set(settings, load_dataset(settings.data_dir)).present


@pytest.fixture
def project_with_clip(tmp_path):
    import hashlib

    import yaml

    from generator.clips.manifest import clips_yaml
    from generator.facts.samples import Clip

    from ..conftest import copy_project

    settings = copy_project(tmp_path / "project")
    sample = next(s for s in SamplesFile.model_validate(yaml.safe_load(
        (settings.data_dir / "samples.yaml").read_text())).samples if s.id == "juice-bottle")
    file = "assets/clips/juice-bottle/veo-3-1--gemini-api.mp4"
    (settings.docs_dir / file).parent.mkdir(parents=True)
    (settings.docs_dir / file).write_bytes(b"\x1aE\xdf\xa3" + bytes(2000))
    (settings.data_dir / "clips.yaml").write_text(clips_yaml([Clip(
        sample="juice-bottle", model="veo-3-1", platform="gemini-api", provider="gemini", job="op-1", status="done",
        settings=sample.settings, prompt=sample.prompt, date=TODAY, cost_usd="3.20",
        sha256=hashlib.sha256((settings.docs_dir / file).read_bytes()).hexdigest(), file=file)]))
    return settings, file
