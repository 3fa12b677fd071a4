"""A fake fal.ai Platform API on 127.0.0.1 (a :class:`FakeSite` with its own answers):
``GET /v1/models/pricing?endpoint_id=…`` answers the documented shape from ``prices``
(endpoint id → (unit_price text, unit)), only with the header ``Authorization: Key <key>``;
``extra`` (endpoint id, unit_price text, unit) rows are sent as well, after the others;
``status`` forces another answer; ``page_size`` splits the rows into pages (``next_cursor``,
read back from ``cursor=``), and ``stuck`` sends the first page's cursor forever. Requests
are recorded as (path with query, headers)."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

from .fake_site import FakeSite

JSON = {"Content-Type": "application/json"}


class FakeFal(FakeSite):
    def __init__(self, key: str) -> None:
        self.key = key
        self.prices: dict[str, tuple[str, str]] = {}
        self.status: int | None = None
        self.extra: list[tuple[str, str, str]] = []
        self.page_size: int | None = None
        self.stuck = False
        super().__init__()

    def respond(self, path: str, headers: dict) -> tuple[int, dict, bytes]:
        self.requests.append((path, headers))
        status, body = self.answer(path, headers.get("Authorization"))
        return status, JSON, body

    def answer(self, path: str, authorization: str | None) -> tuple[int, bytes]:
        parts = urlsplit(path)
        if parts.path != "/v1/models/pricing":
            return 404, b'{"detail": "not found"}'
        if authorization != f"Key {self.key}":
            return 401, b'{"detail": "invalid key"}'
        if self.status:
            return self.status, b'{"detail": "forced"}'
        query = parse_qs(parts.query)
        ids = [i for value in query.get("endpoint_id", []) for i in value.split(",")]
        if not 1 <= len(ids) <= 50:
            return 400, b'{"detail": "1 to 50 endpoint ids"}'
        rows = [(i, *self.prices[i]) for i in ids if i in self.prices] + self.extra
        page = int(base64.b64decode(query["cursor"][0])) if "cursor" in query and not self.stuck else 0
        size = self.page_size or max(1, len(rows))
        more = (page + 1) * size < len(rows)
        cursor = json.dumps(base64.b64encode(str(page + 1).encode()).decode()) if more else "null"
        # unit_price written as a JSON number, as fal.ai sends it
        prices = ", ".join(f'{{"endpoint_id": {json.dumps(i)}, "unit_price": {price}, '
                           f'"unit": {json.dumps(unit)}, "currency": "USD"}}'
                           for i, price, unit in rows[page * size:(page + 1) * size])
        return 200, f'{{"prices": [{prices}], "next_cursor": {cursor}, "has_more": {json.dumps(more)}}}'.encode()
