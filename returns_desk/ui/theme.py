"""The look of the dock app: one high-contrast style sheet and the colours the code paints with.

Every resource file the UI uses is named in ``UI_RESOURCES`` and found through the one
lookup function, ``returns_desk.resources.resource_path`` (which knows PyInstaller's
``sys._MEIPASS``); a test loads each of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from returns_desk.resources import resource_path

if TYPE_CHECKING:  # the API models load pydantic; the theme is applied before the window shows
    from returns_desk.api.models import Lob

STYLE_SHEET = "styles/dock.qss"
SOUND_FILES = {
    "matched": "sounds/matched.wav",
    "duplicate": "sounds/duplicate.wav",
    "unexpected": "sounds/unexpected.wav",
    "error": "sounds/error.wav",
}
APP_ICON = "app-icon.png"
UI_RESOURCES = (STYLE_SHEET, APP_ICON, *SOUND_FILES.values())

# Colours the code paints with (the style sheet has the same ones for widgets).
INK = QColor("#0b0f14")
MUTED = QColor("#3a4450")
PAPER = QColor("#ffffff")
ACCENT = QColor("#0b5cad")
#: by ``Lob`` value (a ``StrEnum``, so ``Lob.LARGE`` finds "LARGE")
LOB_COLOURS = {"LARGE": QColor("#6a1b9a"), "NON_LARGE": QColor("#00695c")}
LOB_UNKNOWN = QColor("#546e7a")

#: Banner kinds -> (background, text colour): colour is never the only signal, each kind
#: also has its own icon and words.
BANNER_COLOURS: dict[str, tuple[str, str]] = {
    "ready": ("#37474f", "#ffffff"),
    "matched": ("#1b7f3b", "#ffffff"),
    "duplicate": ("#ffb300", "#0b0f14"),
    "not_yet_reported": ("#4527a0", "#ffffff"),
    "unexpected": ("#d84315", "#ffffff"),
    "wrong_label": ("#c62828", "#ffffff"),
    "invalid": ("#c62828", "#ffffff"),
    "error": ("#8e0000", "#ffffff"),
    "test": ("#0b5cad", "#ffffff"),
    "held": ("#ffb300", "#0b0f14"),
    "armed": ("#c62828", "#ffffff"),
}


def lob_colour(lob: Lob) -> QColor:
    return LOB_COLOURS.get(lob, LOB_UNKNOWN)


def load_style_sheet() -> str:
    return resource_path(STYLE_SHEET).read_text(encoding="utf-8")


def apply_theme(app: QApplication) -> None:
    """The dock style: large fonts, strong contrast, big targets."""
    font = QFont(["Segoe UI", "DejaVu Sans", "Noto Sans", "Arial"])
    font.setPointSize(15)
    app.setFont(font)
    app.setStyleSheet(load_style_sheet())


def mono_font(points: int, bold: bool = True) -> QFont:
    font = QFont(["Consolas", "DejaVu Sans Mono", "Noto Sans Mono", "Courier New"])
    font.setPointSize(points)
    font.setBold(bold)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font
