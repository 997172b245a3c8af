"""A hostile marketplace on loopback: real sockets, answers no honest server would send.

The token endpoint behaves; every other path answers with the ``act`` the test chose.
Every slow or endless act stops by itself (a bounded count of bytes) and as soon as the
client hangs up or the server stops, and ``sent`` counts the body bytes that got out, so a
test can tell that the client cut an answer short rather than waiting for its end.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from returns_desk.sandbox.httpbase import QuietHandler, TrackedServer

TOKEN_PATH = "/oauth-service/oauth/token"
TOKEN = json.dumps({"access_token": "hostile-token", "expires_in": 3600}).encode()

#: What each act sends after the status line: (status, headers, body or None for a stream).
ACTS: dict[str, tuple[int, dict[str, str], bytes | None]] = {
    "nested": (200, {"Content-Type": "application/json"}, b"[" * 100_000),
    "nested_objects": (200, {"Content-Type": "application/json"}, b'{"a":' * 50_000),
    "overflow": (
        200,
        {"Content-Type": "application/json"},
        b'{"sellerConfig": {}, "feDetails": {"FE1": {"feName": "A", "createdAt": 1e400}}}',
    ),
    "deep_but_parsable": (
        200,
        {"Content-Type": "application/json"},
        b'{"sellerConfig": {"x": ' + b"[" * 900 + b"]" * 900 + b'}, "feDetails": {}}',
    ),
    "nan": (200, {"Content-Type": "application/json"}, b'{"feDetails": NaN}'),
    "retry_after_nan": (503, {"Retry-After": "nan"}, b"{}"),
    "retry_after_inf": (429, {"Retry-After": "inf"}, b"{}"),
    "not_utf8": (200, {"Content-Type": "application/json"}, b'{"x": "\xff\xfe"}'),
    "redirect_http": (302, {"Location": "http://evil.example/steal"}, b""),
    "error_code_huge": (
        400,
        {"Content-Type": "application/json"},
        json.dumps({"errorCode": "X" * 10_000, "message": "M" * 10_000}).encode(),
    ),
    "trickle": (200, {"Content-Type": "application/json", "Content-Length": "100000"}, None),
    "trickle_headers": (200, {}, None),
    "endless": (200, {"Content-Type": "application/json"}, None),
    "huge_declared": (200, {"Content-Length": str(10**12)}, None),
}

TRICKLE_INTERVAL_S = 0.05
ENDLESS_LIMIT = 256 * 1024 * 1024  # the endless body still ends, after 256 MB


class HostileServer:
    """``with HostileServer("trickle") as server: ... server.base_url ...``"""

    def __init__(self, act: str = "nested") -> None:
        self.act = act
        self.sent = 0  # body bytes written for the last hostile answer
        self.finished = threading.Event()  # the last hostile answer was written in full
        self.errors: list[BaseException] = []
        self._server = TrackedServer(("127.0.0.1", 0), _handler_for(self), self.errors, "hostile")

    @property
    def root_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        return self.root_url + "/sellers"

    def __enter__(self) -> HostileServer:
        self._server.serve_in_background()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.stop()

    @property
    def stopping(self) -> threading.Event:
        return self._server.stopping


def _handler_for(owner: HostileServer) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self._answer()

        def _answer(self) -> None:
            if self.path.startswith(TOKEN_PATH):
                self._send(200, {"Content-Type": "application/json"}, TOKEN)
                return
            owner.sent = 0
            owner.finished.clear()
            status, headers, body = ACTS[owner.act]
            if body is not None:
                self._send(status, headers, body)
            elif owner.act == "trickle_headers":
                self._trickle(b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 100_000)
            else:
                self.close_connection = True
                head = f"HTTP/1.1 {status} OK\r\n" + "".join(
                    f"{k}: {v}\r\n" for k, v in headers.items()
                )
                self.wfile.write((head + "Connection: close\r\n\r\n").encode())
                if owner.act == "trickle":
                    self._trickle(b" " * 100_000)
                else:
                    self._flood()
            owner.finished.set()

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            owner.sent = len(body)

        def _trickle(self, data: bytes) -> None:
            """One byte every TRICKLE_INTERVAL_S until done, the client leaves or we stop."""
            self.close_connection = True
            for index in range(len(data)):
                if owner.stopping.wait(TRICKLE_INTERVAL_S):
                    return
                try:
                    self.wfile.write(data[index : index + 1])
                    self.wfile.flush()
                except OSError:
                    return
                owner.sent += 1

        def _flood(self) -> None:
            chunk = b"[1," * 21_845 + b"1,"  # 64 kB of valid-looking JSON, never closed
            while owner.sent < ENDLESS_LIMIT and not owner.stopping.is_set():
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return
                owner.sent += len(chunk)

        def log_message(self, format: str, *args: Any) -> None:
            """Silent."""

    return Handler
