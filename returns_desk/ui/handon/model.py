"""The outbox entries as a table model, and the proxy that filters them by state and key.

``OutboxModel.set_items`` takes a fresh read of the store and changes only what changed
(rows inserted, removed, ``dataChanged`` for updated ones; never a reset), so the admin's
selection and scroll position survive the worker's frequent ``changed`` signals
(conventions, habit 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from returns_desk.handon import DestinationCounts
from returns_desk.store import OutboxItem, OutboxStatus
from returns_desk.ui.handon.texts import destination_name, status_text, time_text
from returns_desk.ui.models.table import Index, TableModel

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the OutboxItem of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts as the admin expects

#: the states a person must act on stand out (their words say it too: colour is never alone)
_STATUS_INK = {OutboxStatus.NEEDS_ATTENTION: "#b00020", OutboxStatus.NEEDS_DATA: "#8a5a00"}
COLUMNS = ("destination", "key", "status", "attempts", "next_attempt", "last_error")


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def count_items(items: Sequence[OutboxItem]) -> dict[str, DestinationCounts]:
    """``handon.summary`` from rows already read: the view reads the store once per refresh,
    so counting its rows here saves a second query."""
    counts: dict[str, dict[str, int]] = {}
    for item in items:
        name = "waiting" if item.status is OutboxStatus.PENDING else item.status.value
        per = counts.setdefault(item.destination, {})
        per[name] = per.get(name, 0) + 1
    return {dest: DestinationCounts(**per) for dest, per in counts.items()}


class OutboxModel(TableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[OutboxItem] = []
        self.set_headers(
            (
                self.tr("Destination"),
                self.tr("Tracking id"),
                self.tr("Status"),
                self.tr("Attempts"),
                self.tr("Next attempt"),
                self.tr("Last error"),
            )
        )

    # --- updating -------------------------------------------------------------------------

    def set_items(self, items: Sequence[OutboxItem]) -> None:
        """Show ``items`` (ordered by id, as ``Store.outbox`` gives them) with minimal changes."""
        wanted = {item.id: item for item in items}
        gone = [row for row, item in enumerate(self._items) if item.id not in wanted]
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._items[first : last + 1]
            self.endRemoveRows()
        # what remains is a subsequence of ``items``: insert each run of new ones where it goes
        at = 0
        while at < len(items):
            if at < len(self._items) and self._items[at].id == items[at].id:
                at += 1
                continue
            known = self._items[at].id if at < len(self._items) else None
            end = at
            while end < len(items) and items[end].id != known:
                end += 1
            self.beginInsertRows(QModelIndex(), at, end - 1)
            self._items[at:at] = items[at:end]
            self.endInsertRows()
            at = end
        changed = [row for row, item in enumerate(items) if self._items[row] != item]
        for row in changed:
            self._items[row] = items[row]
        last_column = len(COLUMNS) - 1
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))

    def item(self, row: int) -> OutboxItem:
        return self._items[row]

    def items(self) -> list[OutboxItem]:
        return list(self._items)

    # --- the table ------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == SORT_ROLE:
            return self._sort_value(item, column)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole and column == "last_error":
            return item.last_error
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            colour = _STATUS_INK.get(item.status)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "attempts":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, item: OutboxItem, column: str) -> str:
        if column == "destination":
            return destination_name(item.destination)
        if column == "key":
            return item.idempotency_key
        if column == "status":
            return status_text(item.status)
        if column == "attempts":
            return str(item.attempts)
        if column == "next_attempt":
            if item.status is OutboxStatus.SENT:
                return self.tr("sent %1").replace("%1", time_text(item.sent_at))
            return time_text(item.next_attempt_at) if item.status is OutboxStatus.PENDING else ""
        return item.last_error or ""

    def _sort_value(self, item: OutboxItem, column: str) -> Any:
        if column == "attempts":
            return item.attempts
        if column == "next_attempt":
            moment = item.sent_at if item.status is OutboxStatus.SENT else item.next_attempt_at
            return moment.timestamp() if moment else 0.0
        return self._display(item, column)


class OutboxFilter(QSortFilterProxyModel):
    """Entries of one state (or all), whose tracking id contains the searched text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._status: OutboxStatus | None = None
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(COLUMNS.index("key"))
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    @property
    def status(self) -> OutboxStatus | None:
        return self._status

    def set_status(self, status: OutboxStatus | None) -> None:
        if status == self._status:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._status = status
            self.endFilterChange()
        else:
            self._status = status
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._status is not None:
            index = self.sourceModel().index(source_row, 0, source_parent)
            item = index.data(ITEM_ROLE)
            if item is None or item.status != self._status:
                return False
        return super().filterAcceptsRow(source_row, source_parent)
