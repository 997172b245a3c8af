"""Stand-ins for the seller's systems the hand-on delivers to: Omni and a Unicommerce POS.

One small HTTP/1.1 server on loopback (standard library) serves both:

- Omni under ``/omni``: ``POST /return/return-orders`` (static ``authUsername`` /
  ``authPassword`` headers, 200 with an empty body, 400 ``{code, message, description}``)
  and the Beta look-up ``POST /return/get/awb``;
- the POS under ``/pos``: ``POST /v1/auth/Token`` (credentials in headers) and
  ``POST /v1/returns/{code}`` (bearer token; ``{successful, message, errors, warnings}``).

Answers are configurable while it runs (``Behaviour``): a seeded rate of failures, failures
after the return was recorded, one-shot answers (500, 401, ``successful:false``, dropped
connections), and what a repeat of the same return gets (rejected as a duplicate, accepted
again idempotently, or recorded twice). Everything received is recorded, so tests can assert
exactly-once delivery on ``accepted``. ``stop()`` closes every connection and joins every
thread, like ``sandbox.server``.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from returns_desk.sandbox.destination_rules import (
    field_text,
    omni_bad_data,
    omni_problem,
    pos_failure,
    pos_problem,
)
from returns_desk.sandbox.httpbase import QuietHandler, TrackedServer

OMNI_PREFIX = "/omni"
POS_PREFIX = "/pos"


#: answers no well-behaved destination gives, for the clients' tests: status and raw body
HOSTILE: dict[str, tuple[int, bytes]] = {
    "html": (502, b"<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"),
    "deep": (400, b"[" * 200_000 + b"]" * 200_000),
}


@dataclass
class Behaviour:
    """How one stand-in answers return posts (its token and look-up calls always work)."""

    failure_rate: float = 0.0  # answered ``failure_status`` before anything is recorded
    failure_status: int = 500
    commit_then_fail_rate: float = 0.0  # recorded, then answered 500: the client must not double it
    duplicate: str = "reject"  # "reject", "accept" (idempotent) or "accept_again" (recorded twice)
    lookup: bool = True  # Omni: the Beta look-up by AWB exists
    token_ttl_s: float | None = None  # POS: ``expires_in`` of its tokens (None: they never expire)
    seed: int = 0
    #: record the n-th accepted return, then hold its answer until ``release()`` (kill tests)
    hold_after_accepts: int | None = None
    #: one-shot answers for the next return posts: "500", "503", "401", "unsuccessful", "drop",
    #: "commit_then_drop", "commit_then_500"; and hostile bodies (``HOSTILE``): "html" (a
    #: proxy's error page), "deep" (JSON nested past any parser's depth)
    queue: deque[str] = field(default_factory=deque)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def reseed(self, seed: int | str) -> None:
        """Start the failure draws again from ``seed``: a run repeats exactly."""
        self.rng = random.Random(seed)

    def fate(self) -> str | None:
        if self.queue:
            return self.queue.popleft()
        draw = self.rng.random()
        if draw < self.failure_rate:
            return str(self.failure_status)
        if draw < self.failure_rate + self.commit_then_fail_rate:
            return "commit_then_500"
        return None


@dataclass(frozen=True)
class Received:
    destination: str  # "omni" or "pos"
    key: str  # returnOrderCode / package code
    outcome: str  # accepted, duplicate_rejected, duplicate_accepted, failed, rejected, unauthorized
    status: int  # 0 when the connection was dropped
    at: float


class DestinationStandIns:
    """``with DestinationStandIns() as d:`` serves both on a free loopback port."""

    def __init__(
        self,
        *,
        omni_user: str = "omni-user",
        omni_password: str = "omni-pass",
        omni_domain: str | None = None,
        pos_user: str = "pos-user",
        pos_password: str = "pos-pass",
        omni_aggregator: str = "",
    ) -> None:
        self.omni_user, self.omni_password, self.omni_domain = omni_user, omni_password, omni_domain
        #: the Omni site's logistics aggregator: "CLICKPOST" makes more fields mandatory
        self.omni_aggregator = omni_aggregator
        self.pos_user, self.pos_password = pos_user, pos_password
        self.omni = Behaviour()
        self.pos = Behaviour()
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.omni_orders: dict[str, dict[str, Any]] = {}
        self.pos_returns: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, float | None] = {}  # token -> expiry (time.monotonic)
        self.token_requests = 0
        self.server_errors: list[BaseException] = []
        #: set while an answer is held (``Behaviour.hold_after_accepts``)
        self.holding = threading.Event()
        self._release = threading.Event()
        self._accepts: Counter[str] = Counter()
        self._httpd: _Server | None = None

    # --- life cycle ------------------------------------------------------------------

    def start(self) -> DestinationStandIns:
        if self._httpd is not None:
            raise RuntimeError("already started")
        self._httpd = _Server(("127.0.0.1", 0), _Handler, self.server_errors, "destinations")
        self._httpd.owner = self
        self._httpd.serve_in_background()
        return self

    def release(self) -> None:
        """Let a held answer go (to a client that may be gone by then)."""
        self._release.set()

    def stop(self) -> None:
        self._release.set()
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.stop()

    def __enter__(self) -> DestinationStandIns:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("not running")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def omni_base_url(self) -> str:
        return self.root_url + OMNI_PREFIX

    @property
    def pos_base_url(self) -> str:
        return self.root_url + POS_PREFIX

    # --- what was received --------------------------------------------------------------

    def accepted(self, destination: str) -> Counter[str]:
        """How many times each return was recorded (exactly once: every count is 1)."""
        with self.lock:
            return Counter(
                r.key
                for r in self.received
                if r.destination == destination and r.outcome == "accepted"
            )

    def outcomes(self, destination: str) -> Counter[str]:
        with self.lock:
            return Counter(r.outcome for r in self.received if r.destination == destination)

    def _note(self, destination: str, key: str, outcome: str, status: int) -> None:
        with self.lock:
            self.received.append(Received(destination, key, outcome, status, time.time()))
            if outcome != "accepted":
                return
            self._accepts[destination] += 1
            behaviour = self.omni if destination == "omni" else self.pos
            hold = behaviour.hold_after_accepts == self._accepts[destination]
        if hold:
            self.holding.set()
            self._release.wait()

    # --- Omni ---------------------------------------------------------------------------

    def omni_answer(self, path: str, headers: Any, body: Any) -> tuple[int, Any] | None:
        user, password = headers.get("authUsername"), headers.get("authPassword")
        domain_ok = self.omni_domain is None or headers.get("authDomainName") == self.omni_domain
        if user != self.omni_user or password != self.omni_password or not domain_ok:
            self._note("omni", field_text(body, "returnOrderCode"), "unauthorized", 401)
            return 401, {"code": "UNAUTHORIZED", "message": "Invalid credentials"}
        if path == "/return/get/awb":
            if not self.omni.lookup:
                return 404, {"errorMessage": "Unknown URL"}
            return 200, {"returnOrderDetailsList": self._omni_lookup(body)}
        if path != "/return/return-orders":
            return 404, {"errorMessage": "Unknown URL"}
        code = field_text(body, "returnOrderCode")
        problem = omni_problem(body, self.omni_aggregator)
        if problem:
            self._note("omni", code, "rejected", 400)
            return 400, omni_bad_data(problem)
        with self.lock:
            fate = self.omni.fate()
        if fate in HOSTILE:
            self._note("omni", code, "failed", HOSTILE[fate][0])
            return HOSTILE[fate]
        if fate in ("500", "503", "502", "504", "401", "drop"):
            self._note("omni", code, "failed", 0 if fate == "drop" else int(fate))
            return (
                None if fate == "drop" else (int(fate), omni_bad_data("injected", "SERVER_ERROR"))
            )
        answer: tuple[int, Any]
        with self.lock:
            repeat = code in self.omni_orders
            if repeat and self.omni.duplicate == "reject":
                outcome, answer = (
                    "duplicate_rejected",
                    (400, omni_bad_data(f"[returnOrderCode: {code} already exists]")),
                )
            elif repeat and self.omni.duplicate == "accept":
                outcome, answer = "duplicate_accepted", (200, None)
            else:
                self.omni_orders[code] = body
                outcome, answer = "accepted", (200, None)
        self._note("omni", code, outcome, answer[0])
        if outcome == "accepted" and fate in ("commit_then_500", "commit_then_drop"):
            return (
                None
                if fate == "commit_then_drop"
                else (500, omni_bad_data("injected", "SERVER_ERROR"))
            )
        return answer

    def _omni_lookup(self, body: Any) -> list[dict[str, Any]]:
        awb = body.get("awbNumber") if isinstance(body, dict) else None
        with self.lock:
            orders = [o for o in self.omni_orders.values() if awb and o.get("awbNumber") == awb]
        return [
            {
                "orderCode": o.get("forwardOrderCode"),
                "returnOrderCode": o.get("returnOrderCode"),
                "trackingCode": o.get("awbNumber"),
                "transporter": o.get("transporter"),
                "locationCode": o.get("locationCode"),
                "returnOrderType": o.get("orderType"),
                "returnLineItems": [
                    {
                        "channelReturnItemCode": i.get("itemCode"),
                        "channelSkuCode": i.get("channelSkuCode"),
                    }
                    for i in o.get("orderItems", [])
                ],
                "channelReturnOrderStatus": "CREATED",
                "omniReturnOrderStatus": "CREATED",
                "isSyncedToOms": True,
            }
            for o in orders
        ]

    # --- POS ----------------------------------------------------------------------------

    def pos_answer(self, path: str, headers: Any, body: Any) -> tuple[int, Any] | None:
        if path == "/v1/auth/Token":
            with self.lock:
                self.token_requests += 1
            if (headers.get("username"), headers.get("password")) != (
                self.pos_user,
                self.pos_password,
            ):
                return 401, {"status": "FAILED", "errorMessage": "Bad credentials"}
            token = str(uuid.uuid4())
            ttl = self.pos.token_ttl_s
            with self.lock:
                self.tokens[token] = None if ttl is None else time.monotonic() + ttl
            grant: dict[str, Any] = {"access_token": token, "status": "SUCCESS"}
            if ttl is not None:
                grant.update(
                    expires_in=ttl, refresh_token=str(uuid.uuid4()), scope="read trust write"
                )
            return 200, grant
        if not path.startswith("/v1/returns/"):
            return 404, pos_failure(404, "NOT_FOUND", f"No such endpoint: {path}")
        code = path.removeprefix("/v1/returns/")
        if not self._pos_token_ok(headers.get("Authorization", "")):
            self._note("pos", code, "unauthorized", 401)
            return 401, pos_failure(
                100209, "INVALID_TOKEN", "The access token is invalid or expired"
            )
        problem = pos_problem(code, body)
        if problem:
            self._note("pos", code, "rejected", 200)
            return 200, pos_failure(40005, "INVALID_REQUEST", problem)
        with self.lock:
            fate = self.pos.fate()
        if fate == "401":
            with self.lock:
                self.tokens.clear()
            self._note("pos", code, "unauthorized", 401)
            return 401, pos_failure(100209, "INVALID_TOKEN", "The access token has expired")
        if fate == "unsuccessful":
            self._note("pos", code, "failed", 200)
            return 200, pos_failure(
                20003, "INVALID_PACKAGE_STATE", "Invalid package status READY_TO_SHIP"
            )
        if fate in HOSTILE:
            self._note("pos", code, "failed", HOSTILE[fate][0])
            return HOSTILE[fate]
        if fate in ("500", "502", "503", "504", "drop"):
            self._note("pos", code, "failed", 0 if fate == "drop" else int(fate))
            return (
                None
                if fate == "drop"
                else (int(fate), pos_failure(500, "INTERNAL_ERROR", "injected"))
            )
        with self.lock:
            repeat = code in self.pos_returns
            warnings: list[dict[str, Any]] = []
            if repeat and self.pos.duplicate == "reject":
                outcome = "duplicate_rejected"
                answer = (
                    200,
                    pos_failure(40010, "DUPLICATE_RETURN", f"Return already recorded for {code}"),
                )
            else:
                if repeat and self.pos.duplicate == "accept":
                    outcome = "duplicate_accepted"
                    warnings = [{"code": 1, "message": "ALREADY_RECORDED", "description": code}]
                else:
                    outcome = "accepted"
                    self.pos_returns[code] = body
                answer = (
                    200,
                    {"successful": True, "message": None, "errors": [], "warnings": warnings},
                )
        self._note("pos", code, outcome, 200)
        if outcome == "accepted" and fate in ("commit_then_500", "commit_then_drop"):
            return (
                None
                if fate == "commit_then_drop"
                else (500, pos_failure(500, "INTERNAL_ERROR", "injected"))
            )
        return answer

    def _pos_token_ok(self, header: str) -> bool:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            return False
        with self.lock:
            if token.strip() not in self.tokens:
                return False
            expiry = self.tokens[token.strip()]
            return expiry is None or time.monotonic() < expiry


class _Server(TrackedServer):
    owner: DestinationStandIns


class _Handler(QuietHandler):
    server_version = "DestinationStandIns/1.0"
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            self._write(400, {"code": "BAD_DATA", "message": "Malformed JSON", "description": ""})
            return
        owner = self.server.owner
        path = self.path.partition("?")[0]
        try:
            if path.startswith(OMNI_PREFIX + "/"):
                answer = owner.omni_answer(path.removeprefix(OMNI_PREFIX), self.headers, body)
            elif path.startswith(POS_PREFIX + "/"):
                answer = owner.pos_answer(path.removeprefix(POS_PREFIX), self.headers, body)
            else:
                answer = (404, {"errorMessage": f"No such endpoint: {path}"})
        except Exception as exc:  # a stand-in bug: keep it for the test to see
            owner.server_errors.append(exc)
            answer = (500, {"errorMessage": f"stand-in bug: {exc!r}"})
        if answer is None:
            self.drop()
            return
        self._write(*answer)

    def _write(self, status: int, body: Any) -> None:
        data = (
            body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
        )
        head = (
            f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        self.wfile.write(head.encode("latin-1") + data)
