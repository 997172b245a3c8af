"""The parcel table of one handover: every tracking id either side has seen, both sides' status.

Fed incrementally: a dock scan changes or appends one row (``dataChanged`` or one
``beginInsertRows``), an API page appends a batch; never a reset per scan, so it stays fast
with 10,000 rows. Updates are monotonic merges (a code once reported or scanned stays so),
which makes a snapshot read on another thread harmless even if it is a moment old.
Filtering is done by two stock ``QSortFilterProxyModel``s (status, then text), whose C++
filter skips rows without calling Python when no filter is set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from returns_desk.store.models import Condition, ScanResult
from returns_desk.ui.models.table import Index, TableModel
from returns_desk.ui.texts import clock_text, noted_text, status_text
from returns_desk.workflow.handover import ParcelRow
from returns_desk.workflow.reconcile import ParcelStatus, Verdict

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
#: what the status filter matches: the status, "+noted" after it for a parcel marked not good
#: or with a remark (the End OTC screen lists those beside the discrepancies)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
NOTED_SUFFIX = "+noted"

_REPORTED = {ParcelStatus.MATCHED, ParcelStatus.WAITING, ParcelStatus.MISSING_AT_DOCK}
_DOCK_ONLY = {
    ParcelStatus.NOT_YET_REPORTED: ParcelStatus.NOT_YET_REPORTED,
    ParcelStatus.UNEXPECTED_AT_DOCK: ParcelStatus.NOT_YET_REPORTED,
    ParcelStatus.WRONG_LABEL: ParcelStatus.WRONG_LABEL,
    ParcelStatus.INVALID: ParcelStatus.INVALID,
}
_FROM_VERDICT = {
    ScanResult.NOT_YET_REPORTED: ParcelStatus.NOT_YET_REPORTED,
    ScanResult.UNEXPECTED: ParcelStatus.NOT_YET_REPORTED,
    ScanResult.WRONG_LABEL: ParcelStatus.WRONG_LABEL,
    ScanResult.INVALID: ParcelStatus.INVALID,
}
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


@dataclass(slots=True)
class _Row:
    code: str
    reported: bool
    scanned: bool
    dock_status: ParcelStatus | None  # for a code only the dock has: what it looked like
    reported_at: datetime | None
    scanned_at: datetime | None
    condition: Condition = Condition.GOOD
    remark: str = ""

    def status(self, final: bool) -> ParcelStatus:
        if self.reported and self.scanned:
            return ParcelStatus.MATCHED
        if self.reported:
            return ParcelStatus.MISSING_AT_DOCK if final else ParcelStatus.WAITING
        status = self.dock_status or ParcelStatus.INVALID
        if final and status is ParcelStatus.NOT_YET_REPORTED:
            return ParcelStatus.UNEXPECTED_AT_DOCK
        return status

    def merge(self, other: _Row) -> bool:
        """Take what ``other`` knows that this row does not; True when something changed."""
        before = (self.reported, self.scanned, self.dock_status, self.reported_at, self.scanned_at)
        self.reported = self.reported or other.reported
        self.scanned = self.scanned or other.scanned
        self.dock_status = self.dock_status or other.dock_status
        self.reported_at = self.reported_at or other.reported_at
        self.scanned_at = self.scanned_at or other.scanned_at
        after = (self.reported, self.scanned, self.dock_status, self.reported_at, self.scanned_at)
        if (other.condition, other.remark) != (Condition.GOOD, "") and (
            self.condition,
            self.remark,
        ) == (Condition.GOOD, ""):  # a mark read from the record (set here: set_condition)
            self.condition, self.remark = other.condition, other.remark
            return True
        return before != after


def row_from_parcel(parcel: ParcelRow) -> _Row:
    reported = parcel.status in _REPORTED
    scanned = parcel.status is ParcelStatus.MATCHED or parcel.status in _DOCK_ONLY
    return _Row(
        parcel.tracking_id,
        reported,
        scanned,
        _DOCK_ONLY.get(parcel.status),
        parcel.reported_at,
        parcel.scanned_at,
        parcel.condition,
        parcel.remark,
    )


def row_from_verdict(verdict: Verdict) -> _Row | None:
    """The row a dock scan makes or updates (None: nothing to show, e.g. an empty code)."""
    if not verdict.code or verdict.result is ScanResult.DUPLICATE:
        return None
    if verdict.result is ScanResult.MATCHED:
        return _Row(verdict.code, True, True, None, None, verdict.at)
    return _Row(verdict.code, False, True, _FROM_VERDICT[verdict.result], None, verdict.at)


class ParcelTableModel(TableModel):
    """Tracking id, status, when the FE's scan reached us, when the dock scanned it, and the
    condition the clerk marked (empty for a good parcel without a remark)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_headers(
            (
                self.tr("Tracking id"),
                self.tr("Status"),
                self.tr("FE scan synced"),
                self.tr("Dock scan"),
                self.tr("Condition"),
            )
        )
        self._rows: list[_Row] = []
        self._index: dict[str, int] = {}
        self._final = False
        self.known_reported = -1  # reported rows read from the engine so far; -1: none yet
        self._brushes = {
            status: (QBrush(QColor(bg)), QBrush(QColor(fg)))
            for status, (bg, fg) in STATUS_COLOURS.items()
        }

    # --- feeding -------------------------------------------------------------------------

    def merge_parcels(self, parcels: Iterable[ParcelRow]) -> int:
        """Append new codes in one batch, update known ones; returns how many were new."""
        return self._merge(row_from_parcel(p) for p in parcels)

    def apply_verdict(self, verdict: Verdict) -> int | None:
        """A dock scan: the row it touched (appended or updated), or None."""
        row = row_from_verdict(verdict)
        if row is None:
            return self._index.get(verdict.code)
        self._merge([row])
        return self._index[row.code]

    def set_final(self, final: bool) -> None:
        """Once the End OTC is in, waiting reads "missing" and not-reported "unexpected"."""
        if final != self._final:
            self._final = final
            if self._rows:
                self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 1))

    def _merge(self, incoming: Iterable[_Row]) -> int:
        new: list[_Row] = []
        changed: list[int] = []
        index, rows = self._index, self._rows
        for row in incoming:
            at = index.get(row.code)
            if at is None:
                index[row.code] = len(rows) + len(new)
                new.append(row)
            elif rows[at].merge(row):
                changed.append(at)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 4))
        if new:
            first = len(rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            rows.extend(new)
            self.endInsertRows()
        return len(new)

    def set_condition(self, code: str, condition: Condition, remark: str) -> int | None:
        """Show a condition just recorded (the engine committed it); the row, or None."""
        at = self._index.get(code)
        if at is None:
            return None
        row = self._rows[at]
        if (row.condition, row.remark) != (condition, remark):
            row.condition, row.remark = condition, remark
            # from column 0: the status filter's key column (its "+noted" mark changes too)
            self.dataChanged.emit(self.index(at, 0), self.index(at, 4))
        return at

    # --- reading -------------------------------------------------------------------------

    @property
    def final(self) -> bool:
        return self._final

    def status_of(self, code: str) -> ParcelStatus | None:
        at = self._index.get(code)
        return None if at is None else self._rows[at].status(self._final)

    def condition_of(self, code: str) -> tuple[Condition, str] | None:
        at = self._index.get(code)
        return None if at is None else (self._rows[at].condition, self._rows[at].remark)

    def noted(self) -> list[tuple[str, Condition, str]]:
        """Parcels marked not good or with a remark, in table order."""
        return [
            (row.code, row.condition, row.remark)
            for row in self._rows
            if row.condition is not Condition.GOOD or row.remark
        ]

    def code_at(self, source_row: int) -> str | None:
        return self._rows[source_row].code if 0 <= source_row < len(self._rows) else None

    def codes(self) -> list[str]:
        return [row.code for row in self._rows]

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.code
            if column == 1:
                return status_text(row.status(self._final))
            if column == 4:
                return noted_text(row.condition, row.remark)
            moment = row.reported_at if column == 2 else row.scanned_at
            return clock_text(moment) if moment is not None else ""
        if role == STATUS_ROLE:
            return row.status(self._final).value
        if role == FILTER_ROLE:
            status = row.status(self._final).value
            if row.condition is not Condition.GOOD or row.remark:
                return status + NOTED_SUFFIX
            return status
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if column != 1:
                return None
            background, foreground = self._brushes[row.status(self._final)]
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
