"""A fake web site on 127.0.0.1 for ``sources check``: ``pages`` maps a path to a list of
answers (status, headers, body), used in order, the last repeating; a callable answer gets
the request headers. Every request is recorded as (method, path, headers)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

Answer = tuple[int, dict, bytes] | Callable[[dict], tuple[int, dict, bytes]]


class FakeSite:
    def __init__(self) -> None:
        self.pages: dict[str, list[Answer]] = {"/robots.txt": [(404, {}, b"")]}
        self.requests: list[tuple[str, str, dict]] = []
        self.slow: dict[str, float] = {}  # seconds before the answer
        self.trickle: dict[str, float] = {}  # seconds before each tenth of the body
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def do_GET(self) -> None:  # noqa: N802
                status, headers, body = site.respond(self.path, dict(self.headers))
                headers = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body)), **headers}
                try:  # a client that stops reading (a size cap) may close at any point
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    pause = site.trickle.get(self.path)
                    step = max(1, len(body) // 10) if pause else max(1, len(body))
                    for start in range(0, len(body), step):
                        time.sleep(pause or 0.0)
                        self.wfile.write(body[start:start + step])
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def finish(self) -> None:
                try:
                    super().finish()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def respond(self, path: str, headers: dict) -> tuple[int, dict, bytes]:
        """The answer to a GET of ``path`` (with its query), recorded; a subclass may answer otherwise."""
        self.requests.append(("GET", path, headers))
        time.sleep(self.slow.get(path, 0.0))
        answers = self.pages.get(path) or [(404, {}, b"not here")]
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        return answer(headers) if callable(answer) else answer

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def html(main: str) -> bytes:
    """A page whose navigation and scripts change on every call: only ``main`` is its text."""
    stamp = time.time_ns()
    return (f"<html><head><script>var t={stamp}</script></head><body><nav>Menu {stamp}</nav>"
            f"<main>{main}</main><footer>Rendered {stamp}</footer></body></html>").encode()
