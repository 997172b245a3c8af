"""The session history's table: earlier handovers, one row each, and the find filter.

Texts for the columns (times on the handover's own day without the date, a dash for a slip
that does not exist, reprints counted) are made here, so the dialog only shows the model.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from returns_desk.api.models import TaskState
from returns_desk.printing.record import HandoverRecord
from returns_desk.store import Code, CodeKind
from returns_desk.ui.i18n import tr
from returns_desk.ui.models.table import Index, TableModel
from returns_desk.ui.texts import state_text

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1


def _local(moment: datetime) -> datetime:
    return moment.astimezone()


def when_text(moment: datetime | None, day: date | None = None) -> str:
    """``14:05`` on the handover's own day, ``24 Nov 14:05`` on another, a dash if never."""
    if moment is None:
        return "—"
    local = _local(moment)
    if day is not None and local.date() == day:
        return local.strftime("%H:%M")
    return local.strftime("%d %b %H:%M")


def printed_text(code: Code | None, reprints: int = 0, day: date | None = None) -> str:
    """A slip's column: a dash (no such slip), not printed, or when, with the reprints."""
    if code is None:
        return "—"
    if code.printed_at is None:
        return tr("not printed")
    text = when_text(code.printed_at, day)
    if reprints:
        text += tr(" (+%1)").replace("%1", str(reprints))
    return text


def state_of(record: HandoverRecord) -> str:
    """The last state, and "closed" when the handover ended without completing."""
    raw = record.session.state
    state = TaskState.parse(raw)
    if state is TaskState.UNKNOWN:
        try:
            state = TaskState(raw)
        except ValueError:
            return raw
    if record.session.closed_at is not None and state is not TaskState.COMPLETED:
        return tr("Closed")  # ended without completing (the tooltip says where)
    return state_text(state)


class HistoryModel(TableModel):
    """One row per handover (a full reload replaces them all: the list is a read)."""

    COLUMNS = (
        ("opened", QT_TRANSLATE_NOOP("", "Date")),
        ("fe", QT_TRANSLATE_NOOP("", "Field executive")),
        ("partner", QT_TRANSLATE_NOOP("", "Partner")),
        ("task", QT_TRANSLATE_NOOP("", "Task")),
        ("state", QT_TRANSLATE_NOOP("", "State")),
        ("fe_scanned", QT_TRANSLATE_NOOP("", "FE")),
        ("dock_scanned", QT_TRANSLATE_NOOP("", "Dock")),
        ("matched", QT_TRANSLATE_NOOP("", "Matched")),
        ("missing", QT_TRANSLATE_NOOP("", "Missing")),
        ("unexpected", QT_TRANSLATE_NOOP("", "Unexp.")),
        ("start", QT_TRANSLATE_NOOP("", "Start slip")),
        ("end", QT_TRANSLATE_NOOP("", "Receipt")),
    )
    TIPS: ClassVar[dict[str, str]] = {
        "fe_scanned": QT_TRANSLATE_NOOP(
            "", "Parcels the FE scanned (as the marketplace reported them)"
        ),
        "dock_scanned": QT_TRANSLATE_NOOP("", "Parcels scanned at the dock"),
        "matched": QT_TRANSLATE_NOOP("", "Scanned by both"),
        "missing": QT_TRANSLATE_NOOP(
            "", "Missing at the dock: the FE scanned them, the dock did not"
        ),
        "unexpected": QT_TRANSLATE_NOOP(
            "", "Unexpected at the dock: scanned here, never reported by the FE"
        ),
        "start": QT_TRANSLATE_NOOP("", "When the Start OTC slip was first printed (+ reprints)"),
        "end": QT_TRANSLATE_NOOP("", "When the handover receipt was first printed (+ reprints)"),
    }
    _NUMBERS = frozenset({"fe_scanned", "dock_scanned", "matched", "missing", "unexpected"})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[HandoverRecord] = []
        self._texts: list[dict[str, str]] = []  # each row's column texts, made once
        self.haystacks: list[str] = []  # each row's text for the find filter, made once
        self.set_headers(
            [tr(title) for _, title in self.COLUMNS],
            [tr(self.TIPS[c]) if c in self.TIPS else None for c, _ in self.COLUMNS],
        )

    def set_records(self, records: list[HandoverRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self._texts = [self.row_texts(record) for record in self.records]
        rows = zip(self.records, self._texts, strict=True)
        self.haystacks = [search_text(record, texts) for record, texts in rows]
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.records)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        column = self.COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == "fe":
            return tr("Session %1").replace("%1", str(record.session.id))
        if role == Qt.ItemDataRole.ToolTipRole and column == "state":
            return tr("Last state: %1").replace("%1", record.session.state)
        return None

    @staticmethod
    def row_texts(record: HandoverRecord) -> dict[str, str]:
        """The text of every column of one handover's row."""
        session, counts = record.session, record.counts
        day = _local(session.opened_at).date()
        return {
            "opened": when_text(session.opened_at),
            "fe": f"{session.fe_name or session.fe_id} ({session.fe_id})",
            "partner": session.logistic_partner,
            "task": session.task_id,
            "state": state_of(record),
            "fe_scanned": str(counts.fe_scanned),
            "dock_scanned": str(counts.dock_scanned),
            "matched": str(counts.matched),
            "missing": str(len(record.missing)),
            "unexpected": str(len(record.unexpected)),
            "start": printed_text(record.start, record.reprint_count(CodeKind.START), day),
            "end": printed_text(record.end, record.reprint_count(CodeKind.END), day),
        }


def search_text(record: HandoverRecord, texts: dict[str, str]) -> str:
    """Everything the filter matches, in lower case: the row's texts, session, date, OTCs."""
    session = record.session
    parts = [*texts.values(), str(session.id), session.location_id, session.fe_name]
    parts.append(_local(session.opened_at).strftime("%Y-%m-%d"))
    parts += [c.otc for c in (record.start, record.end) if c is not None]
    return " ".join(parts).lower()


class HistoryFilter(QSortFilterProxyModel):
    """Keeps the handovers whose text contains every word typed (any order, any case)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        words = text.lower().split()
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, HistoryModel)
        haystack = model.haystacks[source_row]
        return all(word in haystack for word in self._words)
