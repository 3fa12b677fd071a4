"""A fake fal.ai Platform API on 127.0.0.1: ``GET /v1/models/pricing?endpoint_id=…`` answers
the documented shape from ``prices`` (endpoint id → (unit_price text, unit)), only with the
header ``Authorization: Key <key>``; ``status`` forces another answer. Requests are recorded
as (path with query, headers)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeFal:
    def __init__(self, key: str) -> None:
        self.key = key
        self.prices: dict[str, tuple[str, str]] = {}
        self.status: int | None = None
        self.requests: list[tuple[str, dict]] = []
        fal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def do_GET(self) -> None:  # noqa: N802
                fal.requests.append((self.path, dict(self.headers)))
                status, body = fal.answer(self.path, self.headers.get("Authorization"))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client read only the status
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str, authorization: str | None) -> tuple[int, bytes]:
        parts = urlsplit(path)
        if parts.path != "/v1/models/pricing":
            return 404, b'{"detail": "not found"}'
        if authorization != f"Key {self.key}":
            return 401, b'{"detail": "invalid key"}'
        if self.status:
            return self.status, b'{"detail": "forced"}'
        ids = [i for value in parse_qs(parts.query).get("endpoint_id", []) for i in value.split(",")]
        if not 1 <= len(ids) <= 50:
            return 400, b'{"detail": "1 to 50 endpoint ids"}'
        # unit_price written as a JSON number, as fal.ai sends it
        prices = ", ".join(f'{{"endpoint_id": {json.dumps(i)}, "unit_price": {self.prices[i][0]}, '
                           f'"unit": {json.dumps(self.prices[i][1])}, "currency": "USD"}}'
                           for i in ids if i in self.prices)
        return 200, f'{{"prices": [{prices}], "next_cursor": null, "has_more": false}}'.encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
