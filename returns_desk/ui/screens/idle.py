"""What the right-hand side shows when no handover is selected (or none is here yet)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from returns_desk.ui.theme import ACCENT, scaled
from returns_desk.ui.widgets.icons import IconWidget


class IdleScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.icon = IconWidget(scaled(120))
        self.icon.set_icon("scan", QColor(ACCENT))
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("hint")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addStretch(2)
        self._waiting = True  # the first message, until the pane shows another
        self.retranslate()

    def retranslate(self) -> None:
        """The words again in the language now installed (``QEvent.LanguageChange``)."""
        if self._waiting:
            self.title.setText(self.tr("Waiting for field executives"))
            self.detail.setText(
                self.tr("They appear on the left as soon as the marketplace lists them.")
            )

    def show_message(self, title: str, detail: str) -> None:
        self._waiting = False
        self.title.setText(title)
        self.detail.setText(detail)
