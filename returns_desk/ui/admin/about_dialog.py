"""The About box: the version and where the data and the logs are, for a support call."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returns_desk.ui.admin.fields import ADMIN_STYLE, set_status


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the file manager; False when it does not exist or cannot open."""
    return folder.is_dir() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    def __init__(
        self, version: str, data_dir: Path, log_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Returns Desk"))
        self.setStyleSheet(ADMIN_STYLE)
        self._folders = {"data": Path(data_dir), "logs": Path(log_dir)}

        title = QLabel(self.tr("Returns Desk %s") % version, self)
        title.setObjectName("screenTitle")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid = QGridLayout()
        self.folder_labels: dict[str, QLabel] = {}
        self.open_buttons: dict[str, QPushButton] = {}
        captions = {"data": self.tr("Data folder"), "logs": self.tr("Log folder")}
        for row, (key, folder) in enumerate(self._folders.items()):
            value = QLabel(str(folder), self)
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; Ctrl+C copies
            button = QPushButton(self.tr("Open folder"), self)
            button.setAutoDefault(False)
            button.setProperty("folder", key)
            button.clicked.connect(self._on_open_button_clicked)
            caption = QLabel(captions[key], self)
            caption.setBuddy(value)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(button, row, 2)
            self.folder_labels[key], self.open_buttons[key] = value, button
        grid.setColumnStretch(1, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.hide()
        credits = QLabel(
            self.tr(
                "Receiving-dock desk for marketplace customer returns. Built with Qt for "
                "Python (PySide6, LGPL v3), pydantic, requests, keyring, platformdirs and segno."
            ),
            self,
        )
        credits.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addWidget(credits)
        layout.addWidget(buttons)
        close.setFocus()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        key = self.sender().property("folder")
        folder = self._folders[key]
        if open_folder(folder):
            set_status(self.status, "", "")
        else:
            set_status(
                self.status, "failed", self.tr("Cannot open %s: no such folder yet.") % folder
            )
