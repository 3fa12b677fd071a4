"""The Gemini API provider for Veo (REST, ``vendor-facts.md`` §4.1), over httpx.

google-genai 3.x refuses ``generate_videos`` in Gemini Developer API mode, so this calls
the documented REST shape: ``POST /v1beta/models/{model}:predictLongRunning``, poll
``GET /v1beta/{operation}``, download the sample's URI. The key travels only in the
``x-goog-api-key`` header, and only to the API's own origin.
"""

from __future__ import annotations

import base64
import binascii
import time
from pathlib import Path
from typing import Callable

from ..facts.samples import ClipSettings
from .http import HttpApi, JobState, ProviderError, is_policy, save_stream

DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
KEY_VARIABLE = "GEMINI_API_KEY"


class GeminiProvider:
    """Submit, poll and download Veo clips. Every call raises ProviderError (PolicyRejected
    for a refused prompt) with a message that never holds the key."""

    name = "gemini"

    def __init__(self, api_key: str, base_url: str = DEFAULT_BASE_URL, timeout: float = 60.0,
                 retries: int = 4, sleep: Callable[[float], None] = time.sleep):
        self._api = HttpApi(base_url, {"x-goog-api-key": api_key}, timeout, retries, sleep)

    def submit(self, model: str, prompt: str, settings: ClipSettings, extra: dict | None = None) -> str:
        """Start a generation; returns the operation name (the job id to poll).
        ``extra`` adds or overrides request parameters (e.g. ``generateAudio`` where supported)."""
        parameters = {"aspectRatio": settings.aspect_ratio, "resolution": settings.resolution.lower(),
                      "durationSeconds": settings.seconds, "sampleCount": 1, **(extra or {})}
        data = self._api.request("POST", f"/v1beta/models/{model}:predictLongRunning", "create",
                                 json={"instances": [{"prompt": prompt}], "parameters": parameters})
        if not isinstance(data.get("name"), str):
            raise ProviderError("create: the response has no operation name")
        return data["name"]

    def poll(self, job: str) -> JobState:
        """The operation's state now (one request; the caller waits between polls). Raises
        ProviderError (lasting) for an answer of a shape §4.1 does not document."""
        data = self._api.request("GET", f"/v1beta/{job}", "poll")
        try:
            return _state(data)
        except (AttributeError, TypeError, KeyError, IndexError, binascii.Error):
            raise ProviderError("poll: an answer of an unexpected shape; the job is kept", 200, lasting=True) from None

    def download(self, state: JobState, target: Path) -> tuple[str, int]:
        """Stream the finished clip into ``target`` (only when complete); returns (sha256, bytes).
        Raises ProviderError for a non-video answer or a truncated body."""
        if state.inline is not None:
            return save_stream([state.inline], state.kind, len(state.inline), target, ())
        return self._api.download(state.uri, target)

    def download_poster(self, state: JobState, target: Path) -> bool:
        """The Gemini API gives no poster frame; returns False."""
        return False


def _state(data: dict) -> JobState:
    """A finished operation is a video, a safety filter (``raiMediaFilteredCount`` or reasons:
    rejected) or ``error`` (failed, or rejected in policy words); anything else raises KeyError."""
    if not data.get("done"):
        return JobState("running")
    if "error" in data:
        error = data["error"] if isinstance(data["error"], dict) else {}
        message = str(error.get("message") or "the operation failed")
        return JobState("rejected" if is_policy(message) else "failed", message=message)
    result = data.get("response", {}).get("generateVideoResponse") or {}
    samples = result.get("generatedSamples") or []
    if samples:
        video = samples[0]["video"]
        if video.get("encodedVideo"):  # the bytes inline (§4.1), base64
            return JobState("done", inline=base64.b64decode(video["encodedVideo"], validate=True),
                            kind=str(video.get("encoding") or "video/mp4"))
        if isinstance(video["uri"], str) and video["uri"]:
            return JobState("done", uri=video["uri"])
    reasons = [str(r) for r in result.get("raiMediaFilteredReasons") or []]
    if reasons or result.get("raiMediaFilteredCount"):
        return JobState("rejected", message="; ".join(reasons) or "filtered by the provider's safety filter")
    raise KeyError("no video")  # a finished operation in a shape §4.1 does not give: the job is kept
