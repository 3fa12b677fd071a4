"""Local fakes of the clip providers' APIs on 127.0.0.1 (vendor-facts.md §4.4).

``script`` decides each answer: a list of (status, body, headers) per route, used in order;
the last one repeats. Requests are recorded (parsed: JSON, or multipart form fields) so tests
can assert what was sent. Each fake checks its provider's auth header and answers 401 otherwise.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = "test-key-must-never-leak-8c2f"
VIDEO = b"\x1aE\xdf\xa3" + bytes(4096)  # a WebM signature and padding: content is not decoded here
POSTER = b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(200)


def _parse(content_type: str, raw: bytes) -> object:
    if not raw:
        return None
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
        return {part.get_param("name", header="content-disposition"): part.get_content()
                for part in message.iter_parts()}
    return json.loads(raw)


class FakeApi:
    """A fake API server. Subclasses set ``auth`` (header, expected value) and ``route()``."""

    auth: tuple[str, str] = ("x-goog-api-key", KEY)

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict]] = []
        self.script: dict[str, list[tuple[int, object, dict]]] = {}
        self.delay = 0.0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length", 0) or 0)
                body = _parse(self.headers.get("Content-Type", ""), self.rfile.read(length) if length else b"")
                fake.requests.append((self.command, self.path, {"headers": dict(self.headers), "body": body}))
                route = fake.route(self.command, self.path)
                header, value = fake.auth
                if route != "cdn" and self.headers.get(header) != value:
                    return self._send(401, fake.unauthorized(), {})
                time.sleep(fake.delay)
                refusal = fake.validate(route, self.path, body, self.headers)
                if refusal is not None:
                    return self._send(400, refusal, {})
                steps = fake.script.get(route) or [(404, {"error": {"code": 404, "message": "no route"}}, {})]
                status, payload, headers = steps.pop(0) if len(steps) > 1 else steps[0]
                self._send(status, payload, dict(headers))

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

            do_GET = do_POST = _answer  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def route(self, method: str, path: str) -> str:
        raise NotImplementedError

    def validate(self, route: str, path: str, body: object, headers) -> dict | None:  # noqa: ANN001
        """The 400 body for a request the real API would refuse, else None."""
        return None

    def unauthorized(self) -> dict:
        return {"error": {"code": 401, "status": "UNAUTHENTICATED", "message": "bad key"}}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class FakeGemini(FakeApi):
    """``POST …:predictLongRunning`` (create), ``GET /v1beta/{operation}`` (poll), ``/files/`` (download)."""

    def route(self, method: str, path: str) -> str:
        if method == "POST":
            return "create" if path.endswith(":predictLongRunning") else "other"
        return "download" if "/files/" in path else "poll"

    def validate(self, route: str, path: str, body: object, headers) -> dict | None:  # noqa: ANN001
        """§4.1: one instance with a prompt; known parameters; 1080p and 4k only at 8 s; no 4k on Lite."""
        if route != "create":
            return None
        params = body.get("parameters", {}) if isinstance(body, dict) else {}
        instances = body.get("instances") if isinstance(body, dict) else None
        seconds = params.get("durationSeconds", 8)
        problems = [
            not (isinstance(instances, list) and len(instances) == 1 and isinstance(instances[0].get("prompt"), str)),
            set(params) - {"aspectRatio", "resolution", "durationSeconds", "negativePrompt", "personGeneration",
                           "sampleCount", "numberOfVideos", "enhancePrompt", "seed"},
            params.get("aspectRatio", "16:9") not in ("16:9", "9:16"),
            params.get("resolution", "720p") not in ("720p", "1080p", "4k"),
            str(seconds) not in ("4", "6", "8"),
            params.get("resolution") in ("1080p", "4k") and str(seconds) != "8",
            params.get("resolution") == "4k" and "lite" in path,
        ]
        if any(problems):
            return {"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "Request contains an invalid argument."}}
        return None

    def done(self, uri: str | None = None) -> dict:
        return {"name": "models/veo-3.1-generate-preview/operations/op1", "done": True, "response": {
            "generateVideoResponse": {"generatedSamples": [{"video": {"uri": uri or f"{self.url}/v1beta/files/abc:download?alt=media"}}]}}}


class FakeReplicate(FakeApi):
    """``POST /v1/models/{o}/{n}/predictions`` (create), ``GET /v1/predictions/{id}`` (poll),
    ``/delivery/`` (the CDN: no auth expected)."""

    auth = ("Authorization", f"Bearer {KEY}")

    def route(self, method: str, path: str) -> str:
        if method == "POST":
            return "create" if path.startswith("/v1/models/") and path.endswith("/predictions") else "other"
        return "cdn" if path.startswith("/delivery/") else "poll"

    def unauthorized(self) -> dict:
        return {"title": "Unauthenticated", "detail": "You did not pass a valid authentication token", "status": 401}

    def validate(self, route: str, path: str, body: object, headers) -> dict | None:  # noqa: ANN001
        """§4.3: a JSON body ``{"input": {...}}`` with a prompt."""
        if route == "create" and not (isinstance(body, dict) and isinstance(body.get("input"), dict)
                                      and isinstance(body["input"].get("prompt"), str)):
            return {"title": "Invalid input", "detail": "input: prompt is required", "status": 422}
        return None

    def prediction(self, status: str, **fields: object) -> dict:
        return {"id": "p1", "model": "google/veo-3.1-fast", "version": "hidden", "status": status, "input": {},
                "output": None, "error": None, "logs": "", "data_removed": False, "created_at": "2026-11-29T10:00:00Z",
                "urls": {"get": f"{self.url}/v1/predictions/p1"}, **fields}


class FakeOpenAI(FakeApi):
    """Multipart ``POST /v1/videos`` (create), ``GET /v1/videos/{id}`` (poll),
    ``GET /v1/videos/{id}/content?variant=`` (download, thumbnail)."""

    auth = ("Authorization", f"Bearer {KEY}")

    def route(self, method: str, path: str) -> str:
        if method == "POST":
            return "create" if path == "/v1/videos" else "other"
        if "/content" in path:
            return "thumbnail" if "variant=thumbnail" in path else "content"
        return "poll"

    def unauthorized(self) -> dict:
        return {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                          "param": None, "code": "invalid_api_key"}}

    def validate(self, route: str, path: str, body: object, headers) -> dict | None:  # noqa: ANN001
        """§4.2: multipart with a prompt; ``seconds`` in 4, 8, 12 (16, 20); a known ``size``."""
        if route != "create":
            return None
        fields = body if headers.get("Content-Type", "").startswith("multipart/form-data") else None
        if not (isinstance(fields, dict) and fields.get("prompt")
                and fields.get("seconds", "4") in ("4", "8", "12", "16", "20")
                and fields.get("size", "720x1280") in ("720x1280", "1280x720", "1024x1792", "1792x1024",
                                                        "1920x1080", "1080x1920")):
            return {"error": {"message": "Invalid request", "type": "invalid_request_error", "param": None,
                              "code": "invalid_value"}}
        return None

    def video(self, status: str, **fields: object) -> dict:
        return {"id": "video_1", "object": "video", "model": "sora-2", "status": status, "progress": 0,
                "created_at": 1764410000, "completed_at": None, "expires_at": None, "prompt": "p",
                "seconds": "8", "size": "1280x720", "remixed_from_video_id": None, "error": None, **fields}
