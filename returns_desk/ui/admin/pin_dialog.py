"""The admin PIN prompt in front of the settings: a keypad big enough for a touch screen.

Wrong PINs are counted in a file (``returns_desk.admin_pin.PinLockout``): after three in
a row the prompt locks (a message, then only "Close") for 30 s, and each further miss
doubles the wait, up to an hour; closing the prompt or restarting the app gives no fresh
tries. Typing digits and Enter works as well as the keypad.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returns_desk.admin_pin import PinLockout, verify_pin
from returns_desk.settings import Settings
from returns_desk.ui.admin.fields import ADMIN_STYLE
from returns_desk.ui.admin.forms import MAX_PIN_LENGTH


class PinDialog(QDialog):
    """Accepted when the PIN matches ``pin_hash``; rejected on Cancel or after the lock."""

    def __init__(
        self,
        pin_hash: str | None,
        parent: QWidget | None = None,
        *,
        lockout: PinLockout | None = None,
        purpose: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Admin PIN"))
        self.setStyleSheet(ADMIN_STYLE)
        self._hash = pin_hash
        self.lockout = lockout or PinLockout()
        self._locked = False

        prompt = QLabel(purpose or self.tr("Enter the admin PIN to open the settings."), self)
        prompt.setWordWrap(True)
        self.entry = QLineEdit(self)
        self.entry.setObjectName("pinEntry")
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setMaxLength(MAX_PIN_LENGTH)
        self.entry.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), self))
        self.entry.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()

        keypad = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            keypad.addWidget(self._key(digit, digit), index // 3, index % 3)
        keypad.addWidget(self._key("back", self.tr("⌫ Delete")), 3, 0)
        keypad.addWidget(self._key("0", "0"), 3, 1)
        self.ok_button = self._key("ok", self.tr("Enter"))
        self.ok_button.setDefault(True)  # Enter anywhere in the dialog
        keypad.addWidget(self.ok_button, 3, 2)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.entry)
        layout.addWidget(self.message)
        layout.addLayout(keypad)
        layout.addWidget(self.cancel_button)

        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        self.keys["back"].clicked.connect(self.entry.backspace)
        self.cancel_button.clicked.connect(self.reject)
        self.entry.setFocus()
        if self.lockout.wait_s() > 0:  # locked by an earlier prompt, in this run or before
            self._lock(self.lockout.wait_s())

    def _key(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("pinKey")
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the entry
        if name.isdigit():
            button.clicked.connect(self._on_key_clicked)
        self.keys[name] = button
        return button

    def locked(self) -> bool:
        return self._locked

    @Slot()
    def _on_key_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton) and not self.locked():
            self.entry.insert(button.text())
            self.entry.setFocus()

    @Slot()
    def _on_ok_button_clicked(self) -> None:
        if self.locked():
            return
        if self.lockout.wait_s() > 0:  # another prompt locked it meanwhile
            self._lock(self.lockout.wait_s())
            return
        if verify_pin(self.entry.text(), self._hash):
            self.lockout.succeeded()
            self.accept()
            return
        wait = self.lockout.failed()
        self.entry.clear()
        if wait > 0:
            self._lock(wait)
            return
        left = self.lockout.tries_before_wait()
        self.message.setText(
            self.tr("Wrong PIN. %n tries left.", "", left)
            if left != 1
            else self.tr("Wrong PIN. One try left.")
        )
        self.message.show()
        self.entry.setFocus()

    def _lock(self, wait_s: float) -> None:
        self._locked = True
        minutes = max(1, round(wait_s / 60))
        when = (
            self.tr("%n seconds", "", max(1, round(wait_s)))
            if wait_s < 90
            else self.tr("%n minutes", "", minutes)
        )
        self.message.setText(
            self.tr(
                "Wrong PIN %n times. The settings stay locked for %1; ask the IT admin.",
                "",
                self.lockout.failures,
            ).replace("%1", when)
        )
        self.message.show()
        self.entry.setEnabled(False)
        for button in self.keys.values():
            button.setEnabled(False)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setDefault(True)  # Enter and Esc both close now
        self.cancel_button.setFocus()


def ask_admin_pin(parent: QWidget | None, settings: Settings) -> bool:
    """True when the admin typed the right PIN, or when no PIN is set (nothing to protect)."""
    if not settings.admin_pin_hash:
        return True
    dialog = PinDialog(settings.admin_pin_hash, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
