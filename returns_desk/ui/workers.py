"""One-off background jobs on a ``QThreadPool``; each job reports to the caller that asked.

The desk's long-lived loops (polling, hand-on) are plain threads of the Qt-free core
(``desk/loops.py``); what is left for Qt is a pool for one-off jobs (a Start OTC, the End OTC,
a slip, a history read). ``submit`` takes the caller's own callbacks: a job's result, its
expected error or a bug's traceback reaches only them, on the GUI thread, by the job's
number (never a broadcast filtered by a string). Results are immutable
objects. Nothing here logs: a log record made on a thread Python did not start creates a
``_DummyThread`` that never ends, so tracebacks travel to the GUI thread and are logged there.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import msgspec
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from returns_desk.errors import ReturnsDeskError

log = logging.getLogger(__name__)


class JobKind(StrEnum):
    """What a job is for: the desk shows "busy" by kind, and logs a crash with it."""

    START_OTC = "start_otc"
    END_OTC = "end_otc"
    COMPLETE = "complete"
    REFRESH = "refresh"
    PRINT = "print"
    PREVIEW = "preview"
    PREVIEW_PDF = "preview_pdf"
    HISTORY = "history"  # the history's reads (``ui/reader.py``: a pool of their own)
    HANDON_READ = "handon_read"  # the hand-on view's reads (a pool of their own too)
    DEMO_SHEET = "demo_sheet"
    PHOTO = "photo"
    CLAIMS = "claims"
    EVIDENCE = "evidence"
    IMPORT_READ = "import_read"
    SITE_BOARD = "site_board"  # the site board's reads (a pool of their own)
    IMPORT = "import"
    ADMIN = "admin"


class JobDone(msgspec.Struct, frozen=True):
    """A finished job: its kind, the session it was about (or None) and its result."""

    kind: JobKind
    session_id: int | None
    result: Any


class JobFailed(msgspec.Struct, frozen=True):
    kind: JobKind
    session_id: int | None
    error: ReturnsDeskError


class JobCrashed(msgspec.Struct, frozen=True):
    kind: JobKind
    session_id: int | None
    traceback: str


OnDone = Callable[[JobDone], None]
OnFailed = Callable[[JobFailed], None]
OnCrashed = Callable[[JobCrashed], None]


class _Callbacks(msgspec.Struct, frozen=True):
    done: OnDone | None
    failed: OnFailed | None
    crashed: OnCrashed | None


class _Outcomes(QObject):
    """Lives in the GUI thread; jobs emit from pool threads, so delivery is queued."""

    arrived = Signal(int, object)  # job number, JobDone | JobFailed | JobCrashed


class _Job(QRunnable):
    def __init__(
        self,
        outcomes: _Outcomes,
        number: int,
        kind: JobKind,
        session_id: int | None,
        fn: Callable[[], Any],
        cleanup: Callable[[], None] | None,
    ) -> None:
        super().__init__()
        self._outcomes, self._number = outcomes, number
        self._kind, self._session_id = kind, session_id
        self._fn, self._cleanup = fn, cleanup

    def run(self) -> None:
        outcome: JobDone | JobFailed | JobCrashed
        try:
            outcome = JobDone(self._kind, self._session_id, self._fn())
        except ReturnsDeskError as exc:
            outcome = JobFailed(self._kind, self._session_id, exc)
        except Exception:  # a bug: its traceback goes to the GUI thread
            outcome = JobCrashed(self._kind, self._session_id, traceback.format_exc())
        finally:
            if self._cleanup is not None:
                self._cleanup()
        self._outcomes.arrived.emit(self._number, outcome)


class JobRunner(QObject):
    """A thread pool for one-off jobs; each reports to its own callbacks."""

    def __init__(
        self,
        max_threads: int = 2,
        *,
        cleanup: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # The pool is the first child: deleted first, it waits for a running job before
        # the relay that job emits on goes.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._outcomes = _Outcomes(self)
        self._outcomes.arrived.connect(self._on_outcomes_arrived)
        self._callbacks: dict[int, _Callbacks] = {}
        self._numbers = itertools.count(1)
        self._cleanup = cleanup
        self._closed = False

    def submit(
        self,
        kind: JobKind,
        fn: Callable[[], Any],
        *,
        session_id: int | None = None,
        done: OnDone | None = None,
        failed: OnFailed | None = None,
        crashed: OnCrashed | None = None,
    ) -> bool:
        """Run ``fn`` on the pool; False once the runner is closed. The callbacks run on the
        GUI thread (a crash without ``crashed`` is lost: pass one, or log it there)."""
        if self._closed:
            return False
        number = next(self._numbers)
        self._callbacks[number] = _Callbacks(done, failed, crashed)
        self._pool.start(_Job(self._outcomes, number, kind, session_id, fn, self._cleanup))
        return True

    @Slot(int, object)
    def _on_outcomes_arrived(self, number: int, outcome: JobDone | JobFailed | JobCrashed) -> None:
        callbacks = self._callbacks.pop(number, None)
        if callbacks is None:
            return
        if isinstance(outcome, JobDone):
            if callbacks.done is not None:
                callbacks.done(outcome)
        elif isinstance(outcome, JobFailed):
            if callbacks.failed is not None:
                callbacks.failed(outcome)
        elif callbacks.crashed is not None:
            callbacks.crashed(outcome)
        else:
            log.error("background job %s hit a bug:\n%s", outcome.kind, outcome.traceback)

    def active(self) -> int:
        return self._pool.activeThreadCount()

    def wait(self, timeout_ms: int = 15000) -> bool:
        """Wait for the jobs under way (tests, a dialog closing); True when none is left."""
        return self._pool.waitForDone(timeout_ms)

    def close(self, timeout_ms: int = 10000) -> bool:
        """Refuse new jobs, drop queued ones, wait for running ones (idempotent)."""
        self._closed = True
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)  # dropped jobs' callbacks are never called
