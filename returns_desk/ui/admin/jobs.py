"""The admin jobs, "Test connection", "Test print" and the site's "Check connection", on a
thread pool of their own.

Both can take seconds (a token request through a proxy, a printer driver), so they never
run on the GUI thread. A job gets frozen inputs (``Settings``, ``Credentials``) and its
outcome comes back as a frozen ``JobOutcome`` through a signal (conventions, habits 3 and 4).
Nothing here logs: a bug's traceback travels to the GUI thread and is logged there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from returns_desk.api.check import CheckResult, check_connection
from returns_desk.credentials import Credentials
from returns_desk.settings import Settings
from returns_desk.ui.workers import JobCrashed, JobDone, JobFailed, JobKind
from returns_desk.ui.workers import JobRunner as PoolRunner

log = logging.getLogger(__name__)


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

    def failure_line(self, *, crashed: str, failed: str = "%s", what: str) -> str | None:
        """What a page shows for a job that did not succeed, None when it did: ``crashed``
        for a bug (its traceback logged as ``what`` failing), else ``failed`` (a "%s"
        format, in the page's words) with the error."""
        if self.crash:
            log.error("%s failed with a bug:\n%s", what, self.crash)
            return crashed
        if self.error:
            return failed % self.error
        return None


class JobRunner(QObject):
    """One job at a time for one form, on the app's job pool (``ui.workers.JobRunner``).

    ``finished(JobOutcome)`` arrives in the GUI thread; the outcome of a job that is no
    longer the latest one still arrives, and the form decides what it is worth.
    """

    finished = Signal(object)  # JobOutcome

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = PoolRunner(1, parent=self)
        self._next_id = 0
        self._running: int | None = None

    def start(self, fn: Callable[[], Any]) -> int:
        """Run ``fn`` on the pool; the id its outcome will carry."""
        self._next_id += 1
        self._running = self._next_id
        self._runner.submit(
            JobKind.ADMIN,
            fn,
            session_id=self._next_id,
            done=self._on_runner_succeeded,
            failed=self._on_runner_failed,
            crashed=self._on_runner_crashed,
        )
        return self._next_id

    def busy(self) -> bool:
        return self._running is not None

    def wait(self, timeout_ms: int = 15000) -> bool:
        """Wait for a running job (shutdown and tests); True when none is left."""
        return self._runner.wait(timeout_ms)

    def _on_runner_succeeded(self, done: JobDone) -> None:
        self._finish(JobOutcome(done.session_id or 0, value=done.result))

    def _on_runner_failed(self, failed: JobFailed) -> None:
        self._finish(JobOutcome(failed.session_id or 0, error=failed.error.user_text))

    def _on_runner_crashed(self, crashed: JobCrashed) -> None:
        self._finish(JobOutcome(crashed.session_id or 0, crash=crashed.traceback))

    def _finish(self, outcome: JobOutcome) -> None:
        if outcome.job_id == self._running:
            self._running = None
        self.finished.emit(outcome)


# --- what the jobs do (any thread) ------------------------------------------------------


def run_connection_test(settings: Settings, credentials: Credentials) -> CheckResult:
    """Exactly what ``returns-desk check`` does."""
    return check_connection(settings, credentials)


def run_site_check(database_url: str, password: str | None, timeout_s: float) -> str:
    """Exactly what ``returns-desk site check`` does; its one line.

    The site modules (and psycopg) load here, on the pool, when the button is pressed: a
    terminal that never checks a site database never loads them (docs/site.md).
    """
    from returns_desk.site.cli import check

    return check(database_url, password=password, timeout_s=timeout_s)


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
    from returns_desk.ui.i18n import slip_words

    now = datetime.now().astimezone()
    layouts = [
        build_start_otc_slip(sample_start_slip(now), slip_words()),
        build_handover_receipt(sample_receipt(now), slip_words()),
    ]
    target = printers.target_for(settings)
    result = printers.print_layouts(layouts, target)
    return PrintTestDone(result.printer, settings.paper, result.pdf_paths)
