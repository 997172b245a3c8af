"""Paints a parcel table cell in one Python call.

The stock delegate asks the model for about seven roles per cell, each a call from C++ into
Python that must take the GIL. While the poller thread parses pages that is what made
repaints slow, so this delegate asks for two (the text and the status) and draws the cell
itself: the status column in its colours, the selection, the alternate rows.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from returns_desk.ui.models.parcel_model import STATUS_COLOURS, STATUS_ROLE
from returns_desk.ui.theme import ACCENT, INK, mono_font
from returns_desk.workflow.reconcile import ParcelStatus

_ALTERNATE = QColor("#f3f6f9")
_BASE = QColor("#ffffff")
_WHITE = QColor("#ffffff")
_STATUS = {
    status.value: (QColor(background), QColor(foreground))
    for status, (background, foreground) in STATUS_COLOURS.items()
}
_ALIGN = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_SELECTED = QStyle.StateFlag.State_Selected
_ALTERNATE_ROW = QStyleOptionViewItem.ViewItemFeature.Alternate


class ParcelDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_column = 1
        self.code_font = mono_font(14, bold=False)  # tracking ids line up

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if option.state & _SELECTED:
            painter.fillRect(rect, ACCENT)
            ink = _WHITE
        elif index.column() == self.status_column:
            background, ink = _STATUS.get(
                index.data(STATUS_ROLE), _STATUS[ParcelStatus.INVALID.value]
            )
            painter.fillRect(rect, background)
        else:
            painter.fillRect(rect, _ALTERNATE if option.features & _ALTERNATE_ROW else _BASE)
            ink = INK
        painter.setPen(ink)
        painter.setFont(self.code_font if index.column() == 0 else option.font)
        painter.drawText(rect.adjusted(10, 0, -8, 0), _ALIGN, str(text))
