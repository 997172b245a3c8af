"""The desk's two long-lived threads: the engine's loop and the hand-on's loop.

Each sleeps on a ``threading.Event`` between rounds, so ``trigger()`` makes it look at once
and ``stop()`` returns as soon as the round under way is done (no thread is ever killed).
What escapes a round is published as ``LoopFailed`` (expected trouble: a busy database) or
logged with its traceback (a bug), and the loop carries on after ``error_wait_s``.

The hand-on's own modules (the OMS and POS bodies' models, the imported returns) load on
the hand-on loop's thread when it first needs them, not on the GUI thread before the desk
is ready (``tests/ui/test_startup.py``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

from returns_desk.errors import ReturnsDeskError
from returns_desk.handon.events import HandonProblems, HandonWaiting, OutboxChanged
from returns_desk.settings.handon import HandonSettings
from returns_desk.store import Store
from returns_desk.workflow.engine import COMPLETED_EVENT, DockEngine
from returns_desk.workflow.events import HandoverCompleted, Publish

if TYPE_CHECKING:
    from returns_desk.handon.completions import RecordCache
    from returns_desk.handon.processor import OutboxProcessor, SiteClaims
    from returns_desk.handon.sender import Sender

log = logging.getLogger(__name__)


class LoopFailed(msgspec.Struct, frozen=True):
    """Expected trouble escaped a background round (e.g. the database is busy)."""

    loop: str
    error: ReturnsDeskError


class _Loop(threading.Thread):
    """Run ``round()`` until stopped; it returns the seconds to sleep before the next."""

    name_of_loop = "loop"

    def __init__(self, store: Store, publish: Publish, error_wait_s: float) -> None:
        super().__init__(name=self.name_of_loop, daemon=True)
        self._store, self._publish, self._error_wait_s = store, publish, error_wait_s
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def run(self) -> None:
        try:
            self.prepare()
            while not self._stopping.is_set():
                try:
                    wait = self.round()
                except ReturnsDeskError as exc:
                    self._publish(LoopFailed(self.name_of_loop, exc))
                    wait = self._error_wait_s
                except Exception:  # a bug: logged, the loop goes on
                    log.exception("the %s hit a bug", self.name_of_loop)
                    wait = self._error_wait_s
                if self._stopping.is_set():
                    break
                self._wake.wait(wait)
                self._wake.clear()
        finally:
            self.finish()
            self._store.release_thread()  # this thread's database connection

    def prepare(self) -> None:
        """Before the first round, on the loop's thread."""

    def round(self) -> float:
        raise NotImplementedError

    def finish(self) -> None:
        """After the last round, on the loop's thread."""

    def trigger(self) -> None:
        """Do whatever is due now instead of at the end of the current sleep."""
        self._wake.set()

    def stop(self, timeout_s: float = 5.0) -> bool:
        """Ask the loop to end and wait at most ``timeout_s``; True when it has ended."""
        self._stopping.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout_s)
        return not self.is_alive()


class EngineLoop(_Loop):
    """Initial-load refreshes and shipment polls, whenever the engine says they are due."""

    name_of_loop = "engine loop"

    def __init__(
        self,
        engine: DockEngine,
        publish: Publish,
        *,
        min_wait_s: float = 0.05,
        max_wait_s: float = 30.0,
        error_wait_s: float = 5.0,
    ) -> None:
        super().__init__(engine.store, publish, error_wait_s)
        self._engine = engine
        self._min_wait_s, self._max_wait_s = min_wait_s, max_wait_s

    def round(self) -> float:
        return min(self._max_wait_s, max(self._min_wait_s, self._engine.run_due()))


MakeSenders = Callable[[], tuple[dict[str, "Sender"], dict[str, ReturnsDeskError]]]


class HandonLoop(_Loop):
    """Queues the hand-on of completed handovers, then sends what is due.

    Subscribed to ``HandoverCompleted``: the subscriber only notes the session and wakes
    the loop, so completing never waits for the imported-returns file or the network.
    ``records`` makes the imported returns' cache, on the loop's thread at first use.
    """

    name_of_loop = "hand-on loop"

    def __init__(
        self,
        store: Store,
        settings: HandonSettings,
        records: Callable[[], RecordCache],
        publish: Publish,
        make_senders: MakeSenders,
        *,
        idle_s: float = 60.0,
        error_wait_s: float = 5.0,
    ) -> None:
        super().__init__(store, publish, error_wait_s)
        self._settings, self._make_records = settings, records
        self._records: RecordCache | None = None
        self._make_senders, self._idle_s = make_senders, idle_s
        self._lock = threading.Lock()
        self._completed: list[int] = []
        self._processor: OutboxProcessor | None = None
        #: site mode: who hands each return on for the whole site (set before ``start``)
        self.claims: SiteClaims | None = None

    @property
    def sends(self) -> bool:
        return bool(self._settings.enabled_destinations())

    def on_completed(self, event: HandoverCompleted) -> None:
        """The bus's subscriber (any thread, under the engine's lock): note it, wake up."""
        with self._lock:
            self._completed.append(event.view.session_id)
        self.trigger()

    def prepare(self) -> None:
        from returns_desk.handon.completions import pending_completions
        from returns_desk.handon.processor import Backoff, OutboxProcessor

        with self._lock:  # completions a crash left unqueued, then this run's
            self._completed[:0] = pending_completions(self._store, COMPLETED_EVENT)
        if not self.sends:
            return
        senders, problems = self._make_senders()  # the credential store: not on the GUI
        self._publish(HandonProblems(dict(problems)))
        processor = OutboxProcessor(
            self._store,
            senders,
            backoff=Backoff.from_settings(self._settings.retry),
            idle_s=self._idle_s,
            on_change=lambda: self._publish(OutboxChanged()),
            claims=self.claims,
        )
        with self._lock:
            self._processor = processor
        if self._stopping.is_set():
            processor.stop()

    def round(self) -> float:
        self._queue_completed()
        with self._lock:
            processor = self._processor
        if processor is None:
            return self._idle_s
        return processor.run_due()

    def _queue_completed(self) -> None:
        from returns_desk.handon.completions import queue_completed

        while True:
            with self._lock:
                if not self._completed:
                    return
                session_id = self._completed[0]
            if self._records is None:
                self._records = self._make_records()
            loaded = self._records.load() if self.sends else None
            records = loaded.records if loaded is not None else {}
            items = queue_completed(self._store, session_id, self._settings, records)
            with self._lock:
                self._completed.remove(session_id)
            if loaded is not None and loaded.error is not None and items:
                self._publish(HandonWaiting(session_id, loaded.error))
            if items:
                self._publish(OutboxChanged(session_id, len(items)))

    def stop(self, timeout_s: float = 5.0) -> bool:
        with self._lock:
            if self._processor is not None:
                self._processor.stop()
        return super().stop(timeout_s)

    def finish(self) -> None:
        with self._lock:
            processor, self._processor = self._processor, None
        if processor is not None:
            processor.close()
