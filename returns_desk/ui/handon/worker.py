"""The outbox's own thread: hands received returns on to the seller's systems.

One long-lived ``QThread`` (conventions, habit 3) drives ``OutboxProcessor.serve``, which
sleeps on a ``threading.Event`` between rounds, so ``trigger()`` makes it look at once and
``stop()`` returns as soon as the entry under way is done. The senders are built in the
worker thread, so the credential store and the network never block the GUI. Only signals
leave this thread (habit 4): ``problems`` once with what keeps destinations from working,
``changed`` after every batch, ``failed``/``crashed`` for what escaped the processor.
"""

from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QObject, QThread, Signal, Slot

from returns_desk.api.transport import transport_for
from returns_desk.errors import ReturnsDeskError
from returns_desk.handon import Backoff, OutboxProcessor, build_senders
from returns_desk.settings import Settings
from returns_desk.store import Store


class OutboxWorker(QThread):
    """Sends due outbox entries until ``stop()``; restart it when the settings change."""

    #: after every batch the processor handled: the view re-reads the store
    changed = Signal()
    #: once per run: {destination: ReturnsDeskError}, empty when every destination is ready
    problems = Signal(object)
    #: an expected error that escaped the processor (a busy database); it carries on
    failed = Signal(object)
    #: a bug's traceback (logged by the GUI thread, where logging is safe); it carries on
    crashed = Signal(str)

    def __init__(
        self,
        store: Store,
        settings: Settings,
        parent: QObject | None = None,
        *,
        idle_s: float = 60.0,
        error_wait_s: float = 5.0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("OutboxWorker")
        self._store, self._settings = store, settings
        self._idle_s, self._error_wait_s = idle_s, error_wait_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._processor: OutboxProcessor | None = None

    @staticmethod
    def needed(settings: Settings) -> bool:
        """Whether any destination is switched on (with none, the app need not start one)."""
        return bool(settings.handon.enabled_destinations())

    def run(self) -> None:
        try:
            processor = self._make_processor()
        except ReturnsDeskError as exc:
            self.failed.emit(exc)
            return
        except Exception:  # a bug: its traceback goes to the GUI thread
            self.crashed.emit(traceback.format_exc())
            return
        try:
            self._serve(processor)
        finally:
            with self._lock:
                self._processor = None
            processor.close()
            self._store.release_thread()  # this thread's database connection

    def _make_processor(self) -> OutboxProcessor:
        settings = self._settings
        senders, problems = build_senders(
            settings.handon, transport_factory=lambda: transport_for(settings)
        )
        self.problems.emit(dict(problems))
        processor = OutboxProcessor(
            self._store,
            senders,
            backoff=Backoff.from_settings(settings.handon.retry),
            idle_s=self._idle_s,
            on_change=self.changed.emit,
        )
        with self._lock:
            self._processor = processor
        if self._stopping.is_set():  # stop() came while the senders were being built
            processor.stop()
        return processor

    def _serve(self, processor: OutboxProcessor) -> None:
        while not self._stopping.is_set():
            try:
                processor.serve(self._wake)
                return  # serve returns only once stopped
            except ReturnsDeskError as exc:
                self.failed.emit(exc)
            except Exception:
                self.crashed.emit(traceback.format_exc())
            self._wake.wait(self._error_wait_s)
            self._wake.clear()

    @Slot()
    def trigger(self) -> None:
        """Look for due entries now: after a handover, an import or a Retry."""
        self._wake.set()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """End the loop and wait at most ``timeout_ms`` (never ``terminate()``); idempotent.

        False if a request under way outlasts the wait; it ends on its own (the read
        timeout), and the entry's outcome is recorded or checked at the next start.
        """
        self._stopping.set()
        with self._lock:
            if self._processor is not None:
                self._processor.stop()
        self._wake.set()
        if not self.isRunning():
            return True
        return self.wait(timeout_ms)
