"""The Gemini provider against a local fake of the documented request and response shapes."""

from __future__ import annotations

import hashlib

import pytest

from generator.clips.gemini import GeminiProvider
from generator.clips.http import JobState, ProviderError
from generator.facts.samples import ClipSettings

from ..fakes import KEY, VIDEO, FakeGemini

SETTINGS = ClipSettings(seconds=8, resolution="720p", aspect_ratio="16:9", audio=True)
OP = {"name": "models/veo-3.1-generate-preview/operations/op1"}


@pytest.fixture
def fake():
    server = FakeGemini()
    yield server
    server.close()


def _provider(fake, **kwargs) -> tuple[GeminiProvider, list[float]]:
    waits: list[float] = []
    return GeminiProvider(KEY, fake.url, sleep=waits.append, **kwargs), waits


def test_success_submit_poll_download(fake, tmp_path):
    fake.script = {"create": [(200, OP, {})],
                   "poll": [(200, {**OP, "done": False}, {}), (200, fake.done(), {})],
                   "download": [(200, VIDEO, {"Content-Type": "video/webm"})]}
    provider, _ = _provider(fake)
    job = provider.submit("veo-3.1-generate-preview", "A bottle tips over.", SETTINGS)
    assert job == OP["name"]
    assert provider.poll(job).status == "running"
    state = provider.poll(job)
    assert state.status == "done"
    sha, size = provider.download(state, tmp_path / "clip.webm")
    assert (sha, size) == (hashlib.sha256(VIDEO).hexdigest(), len(VIDEO))
    assert (tmp_path / "clip.webm").read_bytes() == VIDEO
    method, path, sent = fake.requests[0]
    assert (method, path) == ("POST", "/v1beta/models/veo-3.1-generate-preview:predictLongRunning")
    assert sent["body"] == {"instances": [{"prompt": "A bottle tips over."}], "parameters": {
        "aspectRatio": "16:9", "resolution": "720p", "durationSeconds": 8, "sampleCount": 1}}
    assert fake.requests[1][1] == "/v1beta/" + OP["name"]


def test_429_is_retried_after_the_servers_delay(fake):
    busy = {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "You exceeded your current quota"}}
    fake.script = {"create": [(429, busy, {"Retry-After": "7"}), (429, busy, {}), (200, OP, {})]}
    provider, waits = _provider(fake)
    assert provider.submit("veo-3.1-generate-preview", "p", SETTINGS) == OP["name"]
    assert waits == [7.0, 4.0]  # the server's Retry-After, then exponential backoff


def test_429_that_does_not_clear_is_an_error(fake):
    fake.script = {"create": [(429, {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "quota"}}, {})]}
    provider, waits = _provider(fake, retries=2)
    with pytest.raises(ProviderError, match="create: HTTP 429 RESOURCE_EXHAUSTED quota"):
        provider.submit("veo-3.1-generate-preview", "p", SETTINGS)
    assert len(waits) == 2


def test_policy_rejection_and_job_failure_are_told_apart(fake):
    rai = {**OP, "done": True, "response": {"generateVideoResponse": {
        "raiMediaFilteredCount": 1, "raiMediaFilteredReasons": ["The prompt may depict a real person."]}}}
    failed = {**OP, "done": True, "error": {"code": 13, "message": "Internal error while generating."}}
    fake.script = {"poll": [(200, rai, {}), (200, failed, {})]}
    provider, _ = _provider(fake)
    state = provider.poll(OP["name"])
    assert (state.status, state.uri, state.message) == ("rejected", None, "The prompt may depict a real person.")
    state = provider.poll(OP["name"])
    assert (state.status, state.message) == ("failed", "Internal error while generating.")


def test_a_slow_server_times_out(fake):
    fake.delay = 1.0
    fake.script = {"create": [(200, OP, {})]}
    provider, _ = _provider(fake, timeout=0.2)
    with pytest.raises(ProviderError, match="timed out"):
        provider.submit("veo-3.1-generate-preview", "p", SETTINGS)


@pytest.mark.parametrize(("headers", "body", "message"), [
    ({"Content-Type": "video/webm", "Content-Length": str(len(VIDEO) + 5000)}, VIDEO, "download: "),
    ({"Content-Type": "text/html"}, b"<html>sign in</html>" * 100, "expected a video, got text/html"),
    ({"Content-Type": "video/webm"}, b"\x1aE\xdf\xa3", "got 4 bytes, expected at least 1024"),
], ids=["truncated", "not-a-video", "too-small"])
def test_a_bad_download_leaves_no_file(fake, tmp_path, headers, body, message):
    fake.script = {"download": [(200, body, dict(headers))]}
    provider, _ = _provider(fake)
    with pytest.raises(ProviderError, match=message):
        provider.download(JobState("done", uri=f"{fake.url}/v1beta/files/abc:download?alt=media"), tmp_path / "clip.webm")
    assert list(tmp_path.iterdir()) == []


def test_the_key_is_sent_only_as_a_header_and_never_shown(fake, tmp_path):
    fake.script = {"create": [(500, {"error": {"code": 500, "message": "boom"}}, {})]}
    provider, _ = _provider(fake, retries=0)
    with pytest.raises(ProviderError) as exc:
        provider.submit("veo-3.1-generate-preview", "p", SETTINGS)
    assert KEY not in str(exc.value) and KEY not in repr(exc.value)
    assert all(KEY not in path for _m, path, _s in fake.requests)
    assert fake.requests[0][2]["headers"]["x-goog-api-key"] == KEY
    wrong = GeminiProvider("other", fake.url, sleep=lambda s: None, retries=0)
    with pytest.raises(ProviderError, match="create: HTTP 401 UNAUTHENTICATED bad key") as exc:
        wrong.submit("veo-3.1-generate-preview", "p", SETTINGS)
    assert "other" not in str(exc.value)


@pytest.mark.parametrize(("answer", "expected"), [
    ({**OP, "done": True, "response": {"generateVideoResponse": {"raiMediaFilteredCount": 1}}},
     ("rejected", "filtered by the provider's safety filter")),
    ({**OP, "done": True, "error": {"code": 3, "message": "Sorry, we can't create videos from input images"
                                    " containing celebrity or their likenesses."}},
     ("rejected", "Sorry, we can't create videos from input images containing celebrity or their likenesses.")),
], ids=["filtered-without-reasons", "celebrity"])
def test_only_safety_evidence_makes_a_rejection(fake, answer, expected):
    fake.script = {"poll": [(200, answer, {})]}
    state = _provider(fake)[0].poll(OP["name"])
    assert (state.status, state.message) == expected


@pytest.mark.parametrize("answer", [
    {**OP, "done": True},
    {**OP, "done": True, "response": {"videos": [{"gcsUri": "gs://b/v.mp4"}]}},
    {**OP, "done": True, "response": []},
    {**OP, "done": True, "response": {"generateVideoResponse": {"generatedSamples": ["x"]}}},
    {**OP, "done": True, "response": {"generateVideoResponse": {"generatedSamples": [{"video": None}]}}},
], ids=["done-without-anything", "vertex-shape", "response-list", "sample-string", "video-null"])
def test_an_answer_of_an_unexpected_shape_is_a_lasting_error(fake, answer):
    fake.script = {"poll": [(200, answer, {})]}
    with pytest.raises(ProviderError, match="poll: an answer of an unexpected shape") as exc:
        _provider(fake)[0].poll(OP["name"])
    assert exc.value.lasting


def test_an_inline_video_and_a_policy_error_from_the_operation(fake, tmp_path):
    import base64

    inline = {**OP, "done": True, "response": {"generateVideoResponse": {"generatedSamples": [
        {"video": {"encodedVideo": base64.b64encode(VIDEO).decode(), "encoding": "video/webm"}}]}}}
    blocked = {**OP, "done": True, "error": {"code": 3, "message": "The prompt was blocked by our safety policy."}}
    fake.script = {"poll": [(200, inline, {}), (200, blocked, {})]}
    provider, _ = _provider(fake)
    state = provider.poll(OP["name"])
    assert provider.download(state, tmp_path / "c.webm") == (hashlib.sha256(VIDEO).hexdigest(), len(VIDEO))
    assert provider.poll(OP["name"]) == JobState("rejected", message="The prompt was blocked by our safety policy.")
