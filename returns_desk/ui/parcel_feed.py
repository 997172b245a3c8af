"""The parcel tables of the handovers, and how they are fed without stalling the GUI.

Each handover gets its ``ParcelTableModel`` when first shown. The first snapshot read
fills it; later reads bring only the rows the FE reported since (at most every
``parcels_min_interval_ms``); rows are merged at most ``apply_chunk_rows`` at a time, one
chunk per ``apply_every_ms``, so that a 10,000-row read never blocks a frame.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Slot

from returns_desk.api.models import TaskState
from returns_desk.ui.models.parcel_model import ParcelTableModel
from returns_desk.ui.services import Timings
from returns_desk.ui.snapshot import DockSnapshot, ParcelWant
from returns_desk.ui.timers import single_shot
from returns_desk.workflow.handover import HandoverView, ParcelRow


class ParcelFeed(QObject):
    def __init__(
        self, timings: Timings, request_read: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.models: dict[int, ParcelTableModel] = {}
        self._interval_s = timings.parcels_min_interval_ms / 1000.0
        self._chunk = timings.apply_chunk_rows
        self._request_read = request_read
        self._read_at: dict[int, float] = {}
        self._pending: deque[tuple[int, tuple[ParcelRow, ...]]] = deque()
        self._apply = single_shot(self, self._on_apply_timeout, timings.apply_every_ms)
        self._retry = single_shot(self, self._on_retry_timeout)

    def stop(self) -> None:
        self._apply.stop()
        self._retry.stop()

    def model_for(self, session_id: int) -> ParcelTableModel:
        model = self.models.get(session_id)
        if model is None:
            model = self.models[session_id] = ParcelTableModel(self)
            self._request_read()  # the first read fills it
        return model

    def wants(self, views: Mapping[int, HandoverView]) -> list[ParcelWant]:
        """What the next snapshot read should bring for the tables (called as it starts)."""
        wants, now = [], time.monotonic()
        for sid, model in self.models.items():
            if model.known_reported < 0:
                wants.append(ParcelWant(sid, -1))
                continue
            view = views.get(sid)
            if view is None or view.counts.fe_scanned <= model.known_reported:
                continue
            wait = self._read_at.get(sid, float("-inf")) + self._interval_s - now
            if wait <= 0:
                wants.append(ParcelWant(sid, model.known_reported))
            elif not self._retry.isActive():
                self._retry.start(max(1, round(wait * 1000)))
        for want in wants:
            self._read_at[want.session_id] = now
        return wants

    def take(self, snapshot: DockSnapshot, views: Mapping[int, HandoverView]) -> None:
        """Queue the snapshot's rows; final statuses once a handover has its End OTC."""
        for delta in snapshot.parcels:
            model = self.models.get(delta.session_id)
            if model is not None:
                model.known_reported = max(model.known_reported, delta.reported)
                if delta.rows:
                    self._pending.append((delta.session_id, delta.rows))
        if self._pending and not self._apply.isActive():
            self._apply.start()
        for sid, model in self.models.items():
            view = views.get(sid)
            if view is not None:
                model.set_final(view.end is not None or view.state is TaskState.COMPLETED)

    @Slot()
    def _on_apply_timeout(self) -> None:
        budget = self._chunk
        while self._pending and budget > 0:
            sid, rows = self._pending.popleft()
            part, rest = rows[:budget], rows[budget:]
            if rest:
                self._pending.appendleft((sid, rest))
            self.models[sid].merge_parcels(part)
            budget -= len(part)
        if self._pending:
            self._apply.start()

    @Slot()
    def _on_retry_timeout(self) -> None:
        self._request_read()
