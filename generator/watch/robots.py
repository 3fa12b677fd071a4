"""``robots.txt`` as RFC 9309 reads it, parsed with Protego: a missing file (any 4xx) allows
everything; a server error or no answer allows nothing from that host."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_CRAWL_DELAY = 60.0
"""The longest ``Crawl-delay`` honoured, in seconds (a larger one would stall the check)."""
MAX_ROBOTS_BYTES = 500 * 1024
"""RFC 9309 §2.5: a crawler must parse at least the first 500 KiB; the rest is ignored."""


def robots_url(url: str) -> str:
    """``https://host:port/robots.txt`` for any address on that origin."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


@dataclass(frozen=True)
class Robots:
    """The rules of one origin. ``refusal``: why nothing may be fetched (None: the rules
    decide); ``delay``: the ``Crawl-delay`` for our agent, in seconds."""

    rules: object | None = None  # protego.Protego
    refusal: str | None = None
    delay: float = 0.0

    @classmethod
    def of(cls, status: int | None, body: bytes | None, error: str | None, agent: str) -> "Robots":
        """The rules from the answer to ``GET /robots.txt`` (after redirects)."""
        from protego import Protego

        if status == 200 and body is not None:
            rules = Protego.parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace"))
            return cls(rules, None, min(float(rules.crawl_delay(agent) or 0.0), MAX_CRAWL_DELAY))
        if status is not None and 400 <= status < 500:
            return cls()
        if status is None:
            return cls(refusal=f"robots.txt could not be read: {error}")
        return cls(refusal=f"robots.txt answered HTTP {status}, so nothing is fetched from this host (RFC 9309)")

    def allows(self, url: str, agent: str) -> bool:
        return self.refusal is None and (self.rules is None or self.rules.can_fetch(url, agent))
