"""The look of the dock app: one high-contrast style sheet and the colours the code paints with.

Every resource file the UI uses is named in ``UI_RESOURCES`` and found through the one
lookup function, ``returns_desk.resources.resource_path`` (which knows PyInstaller's
``sys._MEIPASS``); a test loads each of them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from returns_desk.printing.fonts_qt import BUNDLED_FONTS, DEVANAGARI_FAMILIES
from returns_desk.resources import resource_path

if TYPE_CHECKING:  # the API models load pydantic; the theme is applied before the window shows
    from returns_desk.api.states import Lob

STYLE_SHEET = "styles/dock.qss"
SOUND_FILES = {
    "matched": "sounds/matched.wav",
    "duplicate": "sounds/duplicate.wav",
    "unexpected": "sounds/unexpected.wav",
    "error": "sounds/error.wav",
}
APP_ICON = "app-icon.png"
UI_RESOURCES = (STYLE_SHEET, APP_ICON, *SOUND_FILES.values(), *BUNDLED_FONTS)

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
BANNER_COLOURS: dict[str, tuple[str, str]] = {  # by BannerKind (ui/kinds.py)
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


#: The whole look is drawn for a screen 850 pixels high or more; on a shorter one (1366x768
#: with a taskbar: 728) every size is scaled down by this factor, at most to 0.8, so that the
#: window with a message bar fits without anything cut off (set by ``apply_theme``).
FULL_HEIGHT_PX = 850
SMALLEST_SCALE = 0.8
_scale = [1.0]
_SIZE = re.compile(r"(\d+)(pt|px)")


def scale_for(available_height: int) -> float:
    return max(SMALLEST_SCALE, min(1.0, available_height / FULL_HEIGHT_PX))


def scaled(size: float) -> int:
    """A font size or a length in the dock's scale (never 0 for a size that was not 0)."""
    return max(1, round(size * _scale[0])) if size else 0


def load_style_sheet() -> str:
    return resource_path(STYLE_SHEET).read_text(encoding="utf-8")


def scaled_style_sheet(text: str) -> str:
    """Every ``pt`` and ``px`` size of the style sheet in the dock's scale."""
    if _scale[0] == 1.0:
        return text
    return _SIZE.sub(lambda m: f"{scaled(int(m.group(1)))}{m.group(2)}", text)


def apply_theme(app: QApplication, available_height: int | None = None) -> None:
    """The dock style: large fonts, strong contrast, big targets, scaled to the screen
    (or to ``available_height``: the tests lay a terminal's screen out on another one)."""
    screen = app.primaryScreen()
    if available_height is not None:
        _scale[0] = scale_for(available_height)
    elif screen is not None:
        _scale[0] = scale_for(screen.availableGeometry().height())
    # Devanagari (Hindi) from Nirmala UI on Windows, else the shipped Noto font, which
    # ui.i18n registers when the desk switches to Hindi
    font = QFont(["Segoe UI", "DejaVu Sans", "Noto Sans", "Arial", *DEVANAGARI_FAMILIES])
    font.setPointSize(scaled(15))
    app.setFont(font)
    app.setStyleSheet(scaled_style_sheet(load_style_sheet()))


def mono_font(points: int, bold: bool = True) -> QFont:
    font = QFont(["Consolas", "DejaVu Sans Mono", "Noto Sans Mono", "Courier New"])
    font.setPointSize(scaled(points))
    font.setBold(bold)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font
