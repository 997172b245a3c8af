"""The FEs at the dock: one row per handover, fed with the engine's immutable views.

Rows keep their place (new handovers are appended, changed ones emit ``dataChanged``); the
order on screen (open ones first, by name) comes from a sorting proxy.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from returns_desk.api.states import TaskState
from returns_desk.ui.texts import lob_text, state_text
from returns_desk.workflow.handover import HandoverView

Index = QModelIndex | QPersistentModelIndex
VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
SESSION_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3


class FeListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views: list[HandoverView] = []
        self._rows: dict[int, int] = {}  # session id -> row

    def set_views(self, views: Sequence[HandoverView]) -> None:
        new = []
        for view in views:
            row = self._rows.get(view.session_id)
            if row is None:
                new.append(view)
            elif self._views[row] != view:
                self._views[row] = view
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [VIEW_ROLE, Qt.ItemDataRole.DisplayRole])
        if new:
            first = len(self._views)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for view in new:
                self._rows[view.session_id] = len(self._views)
                self._views.append(view)
            self.endInsertRows()

    def update_view(self, view: HandoverView) -> None:
        self.set_views([view])

    def view(self, session_id: int) -> HandoverView | None:
        row = self._rows.get(session_id)
        return None if row is None else self._views[row]

    def views(self) -> list[HandoverView]:
        return list(self._views)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._views)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._views):
            return None
        view = self._views[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return view.fe_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("%1 · %2 · %3 · task %4")
                .replace("%1", view.fe_name)
                .replace("%2", lob_text(view.lob))
                .replace("%3", state_text(view.state))
                .replace("%4", view.task_id)
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            counts = view.counts
            return (
                self.tr("%1, %2, %3, %4 matched of %5")
                .replace("%1", view.fe_name)
                .replace("%2", lob_text(view.lob))
                .replace("%3", state_text(view.state))
                .replace("%4", str(counts.matched))
                .replace("%5", str(counts.fe_scanned))
            )
        if role == VIEW_ROLE:
            return view
        if role == SESSION_ROLE:
            return view.session_id
        if role == SORT_ROLE:
            done = "1" if view.state is TaskState.COMPLETED else "0"
            return f"{done}|{view.fe_name.lower()}|{view.session_id:09d}"
        return None


class FeSortProxy(QSortFilterProxyModel):
    """Open handovers first, then by FE name: string keys, so sorting stays in C++."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.sort(0)
