"""The Gemini API provider for Veo (REST, `vendor-facts.md` §4.1), over httpx.

google-genai 3.x refuses ``generate_videos`` in Gemini Developer API mode, so this calls
the documented REST shape: ``POST /v1beta/models/{model}:predictLongRunning``, poll
``GET /v1beta/{operation}``, download the sample's URI. The key travels only in the
``x-goog-api-key`` header; no message, log or file ever contains it.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..write import atomic_file
from .schema import ClipSettings

DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 120.0


class ProviderError(Exception):
    """A call failed; the message is safe to show and store (it never holds the key)."""


class PolicyRejected(ProviderError):
    """The provider refused the content; recorded as such and never retried."""


@dataclass(frozen=True)
class JobState:
    """``running``, ``done`` (``uri`` to download), ``rejected`` or ``failed`` (``message``)."""

    status: str
    uri: str | None = None
    message: str | None = None


class GeminiProvider:
    """Submit, poll and download Veo clips. ``sleep`` and ``client`` are injectable for tests."""

    name = "gemini"

    def __init__(self, api_key: str, base_url: str = DEFAULT_BASE_URL, timeout: float = 60.0,
                 retries: int = 4, sleep: Callable[[float], None] = time.sleep, client=None):  # noqa: ANN001
        import httpx

        self._httpx = httpx
        self._client = client or httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout,
                                              headers={"x-goog-api-key": api_key}, follow_redirects=True)
        self._retries, self._sleep = retries, sleep

    def _request(self, method: str, url: str, **kwargs):  # noqa: ANN003, ANN202 - an httpx.Response
        for attempt in range(self._retries + 1):
            try:
                response = self._client.request(method, url, **kwargs)
            except self._httpx.TimeoutException:
                raise ProviderError(f"{method} {_path(url)}: timed out") from None
            except self._httpx.TransportError as exc:
                raise ProviderError(f"{method} {_path(url)}: {type(exc).__name__}") from None
            if response.status_code not in RETRY_STATUSES or attempt == self._retries:
                return response
            self._sleep(_retry_after(response, attempt))
        raise AssertionError("unreachable")

    def submit(self, model: str, prompt: str, settings: ClipSettings) -> str:
        """Start a generation; returns the operation name (the job id to poll)."""
        body = {"instances": [{"prompt": prompt}],
                "parameters": {"aspectRatio": settings.aspect_ratio, "resolution": settings.resolution.lower(),
                               "durationSeconds": settings.seconds, "sampleCount": 1}}
        response = self._request("POST", f"/v1beta/models/{model}:predictLongRunning", json=body)
        data = _json(response, "create")
        if "name" not in data:
            raise ProviderError("create: the response has no operation name")
        return data["name"]

    def poll(self, job: str) -> JobState:
        """The operation's state now (one request; the caller waits between polls)."""
        data = _json(self._request("GET", f"/v1beta/{job}"), "poll")
        if not data.get("done"):
            return JobState("running")
        if "error" in data:
            return JobState("failed", message=str(data["error"].get("message", "the operation failed")))
        result = data.get("response", {}).get("generateVideoResponse", {})
        samples = result.get("generatedSamples") or []
        if not samples:
            reasons = "; ".join(result.get("raiMediaFilteredReasons") or []) or "filtered by the provider"
            return JobState("rejected", message=reasons)
        return JobState("done", uri=samples[0]["video"]["uri"])

    def download(self, uri: str, target: Path, min_bytes: int = 1024) -> tuple[str, int]:
        """Stream ``uri`` into ``target`` (only when complete); returns (sha256, size).
        Raises ProviderError for a non-video response or a truncated body."""
        digest, size = hashlib.sha256(), 0
        with self._client.stream("GET", uri) as response:
            if response.status_code != 200:
                raise ProviderError(f"download: HTTP {response.status_code}")
            kind = response.headers.get("content-type", "")
            if not kind.startswith("video/"):
                raise ProviderError(f"download: expected a video, got {kind or 'no content type'}")
            expected = int(response.headers.get("content-length", "0") or 0)
            with atomic_file(target) as handle:
                try:
                    for chunk in response.iter_bytes():
                        digest.update(chunk)
                        size += len(chunk)
                        handle.write(chunk)
                except self._httpx.HTTPError as exc:
                    raise ProviderError(f"download: interrupted ({type(exc).__name__})") from None
                if expected and size != expected:
                    raise ProviderError(f"download: got {size} bytes, expected {expected}")
                if size < min_bytes:
                    raise ProviderError(f"download: got {size} bytes, expected at least {min_bytes}")
        return digest.hexdigest(), size


def _path(url: str) -> str:
    return url.split("?")[0]


def _retry_after(response, attempt: int) -> float:  # noqa: ANN001 - an httpx.Response
    """Seconds to wait: the server's Retry-After (capped), else 2, 4, 8 … seconds."""
    value = response.headers.get("retry-after", "")
    if value.replace(".", "", 1).isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    return float(min(2 ** (attempt + 1), 60))


def _json(response, step: str) -> dict:  # noqa: ANN001 - an httpx.Response
    try:
        data = response.json()
    except ValueError:
        data = {}
    if response.status_code != 200:
        error = data.get("error", {}) if isinstance(data, dict) else {}
        message = error.get("message") or response.reason_phrase
        if response.status_code == 400 and "polic" in str(message).lower():
            raise PolicyRejected(f"{step}: {message}")
        raise ProviderError(f"{step}: HTTP {response.status_code} {error.get('status', '')} {message}".replace("  ", " "))
    return data
