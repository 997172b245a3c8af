"""Work around PySide6 6.12.0 dropping a reference to ``None`` on Python 3.11.

Measured here (PySide6/shiboken6 6.12.0, CPython 3.11.7): every call of many void
methods (``QPainter.fillRect``, ``QPainter.setFont``, ``QFont.setBold``,
``QRect.setWidth``, ``QObject.setObjectName``...) lowers ``sys.getrefcount(None)`` by one,
as if the binding returned ``Py_None`` without a new reference (harmless on 3.12+, where
``None`` is immortal). ``None`` starts near 5,000 references, so a few receipts, each
thousands of bar and QR rectangles, abort the process with "none_dealloc: deallocating
None".

The fix, once per process and only when the leak is seen: give ``None`` a 2**40 reference
head start, which is what Python 3.12 does by making it immortal. Extra references to
``None`` are harmless, so this stays safe once PySide6 is fixed.
"""

from __future__ import annotations

import ctypes
import sys
import threading

_HEAD_START = 1 << 40
_lock = threading.Lock()
_applied = False


def leak_per_call() -> float:
    """References to ``None`` lost per void Qt call (0.0 when the binding is correct)."""
    from PySide6.QtCore import QPoint

    point = QPoint()
    calls = 200
    before = sys.getrefcount(None)
    for _ in range(calls):
        point.setX(1)
    return max(0.0, (before - sys.getrefcount(None)) / calls)


def guard_none_refcount() -> bool:
    """Apply the head start if needed; True when it is (or was already) applied."""
    global _applied
    with _lock:
        if _applied:
            return True
        if sys.version_info >= (3, 12) or leak_per_call() < 0.5:
            return False
        # ob_refcnt is the first field of every object in release builds of CPython
        ctypes.c_ssize_t.from_address(id(None)).value += _HEAD_START
        _applied = True
        return True
