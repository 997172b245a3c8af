"""Whether the tests run under Wine (scripts/test-windows.sh) rather than on real Windows."""

from __future__ import annotations

import ctypes
import sys


def under_wine() -> bool:
    """True in a Windows Python run by Wine: its ntdll exports ``wine_get_version``."""
    if sys.platform != "win32":
        return False
    try:
        return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")  # type: ignore[attr-defined]
    except OSError:  # pragma: no cover - ntdll is always there on Windows
        return False
