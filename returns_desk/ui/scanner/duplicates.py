"""The per-code duplicate window, shared by the keyboard and the serial scanner input (no Qt).

A scanner often reads the same label twice in quick succession. The same code again within
the window is a *double read*, ignored; a different code is never held back. The window
runs from the first read: a label held under the scanner does not stay a double read forever.
"""

from __future__ import annotations


class DuplicateWindow:
    def __init__(self, window_s: float) -> None:
        self.window_s = window_s
        self._recent: dict[str, float] = {}  # code -> when it was last taken as a scan

    def is_double_read(self, code: str, now: float) -> bool:
        """True when ``code`` was scanned less than ``window_s`` before ``now``; else
        remembers it (``now`` on a monotonic clock, in seconds)."""
        window = self.window_s
        self._recent = {c: t for c, t in self._recent.items() if now - t < window}
        if code in self._recent:
            return True
        self._recent[code] = now
        return False
