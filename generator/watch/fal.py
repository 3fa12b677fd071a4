"""fal.ai's prices, from its Platform API (httpx).

``GET {api}/v1/models/pricing?endpoint_id=a&endpoint_id=b`` (1 to 50 ids a request, header
``Authorization: Key <FAL_KEY>``) answers ``{"prices": [{"endpoint_id", "unit_price",
"unit", "currency"}], "next_cursor", "has_more"}``; the prices may be specific to the key's
account (https://fal.ai/docs/platform-apis/v1/models/pricing.md, read 2026-12-01; see
coverage-2026-12.md §3). That page names ``next_cursor`` but not the parameter that sends it
back; the next page is asked for with ``cursor=``, the name the same API's ``GET /v1/models``
documents (https://docs.fal.ai/platform-apis/v1/models), at most :data:`MAX_PAGES` pages a
batch. The key is sent in that header only: never in a URL, a message, a
log line or a file.
"""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Iterable
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..facts.errors import UsageError
from .fetch import Refused, guard
from .pricing import PlatformPrice, PricesError

API_URL = "https://api.fal.ai"
USER_AGENT = "videoguide-prices/1 (compares the Video Model Guide's price entries with fal.ai's)"
BATCH = 50
"""The most endpoint ids fal.ai takes in one request."""
MAX_BYTES = 5 * 2**20
"""The largest answer read, in bytes."""
TIMEOUT = 30.0
"""Seconds a request may take."""
MAX_PAGES = 20
"""The most pages read for one batch of endpoint ids; more is an error, not a silent cut."""


class _Price(BaseModel):
    """One price as documented; a unit or currency outside these patterns is refused, so the
    report never prints what a server sent beyond short words."""

    model_config = ConfigDict(extra="ignore")
    endpoint_id: str
    unit_price: Decimal = Field(ge=0, lt=10**6, decimal_places=12, allow_inf_nan=False)
    unit: str = Field(pattern=r"^[A-Za-z0-9_ .-]{1,40}$")
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    prices: list[_Price]
    next_cursor: str | None = Field(default=None, max_length=1000)
    has_more: bool = False


class FalPrices:
    """:class:`~generator.watch.pricing.PriceProvider` for fal.ai. ``api_url``: where the
    Platform API is (another only in tests); ``allow``: networks that may be private (tests on
    127.0.0.1); every other address must be public, as for ``sources check``."""

    platform = "fal"
    source = "fal-pricing-api"
    name = "fal.ai"
    host = "fal.ai"

    def __init__(self, key: str, api_url: str = API_URL, allow: tuple = ()) -> None:
        self._key, self.api_url, self.allow = key, api_url.rstrip("/"), allow

    def read_prices(self, endpoint_ids: Iterable[str]) -> dict[str, tuple[PlatformPrice, ...]]:
        """Each endpoint's prices by id (one, unless the answer lists it more than once with
        different prices), asked for 50 at a time. Raises PricesError: the API
        unreachable, refusing the key (401, 403), limiting the rate (429), answering
        otherwise than 200 or with a body not of the documented shape; UsageError without httpx."""
        try:
            import httpx
        except ImportError:
            raise UsageError("`videoguide prices` needs httpx: pip install -e '.[sources]'") from None

        ids = sorted(set(endpoint_ids))
        url = f"{self.api_url}/v1/models/pricing"
        try:
            asyncio.run(guard(url, self.allow))
        except Refused as exc:
            raise PricesError(f"{self.name} pricing API: {exc}") from None
        found: dict[str, tuple[PlatformPrice, ...]] = {}
        headers = {"Authorization": f"Key {self._key}", "User-Agent": USER_AGENT, "Accept": "application/json"}
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers=headers) as client:
            for start in range(0, len(ids), BATCH):
                found.update(self._batch(client, url, ids[start:start + BATCH]))
        return found

    def _batch(self, client, url: str, ids: list[str]) -> dict[str, tuple[PlatformPrice, ...]]:  # noqa: ANN001 - httpx.Client
        found: dict[str, tuple[PlatformPrice, ...]] = {}
        cursor: str | None = None
        for _ in range(MAX_PAGES):
            params = [("endpoint_id", i) for i in ids] + ([("cursor", cursor)] if cursor else [])
            page = self._page(client, url, params)
            for p in page.prices:
                price = PlatformPrice(p.endpoint_id, p.unit_price, p.unit, p.currency)
                if p.endpoint_id in ids and price not in found.get(p.endpoint_id, ()):
                    found[p.endpoint_id] = (*found.get(p.endpoint_id, ()), price)
            if not (page.has_more or page.next_cursor):
                return found
            if not page.next_cursor or page.next_cursor == cursor:
                raise PricesError(f"{self.name} pricing API: says more prices follow but gives no new cursor "
                                  "to read them with; not read")
            cursor = page.next_cursor
        raise PricesError(f"{self.name} pricing API: more than {MAX_PAGES} pages for {len(ids)} endpoint(s); not read")

    def _page(self, client, url: str, params: list[tuple[str, str]]) -> _Answer:  # noqa: ANN001 - httpx.Client
        import httpx

        try:
            with client.stream("GET", url, params=params) as answer:
                body = self._body(answer)
        except httpx.TimeoutException:
            raise PricesError(f"{self.name} pricing API: no answer within {TIMEOUT:g} s") from None
        except httpx.HTTPError as exc:
            raise PricesError(self._clean(f"{self.name} pricing API at {urlsplit(url).netloc} could not be reached: "
                                          f"{type(exc).__name__}: {exc}")) from None
        try:
            return _Answer.model_validate(json.loads(body, parse_float=Decimal))
        except (ValueError, ValidationError):
            raise PricesError(f"{self.name} pricing API: the answer is not the documented JSON "
                              "(prices[] with endpoint_id, unit_price, unit, currency)") from None

    def _body(self, answer) -> bytes:  # noqa: ANN001 - httpx.Response
        code = answer.status_code
        if code in (401, 403):
            raise PricesError(f"{self.name} refused the key (HTTP {code}): check that FAL_KEY holds a valid API key")
        if code == 429:
            raise PricesError(f"{self.name} limits the rate (HTTP 429): try again later")
        if code != 200:
            raise PricesError(f"{self.name} pricing API answered HTTP {code}")
        chunks, size = [], 0
        for chunk in answer.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:
                raise PricesError(f"{self.name} pricing API: the answer is larger than {MAX_BYTES:,} bytes; not read")
            chunks.append(chunk)
        return b"".join(chunks)

    def _clean(self, message: str) -> str:
        """``message`` without the key, as written or escaped (as in a repr)."""
        for form in {self._key, repr(self._key)[1:-1], self._key.encode("unicode_escape").decode()} - {""}:
            message = message.replace(form, "[FAL_KEY]")
        return message
