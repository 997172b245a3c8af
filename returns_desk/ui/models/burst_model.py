"""Bursts as the scanner test screen lists them: newest first, the last ``limit`` kept."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from returns_desk.ui.models.table import Index, TableModel
from returns_desk.ui.scanner.burst import Burst, BurstVerdict
from returns_desk.ui.texts import clock_text

BURST_ROLE = Qt.ItemDataRole.UserRole + 1


class BurstTableModel(TableModel):
    def __init__(self, limit: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bursts: list[Burst] = []  # newest first
        self.retranslate()
        self._limit = limit
        self._ok = QBrush(QColor("#d7f0dd"))
        self._bad = QBrush(QColor("#fff1c2"))

    def retranslate(self) -> None:
        # two-word titles on two lines: seven columns share the width beside the FE list
        # and none of them is cut (the scanner test sizes them to their titles)
        self.set_headers(
            (
                self.tr("Time"),
                self.tr("As received"),
                self.tr("Keys"),
                self.tr("Mean\ngap"),
                self.tr("Longest\ngap"),
                self.tr("Verdict"),
                self.tr("Normalised\ncode"),
            )
        )
        super().retranslate()

    def add(self, burst: Burst) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._bursts.insert(0, burst)
        self.endInsertRows()
        if len(self._bursts) > self._limit:
            self.beginRemoveRows(QModelIndex(), self._limit, len(self._bursts) - 1)
            del self._bursts[self._limit :]
            self.endRemoveRows()

    def burst(self, row: int) -> Burst:
        return self._bursts[row]

    def verdict_text(self, verdict: BurstVerdict) -> str:
        return {
            BurstVerdict.SCAN: self.tr("Scan"),
            BurstVerdict.DOUBLE_READ: self.tr("Double read (ignored)"),
            BurstVerdict.TOO_SHORT: self.tr("Typing: too short"),
            BurstVerdict.TOO_SLOW: self.tr("Typing: too slow on average"),
            BurstVerdict.GAP_TOO_LONG: self.tr("Typing: one gap too long"),
            BurstVerdict.NO_TERMINATOR: self.tr("Typing: no Enter/Tab"),
        }[verdict]

    def row_count(self) -> int:
        return len(self._bursts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._bursts):
            return None
        burst = self._bursts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return clock_text(burst.at)
            if column == 1:
                return burst.text + (f" ⏎{burst.terminator}" if burst.terminator else "")
            if column == 2:
                return str(len(burst.text))
            if column == 3:
                return self.tr("%1 ms").replace("%1", f"{burst.mean_gap_ms:.1f}")
            if column == 4:
                return self.tr("%1 ms").replace("%1", f"{burst.max_gap_ms:.1f}")
            if column == 5:
                return self.verdict_text(burst.verdict)
            return burst.code
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 5, 6):
            return self.data(index)  # what was read, and why, whole when the column cuts it
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 5:
            return self._ok if burst.is_scan else self._bad
        if role == BURST_ROLE:
            return burst
        return None
