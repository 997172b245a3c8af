"""Asking why entries are skipped: the reason is kept in the entry's history for the audit."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class SkipDialog(QDialog):
    """Opened with ``open()`` (never a nested ``exec()``); ``reason_given`` on OK."""

    reason_given = Signal(str)

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Skip hand-on"))
        question = QLabel(
            self.tr(
                "%1 entries will not be sent. Why? (for example: entered in the seller's "
                "system by hand)"
            ).replace("%1", str(count)),
            self,
        )
        question.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(200)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Skip"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._on_reason_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._on_reason_text_changed("")

    @Slot(str)
    def _on_reason_text_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))

    def accept(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            return
        self.reason_given.emit(reason)
        super().accept()
