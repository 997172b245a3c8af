"""The main window: the FEs at the dock, refreshed in the background, and a calm banner.

It only wires things together: the table model shows initial-load answers, the
``PeriodicWorker`` fetches them off the GUI thread, the banner shows trouble without ever
blocking the clerk with a modal dialog.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returns_desk.api.models import InitialLoad
from returns_desk.errors import ReturnsDeskError, TripsheetTaskNotFoundError
from returns_desk.ui.fe_model import FeTableModel, rows_from
from returns_desk.ui.workers import PeriodicWorker

BANNER_STYLES = {
    "ok": "background:#1b5e20;color:white;",
    "info": "background:#0d47a1;color:white;",
    "warn": "background:#8a4b00;color:white;",
}


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        location: str,
        terminal: str,
        refresher: PeriodicWorker | None,
        demo: bool = False,
        startup_error: ReturnsDeskError | None = None,
    ) -> None:
        super().__init__()
        self._location, self._terminal = location, terminal
        self._refresher = refresher
        self._closed = False
        suffix = self.tr(" (demo)") if demo else ""
        self.setWindowTitle(
            self.tr("Returns Desk — %1 — terminal %2")
            .replace("%1", location or "?")
            .replace("%2", terminal)
            + suffix
        )
        self.resize(1100, 700)

        self.banner = QLabel(self.tr("Loading the field executives at the dock…"))
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setMargin(12)
        self._set_banner("info", self.banner.text())

        self.fe_model = FeTableModel(self)
        self.fe_table = QTableView()
        self.fe_table.setModel(self.fe_model)
        self.fe_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fe_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.fe_table.verticalHeader().hide()
        header = self.fe_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.fe_table.setAlternatingRowColors(True)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        heading = QLabel(self.tr("Field executives at the dock"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        layout.addWidget(self.fe_table, 1)
        self.setCentralWidget(central)
        self.setStyleSheet(
            "QWidget{font-size:16pt;} QLabel#heading{font-size:20pt;font-weight:bold;}"
            "QTableView{font-size:18pt;} QHeaderView::section{font-size:16pt;padding:6px;}"
        )

        refresh = QAction(self.tr("Refresh (F5)"), self)
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.triggered.connect(self._on_refresh_triggered)
        self.addAction(refresh)
        toolbar = self.addToolBar(self.tr("Actions"))
        toolbar.setObjectName("actions")
        toolbar.addAction(refresh)

        self.statusBar().showMessage(
            self.tr("Location %1 · terminal %2")
            .replace("%1", location or "?")
            .replace("%2", terminal)
        )
        if startup_error is not None:
            self._set_banner("warn", startup_error.user_text)
        if refresher is not None:
            refresher.succeeded.connect(self._on_refresher_succeeded)
            refresher.failed.connect(self._on_refresher_failed)
            refresher.crashed.connect(self._on_refresher_crashed)

    def start(self) -> None:
        if self._refresher is not None:
            self._refresher.start()

    @Slot()
    def _on_refresh_triggered(self) -> None:
        if self._refresher is not None:
            self._refresher.trigger()

    @Slot(object)
    def _on_refresher_succeeded(self, load: InitialLoad) -> None:
        self.fe_model.set_rows(rows_from(load))
        count = self.fe_model.rowCount()
        now = datetime.now().strftime("%H:%M:%S")
        if count:
            self._set_banner(
                "ok",
                self.tr("%1 field executive(s) at the dock · updated %2")
                .replace("%1", str(count))
                .replace("%2", now),
            )
        else:
            self._set_banner(
                "info",
                self.tr("No field executive at the dock yet · updated %1").replace("%1", now),
            )

    @Slot(object)
    def _on_refresher_failed(self, error: ReturnsDeskError) -> None:
        if isinstance(error, TripsheetTaskNotFoundError):
            self.fe_model.set_rows([])
            self._set_banner("info", error.message + " " + error.action)
        else:
            self._set_banner("warn", error.user_text)

    @Slot(str)
    def _on_refresher_crashed(self, text: str) -> None:
        self._set_banner(
            "warn", self.tr("Internal error, logged for IT support: %1").replace("%1", text)
        )

    def _set_banner(self, kind: str, text: str) -> None:
        self.banner.setProperty("kind", kind)
        self.banner.setStyleSheet(BANNER_STYLES[kind] + "font-size:18pt;")
        self.banner.setText(text)

    def shutdown(self) -> None:
        """Stop background work; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        if self._refresher is not None:
            self._refresher.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
