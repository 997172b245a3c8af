"""``Sandbox``: a real HTTP/1.1 server on loopback that plays the marketplace API.

Standard library only. Keep-alive connections are tracked so that ``stop()`` can close
every one of them and join every thread: the test suite fails a test that leaks a thread,
and the app stops its embedded sandbox on exit. Each response is written with one
``send`` (and TCP_NODELAY) so loopback round trips never wait on Nagle's algorithm.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from types import TracebackType
from typing import Any

from returns_desk.sandbox.api import TOKEN_PATH, MarketplaceApi, Reply, api_error
from returns_desk.sandbox.control_api import CONTROL_PREFIX, ControlApi
from returns_desk.sandbox.faults import MALFORMED_BODIES, Fault, Faults, error_code_for
from returns_desk.sandbox.httpbase import QuietHandler, TrackedServer
from returns_desk.sandbox.model import STATIC_START_MODES, SandboxConfig
from returns_desk.sandbox.world import World

__all__ = ["Faults", "Sandbox", "SandboxConfig"]

MAX_BODY = 1 << 20


class Sandbox:
    """The marketplace on loopback; ``with Sandbox() as sb`` starts and stops it."""

    def __init__(
        self, config: SandboxConfig | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self.config = config or SandboxConfig()
        self.clock = clock
        self.world = World(
            locations=self.config.locations,
            otc_ttl_s=self.config.otc_ttl_s,
            seed=self.config.seed,
            clock=clock,
            static_start_otc=(
                self.config.static_start_otc
                if self.config.enabled_for in STATIC_START_MODES
                else None
            ),
        )
        self.faults = Faults()
        #: (method, path without query, status) of every answered API and token request
        self.requests_log: list[tuple[str, str, int]] = []
        #: (User-Agent, method, path) of the same requests: which terminal asked
        self.agents_log: list[tuple[str, str, str]] = []
        #: unexpected exceptions inside the server (a bug); tests may assert it stays empty
        self.server_errors: list[BaseException] = []
        self._log_lock = threading.Lock()
        self.api = MarketplaceApi(self.config, self.world, self.faults)
        self.control = ControlApi(self.world, self.faults)
        self._httpd: _Server | None = None
        self._stopped = False

    # --- life cycle -----------------------------------------------------------------

    def start(self, host: str = "127.0.0.1", port: int = 0) -> Sandbox:
        """Bind and serve in a background thread; returns self."""
        if self._httpd is not None or self._stopped:
            raise RuntimeError("a Sandbox can be started only once")
        self._httpd = _Server((host, port), _Handler, self.server_errors, "sandbox")
        self._httpd.sandbox = self
        self._httpd.serve_in_background()
        return self

    def stop(self) -> None:
        """Stop serving, close every connection, join every thread; idempotent."""
        self._stopped = True
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.stop()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- addresses --------------------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        if self._httpd is None:
            raise RuntimeError("the sandbox is not running")
        return self._httpd.host, self._httpd.server_address[1]

    @property
    def root_url(self) -> str:
        host, port = self.address
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        return self.root_url + "/sellers"

    @property
    def token_url(self) -> str:
        return self.root_url + TOKEN_PATH

    @property
    def control_url(self) -> str:
        return self.root_url + CONTROL_PREFIX

    # --- faults and bookkeeping ---------------------------------------------------------

    def set_faults(self, **changes: Any) -> Faults:
        self.faults.update(**changes)
        return self.faults

    def log_request(self, method: str, path: str, status: int, agent: str = "") -> None:
        with self._log_lock:
            self.requests_log.append((method, path, status))
            self.agents_log.append((agent, method, path))

    def date_header(self) -> str:
        return formatdate(self.clock() + self.faults.clock_skew_s, usegmt=True)


class _Server(TrackedServer):
    sandbox: Sandbox


class _Handler(QuietHandler):
    server_version = "SandboxMarketplace/1.0"
    server: _Server

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Protocol-level errors (bad request line, ...) as JSON too."""
        self.close_connection = True
        text = message or self.responses.get(code, ("Error",))[0]
        with contextlib.suppress(OSError):
            self._write(
                api_error(code, "BAD_REQUEST" if code < 500 else "INTERNAL_SERVER_ERROR", text)
            )

    # --- dispatch -----------------------------------------------------------------

    def _dispatch(self, method: str) -> None:
        sandbox = self.server.sandbox
        path, _, query = self.path.partition("?")
        body = self._read_body()
        if body is None:
            return
        if self.server.stopping.is_set():
            self.close_connection = True
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            self._write(self._guarded(lambda: sandbox.control.handle(method, path, body)))
            return
        is_api = path.startswith("/sellers/")
        is_token = path.startswith("/oauth-service/")
        if is_api or (is_token and sandbox.faults.apply_to_token):
            try:
                fault = sandbox.faults.decide()
            except ValueError as exc:
                sandbox.server_errors.append(exc)
                fault = Fault("error", 500)
            if fault.latency_s > 0 and self.server.stopping.wait(fault.latency_s):
                self.drop()
                return
            if fault.kind is not None:
                self._fault(fault, method, path)
                return
        if is_api:
            reply = self._guarded(lambda: sandbox.api.handle(method, path, self.headers, body))
        elif path == TOKEN_PATH:
            reply = self._guarded(lambda: sandbox.api.token(method, query, self.headers, body))
        else:
            reply = api_error(404, "NOT_FOUND", f"No such endpoint: {path}")
        self._write(reply, log=(method, path))

    def _guarded(self, answer: Callable[[], Reply]) -> Reply:
        try:
            return answer()
        except Exception as exc:  # a sandbox bug: say so as the real API would, keep it
            self.server.errors.append(exc)
            return api_error(500, "INTERNAL_SERVER_ERROR", f"sandbox bug: {exc!r}")

    def _fault(self, fault: Fault, method: str, path: str) -> None:
        if fault.kind == "drop":
            self.drop()
        elif fault.kind == "error":
            code = error_code_for(fault.status)
            reply = api_error(fault.status, code, "Injected fault: the service failed")
            self._write(reply, log=(method, path))
        elif fault.kind == "rate_limit":
            reply = api_error(429, "RATE_LIMITED", "Too many requests", **{"Retry-After": "1"})
            self._write(reply, log=(method, path))
        else:
            self._write(Reply(200, MALFORMED_BODIES[fault.variant]), log=(method, path))

    def _read_body(self) -> bytes | None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.send_error(411, "Send a Content-Length, not a chunked body")
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self.send_error(400, "Bad Content-Length")
            return None
        return self.rfile.read(length) if length else b""

    def _write(self, reply: Reply, log: tuple[str, str] | None = None) -> None:
        sandbox = self.server.sandbox
        reason = self.responses.get(reply.status, ("",))[0]
        lines = [
            f"HTTP/1.1 {reply.status} {reason}",
            f"Date: {sandbox.date_header()}",
            f"Server: {self.server_version}",
            "Content-Type: application/json",
            f"Content-Length: {len(reply.body)}",
        ]
        lines += [f"{name}: {value}" for name, value in reply.headers]
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        if log is not None:
            sandbox.log_request(log[0], log[1], reply.status, self.headers.get("User-Agent", ""))
        self.wfile.write(head + reply.body)
