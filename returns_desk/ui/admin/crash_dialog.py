"""The friendly face of a bug: the clerk learns the data is safe and the app carries on.

``install_excepthook`` (returns_desk.logs) logs the traceback and calls a reporter with a
one-line, redacted summary. ``CrashReporter.report`` is that reporter: it may be called
from any thread and shows the dialog in the GUI thread. The dialog opens with ``open()``,
never a nested ``exec()``, and a burst of errors updates the one open dialog instead of
stacking new ones.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_open_dialog: CrashDialog | None = None


class CrashDialog(QDialog):
    def __init__(self, text: str, log_file: Path, parent: QWidget | None = None) -> None:
        from returns_desk.ui.admin.fields import ADMIN_STYLE  # a crash is rare: not at start-up

        super().__init__(parent)
        self.setWindowTitle(self.tr("Returns Desk"))
        self.setStyleSheet(ADMIN_STYLE)
        self._log_file = Path(log_file)
        self.count = 1

        heading = QLabel(self.tr("Something went wrong"), self)
        heading.setObjectName("screenTitle")
        body = QLabel(
            self.tr(
                "Your data is safe and the app keeps running: you can carry on. If it happens "
                "again, tell IT support; the details are in the log file:"
            ),
            self,
        )
        body.setWordWrap(True)
        self.log_label = QLabel(str(self._log_file), self)
        self.log_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.log_label.setWordWrap(True)
        self.count_label = QLabel(self)
        self.count_label.hide()
        self.details = QPlainTextEdit(text, self)
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(120)
        self.details.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.details_button = QPushButton(self.tr("Details"), self)
        self.details_button.setCheckable(True)
        self.details_button.setAutoDefault(False)
        self.folder_button = QPushButton(self.tr("Open log folder"), self)
        self.folder_button.setAutoDefault(False)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        self.details_button.toggled.connect(self.details.setVisible)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addWidget(self.log_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.ok_button.setFocus()

    def add_occurrence(self, text: str) -> None:
        """Another error while the dialog is open: count it, keep the latest details."""
        self.count += 1
        self.count_label.setText(self.tr("This has happened %n times.", "", self.count))
        self.count_label.show()
        self.details.setPlainText(text)

    @Slot()
    def _on_folder_button_clicked(self) -> None:
        from returns_desk.ui.admin.about_dialog import open_folder

        open_folder(self._log_file.parent)


def show_crash(parent: QWidget | None, text: str, log_file: Path) -> CrashDialog:
    """Show (or update) the crash dialog, opened with ``open()``; GUI thread only."""
    global _open_dialog
    if _open_dialog is not None:
        try:
            if _open_dialog.isVisible():
                _open_dialog.add_occurrence(text)
                return _open_dialog
        except RuntimeError:  # its C++ side is gone (closed and deleted)
            pass
    dialog = CrashDialog(text, log_file, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(_forget_dialog)
    _open_dialog = dialog
    dialog.open()
    return dialog


def _forget_dialog() -> None:
    global _open_dialog
    _open_dialog = None


class CrashReporter(QObject):
    """The reporter for ``install_excepthook``: ``report(text)`` from any thread.

    Create it in the GUI thread (after the QApplication); ``window`` is the dialog's
    parent and may be set later, once the main window exists.
    """

    _reported = Signal(str)

    def __init__(
        self, log_file: Path, window: QWidget | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.log_file = Path(log_file)
        self.window = window
        self._reported.connect(self._on_self_reported)  # queued when sent from another thread

    def report(self, text: str) -> None:
        self._reported.emit(text)

    @Slot(str)
    def _on_self_reported(self, text: str) -> None:
        show_crash(self.window, text, self.log_file)
