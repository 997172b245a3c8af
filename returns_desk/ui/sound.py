"""Scan sounds, never blocking: a clerk who is not looking must still hear what happened.

PySide6-Essentials has no QtMultimedia, and the app adds no dependency for sound. On Windows
the standard library's ``winsound`` plays the WAV files asynchronously (``SND_ASYNC``);
elsewhere, or when that fails, the system beep is the fallback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from returns_desk.resources import resource_path
from returns_desk.store.models import ScanResult
from returns_desk.ui.theme import SOUND_FILES

Backend = Callable[[Path], bool]  # plays a file without blocking; False: could not

SOUND_FOR_RESULT = {
    ScanResult.MATCHED: "matched",
    ScanResult.DUPLICATE: "duplicate",
    ScanResult.NOT_YET_REPORTED: "unexpected",
    ScanResult.UNEXPECTED: "unexpected",
    ScanResult.WRONG_LABEL: "error",
    ScanResult.INVALID: "error",
}


def winsound_backend() -> Backend | None:
    """``winsound.PlaySound`` with ``SND_ASYNC`` on Windows; None elsewhere."""
    if sys.platform != "win32":
        return None
    try:
        import winsound
    except ImportError:
        return None
    flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT

    def play(path: Path) -> bool:
        try:
            winsound.PlaySound(str(path), flags)
        except RuntimeError:  # no audio device, or the file could not be played
            return False
        return True

    return play


def beep_backend(path: Path) -> bool:
    QApplication.beep()
    return True


class SoundPlayer(QObject):
    """``play("matched" | "duplicate" | "unexpected" | "error")``; ``played`` tells tests."""

    played = Signal(str)

    def __init__(
        self,
        *,
        enabled: bool = True,
        backend: Backend | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._backend = backend or winsound_backend() or beep_backend
        self._files = {name: resource_path(file) for name, file in SOUND_FILES.items()}

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        if not self._backend(self._files[name]):
            QApplication.beep()
        self.played.emit(name)

    def play_result(self, result: ScanResult) -> None:
        self.play(SOUND_FOR_RESULT[result])
