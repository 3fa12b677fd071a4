"""The Replicate and OpenAI-legacy providers against local fakes of the documented shapes
(vendor-facts.md §4.2, §4.3, §4.4)."""

from __future__ import annotations

import hashlib
import logging

import pytest

from generator.clips.http import JobState, PolicyRejected, ProviderError, retry_delay
from generator.clips.openai_videos import OpenAIVideosProvider
from generator.clips.replicate import ReplicateProvider
from generator.facts.samples import ClipSettings

from ..fakes import KEY, POSTER, VIDEO, FakeOpenAI, FakeReplicate

SETTINGS = ClipSettings(seconds=8, resolution="720p", aspect_ratio="16:9", audio=True)


@pytest.fixture
def replicate():
    server = FakeReplicate()
    yield server
    server.close()


@pytest.fixture
def openai_fake():
    server = FakeOpenAI()
    yield server
    server.close()


def _replicate(fake, **kwargs):
    waits: list[float] = []
    return ReplicateProvider(KEY, fake.url, sleep=waits.append, **kwargs), waits


def _openai(fake, **kwargs):
    waits: list[float] = []
    return OpenAIVideosProvider(KEY, fake.url + "/v1", sleep=waits.append, **kwargs), waits


def test_replicate_prediction_poll_and_output_url(replicate, tmp_path):
    delivery = FakeReplicate()  # another origin, as replicate.delivery is
    cdn = f"{delivery.url}/delivery/xyz/output.mp4"
    delivery.script = {"cdn": [(200, VIDEO, {"Content-Type": "video/mp4"})]}
    replicate.script = {"create": [(201, replicate.prediction("starting"), {})],
                        "poll": [(200, replicate.prediction("processing"), {}),
                                 (200, replicate.prediction("succeeded", output=cdn), {})]}
    provider, _ = _replicate(replicate)
    job = provider.submit("google/veo-3.1-fast", "A face in the rain.", SETTINGS, {"generate_audio": True})
    assert job == "p1"
    assert provider.poll(job).status == "running"
    state = provider.poll(job)
    assert (state.status, state.uri) == ("done", cdn)
    assert provider.download(state, tmp_path / "c.mp4") == (hashlib.sha256(VIDEO).hexdigest(), len(VIDEO))
    delivery.close()
    (_, path, create), (_, poll_path, _), _ = replicate.requests
    [(_, _, download)] = delivery.requests
    assert path == "/v1/models/google/veo-3.1-fast/predictions"
    assert create["body"] == {"input": {"prompt": "A face in the rain.", "duration": 8, "aspect_ratio": "16:9",
                                        "resolution": "720p", "generate_audio": True}}
    assert create["headers"]["Authorization"] == f"Bearer {KEY}"
    assert poll_path == "/v1/predictions/p1"
    assert "Authorization" not in download["headers"]  # the token never goes to the CDN


@pytest.mark.parametrize(("fields", "expected"), [
    ({"status": "failed", "error": "NSFW content detected. Try running it again, or try a different prompt."},
     ("rejected", "NSFW content detected. Try running it again, or try a different prompt.")),
    ({"status": "failed", "error": "CUDA out of memory (E001)"}, ("failed", "CUDA out of memory (E001)")),
    ({"status": "canceled"}, ("failed", "the prediction was canceled")),
    ({"status": "aborted"}, ("failed", "the prediction was aborted before it started")),
    ({"status": "succeeded", "output": "https://x/y.mp4", "data_removed": True},
     ("failed", "the output was removed (Replicate keeps API outputs for an hour)")),
    ({"status": "succeeded", "output": ["https://x/a.mp4", "https://x/b.mp4"]}, ("done", None)),
    ({"status": "paused"}, ("running", "status 'paused'")),
], ids=["policy", "failed", "canceled", "aborted", "data-removed", "list-output", "unknown-status"])
def test_replicate_terminal_states(replicate, fields, expected):
    replicate.script = {"poll": [(200, replicate.prediction(**fields), {})]}
    provider, _ = _replicate(replicate)
    state = provider.poll("p1")
    assert (state.status, state.message) == expected
    if state.status == "done":
        assert state.uri == "https://x/a.mp4"


def test_replicate_429_detail_and_retry_after(replicate):
    throttled = {"detail": "Request was throttled. Your rate limit resets in ~30s."}
    replicate.script = {"create": [(429, throttled, {"Retry-After": "30"}), (201, replicate.prediction("starting"), {})]}
    provider, waits = _replicate(replicate)
    assert provider.submit("google/veo-3.1-fast", "p", SETTINGS) == "p1"
    assert waits == [30.0]
    replicate.script = {"create": [(429, throttled, {"Retry-After": "900"})]}
    with pytest.raises(ProviderError, match="create: HTTP 429 Request was throttled"):
        provider.submit("google/veo-3.1-fast", "p", SETTINGS)  # 15 minutes: not waited for
    assert waits == [30.0]
    replicate.script = {"create": [(429, throttled, {})]}
    provider, _ = _replicate(replicate, retries=0)
    with pytest.raises(ProviderError, match="create: HTTP 429 Request was throttled"):
        provider.submit("google/veo-3.1-fast", "p", SETTINGS)


def test_replicate_problem_details_and_a_500_on_create_is_not_retried(replicate):
    problem = {"type": "about:blank", "title": "Invalid input", "status": 422, "detail": "duration must be one of 4, 6, 8"}
    replicate.script = {"create": [(422, problem, {})]}
    provider, waits = _replicate(replicate)
    with pytest.raises(ProviderError, match="create: HTTP 422 Invalid input duration must be one of 4, 6, 8"):
        provider.submit("google/veo-3.1-fast", "p", SETTINGS)
    replicate.script = {"create": [(500, {"detail": "internal"}, {}), (201, replicate.prediction("starting"), {})]}
    with pytest.raises(ProviderError, match="HTTP 500"):
        provider.submit("google/veo-3.1-fast", "p", SETTINGS)
    assert waits == []  # a create that may have been taken is never sent twice


def test_openai_multipart_create_poll_hint_content_and_thumbnail(openai_fake, tmp_path):
    f = openai_fake
    f.script = {"create": [(200, f.video("queued"), {})],
                "poll": [(200, f.video("in_progress", progress=40), {"openai-poll-after-ms": "2500"}),
                         (200, f.video("queued"), {"openai-poll-after-ms": "0"}),
                         (200, f.video("completed", progress=100), {})],
                "content": [(200, VIDEO, {"Content-Type": "video/mp4"})],
                "thumbnail": [(200, POSTER, {"Content-Type": "image/webp"})]}
    provider, _ = _openai(f)
    job = provider.submit("sora-2", "A bottle tips over.", SETTINGS)
    assert job == "video_1"
    assert provider.poll(job) == JobState("running", wait=2.5)
    assert provider.poll(job) == JobState("running", wait=1.0)  # never a tight loop
    state = provider.poll(job)
    assert state.status == "done"
    assert provider.download(state, tmp_path / "c.mp4")[1] == len(VIDEO)
    assert provider.download_poster(state, tmp_path / "c.webp") and (tmp_path / "c.webp").read_bytes() == POSTER
    create = f.requests[0]
    assert create[2]["headers"]["Content-Type"].startswith("multipart/form-data")
    assert create[2]["body"] == {"prompt": "A bottle tips over.", "model": "sora-2", "seconds": "8", "size": "1280x720"}
    assert [r[1] for r in f.requests[1:]] == ["/v1/videos/video_1", "/v1/videos/video_1", "/v1/videos/video_1",
                                             "/v1/videos/video_1/content?variant=video",
                                             "/v1/videos/video_1/content?variant=thumbnail"]


def test_openai_failed_job_moderation_and_rate_limit(openai_fake):
    f = openai_fake
    failed = f.video("failed", error={"code": "internal_error", "message": "Video generation failed."})
    blocked = f.video("failed", error={"code": "moderation_blocked", "message": "Your request was blocked."})
    f.script = {"poll": [(200, failed, {}), (200, blocked, {})]}
    provider, waits = _openai(f)
    assert provider.poll("video_1") == JobState("failed", message="internal_error: Video generation failed.")
    assert provider.poll("video_1") == JobState("rejected", message="Your request was blocked.")
    limited = {"error": {"message": "Rate limit reached", "type": "requests", "param": None, "code": "rate_limit_exceeded"}}
    f.script = {"create": [(429, limited, {"retry-after-ms": "1500", "x-ratelimit-remaining-requests": "0"}),
                           (200, f.video("queued"), {})]}
    assert provider.submit("sora-2", "p", SETTINGS) == "video_1" and waits == [1.5]
    refused = {"error": {"message": "Your prompt was flagged by our safety system.", "type": "invalid_request_error",
                         "param": None, "code": "moderation_blocked"}}
    f.script = {"create": [(400, refused, {})]}
    with pytest.raises(PolicyRejected, match="create: Your prompt was flagged"):
        provider.submit("sora-2", "p", SETTINGS)


def test_openai_sizes_timeout_and_the_key_is_never_logged(openai_fake, caplog):
    provider, _ = _openai(openai_fake, timeout=0.3, retries=0)
    with pytest.raises(ProviderError, match="no size for 720p at 1:1"):
        provider.submit("sora-2", "p", ClipSettings(seconds=8, resolution="720p", aspect_ratio="1:1", audio=False))
    assert openai_fake.requests == []
    openai_fake.delay = 1.0
    openai_fake.script = {"create": [(200, openai_fake.video("queued"), {})]}
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ProviderError, match="create: timed out") as exc:
        provider.submit("sora-2", "p", SETTINGS)
    assert KEY not in str(exc.value) and KEY not in caplog.text
    wrong = OpenAIVideosProvider("sk-wrong-123", openai_fake.url + "/v1", retries=0)
    openai_fake.delay = 0
    with pytest.raises(ProviderError, match="create: HTTP 401 Incorrect API key provided") as exc:
        wrong.submit("sora-2", "p", SETTINGS)
    assert "sk-wrong-123" not in str(exc.value) and "sk-wrong-123" not in caplog.text


def test_openai_truncated_download_leaves_nothing(openai_fake, tmp_path):
    openai_fake.script = {"content": [(200, VIDEO, {"Content-Type": "video/mp4", "Content-Length": str(len(VIDEO) + 99)})]}
    provider, _ = _openai(openai_fake, retries=0)
    with pytest.raises(ProviderError, match="download: "):
        provider.download(JobState("done", uri="video_1"), tmp_path / "c.mp4")
    assert list(tmp_path.iterdir()) == []


def test_retry_delay_reads_ms_seconds_and_dates():
    import datetime as dt
    now = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.timezone.utc)
    assert retry_delay({"retry-after-ms": "250"}, 0) == 0.25
    assert retry_delay({"retry-after": "Sun, 29 Nov 2026 12:00:09 GMT"}, 0, now) == 9.0
    assert retry_delay({"retry-after": "9000"}, 0) is None  # longer than 120 s: the answer stands
    assert [retry_delay({}, n) for n in range(7)] == [2, 4, 8, 16, 32, 60, 60]


@pytest.mark.parametrize(("settings", "model", "message"), [
    (ClipSettings(seconds=4, resolution="1080p", aspect_ratio="16:9", audio=True), "veo-3.1-generate-preview",
     "create: HTTP 400 INVALID_ARGUMENT Request contains an invalid argument."),
    (ClipSettings(seconds=8, resolution="4k", aspect_ratio="16:9", audio=True), "veo-3.1-lite-generate-preview",
     "create: HTTP 400 INVALID_ARGUMENT"),
], ids=["1080p-needs-8s", "no-4k-on-lite"])
def test_the_gemini_fake_refuses_what_the_api_refuses(settings, model, message):
    from generator.clips.gemini import GeminiProvider

    from ..fakes import FakeGemini

    fake = FakeGemini()
    try:
        with pytest.raises(ProviderError, match=message):
            GeminiProvider(KEY, fake.url, sleep=lambda s: None).submit(model, "p", settings)
    finally:
        fake.close()


def test_the_openai_fake_refuses_a_duration_the_api_does_not_offer(openai_fake):
    provider, _ = _openai(openai_fake, retries=0)
    with pytest.raises(ProviderError, match="create: HTTP 400 Invalid request"):
        provider.submit("sora-2", "p", ClipSettings(seconds=5, resolution="720p", aspect_ratio="16:9", audio=True))


def test_a_download_that_trickles_past_its_limit_leaves_nothing(tmp_path):
    from generator.clips.http import save_stream

    def chunks():
        yield VIDEO[:600]
        yield VIDEO[600:1200]

    with pytest.raises(ProviderError, match="download: still incomplete after 0 s"):
        save_stream(chunks(), "video/mp4", 0, tmp_path / "c.mp4", (OSError,), limit=0)
    assert list(tmp_path.iterdir()) == []
    assert save_stream(chunks(), "video/mp4", 1200, tmp_path / "c.mp4", (OSError,), limit=60)[1] == 1200


@pytest.mark.parametrize(("body", "kind", "message"), [
    (b'{"error": "not found"}' + bytes(2000), "video/mp4", "the content is not video/mp4"),
    (b"<html>" + bytes(100), "image/webp", "the content is not image/webp"),
], ids=["json-as-mp4", "html-as-webp"])
def test_the_first_bytes_must_be_what_the_content_type_says(tmp_path, body, kind, message):
    from generator.clips.http import save_stream

    with pytest.raises(ProviderError, match=message):
        save_stream([body], kind, len(body), tmp_path / "f", (OSError,), kind=kind[:6])
    assert list(tmp_path.iterdir()) == []
