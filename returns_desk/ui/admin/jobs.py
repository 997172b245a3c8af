"""The two admin jobs, "Test connection" and "Test print", on a thread pool of their own.

Both can take seconds (a token request through a proxy, a printer driver), so they never
run on the GUI thread. A job gets frozen inputs (``Settings``, ``Credentials``) and its
outcome comes back as a frozen ``JobOutcome`` through a signal (conventions, habits 3 and 4).
Nothing here logs: a bug's traceback travels to the GUI thread and is logged there.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from returns_desk.api.check import CheckResult, check_connection
from returns_desk.credentials import Credentials
from returns_desk.errors import ReturnsDeskError
from returns_desk.settings import Settings


@dataclass(frozen=True)
class JobOutcome:
    """``value`` when the job succeeded; ``error`` (a clerk-facing line) when it failed
    with an expected error; ``crash`` (a traceback) when it hit a bug."""

    job_id: int
    value: Any = None
    error: str = ""
    crash: str = ""

    @property
    def ok(self) -> bool:
        return not (self.error or self.crash)


class _Signals(QObject):
    finished = Signal(object)  # JobOutcome


class _Job(QRunnable):
    def __init__(self, signals: _Signals, job_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._signals, self._job_id, self._fn = signals, job_id, fn

    def run(self) -> None:
        try:
            outcome = JobOutcome(self._job_id, value=self._fn())
        except ReturnsDeskError as exc:
            outcome = JobOutcome(self._job_id, error=exc.user_text)
        except Exception:  # a bug: the GUI thread logs it
            outcome = JobOutcome(self._job_id, crash=traceback.format_exc())
        self._signals.finished.emit(outcome)


class JobRunner(QObject):
    """One job at a time for one form; ``finished(JobOutcome)`` arrives in the GUI thread.

    The pool is this object's first child, so when the owner is deleted, the pool (which
    waits for a running job) goes before the signals object the job emits on.
    """

    finished = Signal(object)  # JobOutcome

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._on_signals_finished)
        self._next_id = 0
        self._running: int | None = None

    def start(self, fn: Callable[[], Any]) -> int:
        """Run ``fn`` on the pool; the id its outcome will carry."""
        self._next_id += 1
        self._running = self._next_id
        self._pool.start(_Job(self._signals, self._next_id, fn))
        return self._next_id

    def busy(self) -> bool:
        return self._running is not None

    def wait(self, timeout_ms: int = 15000) -> bool:
        """Wait for a running job (shutdown and tests); True when none is left."""
        return self._pool.waitForDone(timeout_ms)

    @Slot(object)
    def _on_signals_finished(self, outcome: JobOutcome) -> None:
        if outcome.job_id == self._running:
            self._running = None
        self.finished.emit(outcome)


# --- what the jobs do (any thread) ------------------------------------------------------


def run_connection_test(settings: Settings, credentials: Credentials) -> CheckResult:
    """Exactly what ``returns-desk check`` does."""
    return check_connection(settings, credentials)


@dataclass(frozen=True)
class PrintTestDone:
    printer: str | None
    paper: str
    pdf_paths: tuple[Path, ...]


def run_test_print(settings: Settings) -> PrintTestDone:
    """Both sample slips, as ``returns-desk print-test`` prints them, to the set-up target.

    "System default" with no printer installed still saves to the PDF folder when one is
    set, so an admin can check the PDF side on a machine without printers.
    """
    from returns_desk.printing import printers
    from returns_desk.printing.samples import sample_receipt, sample_start_slip
    from returns_desk.printing.slips import build_handover_receipt, build_start_otc_slip

    now = datetime.now().astimezone()
    layouts = [
        build_start_otc_slip(sample_start_slip(now)),
        build_handover_receipt(sample_receipt(now)),
    ]
    target = printers.target_for(settings)
    result = printers.print_layouts(layouts, target)
    return PrintTestDone(result.printer, settings.paper, result.pdf_paths)
