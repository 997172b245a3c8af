"""From the engine's ``on_change`` (any thread) to one fresh, immutable snapshot in the GUI thread.

``EngineBridge.notify`` is the engine's ``on_change``: thread-safe and cheap, it only posts
one queued signal however often it is called. ``SnapshotPump`` turns those signals into at
most one snapshot read every ``min_interval_ms``, read on a pool thread, so the GUI thread
never waits for the engine's lock while the poller drains pages. A snapshot carries the
views, the engine's flags and, for the parcel tables that asked, the rows that are new.

``engine.parcels()`` costs O(all parcels) under the engine's lock (about 10 ms for 10,000)
and every scan needs that lock, so it is read once per table (the first fill); after that
only the FE's newly reported rows are read, from the store, off the GUI thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal, Slot

from returns_desk.api.models import OtcMode
from returns_desk.errors import ReturnsDeskError
from returns_desk.ui.timers import single_shot
from returns_desk.ui.workers import JobCrashed, JobDone, JobFailed, JobRunner
from returns_desk.workflow.engine import DockEngine
from returns_desk.workflow.handover import HandoverView, ParcelRow
from returns_desk.workflow.reconcile import ParcelStatus

_REPORTED = {ParcelStatus.MATCHED, ParcelStatus.WAITING, ParcelStatus.MISSING_AT_DOCK}


@dataclass(frozen=True)
class ParcelWant:
    session_id: int
    known_reported: int  # reported rows the table has; -1: it has nothing yet


@dataclass(frozen=True)
class ParcelDelta:
    session_id: int
    rows: tuple[ParcelRow, ...]  # everything (first read) or the newly reported rows
    reported: int  # reported rows the engine had at this read


@dataclass(frozen=True)
class DockSnapshot:
    views: tuple[HandoverView, ...]
    scan_seq: int  # the GUI's scan counter when the read began (stale counts check)
    offers_generate_start_otc: bool
    no_returns_today: bool
    last_refresh_error: ReturnsDeskError | None
    last_refreshed_at: datetime | None
    clock_skew_s: float | None
    clock_skew_warning: bool
    parcels: tuple[ParcelDelta, ...]
    otc_mode: OtcMode = OtcMode.UNKNOWN  # the seller's OTC configuration (enabledFor)


def read_snapshot(engine: DockEngine, wants: Sequence[ParcelWant], scan_seq: int) -> DockSnapshot:
    """Everything the screens need, read from the engine (runs on a pool thread)."""
    views = tuple(engine.views())
    deltas = []
    for want in wants:
        if want.known_reported < 0:
            try:
                rows = engine.parcels(want.session_id)  # both sides, classified by the engine
            except KeyError:
                continue
            reported = 0  # the engine lists reported codes first, in the FE's order
            while reported < len(rows) and rows[reported].status in _REPORTED:
                reported += 1
            deltas.append(ParcelDelta(want.session_id, tuple(rows), reported))
        else:
            # Only FE-reported rows are new here (the dock's scans reach the table from the
            # GUI thread itself): read them from the store, in the same order, without
            # holding the engine's lock that every scan needs.
            shipments = engine.store.shipments(want.session_id)
            tail = tuple(
                ParcelRow(s.tracking_id, ParcelStatus.WAITING, s.first_seen_at, None)
                for s in shipments[want.known_reported :]
            )
            deltas.append(ParcelDelta(want.session_id, tail, len(shipments)))
    return DockSnapshot(
        views=views,
        scan_seq=scan_seq,
        offers_generate_start_otc=engine.offers_generate_start_otc,
        no_returns_today=engine.no_returns_today,
        last_refresh_error=engine.last_refresh_error,
        last_refreshed_at=engine.last_refreshed_at,
        clock_skew_s=engine.clock_skew_s,
        clock_skew_warning=engine.clock_skew_warning,
        parcels=tuple(deltas),
        otc_mode=engine.seller_config.enabled_for,
    )


class EngineBridge(QObject):
    """The engine's ``on_change``: may be called on any thread, emits ``changed`` in ours."""

    changed = Signal()
    _poked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending = False
        self._poked.connect(self._on_self_poked, Qt.ConnectionType.QueuedConnection)

    def notify(self) -> None:
        with self._lock:
            if self._pending:
                return
            self._pending = True
        self._poked.emit()

    @Slot()
    def _on_self_poked(self) -> None:
        with self._lock:
            self._pending = False
        self.changed.emit()


class SnapshotPump(QObject):
    """At most one snapshot read in flight, and at most one start per ``min_interval_ms``."""

    snapshot_ready = Signal(object)  # DockSnapshot
    read_failed = Signal(str)  # a bug's traceback or an error's text

    def __init__(
        self,
        engine: DockEngine,
        *,
        wants: Callable[[], Sequence[ParcelWant]],
        scan_seq: Callable[[], int],
        min_interval_ms: int = 50,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._wants, self._scan_seq = wants, scan_seq
        self._min_interval_s = min_interval_ms / 1000.0
        self._runner = JobRunner(1, cleanup=engine.store.release_thread, parent=self)
        self._runner.signals.succeeded.connect(self._on_runner_succeeded)
        self._runner.signals.failed.connect(self._on_runner_failed)
        self._runner.signals.crashed.connect(self._on_runner_crashed)
        self._timer = single_shot(self, self._on_timer_timeout)
        self._dirty = False
        self._in_flight = False
        self._closed = False
        self._last_start = float("-inf")

    @property
    def in_flight(self) -> bool:
        return self._in_flight

    @Slot()
    def request(self) -> None:
        """Something changed: a read will follow (coalesced with any others)."""
        self._dirty = True
        self._schedule()

    def close(self, timeout_ms: int = 5000) -> bool:
        self._closed = True
        self._timer.stop()
        return self._runner.close(timeout_ms)

    def _schedule(self) -> None:
        if self._closed or self._in_flight or self._timer.isActive() or not self._dirty:
            return
        wait_s = self._last_start + self._min_interval_s - time.monotonic()
        self._timer.start(round(max(0.0, wait_s) * 1000))

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._closed:
            return
        self._dirty = False
        self._in_flight = True
        self._last_start = time.monotonic()
        job = partial(read_snapshot, self._engine, tuple(self._wants()), self._scan_seq())
        if not self._runner.submit("snapshot", job):
            self._in_flight = False

    @Slot(object)
    def _on_runner_succeeded(self, done: JobDone) -> None:
        self._in_flight = False
        if not self._closed:
            self.snapshot_ready.emit(done.result)
        self._schedule()

    @Slot(object)
    def _on_runner_failed(self, failed: JobFailed) -> None:
        self._in_flight = False
        self.read_failed.emit(failed.error.user_text)
        self._schedule()

    @Slot(object)
    def _on_runner_crashed(self, crashed: JobCrashed) -> None:
        self._in_flight = False
        self.read_failed.emit(crashed.traceback)
        self._schedule()
