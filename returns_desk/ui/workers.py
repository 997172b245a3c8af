"""Background work, two mechanisms only: one long-lived ``QThread`` and a pool for one-off jobs.

``EngineWorker`` runs the engine's background loop (initial-load refreshes and shipment
polls) and sleeps on a ``threading.Event`` between rounds, so ``trigger()`` wakes it and
``stop()`` returns at once rather than after the interval (napari's ``AnimationThread``).
One-off jobs (a Start OTC, the End OTC, a snapshot for the screen) run on a
``QThreadPool``. Results and errors reach the GUI only through signals, as immutable
objects. Nothing here logs: a log record made on a thread Python did not start creates a
``_DummyThread`` that never ends, so tracebacks travel to the GUI thread and are logged there.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from returns_desk.errors import ReturnsDeskError
from returns_desk.workflow.engine import DockEngine


class EngineWorker(QThread):
    """Loops ``wait = engine.run_due()`` and sleeps ``wait`` seconds on an event.

    ``failed`` carries an expected error that escaped ``run_due`` (the engine handles its
    own network trouble; a database error can still escape), ``crashed`` a bug's traceback.
    After either, the loop waits ``error_wait_s`` and carries on.
    """

    failed = Signal(object)
    crashed = Signal(str)

    def __init__(
        self,
        engine: DockEngine,
        *,
        min_wait_s: float = 0.05,
        max_wait_s: float = 30.0,
        error_wait_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("EngineWorker")
        self._engine = engine
        self._min_wait_s, self._max_wait_s, self._error_wait_s = (
            min_wait_s,
            max_wait_s,
            error_wait_s,
        )
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    wait = self._engine.run_due()
                except ReturnsDeskError as exc:
                    self.failed.emit(exc)
                    wait = self._error_wait_s
                except Exception:  # a bug: reported to the GUI thread, the loop goes on
                    self.crashed.emit(traceback.format_exc())
                    wait = self._error_wait_s
                if self._stopping.is_set():
                    break
                self._wake.wait(min(self._max_wait_s, max(self._min_wait_s, wait)))
                self._wake.clear()
        finally:
            self._engine.store.release_thread()  # this thread's database connection

    def trigger(self) -> None:
        """Do whatever is due now instead of at the end of the current sleep."""
        self._wake.set()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Ask the loop to end and wait for it, at most ``timeout_ms`` (never ``terminate()``)."""
        self._stopping.set()
        self._wake.set()
        if not self.isRunning():
            return True
        return self.wait(timeout_ms)


@dataclass(frozen=True)
class JobDone:
    """A finished job: its kind, the session it was about (or None) and its result."""

    kind: str
    session_id: int | None
    result: Any


@dataclass(frozen=True)
class JobFailed:
    kind: str
    session_id: int | None
    error: ReturnsDeskError


@dataclass(frozen=True)
class JobCrashed:
    kind: str
    session_id: int | None
    traceback: str


class JobSignals(QObject):
    """Lives in the GUI thread; jobs emit from pool threads, so delivery is queued."""

    succeeded = Signal(object)  # JobDone
    failed = Signal(object)  # JobFailed
    crashed = Signal(object)  # JobCrashed


class _Job(QRunnable):
    def __init__(
        self,
        signals: JobSignals,
        kind: str,
        session_id: int | None,
        fn: Callable[[], Any],
        cleanup: Callable[[], None] | None,
    ) -> None:
        super().__init__()
        self._signals, self._kind, self._session_id = signals, kind, session_id
        self._fn, self._cleanup = fn, cleanup

    def run(self) -> None:
        try:
            result = self._fn()
        except ReturnsDeskError as exc:
            self._signals.failed.emit(JobFailed(self._kind, self._session_id, exc))
        except Exception:  # a bug: its traceback goes to the GUI thread
            self._signals.crashed.emit(
                JobCrashed(self._kind, self._session_id, traceback.format_exc())
            )
        else:
            self._signals.succeeded.emit(JobDone(self._kind, self._session_id, result))
        finally:
            if self._cleanup is not None:
                self._cleanup()


class JobRunner(QObject):
    """A thread pool for one-off jobs, with one set of signals for all of them."""

    def __init__(
        self,
        max_threads: int = 2,
        *,
        cleanup: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # The pool is the first child: deleted first, it waits for a running job before
        # the signals object that job emits on goes.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self.signals = JobSignals(self)
        self._cleanup = cleanup
        self._closed = False

    def submit(self, kind: str, fn: Callable[[], Any], session_id: int | None = None) -> bool:
        """Run ``fn`` on the pool; False once the runner is closed."""
        if self._closed:
            return False
        self._pool.start(_Job(self.signals, kind, session_id, fn, self._cleanup))
        return True

    def active(self) -> int:
        return self._pool.activeThreadCount()

    def wait(self, timeout_ms: int = 15000) -> bool:
        """Wait for the jobs under way (tests, a dialog closing); True when none is left."""
        return self._pool.waitForDone(timeout_ms)

    def close(self, timeout_ms: int = 10000) -> bool:
        """Refuse new jobs, drop queued ones, wait for running ones (idempotent)."""
        self._closed = True
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)
