"""Reads for a screen, off the GUI thread, on a pool of their own, the newest one winning.

A screen that lists part of the record (the session history, the hand-on entries) asks for
a read whenever its filter changes. Each ``read`` starts a new generation: an older read
still queued does nothing when its turn comes, and one already running is ignored when it
ends, so the clerk sees the answer to the last thing typed, never an earlier one arriving
late. ``more`` continues the current generation (the next page of the same list).

The pool is the screen's own (one thread), so these reads never queue behind or in front
of Start OTC and End OTC, which run on the desk's job pool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from returns_desk.store import Store
from returns_desk.ui.workers import JobCrashed, JobDone, JobFailed, JobKind, JobRunner

log = logging.getLogger(__name__)
_STALE = object()


@dataclass(frozen=True)
class ReadDone:
    """The answer to the newest read (``tag``: what the screen asked for)."""

    tag: str
    result: Any


class LatestReader(QObject):
    """Runs reads of ``store`` on its own pool; ``done`` carries only the newest's answer."""

    done = Signal(object)  # ReadDone
    failed = Signal(object)  # ReturnsDeskError of the newest read

    def __init__(self, store: Store, kind: JobKind, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind = kind
        self._jobs = JobRunner(1, cleanup=store.release_thread, parent=self)
        self._generation = 0
        self.pending = 0  # reads submitted and not ended (tests and benches wait on it)

    def read(self, tag: str, fn: Callable[[], Any]) -> bool:
        """Read ``fn()`` off the GUI thread instead of whatever was asked before."""
        self._generation += 1
        return self._submit(tag, fn)

    def more(self, tag: str, fn: Callable[[], Any]) -> bool:
        """Read ``fn()`` as part of the current generation (the next page of the same list)."""
        return self._submit(tag, fn)

    def cancel(self) -> None:
        """Whatever was asked is no longer wanted."""
        self._generation += 1

    def close(self, timeout_ms: int = 10000) -> bool:
        """No more reads; wait for the one running (before the store closes)."""
        self.cancel()
        return self._jobs.close(timeout_ms)

    def wait(self, timeout_ms: int = 15000) -> bool:
        return self._jobs.wait(timeout_ms)

    def _submit(self, tag: str, fn: Callable[[], Any]) -> bool:
        generation = self._generation

        def read() -> Any:
            if generation != self._generation:  # superseded while queued: not read at all
                return _STALE
            return fn()

        # The answer comes to these callbacks, which know which read (generation) it was.
        def done(job: JobDone) -> None:
            result = job.result
            if self._current(generation) and result is not _STALE:
                self.done.emit(ReadDone(tag, result))

        def failed(job: JobFailed) -> None:
            if self._current(generation):
                self.failed.emit(job.error)

        def crashed(job: JobCrashed) -> None:
            self._current(generation)
            log.error("reading %s (%s) failed:\n%s", job.kind.value, tag, job.traceback)

        submitted = self._jobs.submit(
            self._kind, read, session_id=None, done=done, failed=failed, crashed=crashed
        )
        self.pending += submitted
        return submitted

    def _current(self, generation: int) -> bool:
        self.pending -= 1
        return generation == self._generation
