"""What the clip providers share: errors that never hold a key, the state of a job, retries
that honour the server's delay, and downloads that replace their target only when complete.

Retry rules (after ``vendor-facts.md`` §4): a 429, or a 5xx on a GET, is retried after
``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date; over 120 s the answer stands),
else after 2, 4, 8 … seconds (capped at 60 s). A POST that creates a paid job is retried only on 429 and
503, the answers that say the job was not taken, so nothing is paid twice.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..site.write import atomic_file

RETRY_GET = (429, 500, 502, 503, 504)
RETRY_POST = (429, 503)
MAX_RETRY_AFTER = 120.0
MIN_VIDEO_BYTES = 1024
MIN_POSTER_BYTES = 64
MAX_BYTES = {"video/": 2**30, "image/": 20 * 2**20}
"""The largest file accepted: 1 GiB for a clip, 20 MiB for a poster frame."""
SIGNATURES = {"video/": (lambda h: h[4:8] == b"ftyp" or h[:4] == b"\x1aE\xdf\xa3"),  # MP4/QuickTime, WebM
              "image/": (lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP" or h[:3] == b"\xff\xd8\xff"
                         or h[:8] == b"\x89PNG\r\n\x1a\n")}
"""First bytes of the formats accepted: what the content type claims must be what arrives."""
DOWNLOAD_LIMIT_FACTOR = 10
"""A download may take this many request timeouts in all (a server that trickles bytes
cannot hold a run for ever)."""


class ProviderError(Exception):
    """A call failed; the message is safe to show and store (it never holds the key).
    ``status`` is the HTTP status of the answer, None when there was none (timeout, network)."""

    def __init__(self, message: str, status: int | None = None, lasting: bool | None = None,
                 unsent: bool = False):
        super().__init__(message)
        self.status = status
        self._lasting = lasting
        self.unsent = unsent

    @property
    def lasting(self) -> bool:
        """Asking again now gets the same answer: a 4xx other than 408 and 429, or an answer
        of a shape the API does not document."""
        if self._lasting is not None:
            return self._lasting
        return self.status is not None and 400 <= self.status < 500 and self.status not in (408, 429)

    @property
    def definite(self) -> bool:
        """The request never left (no connection, a bad URL) or was answered and not carried
        out (a 4xx, or 503): a create that failed so was not paid for. A timeout, a lost
        connection or another 5xx may hide a job that did start."""
        return self.unsent or self.status is not None and (400 <= self.status < 500 or self.status == 503)


class PolicyRejected(ProviderError):
    """The provider refused the content; recorded as such and never retried."""


@dataclass(frozen=True)
class JobState:
    """A job as the provider reports it now: ``running``, ``done`` (``uri`` to download,
    ``poster`` an optional still), ``rejected`` (content policy) or ``failed`` (``message``).
    ``wait`` is the provider's hint in seconds before the next poll, when it gives one;
    ``inline`` the video's bytes when the answer carries them (of type ``kind``)."""

    status: str
    uri: str | None = None
    message: str | None = None
    poster: str | None = None
    wait: float | None = None
    inline: bytes | None = None
    kind: str = "video/mp4"


def retry_delay(headers, attempt: int, now: dt.datetime | None = None) -> float | None:  # noqa: ANN001
    """Seconds to wait before attempt ``attempt + 1``: the server's ``retry-after-ms`` or
    ``Retry-After`` (seconds or HTTP date), else 2 ** (attempt + 1) capped at 60 s. None when
    the server asks for more than 120 s: then the answer stands (as the OpenAI SDK does)."""
    ms = headers.get("retry-after-ms", "")
    value = headers.get("retry-after", "")
    seconds = None
    if _number(ms):
        seconds = float(ms) / 1000
    elif _number(value):
        seconds = float(value)
    elif value:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None and when.tzinfo is not None:
            seconds = max((when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds(), 0.0)
    if seconds is None:
        return float(min(2 ** (attempt + 1), 60))
    return seconds if seconds <= MAX_RETRY_AFTER else None


def content_length(headers) -> int:  # noqa: ANN001 - a header mapping
    """The ``Content-Length`` an answer announces, 0 when it announces none (or nonsense)."""
    value = headers.get("content-length", "")
    return int(value) if value.isdigit() and value.isascii() else 0


def _number(text: str) -> bool:
    return text.replace(".", "", 1).isdigit() and text.isascii()


def save_stream(chunks: Iterable[bytes], content_type: str, expected: int, target: Path,
                errors: tuple[type[BaseException], ...], kind: str = "video/",
                min_bytes: int | None = None, limit: float | None = None) -> tuple[str, int]:
    """Write ``chunks`` into ``target`` (replaced only when complete); returns (sha256 hex, bytes).
    Raises ProviderError, leaving ``target`` as it was, when the content type is not ``kind``,
    the body ends before ``expected`` bytes (0: unknown), is under ``min_bytes`` (default 1024
    for a video, 64 for an image) or over MAX_BYTES, does not start as SIGNATURES expects, takes
    longer than ``limit`` seconds in all, or the transfer raises one of ``errors``."""
    if not content_type.startswith(kind):
        what = "a video" if kind == "video/" else f"{kind}*"
        raise ProviderError(f"download: expected {what}, got {content_type or 'no content type'}")
    if min_bytes is None:
        min_bytes = MIN_VIDEO_BYTES if kind == "video/" else MIN_POSTER_BYTES
    digest, size, start, head = hashlib.sha256(), 0, time.monotonic(), b""
    with atomic_file(target) as handle:
        try:
            for chunk in chunks:
                if len(head) < 12:
                    head += chunk[:12]
                digest.update(chunk)
                size += len(chunk)
                handle.write(chunk)
                if limit is not None and time.monotonic() - start > limit:
                    raise ProviderError(f"download: still incomplete after {limit:g} s ({size} bytes)")
                if size > MAX_BYTES[kind]:
                    raise ProviderError(f"download: larger than {MAX_BYTES[kind] // 2**20} MiB; stopped")
        except errors as exc:
            raise ProviderError(f"download: interrupted after {size} bytes ({type(exc).__name__})") from None
        if expected and size != expected:
            raise ProviderError(f"download: got {size} bytes, expected {expected}")
        if size < min_bytes:
            raise ProviderError(f"download: got {size} bytes, expected at least {min_bytes}")
        if not SIGNATURES[kind](head):
            raise ProviderError(f"download: the content is not {content_type} (its first bytes say otherwise)")
    return digest.hexdigest(), size


class HttpApi:
    """An httpx client for one provider: its auth headers go only to its own origin (not to a
    CDN it links or redirects to); requests are retried as the module says; transport
    errors become ProviderError. ``sleep`` is injectable for tests."""

    def __init__(self, base_url: str, auth: dict[str, str], timeout: float = 60.0, retries: int = 4,
                 sleep: Callable[[float], None] = time.sleep):
        import httpx

        self._httpx = httpx
        self._origin = httpx.URL(base_url.rstrip("/") + "/")
        self._auth = dict(auth)
        self.client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout, headers=auth,
                                   follow_redirects=True, event_hooks={"request": [self._keep_key_home]})
        self._retries, self._sleep = retries, sleep
        self.download_limit = timeout * DOWNLOAD_LIMIT_FACTOR

    def _keep_key_home(self, request) -> None:  # noqa: ANN001 - an httpx.Request
        url = request.url
        if (url.scheme, url.host, url.port) != (self._origin.scheme, self._origin.host, self._origin.port):
            for name in self._auth:
                request.headers.pop(name, None)

    def request(self, method: str, url: str, step: str, **kwargs) -> dict:  # noqa: ANN003
        """Send with retries; returns the JSON body of a 2xx answer. Raises PolicyRejected
        or ProviderError (``step: HTTP status text``) otherwise."""
        retry = RETRY_POST if method == "POST" else RETRY_GET
        for attempt in range(self._retries + 1):
            try:
                response = self.client.request(method, url, **kwargs)
            except self._httpx.TimeoutException as exc:
                raise ProviderError(f"{step}: {method} timed out", unsent=isinstance(
                    exc, self._httpx.ConnectTimeout)) from None
            except (self._httpx.TransportError, self._httpx.InvalidURL) as exc:
                raise ProviderError(f"{step}: {method} failed ({type(exc).__name__})", unsent=isinstance(
                    exc, (self._httpx.ConnectError, self._httpx.UnsupportedProtocol, self._httpx.InvalidURL))) from None
            delay = retry_delay(response.headers, attempt)
            if response.status_code not in retry or attempt == self._retries or delay is None:
                break
            self._sleep(delay)
        try:
            data = response.json()
        except ValueError:
            data = None
        if not response.is_success:
            message = (_describe(data) if isinstance(data, dict) else "") or response.reason_phrase
            if response.status_code == 400 and is_policy(message):
                raise PolicyRejected(f"{step}: {message}", 400)
            raise ProviderError(f"{step}: HTTP {response.status_code} {message}", response.status_code)
        if not isinstance(data, dict):
            raise ProviderError(f"{step}: HTTP {response.status_code} without a JSON object")
        return data

    def download(self, url: str, target: Path) -> tuple[str, int]:
        """Stream ``url`` into ``target`` (see save_stream); returns (sha256 hex, bytes)."""
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code in (404, 410):
                    raise ProviderError(f"download: HTTP {response.status_code}: {GONE}", response.status_code)
                if response.status_code != 200:
                    raise ProviderError(f"download: HTTP {response.status_code}", response.status_code)
                return save_stream(response.iter_bytes(), response.headers.get("content-type", ""),
                                   content_length(response.headers), target, (self._httpx.HTTPError,),
                                   limit=self.download_limit)
        except self._httpx.TimeoutException:
            raise ProviderError("download: timed out") from None
        except self._httpx.TransportError as exc:
            raise ProviderError(f"download: failed ({type(exc).__name__})") from None


GONE = ("the provider no longer serves the output (Gemini keeps files 2 days, Replicate outputs an hour):"
        " delete the entry to make the clip again, at a new charge")
POLICY_WORDS = ("policy", "safety", "nsfw", "sensitive", "moderation", "celebrit", "likeness", "real person",
                "public figure", "flagged", "prohibited", "harmful", "unsafe", "violat", "guardrail")
"""Words that mark a refusal as the provider's content policy (vendor-facts §4: the texts seen)."""


def is_policy(message: str) -> bool:
    return any(word in message.lower() for word in POLICY_WORDS)


def _describe(data: dict) -> str:
    """The readable part of an error body: Google/OpenAI ``error.status`` and ``error.message``,
    or RFC 7807 ``title``/``detail`` (Replicate)."""
    error = data.get("error")
    if isinstance(error, dict):
        return " ".join(str(error[k]) for k in ("status", "message") if error.get(k))
    if isinstance(error, str):
        return error
    return " ".join(str(data[k]) for k in ("title", "detail") if data.get(k))
