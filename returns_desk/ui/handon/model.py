"""The outbox entries as a table model, newest first, a page at a time.

The store filters and pages the entries (``Store.outbox_page``); the view reads them off the
GUI thread. ``OutboxModel.set_items`` takes a fresh read of the rows shown and changes only
what changed (rows inserted, removed, ``dataChanged`` for updated ones; never a reset), so
the admin's selection and scroll position survive the frequent refreshes (conventions,
habit 7); ``append`` adds the next page when the view scrolls to the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from returns_desk.store import OutboxItem, OutboxStatus
from returns_desk.ui.handon.texts import destination_name, status_text, time_text
from returns_desk.ui.models.table import Index, TableModel

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the OutboxItem of the row

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


class OutboxModel(TableModel):
    #: the view scrolled to the end and there are more entries: read the next page
    more_wanted = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[OutboxItem] = []
        self.total = 0  # entries with the current filter, read or not
        self._asked = False
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

    def set_items(self, items: Sequence[OutboxItem], total: int | None = None) -> None:
        """Show ``items`` (newest first, as ``Store.outbox_page`` gives them) with minimal
        changes; ``total``: how many the filter has in all."""
        self._asked = False
        self.total = max(len(items), total if total is not None else len(items))
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

    def append(self, items: Sequence[OutboxItem]) -> None:
        """The next page (older entries than the last shown); an empty page ends the list."""
        self._asked = False
        known = {item.id for item in self._items}
        items = [item for item in items if item.id not in known]
        if not items:
            self.total = len(self._items)
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items += items
        self.endInsertRows()
        self.total = max(self.total, len(self._items))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._items) < self.total and not self._asked

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit()

    @property
    def last(self) -> OutboxItem | None:
        return self._items[-1] if self._items else None

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
