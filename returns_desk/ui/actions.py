"""The window's actions, each with its function key: keyboard-only, the keys shown on buttons."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


class Actions(QObject):
    """Every action the clerk or admin can take; the main window connects them."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.generate_start = self._make(Qt.Key.Key_F2)
        self.refresh = self._make(Qt.Key.Key_F5)
        self.next_fe = self._make(Qt.Key.Key_F6)
        self.manual_entry = self._make(Qt.Key.Key_F4)
        self.record_held = self._make(Qt.Key.Key_F3)
        self.move_scan = self._make(Qt.Key.Key_F1)
        self.find = self._make(QKeySequence.StandardKey.Find)
        self.end_otc = self._make(Qt.Key.Key_F8)
        self.print_slip = self._make(Qt.Key.Key_F9)
        self.print_preview = self._make(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F9))
        self.open_pdf_folder = self._make(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_O))
        self.session_history = self._make(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_H))
        self.complete = self._make(Qt.Key.Key_F10)
        self.cancel = self._make(Qt.Key.Key_Escape)
        self.scanner_test = self._make(Qt.Key.Key_F11)
        self.demo_sheet = self._make(None)
        self.demo_scan = self._make(Qt.Key.Key_F12)
        # Ctrl+Q on every system (Windows has no standard quit key); it asks first while a
        # handover is open (MainWindow.ask_to_quit)
        self.quit = self._make(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        # the selected parcel's condition (ui/condition.py), in CONDITION_KEYS order
        self.conditions = [
            self._make(QKeySequence(Qt.Modifier.CTRL | key))
            for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5)
        ]
        self.remark = self._make(Qt.Key.Key_F7)
        self.photo = self._make(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_P))
        self.claims = self._make(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.site_board = self._make(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_B))
        self.retranslate()
        self.print_slip.setEnabled(False)
        self.record_held.setEnabled(False)
        self.print_preview.setEnabled(False)
        for action in (self.generate_start, self.end_otc, self.complete):
            action.setEnabled(False)

    def retranslate(self) -> None:
        """The actions' words (and so their buttons') in the language now installed."""
        for action, text in (
            (self.generate_start, self.tr("Generate Start OTC")),
            (self.refresh, self.tr("Refresh now")),
            (self.next_fe, self.tr("Next field executive")),
            (self.manual_entry, self.tr("Type a tracking id")),
            (self.record_held, self.tr("Record held scans")),
            (self.move_scan, self.tr("Move the last scan to its FE")),
            (self.find, self.tr("Filter parcels")),
            (self.end_otc, self.tr("Get End OTC")),
            (self.print_slip, self.tr("Print slip")),
            (self.print_preview, self.tr("Print preview…")),
            (self.open_pdf_folder, self.tr("Open the PDF folder")),
            (self.session_history, self.tr("Session history…")),
            (self.complete, self.tr("Mark complete")),
            (self.cancel, self.tr("Cancel")),
            (self.scanner_test, self.tr("Scanner test…")),
            (self.demo_sheet, self.tr("Write demo barcode sheet (PDF)")),
            (self.demo_scan, self.tr("Pretend to scan a parcel")),
            (self.quit, self.tr("Quit")),
            (self.remark, self.tr("Remark")),
            (self.photo, self.tr("Photo of the parcel")),
            (self.claims, self.tr("Claims…")),
            (self.site_board, self.tr("Site board…")),
        ):
            action.setText(text)
        for action, (text, short) in zip(
            self.conditions,
            (
                (self.tr("Good"), self.tr("Good")),
                (self.tr("Damaged"), self.tr("Damaged")),
                (self.tr("Tampered or open"), self.tr("Open")),
                (self.tr("Empty or wrong item"), self.tr("Empty")),
                (self.tr("Wet"), self.tr("Wet")),
            ),
            strict=True,
        ):
            action.setText(text)
            action.setIconText(short)  # the scanning screen's compact button

    def _make(self, key: object) -> QAction:
        action = QAction(self)
        if key is not None:
            # a Qt.Key, a StandardKey or a QKeySequence: each is one of QKeySequence's
            # constructors, but its stubs have no overload for the union
            action.setShortcut(QKeySequence(key))  # type: ignore[call-overload]
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        return action

    def all(self) -> list[QAction]:
        return [a for a in self.findChildren(QAction) if a.parent() is self]
