"""The parcel table of one handover: every tracking id either side has seen, both sides' status.

Fed by the desk's events: a dock scan changes or appends one row (``dataChanged`` or one
``beginInsertRows``), an API page appends a batch; never a reset per scan, so it stays fast
with 100,000 rows. The status of a row is the reconciler's (carried by the event); this model
never decides one, it only shows the final words once the handover has its End OTC. Each row
remembers the number of the event it came from, so a row applied late (a big table filled in
chunks) never overwrites a newer one. Filtering is done by two stock
``QSortFilterProxyModel``s (status, then text), whose C++ filter skips rows without
calling Python when no filter is set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import msgspec
from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from returns_desk.store.models import Condition
from returns_desk.ui.models.table import Index, TableModel
from returns_desk.ui.texts import clock_text, noted_text, status_text
from returns_desk.workflow.reconcile import ParcelRow, ParcelStatus

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
#: what the status filter matches: the status, "+noted" after it for a parcel marked not good
#: or with a remark (so "discrepancies and noted" is one C++ regex)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
NOTED_SUFFIX = "+noted"

STATUS_COLOURS: dict[ParcelStatus, tuple[str, str]] = {
    ParcelStatus.MATCHED: ("#d7f0dd", "#0b4d22"),
    ParcelStatus.WAITING: ("#fff1c2", "#5c3b00"),
    ParcelStatus.NOT_YET_REPORTED: ("#e4dcf7", "#311b72"),
    ParcelStatus.MISSING_AT_DOCK: ("#fbd3d0", "#7f1d1d"),
    ParcelStatus.UNEXPECTED_AT_DOCK: ("#fde0d2", "#7a2a06"),
    ParcelStatus.WRONG_LABEL: ("#fbd3d0", "#7f1d1d"),
    ParcelStatus.INVALID: ("#fbd3d0", "#7f1d1d"),
}
#: Status filters offered to the clerk: name -> statuses shown (empty: all).
STATUS_FILTERS: dict[str, tuple[ParcelStatus, ...]] = {
    "all": (),
    "waiting": (ParcelStatus.WAITING, ParcelStatus.MISSING_AT_DOCK),
    "matched": (ParcelStatus.MATCHED,),
    "not_reported": (ParcelStatus.NOT_YET_REPORTED, ParcelStatus.UNEXPECTED_AT_DOCK),
    "problems": (ParcelStatus.WRONG_LABEL, ParcelStatus.INVALID),
    "discrepancies": (
        ParcelStatus.WAITING,
        ParcelStatus.MISSING_AT_DOCK,
        ParcelStatus.NOT_YET_REPORTED,
        ParcelStatus.UNEXPECTED_AT_DOCK,
    ),
}


def is_noted(row: ParcelRow) -> bool:
    return row.condition is not Condition.GOOD or bool(row.remark)


class ParcelTableModel(TableModel):
    """Tracking id, status, when the FE's scan reached us, when the dock scanned it, and the
    condition the clerk marked (empty for a good parcel without a remark)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ParcelRow] = []
        self._seqs: list[int] = []  # the event each row came from
        self._index: dict[str, int] = {}
        self._final = False
        self._brushes = {
            status: (QBrush(QColor(bg)), QBrush(QColor(fg)))
            for status, (bg, fg) in STATUS_COLOURS.items()
        }
        self.retranslate()

    def retranslate(self) -> None:
        # short titles: a column is as wide as its title, and the condition column gets
        # what the others leave (the tool tips say the rest)
        self.set_headers(
            (
                self.tr("Tracking id"),
                self.tr("Status"),
                self.tr("FE scan"),
                self.tr("Dock scan"),
                self.tr("Condition"),
            ),
            (
                None,
                None,
                self.tr("When the FE's scan reached this desk (synced from the marketplace)"),
                self.tr("When the parcel was scanned at this dock"),
                self.tr("Condition and remark noted at the dock (Ctrl+1 … Ctrl+5, F7)"),
            ),
        )
        super().retranslate()

    # --- feeding -------------------------------------------------------------------------

    def merge_parcels(self, parcels: Iterable[ParcelRow], seq: int = 0) -> int:
        """Append new codes in one batch, update known ones; returns how many were new."""
        new: list[ParcelRow] = []
        changed: list[int] = []
        index, rows, seqs = self._index, self._rows, self._seqs
        for row in parcels:
            at = index.get(row.tracking_id)
            if at is None:
                index[row.tracking_id] = len(rows) + len(new)
                new.append(row)
            elif at >= len(rows):  # twice in this batch: the later one
                new[at - len(rows)] = row
            elif seq >= seqs[at] and rows[at] != row:
                rows[at], seqs[at] = row, seq
                changed.append(at)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 4))
        if new:
            first = len(rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            rows.extend(new)
            seqs.extend([seq] * len(new))
            self.endInsertRows()
        return len(new)

    def apply_row(self, row: ParcelRow | None, seq: int) -> int | None:
        """A dock scan's row: the model row it touched (appended or updated), or None."""
        if row is None:
            return None
        self.merge_parcels((row,), seq)
        return self._index[row.tracking_id]

    def remove_code(self, code: str) -> None:
        """The code is no longer seen here (its scan moved to another handover)."""
        at = self._index.get(code)
        if at is None:
            return
        self.beginRemoveRows(QModelIndex(), at, at)
        del self._rows[at], self._seqs[at]
        self._index = {row.tracking_id: n for n, row in enumerate(self._rows)}
        self.endRemoveRows()

    def set_condition(self, code: str, condition: Condition, remark: str) -> int | None:
        """Show a condition the engine just committed (its event follows); the row, or None."""
        at = self._index.get(code)
        if at is None:
            return None
        row = self._rows[at]
        if (row.condition, row.remark) != (condition, remark):
            self._rows[at] = msgspec.structs.replace(row, condition=condition, remark=remark)
            # from column 0: the status filter's key column (its "+noted" mark changes too)
            self.dataChanged.emit(self.index(at, 0), self.index(at, 4))
        return at

    def set_final(self, final: bool) -> None:
        """Once the End OTC is in, waiting reads "missing" and not-reported "unexpected"."""
        if final != self._final:
            self._final = final
            if self._rows:
                self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 1))

    # --- reading -------------------------------------------------------------------------

    @property
    def final(self) -> bool:
        return self._final

    def _status(self, at: int) -> ParcelStatus:
        status = self._rows[at].status
        return status.finalised() if self._final else status

    def status_of(self, code: str) -> ParcelStatus | None:
        at = self._index.get(code)
        return None if at is None else self._status(at)

    def row_of(self, code: str) -> int | None:
        return self._index.get(code)

    def condition_of(self, code: str) -> tuple[Condition, str] | None:
        at = self._index.get(code)
        return None if at is None else (self._rows[at].condition, self._rows[at].remark)

    def noted(self) -> list[tuple[str, Condition, str]]:
        """Parcels marked not good or with a remark, in table order."""
        return [(r.tracking_id, r.condition, r.remark) for r in self._rows if is_noted(r)]

    def code_at(self, source_row: int) -> str | None:
        return self._rows[source_row].tracking_id if 0 <= source_row < len(self._rows) else None

    def codes(self) -> list[str]:
        return [row.tracking_id for row in self._rows]

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        at = index.row()
        row = self._rows[at]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.tracking_id
            if column == 1:
                return status_text(self._status(at))
            if column == 4:
                return noted_text(row.condition, row.remark)
            moment = row.reported_at if column == 2 else row.scanned_at
            return clock_text(moment) if moment is not None else ""
        if role == STATUS_ROLE:
            return self._status(at).value
        if role == FILTER_ROLE:
            status = self._status(at).value
            return status + NOTED_SUFFIX if is_noted(row) else status
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if column != 1:
                return None
            background, foreground = self._brushes[self._status(at)]
            return background if role == Qt.ItemDataRole.BackgroundRole else foreground
        return None


class StatusFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose status is in the chosen group (C++ regex on ``FILTER_ROLE``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)
        self.group = "all"

    def set_group(self, group: str, *, noted: bool = False) -> None:
        """Rows in the status group; ``noted``: and every parcel noted at the handover."""
        self.group = group
        statuses = STATUS_FILTERS[group]
        suffix = re.escape(NOTED_SUFFIX)
        pattern = ""
        if statuses:
            pattern = "^(" + "|".join(re.escape(s.value) for s in statuses) + f")({suffix})?$"
            if noted:
                pattern += f"|{suffix}$"
        self.setFilterRegularExpression(QRegularExpression(pattern))


class TextFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose tracking id contains the typed text, any case."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())
