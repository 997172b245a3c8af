"""``RETURNS_DESK_STARTUP_PROBE=1``: say when the window was first painted and when the desk was
ready, then quit.

``bench/startup.py`` times the source tree and the built bundle this same way (a bundle cannot
be handed a timing script), and an IT admin can use it to see why a terminal starts slowly.
Each line is ``startup-probe <what> <epoch seconds>`` on standard output, in order:
``shown`` (the first paint), then the steps in between, ``settings`` (read and validated),
``record`` (the database open, the desk's services made) and ``desk`` (its widgets built),
and last ``ready``. With the variable unset nothing is installed and nothing is printed.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

PROBE_ENV = "RETURNS_DESK_STARTUP_PROBE"


def _say(what: str) -> None:
    print(f"startup-probe {what} {time.time():.6f}", flush=True)


class StartupProbe(QObject):
    """Watches the window's first paint; ``ready()`` reports the desk and ends the run."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            _say("shown")
        return False

    def ready(self) -> None:
        _say("ready")
        QTimer.singleShot(0, QCoreApplication.quit)


def mark(step: str) -> None:
    """A step on the way to ready, when the environment asks for the probe."""
    if os.environ.get(PROBE_ENV):
        _say(step)


def probe_for(window: QWidget) -> StartupProbe | None:
    """A probe on ``window`` when the environment asks for one."""
    return StartupProbe(window) if os.environ.get(PROBE_ENV) else None
