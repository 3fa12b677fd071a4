"""Fetching sources' pages politely and safely (httpx, asyncio).

* Politeness: at most :attr:`Politeness.concurrency` requests at once and
  :attr:`Politeness.per_host` per host, :attr:`Politeness.delay` seconds between two requests
  to one host (longer when its ``robots.txt`` asks with ``Crawl-delay``), ``robots.txt``
  honoured for :data:`USER_AGENT` (RFC 9309: a missing file allows everything, a server error
  allows nothing), conditional requests with the stored ``ETag`` / ``Last-Modified``.
* Safety: http and https only, no credentials in a URL, a body over
  :attr:`Politeness.max_bytes` is refused, each request ends within its timeout, and every
  address (the first and each redirect's) must resolve to public IP addresses only: never a
  private, loopback, link-local or reserved one, except the networks in
  :attr:`Politeness.allow` (for tests on 127.0.0.1).

The check of an address happens before its request; a name whose DNS answer changes between
the check and the connection (DNS rebinding) is not caught. Time spent waiting for a turn
(the limits and delays above) never counts against a request's timeout.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import urldefrag, urljoin, urlsplit

from ..facts.errors import UsageError
from .robots import Robots, robots_url

USER_AGENT = "videoguide-sources/1 (checks the pages the Video Model Guide's facts cite)"
PERMANENT = (301, 308)
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Politeness:
    """How ``sources check`` treats the sites it reads; times in seconds, sizes in bytes."""

    concurrency: int = 4
    per_host: int = 1
    delay: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 5 * 2**20
    max_redirects: int = 10
    allow: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()


@dataclass(frozen=True)
class Fetched:
    """What one fetch got. ``hops``: the (status, target) of each redirect followed;
    ``status``: the final HTTP status (None when there was no answer: see ``error``);
    ``body``: the bytes of a 200 answer."""

    url: str
    final_url: str
    status: int | None = None
    hops: tuple[tuple[int, str], ...] = ()
    body: bytes | None = None
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None

    @property
    def moved_to(self) -> str | None:
        """Where the leading permanent redirects (301, 308) point: the source's new address."""
        target = None
        for status, to in self.hops:
            if status not in PERMANENT:
                break
            target = to
        return target


def allowed_networks(texts: Iterable[str]) -> tuple:
    """``--allow-private``'s networks (``127.0.0.1/32`` …) for :attr:`Politeness.allow`.
    Raises UsageError naming the one that is not a network."""
    try:
        return tuple(ipaddress.ip_network(text, strict=False) for text in texts)
    except ValueError as exc:
        raise UsageError(f"--allow-private: {exc}") from None


class Refused(Exception):
    """A request this module will not make (the message says why)."""


def _public(address: str, allow: Iterable) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allow):
        return True
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


async def guard(url: str, allow: Iterable) -> None:
    """Raise Refused unless ``url`` is http(s), holds no credentials and its host resolves
    to public addresses only (or to ``allow``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"not an http(s) address ({parts.scheme or 'no scheme'}:…)")
    if parts.username is not None or parts.password is not None:
        raise Refused("the address holds a user name or password; credentials go in headers, never in a URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = await asyncio.get_running_loop().getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except ValueError:
        raise Refused(f"not a valid port in {url}") from None
    except socket.gaierror as exc:
        raise Refused(f"the name {parts.hostname} does not resolve ({exc.strerror})") from None
    for info in infos:
        if not _public(info[4][0], allow):
            raise Refused(f"{parts.hostname} resolves to {info[4][0]}, a private or reserved address; not fetched")


def _loop(target: str, visited: list[str]) -> str | None:
    """Why a redirect to ``target`` after ``visited`` (the first address, then each hop's)
    goes nowhere, or None when it leads on; fragments never make two addresses differ."""
    seen = [urldefrag(address).url for address in visited]
    to = urldefrag(target).url
    if to == seen[-1]:
        return f"redirects to itself ({target})"
    if to in seen:
        return f"redirects in a loop: {' -> '.join(visited[seen.index(to):])} -> {target}"
    return None


@dataclass
class _Host:
    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    robots: Robots | None = None
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Fetcher:
    """Fetches many URLs at once within :class:`Politeness`. Use inside ``async with`` an
    ``httpx.AsyncClient`` given at construction; :meth:`fetch` never raises for a site's
    fault (the error is in :attr:`Fetched.error`)."""

    def __init__(self, client, politeness: Politeness) -> None:  # noqa: ANN001 - httpx.AsyncClient
        self.client, self.polite = client, politeness
        self._slots = asyncio.Semaphore(politeness.concurrency)
        self._hosts: dict[str, _Host] = {}

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        return self._hosts.setdefault(key, _Host(asyncio.Semaphore(self.polite.per_host)))

    async def _wait_turn(self, host: _Host) -> None:
        delay = max(self.polite.delay, host.robots.delay if host.robots else 0.0)
        async with host.lock:
            pause = host.next_at - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
            host.next_at = time.monotonic() + delay

    async def _robots(self, url: str, host: _Host) -> Robots:
        async with host.robots_lock:
            if host.robots is None:
                answer = await self._follow(robots_url(url), {}, robots=False)
                host.robots = Robots.of(answer.status, answer.body, answer.error, USER_AGENT)
        return host.robots

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url``, following redirects; conditional when a validator is given."""
        conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        return await self._follow(url, conditional)

    async def _follow(self, url: str, conditional: dict, robots: bool = True) -> Fetched:
        hops: list[tuple[int, str]] = []
        current = url
        for _ in range(self.polite.max_redirects + 1):
            host = self._host(current)
            answer = await self._get(current, host, conditional if not hops else {}, robots)
            if answer.status in REDIRECTS and answer.error is None:
                if (loop := _loop(answer.final_url, [url, *(to for _, to in hops)])) is not None:
                    return Fetched(url, current, None, tuple(hops), error=loop)
                hops.append((answer.status, answer.final_url))
                current = answer.final_url
                continue
            return Fetched(url, current, answer.status, tuple(hops), answer.body, answer.content_type,
                           answer.etag, answer.last_modified, answer.error)
        return Fetched(url, current, None, tuple(hops), error=f"more than {self.polite.max_redirects} redirects")

    async def _get(self, url: str, host: _Host, headers: dict, robots: bool = True) -> Fetched:
        """One request, no redirect followed: a redirect's target is in ``final_url``."""
        try:
            await guard(url, self.polite.allow)
            if robots and not (rules := await self._robots(url, host)).allows(url, USER_AGENT):
                raise Refused(rules.refusal or "robots.txt asks robots not to fetch this address")
            async with self._slots, host.slots:
                await self._wait_turn(host)
                # httpx's timeout bounds each read, not a page that trickles in: this bounds the
                # whole request, and only the request (never the time spent waiting for a turn).
                return await asyncio.wait_for(self._request(url, headers), self.polite.timeout * 3)
        except Refused as exc:
            return Fetched(url, url, error=str(exc))
        except asyncio.TimeoutError:
            return Fetched(url, url, error=f"no complete answer within {self.polite.timeout * 3:g} s")

    async def _request(self, url: str, headers: dict) -> Fetched:
        import httpx

        try:
            async with self.client.stream("GET", url, headers=headers, timeout=self.polite.timeout) as answer:
                if answer.status_code in REDIRECTS:
                    target = answer.headers.get("location")
                    if not target:
                        return Fetched(url, url, answer.status_code, error=f"HTTP {answer.status_code} without a Location")
                    return Fetched(url, urljoin(url, target), answer.status_code)
                body = await self._body(answer) if answer.status_code == 200 else None
                return Fetched(url, url, answer.status_code, body=body,
                               content_type=answer.headers.get("content-type", ""),
                               etag=answer.headers.get("etag"), last_modified=answer.headers.get("last-modified"))
        except Refused as exc:
            return Fetched(url, url, error=str(exc))
        except httpx.TimeoutException:
            return Fetched(url, url, error=f"timed out after {self.polite.timeout:g} s")
        except httpx.HTTPError as exc:
            return Fetched(url, url, error=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)

    async def _body(self, answer) -> bytes:  # noqa: ANN001 - httpx.Response
        limit = self.polite.max_bytes
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise Refused(f"the page is larger than {limit:,} bytes ({int(declared):,} declared); not read")
        chunks, size = [], 0
        async for chunk in answer.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise Refused(f"the page is larger than {limit:,} bytes; reading stopped")
            chunks.append(chunk)
        return b"".join(chunks)
