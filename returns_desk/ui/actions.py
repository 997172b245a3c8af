"""The window's actions, each with its function key: keyboard-only, the keys shown on buttons."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


class Actions(QObject):
    """Every action the clerk or admin can take; the main window connects them."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.generate_start = self._make(self.tr("Generate Start OTC"), Qt.Key.Key_F2)
        self.refresh = self._make(self.tr("Refresh now"), Qt.Key.Key_F5)
        self.next_fe = self._make(self.tr("Next field executive"), Qt.Key.Key_F6)
        self.manual_entry = self._make(self.tr("Type a tracking id"), Qt.Key.Key_F4)
        self.find = self._make(self.tr("Filter parcels"), QKeySequence.StandardKey.Find)
        self.end_otc = self._make(self.tr("Get End OTC"), Qt.Key.Key_F8)
        self.print_slip = self._make(self.tr("Print slip"), Qt.Key.Key_F9)
        self.print_preview = self._make(
            self.tr("Print preview…"), QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F9)
        )
        self.session_history = self._make(
            self.tr("Session history…"), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_H)
        )
        self.complete = self._make(self.tr("Mark complete"), Qt.Key.Key_F10)
        self.cancel = self._make(self.tr("Cancel"), Qt.Key.Key_Escape)
        self.scanner_test = self._make(self.tr("Scanner test…"), Qt.Key.Key_F11)
        self.demo_sheet = self._make(self.tr("Write demo barcode sheet (PDF)"), None)
        self.demo_scan = self._make(self.tr("Pretend to scan a parcel"), Qt.Key.Key_F12)
        self.quit = self._make(self.tr("Quit"), QKeySequence.StandardKey.Quit)
        # the selected parcel's condition (ui/condition.py), in CONDITION_KEYS order
        self.conditions = []
        for text, short, key in (
            (self.tr("Good"), self.tr("Good"), Qt.Key.Key_1),
            (self.tr("Damaged"), self.tr("Damaged"), Qt.Key.Key_2),
            (self.tr("Tampered or open"), self.tr("Open"), Qt.Key.Key_3),
            (self.tr("Empty or wrong item"), self.tr("Empty"), Qt.Key.Key_4),
            (self.tr("Wet"), self.tr("Wet"), Qt.Key.Key_5),
        ):
            action = self._make(text, QKeySequence(Qt.Modifier.CTRL | key))
            action.setIconText(short)  # the scanning screen's compact button
            self.conditions.append(action)
        self.remark = self._make(self.tr("Remark"), Qt.Key.Key_F7)
        self.photo = self._make(self.tr("Photo of the parcel"), Qt.Key.Key_F3)
        self.claims = self._make(self.tr("Claims…"), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.print_slip.setEnabled(False)
        self.print_preview.setEnabled(False)
        for action in (self.generate_start, self.end_otc, self.complete):
            action.setEnabled(False)

    def _make(self, text: str, key: object) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))  # type: ignore[call-overload]
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        return action

    def all(self) -> list[QAction]:
        return [a for a in self.findChildren(QAction) if a.parent() is self]
