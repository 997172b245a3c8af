"""The one fake clock of the test suite: a number of seconds that moves only when told.

Used as ``time.time`` (epoch seconds) or ``time.monotonic``, and as ``sleep`` (sleeping
moves it and records how long was asked for).
"""

from __future__ import annotations

from datetime import UTC, datetime


class FakeClock:
    def __init__(self, start: float | datetime = 1000.0) -> None:
        self.now = start.timestamp() if isinstance(start, datetime) else float(start)
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def advance_ms(self, ms: float) -> None:
        self.now += ms / 1000.0

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    @property
    def datetime(self) -> datetime:
        return datetime.fromtimestamp(self.now, tz=UTC)
