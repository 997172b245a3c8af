"""Long-lived background work on its own QThread, talking to the GUI only through signals.

``PeriodicWorker`` runs a job every ``interval_s`` seconds. It sleeps on a
``threading.Event``, so ``stop()`` returns at once instead of after the interval
(napari's ``AnimationThread`` idea). Results and errors travel as immutable objects in
signals; the worker never touches a widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from returns_desk.errors import ReturnsDeskError

log = logging.getLogger(__name__)


class PeriodicWorker(QThread):
    """Calls ``job()`` now and then every ``interval_s`` until stopped.

    ``job`` runs in the worker thread and must create what it needs there (for HTTP, its
    own client and session). ``succeeded`` carries its result, ``failed`` a
    ``ReturnsDeskError``; any other exception is a bug: it is logged and reported as
    ``crashed`` with its text, and the loop keeps going.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    crashed = Signal(str)

    def __init__(self, job: Callable[[], Any], interval_s: float, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._job = job
        self._interval_s = interval_s
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                result = self._job()
            except ReturnsDeskError as exc:
                self.failed.emit(exc)
            except Exception as exc:  # a bug: keep the loop alive, tell the GUI
                log.exception("background job failed")
                self.crashed.emit(f"{type(exc).__name__}: {exc}")
            else:
                self.succeeded.emit(result)
            self._wake.wait(self._interval_s)
            self._wake.clear()
        close = getattr(self._job, "close", None)
        if callable(close):
            close()  # e.g. the job's HTTP session, made in this thread

    def trigger(self) -> None:
        """Run the job now instead of at the next tick."""
        self._wake.set()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Ask the loop to end and wait for it (never ``terminate()``)."""
        self._stopping.set()
        self._wake.set()
        return self.wait(timeout_ms)
