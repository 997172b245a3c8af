"""The table model of the field executives at the dock, fed by initial-load answers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from returns_desk.api.models import InitialLoad, Lob, TaskState

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class FeRow:
    fe_id: str
    name: str
    partner: str
    lob: Lob
    lob_raw: str
    state: TaskState
    state_raw: str
    task_id: str


def rows_from(load: InitialLoad) -> list[FeRow]:
    """One row per FE, in a stable order (by name, then id)."""
    rows = [
        FeRow(
            fe_id=fe_id,
            name=fe.fe_name or fe_id,
            partner=fe.logistic_partner,
            lob=fe.lob,
            lob_raw=fe.lob_raw,
            state=fe.task.state,
            state_raw=fe.task.status_raw,
            task_id=fe.task.id,
        )
        for fe_id, fe in load.fe_details.items()
    ]
    return sorted(rows, key=lambda r: (r.name.lower(), r.fe_id))


class FeTableModel(QAbstractTableModel):
    """FE, logistics partner, line of business, where the FE is, task id."""

    HEADERS = ("Field executive", "Partner", "LOB", "Where", "Task")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FeRow] = []

    def set_rows(self, rows: list[FeRow]) -> None:
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> FeRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{row.name} ({row.fe_id})",
                row.partner,
                _lob_text(self, row),
                _state_text(self, row),
                row.task_id,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return self.tr("Marketplace status: %s") % row.state_raw
        return None


def _lob_text(model: QObject, row: FeRow) -> str:
    if row.lob is Lob.LARGE:
        return model.tr("LARGE")
    if row.lob is Lob.NON_LARGE:
        return model.tr("Non-large")
    return row.lob_raw or model.tr("?")


def _state_text(model: QObject, row: FeRow) -> str:
    texts = {
        TaskState.START_OTC: model.tr("Start OTC page"),
        TaskState.SCANNING: model.tr("Scanning"),
        TaskState.END_OTC: model.tr("End OTC page"),
        TaskState.COMPLETED: model.tr("Completed"),
    }
    return texts.get(row.state, row.state_raw or model.tr("Unknown"))
