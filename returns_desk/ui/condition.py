"""Marking a received parcel's condition and remark at the dock, by keyboard.

After a scan the parcel's row is selected (on the End OTC screen, whose table lists only the
discrepancies and the parcels noted, a late scan that matched has no row until it is noted:
the keys mark that scan); **Ctrl+1** … **Ctrl+5** mark it good, damaged,
tampered or open, empty or wrong item, or wet, and **F7** puts the cursor in the remark
field (Enter keeps the remark). The clerk may select another row first (click, or arrows in
the table). The mark goes to the engine (``DockEngine.set_condition``, committed before it is
shown) and then into the parcel table; a completed handover refuses it with its own text.
Ctrl-keys pass the scanner filter untouched, so a mark never mixes with a scan.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QSortFilterProxyModel, Signal
from PySide6.QtWidgets import QTableView

from returns_desk.errors import ReturnsDeskError
from returns_desk.store.models import Condition
from returns_desk.ui.models.parcel_model import ParcelTableModel
from returns_desk.ui.texts import condition_text, tr
from returns_desk.workflow.engine import DockEngine

#: the keys, in order: Ctrl+1 … Ctrl+5
CONDITION_KEYS = (
    Condition.GOOD,
    Condition.DAMAGED,
    Condition.TAMPERED,
    Condition.EMPTY_OR_WRONG,
    Condition.WET,
)


def source_row(table: QTableView) -> tuple[ParcelTableModel, int] | None:
    """The parcel model and its row behind the table's current row (through its filters)."""
    index: QModelIndex = table.currentIndex()
    model: QAbstractItemModel | None = table.model()
    while isinstance(model, QSortFilterProxyModel) and index.isValid():
        index = model.mapToSource(index)
        model = model.sourceModel()
    if not isinstance(model, ParcelTableModel) or not index.isValid():
        return None
    return model, index.row()


class ConditionMarker(QObject):
    """Applies a condition or remark to the selected parcel of the selected handover."""

    # level ("info" or "error") and what the notice bar says: a function that makes the
    # text in the language installed when called (said again after a language switch)
    marked = Signal(str, object)
    # session id, tracking id, new condition: the condition (not only the remark) changed
    condition_changed = Signal(int, str, str)

    def __init__(
        self,
        engine: DockEngine,
        session: Callable[[], int | None],
        row: Callable[[], tuple[ParcelTableModel, int] | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine, self._session, self._row = engine, session, row

    def parcel(self) -> tuple[int, str] | None:
        """(session id, tracking id) of the selected parcel, or None."""
        target = self.target()
        return None if target is None else (target[0], target[2])

    def target(self) -> tuple[int, ParcelTableModel, str] | None:
        """(session id, model, tracking id) of the parcel a key would mark, or None."""
        session_id, found = self._session(), self._row()
        if session_id is None or found is None:
            return None
        model, row = found
        code = model.code_at(row)
        return None if code is None else (session_id, model, code)

    def mark(self, condition: Condition) -> bool:
        """Keep ``condition`` (and the parcel's remark as it is); True when recorded."""
        target = self.target()
        if target is None:
            return self._refuse(
                lambda: tr("Scan or select a parcel first, then mark its condition.")
            )
        _, model, code = target
        remark = (model.condition_of(code) or (Condition.GOOD, ""))[1]
        return self._apply(target, condition, remark)

    def remark(self, text: str) -> bool:
        """Keep ``text`` as the selected parcel's remark (its condition as it is)."""
        target = self.target()
        if target is None:
            return self._refuse(lambda: tr("Scan or select a parcel first, then type its remark."))
        _, model, code = target
        condition = (model.condition_of(code) or (Condition.GOOD, ""))[0]
        return self._apply(target, condition, text)

    def current_remark(self) -> str:
        target = self.target()
        if target is None:
            return ""
        return (target[1].condition_of(target[2]) or (Condition.GOOD, ""))[1]

    def _apply(
        self, target: tuple[int, ParcelTableModel, str], condition: Condition, remark: str
    ) -> bool:
        session_id, model, code = target
        before = (model.condition_of(code) or (Condition.GOOD, ""))[0]
        try:
            scan = self._engine.set_condition(session_id, code, condition, remark)
        except ReturnsDeskError as exc:
            failure = exc  # ``exc`` ends with the block; the words are made later too
            return self._refuse(lambda: failure.user_text)
        model.set_condition(scan.code, scan.condition, scan.remark)
        self.marked.emit("info", partial(_marked_text, scan.code, scan.condition, scan.remark))
        if scan.condition is not before:
            self.condition_changed.emit(session_id, scan.code, scan.condition.value)
        return True

    def _refuse(self, text: Callable[[], str]) -> bool:
        self.marked.emit("error", text)
        return False


def _marked_text(code: str, condition: Condition, remark: str) -> str:
    """``FMPC…: Damaged · corner crushed``, in the language installed now."""
    text = tr("%1: %2").replace("%1", code).replace("%2", condition_text(condition))
    return f"{text} · {remark}" if remark else text
