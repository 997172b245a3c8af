"""The outbox processor: sends due entries, exactly once, and survives being killed at any point.

For each due entry: a body that may have arrived earlier (*in doubt*) is first checked with
the destination; then "attempt n is leaving" is committed; then the one request is made;
then its outcome and its event are committed together. A failure the destination may get
over waits (exponential backoff with jitter, and the destination is given a breather);
after ``max_attempts``, or at once when the data itself is refused, the entry goes to
"needs attention" with the last error. Qt-free; one thread drives it (the GUI's worker
``QThread`` calls ``serve`` or ``run_due``).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from returns_desk.handon.errors import HandonError
from returns_desk.handon.ledger import Ledger
from returns_desk.handon.outbox import skip
from returns_desk.handon.sender import Delivery, Sender, SendResult
from returns_desk.i18n import QT_TRANSLATE_NOOP
from returns_desk.settings.handon import RetrySettings
from returns_desk.store import OutboxItem, OutboxStatus, Store

log = logging.getLogger(__name__)

_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)
_MIN_DELAY_S = 0.01


@dataclass(frozen=True)
class Backoff:
    base_s: float = 30.0
    cap_s: float = 3600.0
    max_attempts: int = 8

    @classmethod
    def from_settings(cls, retry: RetrySettings) -> Backoff:
        return cls(retry.backoff_base_s, retry.backoff_cap_s, retry.max_attempts)

    def delay(self, attempt: int, rng: random.Random) -> float:
        """After failed attempt n: half of min(cap, base * 2^(n-1)) plus up to as much again."""
        ceiling = min(self.cap_s, self.base_s * 2.0 ** (attempt - 1))
        return max(_MIN_DELAY_S, ceiling / 2 + rng.uniform(0, ceiling / 2))


class SiteClaims(Protocol):
    """Site mode: one hand-on per return for the whole site (``site/link.py``)."""

    terminal_id: str

    def claim(self, destination: str, idempotency_key: str) -> str | None:
        """The terminal that hands this return on (this one's id: send it), or None when
        the site database cannot say now (the entry waits: never a guess, never twice)."""
        ...

    def claim_sent(self, destination: str, idempotency_key: str) -> None: ...


#: how long an entry waits when the site database cannot say who hands it on
SITE_WAIT_S = 30.0


class _Bug(HandonError):
    """An unexpected exception while sending: logged with its traceback, then retried."""

    code = "HANDON_BUG"
    message = QT_TRANSLATE_NOOP(
        "Errors", "An unexpected problem occurred while handing on a return."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "The app retries on its own; if it keeps happening, call IT support."
    )
    retryable = True
    outcome_unknown = True


class OutboxProcessor:
    def __init__(
        self,
        store: Store,
        senders: Mapping[str, Sender],
        clock: Callable[[], float] = time.time,
        *,
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
        batch_size: int = 50,
        idle_s: float = 60.0,
        unconfigured_hold_s: float = 600.0,
        on_change: Callable[[], None] | None = None,
        claims: SiteClaims | None = None,
    ) -> None:
        self.store = store
        self.senders = dict(senders)
        self.clock = clock
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.batch_size = batch_size
        self.idle_s = idle_s
        self.unconfigured_hold_s = unconfigured_hold_s
        self.on_change = on_change
        self.claims = claims
        self.ledger = Ledger(store)
        self._doubt: set[int] | None = None
        self._held: dict[str, float] = {}
        self._stop = threading.Event()

    # --- driving ------------------------------------------------------------------------

    def recover(self) -> set[int]:
        """Find the entries in doubt (done by the first ``run_due``); their ids."""
        self._doubt = self.ledger.in_doubt()
        if self._doubt:
            log.info("hand-on: %d entries of unknown outcome will be checked", len(self._doubt))
        return set(self._doubt)

    def stop(self) -> None:
        """Make ``run_due``/``serve`` return after the entry under way (any thread)."""
        self._stop.set()

    def run_due(self, max_items: int | None = None) -> float:
        """Send what is due now; the seconds until the next entry is due (0: call again)."""
        if self._doubt is None:
            self.recover()
        seen: set[int] = set()
        while not self._stop.is_set():
            batch = [
                item
                for item in self.store.due_outbox(self._now(), limit=self.batch_size)
                if item.id not in seen
            ]
            if not batch:
                break
            for item in batch:
                if self._stop.is_set() or (max_items is not None and len(seen) >= max_items):
                    return 0.0
                seen.add(item.id)
                self._handle(item)
            if self.on_change is not None:
                self.on_change()
        if self._stop.is_set():
            return 0.0
        return self.seconds_until_next()

    def serve(self, wake: threading.Event) -> None:
        """Run until ``stop()``: ``wake.set()`` after queueing (or stopping) makes it look now."""
        try:
            while not self._stop.is_set():
                wait = self.run_due()
                wake.wait(wait)
                wake.clear()
        finally:
            self.store.release_thread()

    def seconds_until_next(self) -> float:
        nxt = self.store.due_outbox(_FAR_FUTURE, limit=1)
        if not nxt:
            return self.idle_s
        wait = (nxt[0].next_attempt_at - self._now()).total_seconds()
        return min(self.idle_s, max(0.0, wait))

    def close(self) -> None:
        for sender in self.senders.values():
            sender.close()

    # --- one entry ----------------------------------------------------------------------

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    def _handle(self, item: OutboxItem) -> None:
        assert self._doubt is not None
        now = self._now()
        sender = self.senders.get(item.destination)
        if sender is None:
            self._defer(item, self.unconfigured_hold_s, "destination switched off or not set up")
            return
        held = self._held.get(item.destination, 0.0) - self.clock()
        if held > 0:
            self._defer(item, held)
            return
        body = self.ledger.body(item)
        if body is None:
            self.store.set_outbox_status(item.id, OutboxStatus.NEEDS_DATA, at=now)
            return
        if self.claims is not None and not self._claimed(item):
            return
        if item.id in self._doubt:
            try:
                delivery = sender.check(body)
            except Exception as exc:
                self._fail(item, self._typed(exc), unknown=True)
                return
            self.ledger.checked(item, now, delivery.value)
            if delivery is Delivery.DELIVERED:
                result = SendResult(duplicate=True, note="confirmed by the destination's look-up")
                self.ledger.sent(item, now, result, via="check")
                self._doubt.discard(item.id)
                return
            if delivery is Delivery.NOT_DELIVERED:
                self._doubt.discard(item.id)
        if self.ledger.mark_in_flight(item, now) is None:
            return  # no longer pending (skipped meanwhile): not to be sent
        try:
            result = sender.send(body)
        except Exception as exc:
            error = self._typed(exc)
            self._fail(item, error, unknown=error.outcome_unknown)
            return
        self.ledger.sent(item, self._now(), result)
        self._doubt.discard(item.id)
        if self.claims is not None:
            self.claims.claim_sent(item.destination, item.idempotency_key)

    def _claimed(self, item: OutboxItem) -> bool:
        """Site mode: whether this terminal hands ``item`` on; if another terminal of the site
        does, the entry is skipped here with its name; if nobody can say, it waits."""
        assert self.claims is not None
        owner = self.claims.claim(item.destination, item.idempotency_key)
        if owner is None:
            self._defer(item, SITE_WAIT_S, "waiting for the site database")
            return False
        if owner != self.claims.terminal_id:
            skip(self.store, item.id, f"handed on by terminal {owner}", at=self._now())
            return False
        return True

    def _typed(self, exc: Exception) -> HandonError:
        if isinstance(exc, HandonError):
            return exc
        log.exception("hand-on: unexpected error")
        return _Bug(type(exc).__name__)

    def _fail(self, item: OutboxItem, error: HandonError, *, unknown: bool) -> None:
        assert self._doubt is not None
        (self._doubt.add if unknown else self._doubt.discard)(item.id)
        now = self._now()
        attempt = item.attempts + 1
        retry_at = None
        if error.retryable and attempt < self.backoff.max_attempts:
            delay = self.backoff.delay(attempt, self.rng)
            retry_at = now + timedelta(seconds=delay)
            self._held[item.destination] = self.clock() + min(delay, self.backoff.base_s)
        log.info(
            "hand-on %s %s attempt %d: %s%s",
            item.destination,
            item.idempotency_key,
            attempt,
            error.code,
            "" if retry_at else " (needs attention)",
        )
        self.ledger.failed(item, now, error, retry_at=retry_at, unknown=unknown)

    def _defer(self, item: OutboxItem, seconds: float, reason: str | None = None) -> None:
        """Not an attempt: the destination is resting or not set up."""
        until = self._now() + timedelta(seconds=max(seconds, _MIN_DELAY_S))
        self.store.set_outbox_status(item.id, OutboxStatus.PENDING, error=reason, at=until)
