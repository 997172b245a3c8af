"""Paints a parcel table cell in one Python call.

The stock delegate asks the model for about seven roles per cell, each a call from C++ into
Python that must take the GIL. While the poller thread parses pages that is what made
repaints slow, so this delegate asks for two (the text and the status) and draws the cell
itself: the status column in its colours, the selection, the alternate rows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

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
#: the text's room in a cell: 10 pixels on the left, 8 on the right
CELL_PADDING = 18
_TOOL_TIP = QEvent.Type.ToolTip
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
        code = index.column() == 0
        painter.setFont(self.code_font if code else option.font)
        room = rect.adjusted(10, 0, -8, 0)
        # a text too long for its column ends in "…" (a code is cut in the middle, its start
        # and end stay readable), never in half a letter; the tool tip has it whole
        mode = Qt.TextElideMode.ElideMiddle if code else Qt.TextElideMode.ElideRight
        painter.drawText(
            room, _ALIGN, painter.fontMetrics().elidedText(str(text), mode, room.width())
        )

    def is_cut(self, index: QModelIndex | QPersistentModelIndex, width: int) -> bool:
        """The cell's text is shortened in a column ``width`` pixels wide (as ``paint``
        shortens it)."""
        code = index.column() == 0
        font = self.code_font if code else self._view_font(index)
        mode = Qt.TextElideMode.ElideMiddle if code else Qt.TextElideMode.ElideRight
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        return QFontMetrics(font).elidedText(text, mode, width - CELL_PADDING) != text

    def _view_font(self, index: QModelIndex | QPersistentModelIndex) -> QFont:
        view = self.parent()
        return view.font() if isinstance(view, QWidget) else QFont()

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """The tool tip of a cut cell: its whole text (a long code, a long remark)."""
        if event.type() == _TOOL_TIP and index.isValid():
            if self.is_cut(index, option.rect.width()):
                QToolTip.showText(event.globalPos(), str(index.data()), view, option.rect)
            else:
                QToolTip.hideText()
            return True
        return super().helpEvent(event, view, option, index)
