"""Whether the scanner filter may read a burst, from where the keyboard focus is.

Scans belong to the desk: a burst typed while a dialog is in front (a path in the Save-PDF
dialog, a URL in the settings) is that dialog's typing, and a password or PIN field is never
read at all, so its keys are never held, timed, shown on the scanner test or logged.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QWindow
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


class Reach(StrEnum):
    """What the filter does with a burst that starts now."""

    DESK = "desk"  # the desk is in front: a burst is read, a scan is recorded
    FIELD = "field"  # a text field of another window: its typing; a tracking id is held
    HELD = "held"  # another window in front, no text field: a scan is held and offered
    SECRET = "secret"  # a password or PIN field: never read


def is_secret(widget: QWidget | None) -> bool:
    """A field whose text must never be read by anything but itself."""
    return isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal


def is_text_field(widget: QWidget | None) -> bool:
    """A widget that takes typed text (a line, a text box, a spin box, an editable combo)."""
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, QAbstractSpinBox)


def reach_of(desk: QWindow | None, window: QWindow) -> Reach:
    """Where a burst starting in ``window`` belongs, the desk's own window being ``desk``."""
    focus = QApplication.focusWidget()
    if is_secret(focus):
        return Reach.SECRET
    if desk is not None and window is desk and QApplication.activeModalWidget() is None:
        return Reach.DESK
    if is_text_field(focus):
        return Reach.FIELD
    return Reach.HELD
