"""Windows and dialogs within the screen: a dock terminal is often 1366x768 with a taskbar.

Each window asks for the size it would like; it gets at most the screen's available area
(less the title bar the window system adds), centred in it. The main window is maximised
when the screen is smaller than it would like, so nothing is off-screen and nothing is
left to the clerk to drag.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR_PX = 32  # what the window system adds above a window (Windows 10/11: 31 px)
BORDER_PX = 8  # and around it


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen area windows may use (without the taskbar) of the widget's screen."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int, *, area: QRect | None = None) -> bool:
    """Resize to ``width`` x ``height`` or less, inside ``area`` (the screen's by default),
    and centre it there; True when the area is smaller than the size wanted."""
    area = area if area is not None else available_area(widget)
    w = min(width, area.width() - 2 * BORDER_PX)
    h = min(height, area.height() - TITLE_BAR_PX - BORDER_PX)
    widget.resize(w, h)
    widget.move(
        area.x() + (area.width() - w) // 2,
        area.y() + TITLE_BAR_PX + max(0, (area.height() - TITLE_BAR_PX - BORDER_PX - h) // 2),
    )
    return w < width or h < height
