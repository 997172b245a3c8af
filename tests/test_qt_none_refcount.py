"""Guard against a Qt binding that drops references to None (PySide6 6.12.0 on Python 3.11).

That release loses one reference to ``None`` per call of many void methods; after a few
thousand calls the interpreter aborts with "deallocating None", taking the dock app down
in the middle of a handover. ``pyproject.toml`` excludes it; this test keeps it excluded.
"""

from __future__ import annotations

import subprocess
import sys

CALLS = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QFont, QGuiApplication
app = QGuiApplication([])
before = sys.getrefcount(None)
point, rect, font, obj = QPoint(), QRect(), QFont(), QObject()
for _ in range(20_000):
    point.setX(1); rect.setWidth(3); font.setBold(True); obj.setObjectName("x")
print(before - sys.getrefcount(None))
"""


def test_void_qt_calls_keep_none_alive() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CALLS], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
