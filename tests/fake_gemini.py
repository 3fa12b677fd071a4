"""A local fake of the Gemini API's Veo endpoints (vendor-facts.md §4.1 and §4.4), on 127.0.0.1.

``FakeGemini.script`` decides each answer: a list of (status, body, headers) per route, used
in order; the last one repeats. Requests are recorded (without being interpreted) for asserts.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = "test-key-must-never-leak-8c2f"
VIDEO = b"\x1aE\xdf\xa3" + bytes(4096)  # a WebM signature and padding: content is not decoded here


class FakeGemini:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict]] = []
        self.script: dict[str, list[tuple[int, object, dict]]] = {}
        self.delay = 0.0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def _answer(self, route: str) -> None:
                length = int(self.headers.get("Content-Length", 0) or 0)
                body = json.loads(self.rfile.read(length) or b"null") if length else None
                fake.requests.append((self.command, self.path, {"headers": dict(self.headers), "body": body}))
                if self.headers.get("x-goog-api-key") != KEY:
                    return self._send(401, {"error": {"code": 401, "status": "UNAUTHENTICATED", "message": "bad key"}}, {})
                time.sleep(fake.delay)
                steps = fake.script.get(route) or [(404, {"error": {"code": 404, "message": "no route"}}, {})]
                status, payload, headers = steps.pop(0) if len(steps) > 1 else steps[0]
                self._send(status, payload, headers)

            def _send(self, status: int, payload: object, headers: dict) -> None:
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
                self.send_header("Content-Length", headers.pop("Content-Length", str(len(data))))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self) -> None:  # noqa: N802
                self._answer("create" if self.path.endswith(":predictLongRunning") else "other")

            def do_GET(self) -> None:  # noqa: N802
                self._answer("download" if "/files/" in self.path else "poll")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def done(self, uri: str | None = None) -> dict:
        return {"name": "models/veo-3.1-generate-preview/operations/op1", "done": True, "response": {
            "generateVideoResponse": {"generatedSamples": [{"video": {"uri": uri or f"{self.url}/v1beta/files/abc:download?alt=media"}}]}}}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
