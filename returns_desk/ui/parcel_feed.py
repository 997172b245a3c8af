"""The parcel tables of the handovers, fed from the desk's events without stalling the GUI.

Each handover the engine tracks gets its ``ParcelTableModel`` at once, filled from the
``HandoverTracked`` event's rows; a page of the FE's shipments adds its rows
(``ParcelsReported``); a dock scan touches one row (``ScanRecorded``). Batches are merged at
most ``apply_chunk_rows`` at a time, one chunk per ``apply_every_ms``, so that a 100,000-row
handover never blocks a frame; a scan's own row is applied at once (its event number keeps
an older chunk applied later from overwriting it).
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, Slot

from returns_desk.ui.models.parcel_model import ParcelTableModel
from returns_desk.ui.services import Timings
from returns_desk.ui.timers import single_shot
from returns_desk.workflow.reconcile import ParcelRow


class ParcelFeed(QObject):
    def __init__(self, timings: Timings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.models: dict[int, ParcelTableModel] = {}
        self._chunk = timings.apply_chunk_rows
        self._pending: deque[tuple[int, int, tuple[ParcelRow, ...]]] = deque()
        self._apply = single_shot(self, self._on_apply_timeout, timings.apply_every_ms)

    def stop(self) -> None:
        self._apply.stop()

    def model_for(self, session_id: int) -> ParcelTableModel:
        model = self.models.get(session_id)
        if model is None:
            model = self.models[session_id] = ParcelTableModel(self)
        return model

    def add_rows(self, session_id: int, seq: int, rows: tuple[ParcelRow, ...]) -> None:
        """Queue a batch of rows (applied in chunks, in order)."""
        self.model_for(session_id)
        if rows:
            self._pending.append((session_id, seq, rows))
            if not self._apply.isActive():
                self._apply.start()

    def apply_row(self, session_id: int, seq: int, row: ParcelRow | None) -> int | None:
        """A scan's row, applied now; the model row to scroll to."""
        return self.model_for(session_id).apply_row(row, seq)

    def withdraw(self, session_id: int, seq: int, code: str, row: ParcelRow | None) -> None:
        """A scan moved away: its row shows what is left here, or goes."""
        model = self.model_for(session_id)
        if row is None:
            model.remove_code(code)
        else:
            model.apply_row(row, seq)

    def set_final(self, session_id: int, final: bool) -> None:
        self.model_for(session_id).set_final(final)

    @Slot()
    def _on_apply_timeout(self) -> None:
        budget = self._chunk
        while self._pending and budget > 0:
            sid, seq, rows = self._pending.popleft()
            part, rest = rows[:budget], rows[budget:]
            if rest:
                self._pending.appendleft((sid, seq, rest))
            self.models[sid].merge_parcels(part, seq)
            budget -= len(part)
        if self._pending:
            self._apply.start()
