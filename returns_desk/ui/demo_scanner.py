"""Demo only: a pretend USB scanner, for a walkthrough without one.

It types a tracking id into the window the way a scanner does (one key every few
milliseconds, then Enter), so the demo goes through the real path: the scanner filter,
the handover, the banner, the sound. Every fifth scan is a parcel the FE never reported.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QWindow

from returns_desk.ui.models.parcel_model import ParcelTableModel
from returns_desk.workflow.reconcile import ParcelStatus


def key_for(char: str) -> int:
    if char.isalnum():
        return int(Qt.Key(ord(char.upper())))
    return int(Qt.Key.Key_unknown)


class DemoScanner(QObject):
    def __init__(self, gap_ms: int = 8, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys: list[tuple[int, str]] = []
        self._window: QWindow | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(gap_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._count = 0
        self._rng = random.Random(7)

    def pick(self, model: ParcelTableModel | None) -> str:
        """A parcel still waiting for its dock scan, or now and then one nobody reported."""
        self._count += 1
        waiting = []
        if model is not None:
            waiting = [c for c in model.codes() if model.status_of(c) is ParcelStatus.WAITING]
        if not waiting or self._count % 5 == 0:
            return f"FMPC{self._rng.randrange(10**10):010d}"
        return waiting[0]

    def type_code(self, window: QWindow, code: str) -> None:
        if self._timer.isActive():
            return  # one label at a time
        self._window = window
        self._keys = [(key_for(ch), ch) for ch in code] + [(int(Qt.Key.Key_Return), "\r")]
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._keys = []

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self._keys or self._window is None:
            self._timer.stop()
            return
        key, text = self._keys.pop(0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            QCoreApplication.sendEvent(self._window, event)
        if not self._keys:
            self._timer.stop()
