"""Clip embeds: shown only for finished clips whose file exists; values from data are text."""

from __future__ import annotations

from generator.clips.schema import ClipsFile, SamplesFile
from generator.pages import ClipSet, plan_pages
from generator.render import render_pages

from .conftest import TODAY

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
    pages = [p for p in plan_pages(catalog, TODAY, clips=clip_set) if p.path == path]
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
