"""The Replicate predictions API (``vendor-facts.md`` §4.3), over httpx.

Replicate's Python SDK (1.0.7) rejects a prediction whose status is ``aborted``, which the
API has returned since 2025-10-16 (``Cancel-After``), so this calls the documented REST shape:
``POST /v1/models/{owner}/{name}/predictions``, poll ``GET /v1/predictions/{id}``, download
``output`` (a URI, or the first of a list). The token goes only to the API's origin, never
to the CDN that serves the output.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from ..facts.samples import ClipSettings
from .http import HttpApi, JobState, ProviderError, is_policy

DEFAULT_BASE_URL = "https://api.replicate.com"
KEY_VARIABLE = "REPLICATE_API_TOKEN"
ENDED = {"canceled": "the prediction was canceled", "aborted": "the prediction was aborted before it started"}


class ReplicateProvider:
    """Create, poll and download predictions of official models (``owner/name``)."""

    name = "replicate"

    def __init__(self, api_token: str, base_url: str = DEFAULT_BASE_URL, timeout: float = 60.0,
                 retries: int = 4, sleep: Callable[[float], None] = time.sleep):
        self._api = HttpApi(base_url, {"Authorization": f"Bearer {api_token}"}, timeout, retries, sleep)

    def submit(self, model: str, prompt: str, settings: ClipSettings, extra: dict | None = None) -> str:
        """Create a prediction; returns its id. Inputs differ per model: ``prompt``,
        ``duration``, ``aspect_ratio`` and ``resolution`` are sent, ``extra`` adds or overrides."""
        if model.count("/") != 1:
            raise ProviderError(f"create: expected a model id such as owner/name, got {model!r}")
        body = {"input": {"prompt": prompt, "duration": settings.seconds, "aspect_ratio": settings.aspect_ratio,
                          "resolution": settings.resolution, **(extra or {})}}
        data = self._api.request("POST", f"/v1/models/{model}/predictions", "create", json=body)
        if not isinstance(data.get("id"), str):
            raise ProviderError("create: the response has no prediction id")
        return data["id"]

    def poll(self, job: str) -> JobState:
        """The prediction's state now (one request)."""
        data = self._api.request("GET", f"/v1/predictions/{job}", "poll")
        status = data.get("status")
        if status in ("starting", "processing"):
            return JobState("running")
        if status == "failed":
            message = str(data.get("error") or "the prediction failed")
            return JobState("rejected" if is_policy(message) else "failed", message=message)
        if status in ENDED:
            return JobState("failed", message=ENDED[status])
        if status != "succeeded":  # a status §4.3 does not list: it may still be running
            return JobState("running", message=f"status {status!r}")
        if data.get("data_removed"):
            return JobState("failed", message="the output was removed (Replicate keeps API outputs for an hour)")
        output = data.get("output")
        uri = output[0] if isinstance(output, list) and output else output
        if not isinstance(uri, str) or not uri:
            raise ProviderError("poll: the prediction succeeded but its output is not a URI; the job is kept",
                                200, lasting=True)
        return JobState("done", uri=uri)

    def download(self, state: JobState, target: Path) -> tuple[str, int]:
        """Stream the output into ``target`` (only when complete); returns (sha256, bytes)."""
        return self._api.download(state.uri, target)

    def download_poster(self, state: JobState, target: Path) -> bool:
        """Replicate's video models give no poster frame; returns False."""
        return False
