"""The site board (site mode, Ctrl+B): read-only, every terminal of the location and every
handover of the day with its counts as the whole site has them (a parcel scanned at two
terminals counts once). Read from the site database off the GUI thread every few seconds;
when the database cannot be read the board says so and keeps the last rows."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returns_desk.api.states import TaskState
from returns_desk.errors import ReturnsDeskError
from returns_desk.site.board import Board, HandoverRow, TerminalRow
from returns_desk.ui.fit import fit_to_screen
from returns_desk.ui.models.table import Index, TableModel
from returns_desk.ui.reader import LatestReader, ReadDone
from returns_desk.ui.services import DeskServices
from returns_desk.ui.texts import state_text, tr
from returns_desk.ui.workers import JobKind

REFRESH_MS = 3000


class TerminalsModel(TableModel):
    def __init__(self, me: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.me = me
        self.rows: tuple[TerminalRow, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        self.set_headers((tr("Terminal"), tr("Last heard"), tr("State")))
        super().retranslate()

    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: tuple[TerminalRow, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self.rows[index.row()]
        if index.column() == 0:
            return row.terminal_id + (tr(" (this one)") if row.terminal_id == self.me else "")
        if index.column() == 1:
            return row.last_seen_at.astimezone().strftime("%H:%M:%S")
        return tr("quiet") if row.quiet else tr("working")


class HandoversModel(TableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[HandoverRow, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        titles = (
            tr("Field executive"), tr("Where"), tr("Polled by"), tr("FE scanned"),
            tr("At the dock"), tr("Matched"), tr("Waiting"), tr("Scanned at"),
        )  # fmt: skip
        self.set_headers(titles)
        super().retranslate()

    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: tuple[HandoverRow, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= index.column() <= 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            f"{row.fe_name or row.fe_id} ({row.task_id})",
            state_text(TaskState.parse(row.state)),
            row.leader or "—",
            row.reported,
            row.received,
            row.matched,
            row.waiting,
            ", ".join(row.scanned_by) or "—",
        )[index.column()]


class SiteBoard(QDialog):
    """Read-only: who is at the site's dock today, and how far each handover has come."""

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Site board"))
        self.status_line = QLabel()
        self.status_line.setObjectName("siteBoardStatus")
        self.status_line.setWordWrap(True)
        self.terminals = TerminalsModel(services.settings.terminal_id, self)
        self.handovers = HandoversModel(self)
        self.terminal_table = self._table(self.terminals, "siteTerminals")
        self.handover_table = self._table(self.handovers, "siteHandovers")
        self.close_button = QPushButton(self.tr("Close (Esc)"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_line, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        self.terminals_title = QLabel(self.tr("Terminals"))
        self.handovers_title = QLabel(self.tr("Handovers today"))
        layout.addWidget(self.terminals_title)
        layout.addWidget(self.terminal_table, 1)
        layout.addWidget(self.handovers_title)
        layout.addWidget(self.handover_table, 3)
        layout.addLayout(bottom)
        fit_to_screen(self, 1200, 640)
        self.reader = LatestReader(services.store, JobKind.SITE_BOARD, self)
        self.reader.done.connect(self._on_read_done)
        self.reader.failed.connect(self._on_read_failed)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.read_at: datetime | None = None
        self.status_line.setText(self.tr("Reading the site database…"))
        self.refresh()
        self.timer.start()

    @staticmethod
    def _table(model: TableModel, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    @Slot()
    def refresh(self) -> None:
        since = datetime.combine(datetime.now().date(), time()).astimezone()  # local midnight
        self.reader.read("board", lambda: self.services.site_board(since))

    @Slot(object)
    def _on_read_done(self, done: ReadDone) -> None:
        board: Board = done.result
        self.terminals.set_rows(board.terminals)
        self.handovers.set_rows(board.handovers)
        self.read_at = datetime.now()
        self.status_line.setText(
            self.tr("Read from the site database at %1. It refreshes by itself.").replace(
                "%1", self.read_at.strftime("%H:%M:%S")
            )
        )

    @Slot(object)
    def _on_read_failed(self, error: ReturnsDeskError) -> None:
        last = self.read_at.strftime("%H:%M:%S") if self.read_at else "—"
        self.status_line.setText(
            self.tr("%1 The rows shown are from %2.")
            .replace("%1", error.user_text)
            .replace("%2", last)
        )

    def done(self, result: int) -> None:
        self.timer.stop()
        self.reader.cancel()
        super().done(result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Site board"))
            self.close_button.setText(self.tr("Close (Esc)"))
            self.terminals_title.setText(self.tr("Terminals"))
            self.handovers_title.setText(self.tr("Handovers today"))
            self.terminals.retranslate()
            self.handovers.retranslate()
        super().changeEvent(event)
