"""What every table model of the app has in common: the counts and the horizontal header.

A subclass names its column titles (and tool tips) in ``retranslate`` with ``set_headers``
and says how many rows it has in ``row_count``; ``data`` stays its own. ``retranslate`` runs
again when the desk's language changes (models get no ``LanguageChange`` of their own).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOL_TIP = Qt.ItemDataRole.ToolTipRole
_HORIZONTAL = Qt.Orientation.Horizontal


class TableModel(QAbstractTableModel):
    """A flat table: no children, one header row of translated titles."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles: tuple[str, ...] = ()
        self._tips: tuple[str | None, ...] = ()

    def set_headers(self, titles: Sequence[str], tips: Sequence[str | None] = ()) -> None:
        """The column titles (translated by the caller) and, per column, a tool tip or None."""
        self._titles = tuple(titles)
        self._tips = tuple(tips) + (None,) * (len(self._titles) - len(tips))
        if self._titles:
            self.headerDataChanged.emit(_HORIZONTAL, 0, len(self._titles) - 1)

    def retranslate(self) -> None:
        """Titles and every cell's words again, in the language now installed."""
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation != _HORIZONTAL or not 0 <= section < len(self._titles):
            return None
        if role == _DISPLAY:
            return self._titles[section]
        if role == _TOOL_TIP:
            return self._tips[section]
        return None
