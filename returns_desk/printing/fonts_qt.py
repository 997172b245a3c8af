"""The fonts shipped in ``resources/fonts``: Devanagari for Hindi where the system has none.

Windows has Nirmala UI; a fresh Debian or Ubuntu has no Devanagari font at all, and Hindi
would print and show as empty boxes. Noto Sans Devanagari (SIL Open Font License,
``resources/fonts/OFL.txt``) is registered with Qt on first need: the slip renderer, and the
window when it switches to Hindi. Qt's font fallback then finds it for every Devanagari
character, whatever family a widget or a slip asks for first.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtGui import QFontDatabase, QGuiApplication

from returns_desk.resources import resource_path

log = logging.getLogger(__name__)

BUNDLED_FONTS = ("fonts/NotoSansDevanagari-Regular.ttf", "fonts/NotoSansDevanagari-Bold.ttf")
DEVANAGARI_FAMILIES = ("Nirmala UI", "Noto Sans Devanagari")
_lock = threading.Lock()
_added: list[int] = []


def add_bundled_fonts() -> None:
    """Register the shipped fonts once; safe from any thread. Without a QGuiApplication (a
    bare QCoreApplication) there are no fonts to add to: nothing is done, not even marked."""
    if not isinstance(QGuiApplication.instance(), QGuiApplication):
        return
    with _lock:
        if _added:
            return
        for name in BUNDLED_FONTS:
            font_id = QFontDatabase.addApplicationFont(str(resource_path(name)))
            if font_id < 0:
                log.warning("the font %s cannot be loaded", name)
            _added.append(font_id)
