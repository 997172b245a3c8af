"""The session history's table: earlier handovers, one row each, a page at a time.

Texts for the columns (times on the handover's own day without the date, a dash for a slip
that does not exist, reprints counted) are made here, so the dialog only shows the model.
The rows are the store's summaries (``Store.history_page``): no parcel is read for them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, Qt, Signal

from returns_desk.api.states import TaskState
from returns_desk.store import Code, HandoverSummary
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


def state_of(summary: HandoverSummary) -> str:
    """The last state, and "closed" when the handover ended without completing."""
    raw = summary.session.state
    state = TaskState.parse(raw)
    if state is TaskState.UNKNOWN:
        try:
            state = TaskState(raw)
        except ValueError:
            return raw
    if summary.session.closed_at is not None and state is not TaskState.COMPLETED:
        return tr("Closed")  # ended without completing (the tooltip says where)
    return state_text(state)


class HistoryModel(TableModel):
    """One row per handover, a page at a time: the dialog reads the next page on ``fetchMore``.

    ``reset`` starts a new list (a new day or find text) with its first page and how many
    rows the whole list has; ``append`` adds the next page. The view asks for more when it
    scrolls near the end (``canFetchMore``/``fetchMore``); the model only signals that
    (``more_wanted``): the reading happens off the GUI thread, in the dialog's reader.
    """

    more_wanted = Signal()

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
        self.records: list[HandoverSummary] = []
        self.total = 0  # rows in the whole list, read or not
        self._texts: list[dict[str, str]] = []  # each row's column texts, made once
        self._asked = False  # a next page was asked for and has not come yet
        self.retranslate()

    def retranslate(self) -> None:
        """Column titles, tips and every row's words in the language now installed."""
        self.set_headers(
            [tr(title) for _, title in self.COLUMNS],
            [tr(self.TIPS[c]) if c in self.TIPS else None for c, _ in self.COLUMNS],
        )
        self._texts = [self.row_texts(record) for record in self.records]
        super().retranslate()

    def reset(self, records: list[HandoverSummary], total: int) -> None:
        """A new list: its first page, and how many rows it has in all."""
        self.beginResetModel()
        self.records = list(records)
        self._texts = [self.row_texts(record) for record in self.records]
        self.total = max(total, len(self.records))
        self._asked = False
        self.endResetModel()

    def append(self, records: list[HandoverSummary]) -> None:
        """The next page of the same list (an empty page ends it)."""
        self._asked = False
        if not records:
            self.total = len(self.records)
            return
        first = len(self.records)
        self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
        self.records += records
        self._texts += [self.row_texts(record) for record in records]
        self.endInsertRows()
        self.total = max(self.total, len(self.records))

    @property
    def last(self) -> HandoverSummary | None:
        return self.records[-1] if self.records else None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.records) < self.total and not self._asked

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit()

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
    def row_texts(summary: HandoverSummary) -> dict[str, str]:
        """The text of every column of one handover's row."""
        session = summary.session
        day = _local(session.opened_at).date()
        return {
            "opened": when_text(session.opened_at),
            "fe": f"{session.fe_name or session.fe_id} ({session.fe_id})",
            "partner": session.logistic_partner,
            "task": session.task_id,
            "state": state_of(summary),
            "fe_scanned": str(summary.reported),
            "dock_scanned": str(summary.dock_scanned),
            "matched": str(summary.matched),
            "missing": str(summary.missing),
            "unexpected": str(summary.unexpected),
            "start": printed_text(summary.start, summary.start_reprints, day),
            "end": printed_text(summary.end, summary.end_reprints, day),
        }
