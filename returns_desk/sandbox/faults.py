"""Faults the sandbox injects into API answers, so the client's error handling gets exercised.

Each API request draws its fate once, before anything changes: first from the one-shot
``queue`` (deterministic tests), then from the rates with a generator of its own, so that a
seed repeats a run exactly whatever the world does in between.
"""

from __future__ import annotations

import random
import threading
from collections import deque
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

ERROR_CODES_BY_STATUS = {
    500: "INTERNAL_SERVER_ERROR",
    502: "BAD_GATEWAY_ERROR",
    503: "SERVICE_UNAVAILABLE_ERROR",
    504: "GATEWAY_TIMEOUT_ERROR",
}

MALFORMED_BODIES = (
    b'{"feDetails": {"fe10001": {"feName": "Ravi Ku',
    b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
    b"</h1></center><hr><center>nginx</center></body></html>\n",
    b"",
)


class Fault(NamedTuple):
    """What happens to one request: ``kind`` is None (answer normally), "error", "drop",
    "malformed" or "rate_limit"; ``latency_s`` is waited first in every case."""

    kind: str | None = None
    status: int = 200
    latency_s: float = 0.0
    variant: int = 0


@dataclass
class Faults:
    """Mutable fault settings of a running sandbox (see the module docstring)."""

    latency_s: float = 0.0
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = (500, 502, 503, 504)
    drop_rate: float = 0.0
    malformed_rate: float = 0.0
    rate_limit_rate: float = 0.0
    token_ttl_s: float | None = None
    clock_skew_s: float = 0.0
    seed: int = 0
    apply_to_token: bool = False
    queue: deque[str] = field(default_factory=deque)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random(self.seed)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "queue" and not isinstance(value, deque):
            value = deque(value)
        elif name == "error_statuses":
            value = tuple(int(v) for v in value)
        super().__setattr__(name, value)
        if name == "seed" and "_lock" in self.__dict__:
            with self._lock:
                self._rng = random.Random(value)

    def update(self, **changes: Any) -> None:
        """Set several fields at once; an unknown name is a ``TypeError``."""
        names = {f.name for f in fields(self)}
        unknown = set(changes) - names
        if unknown:
            raise TypeError(f"unknown fault setting(s): {', '.join(sorted(unknown))}")
        for name, value in changes.items():
            setattr(self, name, value)

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["error_statuses"] = list(self.error_statuses)
        data["queue"] = list(self.queue)
        return data

    def decide(self) -> Fault:
        """This request's fate; ``ValueError`` for a queued kind nobody knows."""
        try:
            queued = self.queue.popleft()
        except IndexError:
            queued = None
        with self._lock:
            if queued is not None:
                return self._queued(queued)
            roll = self._rng.random()
            latency = self.latency_s
            for kind, rate in (
                ("drop", self.drop_rate),
                ("error", self.error_rate),
                ("rate_limit", self.rate_limit_rate),
                ("malformed", self.malformed_rate),
            ):
                if roll < rate:
                    return self._make(kind, None, latency)
                roll -= rate
            return Fault(latency_s=latency)

    def _queued(self, text: str) -> Fault:
        kind, _, arg = text.strip().partition(":")
        if kind == "latency":
            return Fault(latency_s=float(arg or 0) + self.latency_s)
        if kind not in ("error", "drop", "malformed", "rate_limit"):
            raise ValueError(f"unknown queued fault {text!r}")
        return self._make(kind, int(arg) if arg else None, self.latency_s)

    def _make(self, kind: str, status: int | None, latency: float) -> Fault:
        if kind == "error":
            status = status or self._rng.choice(self.error_statuses or (500,))
            return Fault("error", status, latency)
        if kind == "rate_limit":
            return Fault("rate_limit", 429, latency)
        if kind == "malformed":
            return Fault("malformed", 200, latency, self._rng.randrange(len(MALFORMED_BODIES)))
        return Fault("drop", 0, latency)


def error_code_for(status: int) -> str:
    if status in ERROR_CODES_BY_STATUS:
        return ERROR_CODES_BY_STATUS[status]
    return "INTERNAL_SERVER_ERROR" if status >= 500 else f"HTTP_{status}_ERROR"
