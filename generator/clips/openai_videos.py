"""The OpenAI Videos API shape (``vendor-facts.md`` §4.2), through the ``openai`` SDK.

Legacy: OpenAI shut the Sora API down on 2026-09-24; this stays for gateways that still
speak the shape (set the base URL, which includes ``/v1``). Create is multipart
``POST /videos``; poll ``GET /videos/{id}`` (honouring ``openai-poll-after-ms``); download
``GET /videos/{id}/content`` and the ``thumbnail`` variant as the poster frame.
"""

from __future__ import annotations

import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..facts.samples import ClipSettings
from .http import (
    DOWNLOAD_LIMIT_FACTOR,
    RETRY_POST,
    JobState,
    PolicyRejected,
    ProviderError,
    content_length,
    is_policy,
    retry_delay,
    save_stream,
)

DEFAULT_BASE_URL = "https://api.openai.com/v1"
KEY_VARIABLE = "OPENAI_API_KEY"
SIZES = {("720p", "16:9"): "1280x720", ("720p", "9:16"): "720x1280",
         ("1024p", "16:9"): "1792x1024", ("1024p", "9:16"): "1024x1792",
         ("1080p", "16:9"): "1920x1080", ("1080p", "9:16"): "1080x1920"}
"""Resolution label and aspect ratio → ``size`` (sora-2 and sora-2-pro sizes, §3.2)."""
ENDED = {"canceled": "the job was canceled", "expired": "the job expired"}
MIN_POLL_WAIT = 1.0
"""The shortest wait between polls whatever ``openai-poll-after-ms`` says."""


@contextmanager
def _legacy() -> Iterator[None]:
    """Silence the Videos methods' DeprecationWarning (the API's shutdown is known here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def _quiet(call: Callable, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
    with _legacy():
        return call(*args, **kwargs)


def _save_quietly(stream, target: Path, kind: str, limit: float) -> tuple[str, int]:  # noqa: ANN001
    with _legacy():
        with stream as response:
            return save_stream(response.iter_bytes(), response.headers.get("content-type", ""),
                               content_length(response.headers), target, (Exception,), kind=kind, limit=limit)


class OpenAIVideosProvider:
    """Create, poll and download through the SDK (its own retries on GET; a create is retried
    here, on 429 and 503 only, so a job is never paid twice)."""

    name = "openai"

    def __init__(self, api_key: str, base_url: str = DEFAULT_BASE_URL, timeout: float = 60.0,
                 retries: int = 4, sleep: Callable[[float], None] = time.sleep):
        import openai

        self._openai = openai
        self._client = openai.OpenAI(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=retries)
        self._limit = timeout * DOWNLOAD_LIMIT_FACTOR
        self._retries, self._sleep = retries, sleep

    def _error(self, step: str, exc: Exception) -> ProviderError:
        """The SDK's exception as ProviderError (PolicyRejected for a moderation refusal)."""
        openai = self._openai
        if isinstance(exc, openai.APITimeoutError):
            return ProviderError(f"{step}: timed out")
        if not isinstance(exc, openai.APIStatusError):
            cause = type(exc.__cause__ or exc).__name__
            return ProviderError(f"{step}: failed ({cause})",
                                 unsent=cause in ("ConnectError", "UnsupportedProtocol", "InvalidURL"))
        error = exc.body.get("error", exc.body) if isinstance(exc.body, dict) else {}
        error = error if isinstance(error, dict) else {"message": error}
        message = str(error.get("message") or exc.response.reason_phrase)
        if exc.status_code == 400 and (error.get("code") == "moderation_blocked" or is_policy(message)):
            return PolicyRejected(f"{step}: {message}", 400)
        return ProviderError(f"{step}: HTTP {exc.status_code} {message}", exc.status_code)

    def submit(self, model: str, prompt: str, settings: ClipSettings, extra: dict | None = None) -> str:
        """Create a job; returns the video id. Raises ProviderError, also for a size the API
        has no name for; a 429 or 503 is retried after the server's delay."""
        size = SIZES.get((settings.resolution, settings.aspect_ratio))
        if size is None:
            raise ProviderError(f"create: no size for {settings.resolution} at {settings.aspect_ratio}; "
                                "sizes: " + ", ".join(sorted(set(SIZES.values()))))
        create = self._client.with_options(max_retries=0).videos.create
        for attempt in range(self._retries + 1):
            try:
                video = _quiet(create, model=model, prompt=prompt, seconds=str(settings.seconds), size=size,
                               extra_body=extra or None)
                job = getattr(video, "id", None)
                if not isinstance(job, str):
                    raise ProviderError("create: an answer without a video id")  # no status: the job may exist
                return job
            except self._openai.APIStatusError as exc:
                delay = retry_delay(exc.response.headers, attempt)
                if exc.status_code not in RETRY_POST or attempt == self._retries or delay is None:
                    raise self._error("create", exc) from None
                self._sleep(delay)
            except self._openai.APIError as exc:
                raise self._error("create", exc) from None
        raise AssertionError("unreachable")

    def poll(self, job: str) -> JobState:
        """The job's state now (one request; the SDK retries 429/5xx)."""
        try:
            raw = _quiet(self._client.videos.with_raw_response.retrieve, job)
            video = raw.parse()
        except self._openai.APIError as exc:
            raise self._error("poll", exc) from None
        if not isinstance(getattr(video, "status", None), str):
            raise ProviderError("poll: an answer of an unexpected shape; the job is kept", 200, lasting=True)
        hint = raw.headers.get("openai-poll-after-ms", "")
        wait = max(int(hint) / 1000, MIN_POLL_WAIT) if hint.isdigit() and hint.isascii() else None
        if video.status == "completed":
            return JobState("done", uri=video.id, poster=video.id)
        if video.status in ENDED:
            return JobState("failed", message=ENDED[video.status])
        if video.status != "failed":  # queued, in_progress, or a status the SDK does not know yet
            known = video.status in ("queued", "in_progress")
            return JobState("running", wait=wait, message=None if known else f"status {video.status!r}")
        error = video.error
        code, message = (getattr(error, "code", "") or ""), (getattr(error, "message", "") or "the job failed")
        if code == "moderation_blocked" or is_policy(f"{code} {message}"):
            return JobState("rejected", message=message)
        return JobState("failed", message=f"{code}: {message}" if code else message)

    def _save(self, job: str, variant: str, target: Path, kind: str) -> tuple[str, int]:
        stream = self._client.videos.with_streaming_response.download_content
        try:
            return _save_quietly(stream(job, variant=variant), target, kind, self._limit)
        except self._openai.APIError as exc:
            raise self._error("download", exc) from None

    def download(self, state: JobState, target: Path) -> tuple[str, int]:
        """Stream ``/videos/{id}/content`` into ``target`` (only when complete); returns (sha256, bytes)."""
        return self._save(state.uri, "video", target, "video/")

    def download_poster(self, state: JobState, target: Path) -> bool:
        """The ``thumbnail`` variant (WebP) as the poster frame; returns whether it was saved.
        Raises ProviderError."""
        self._save(state.poster, "thumbnail", target, "image/")
        return True
