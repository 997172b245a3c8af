"""The "Hand-on" view: what reached the seller's systems, what waits, and what needs a person.

Per destination it counts the entries in each state (a GROUP BY in the store); below, the
entries newest first with their attempts, next attempt and last error, a page at a time,
filtered by state and tracking id in the store, and the history of the selected one. The
admin can retry or skip entries. The counts and the rows shown are read off the GUI thread
on the view's own reader (``ui/reader.py``) whenever ``entries_changed()`` is called, at
most once per ``refresh_delay_ms`` however often it is, and not at all while the view is
hidden (then once when it is shown). ``entries_changed`` is the one way in: the desk's
outbox events (``HandonFeed.changed``) call it. It never sends anything itself:
``retry_requested`` asks the desk's hand-on loop to look now.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returns_desk.errors import ReturnsDeskError
from returns_desk.handon import history, retry, retry_all, skip
from returns_desk.handon.ledger import Ledger, is_stub
from returns_desk.handon.outbox import DestinationCounts, summary
from returns_desk.store import OutboxItem, OutboxStatus, Store
from returns_desk.ui.handon.model import OutboxModel
from returns_desk.ui.handon.skip_dialog import SkipDialog
from returns_desk.ui.handon.texts import (
    destination_name,
    event_text,
    problem_line,
    status_text,
    time_text,
)
from returns_desk.ui.reader import LatestReader, ReadDone
from returns_desk.ui.timers import single_shot
from returns_desk.ui.widgets.banner import NoticeBar
from returns_desk.ui.workers import JobKind

_COUNT_FIELDS = ("sent", "waiting", "needs_data", "needs_attention", "skipped")
_RETRYABLE = (OutboxStatus.NEEDS_ATTENTION, OutboxStatus.SKIPPED)
_SKIPPABLE = (OutboxStatus.PENDING, OutboxStatus.NEEDS_DATA, OutboxStatus.NEEDS_ATTENTION)
PAGE_ROWS = 200
FILTER_DELAY_MS = 200  # a new state or search is read once the admin pauses


@dataclass(frozen=True)
class OutboxRead:
    """One read for the view: the counts, and the newest entries of the filter."""

    counts: dict[str, DestinationCounts]
    items: list[OutboxItem]
    total: int


def read_outbox(
    store: Store, status: OutboxStatus | None, search: str, rows: int = PAGE_ROWS
) -> OutboxRead:
    """The view's read, as one snapshot: counts per destination and the first ``rows``."""
    with store.snapshot():
        items = store.outbox_page(status=status, search=search, limit=rows)
        total = (
            len(items) if len(items) < rows else store.outbox_count(status=status, search=search)
        )
        return OutboxRead(summary(store), items, total)


class HandonView(QWidget):
    #: entries were put back to waiting: ``Desk.trigger_handon`` sends them
    retry_requested = Signal()
    #: the admin wants to import the returns report: open ``ImportReportDialog``
    import_requested = Signal()
    #: a read of the counts and entries is shown
    loaded = Signal()
    #: the Close button: the dialog that holds the view closes (as Esc does)
    close_requested = Signal()

    def __init__(
        self,
        store: Store,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        refresh_delay_ms: int = 500,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handonView")
        self._store, self._data_dir = store, data_dir
        self.reader = LatestReader(store, JobKind.HANDON_READ, self)
        # changes come in bursts: one read per burst and per delay, none while hidden
        self._refresh_timer = single_shot(self, self._on_refresh_timer_timeout, refresh_delay_ms)
        self._filter_timer = single_shot(self, self.refresh_now, FILTER_DELAY_MS)
        self._stale = False
        self._counts: dict[str, DestinationCounts] = {}
        self._problems: dict[str, str] = {}
        self._shown: OutboxItem | None = None  # the entry whose history is shown
        self.skip_dialog: SkipDialog | None = None
        self._skipping: list[int] = []
        self._count_labels: dict[tuple[str, str], QLabel] = {}
        self._count_destinations: list[str] | None = None

        title = QLabel(self.tr("Hand-on to the seller's systems"), self)
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        self.notices = QVBoxLayout()
        self.notices.setSpacing(4)
        self._bars: dict[str, NoticeBar] = {}
        self.counts = QGridLayout()
        self.counts.setHorizontalSpacing(24)

        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All entries"), None)
        for status, text in self._status_words().items():
            self.status_filter.addItem(text, status)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find a tracking id"))
        self.search.setClearButtonEnabled(True)
        self.import_button = QPushButton(self.tr("Import returns report…"), self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show"), self))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.import_button)

        self.model = OutboxModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(40)  # the rows on screen and a few: not every row
        header.setStretchLastSection(True)
        self.history = QPlainTextEdit(self)
        self.history.setReadOnly(True)
        self.history.setPlaceholderText(self.tr("Select an entry to see its history."))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        self.history.setMinimumHeight(120)

        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.skip_button = QPushButton(self.tr("Skip…"), self)
        self.retry_all_button = QPushButton(self.tr("Retry all needing attention"), self)
        # a visible way out, named with its key like the other dialogs' (Esc closes too)
        self.close_button = QPushButton(self.tr("Close  (Esc)"), self)
        self.close_button.setAutoDefault(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.retry_button)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.message, 1)
        actions.addWidget(self.retry_all_button)
        actions.addSpacing(18)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(self.notices)
        layout.addLayout(self.counts)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)

        self.status_filter.currentIndexChanged.connect(self._on_status_filter_current_index_changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.skip_button.clicked.connect(self._on_skip_button_clicked)
        self.retry_all_button.clicked.connect(self._on_retry_all_button_clicked)
        self.import_button.clicked.connect(self.import_requested)
        self.close_button.clicked.connect(self.close_requested)
        self.model.more_wanted.connect(self._on_model_more_wanted)
        self.reader.done.connect(self._on_reader_done)
        self.reader.failed.connect(self._on_reader_failed)
        self.refresh_now()

    def _status_words(self) -> dict[OutboxStatus, str]:
        return {
            OutboxStatus.NEEDS_ATTENTION: self.tr("Needs attention"),
            OutboxStatus.NEEDS_DATA: self.tr("Needs data"),
            OutboxStatus.PENDING: self.tr("Waiting"),
            OutboxStatus.SENT: self.tr("Sent"),
            OutboxStatus.SKIPPED: self.tr("Skipped"),
        }

    # --- public slots ---------------------------------------------------------------------

    @Slot()
    def entries_changed(self) -> None:
        """The outbox changed: read the counts and entries again, soon and off the GUI thread.

        The one way in for changes: ``HandonFeed.changed`` (the desk's outbox events).
        A burst of calls makes one read per ``refresh_delay_ms``; while the view is hidden,
        none until it is shown.
        """
        if not self.isVisible():
            self._stale = True
        elif not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def refresh_now(self) -> None:
        """Read the counts and the rows shown now, off the GUI thread (``loaded`` when shown)."""
        self._refresh_timer.stop()
        self._filter_timer.stop()
        self._stale = False
        store, status, search = self._store, self.status(), self.search.text()
        rows = max(PAGE_ROWS, self.model.rowCount())
        self.reader.read("first", lambda: read_outbox(store, status, search, rows))

    def close_reader(self) -> None:
        """Stop reading (the app is closing: before the store does)."""
        self._refresh_timer.stop()
        self._filter_timer.stop()
        self.reader.close()

    def status(self) -> OutboxStatus | None:
        data = self.status_filter.currentData()  # a StrEnum comes back as its str
        return OutboxStatus(data) if data else None

    @Slot(object)
    def show_problems(self, problems: Mapping[str, ReturnsDeskError]) -> None:
        """One calm line per destination that cannot work (``HandonFeed.problems``)."""
        self._problems = {dest: problem_line(dest, err) for dest, err in problems.items()}
        for dest in list(self._bars):
            if dest not in self._problems:
                bar = self._bars.pop(dest)
                self.notices.removeWidget(bar)
                bar.deleteLater()
        for dest, line in self._problems.items():
            if dest not in self._bars:
                self._bars[dest] = NoticeBar(self)
                self.notices.addWidget(self._bars[dest])
            self._bars[dest].show_notice("warn", line)

    def problem_lines(self) -> list[str]:
        return list(self._problems.values())

    def selected_items(self) -> list[OutboxItem]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.item(index.row()) for index in rows]

    def select_key(self, key: str, destination: str | None = None) -> bool:
        """Select the entry of a tracking id among the rows read (a link, and tests)."""
        for row, item in enumerate(self.model.items()):
            if item.idempotency_key == key and destination in (None, item.destination):
                self.table.selectRow(row)
                return True
        return False

    # --- showing ------------------------------------------------------------------------

    def _show_counts(self) -> None:
        """Update the numbers in place; rebuild the grid only when destinations come or go."""
        destinations = sorted(self._counts)
        if destinations != self._count_destinations:
            self._build_counts(destinations)
        for (dest, field), label in self._count_labels.items():
            label.setText(str(getattr(self._counts[dest], field)))

    def _build_counts(self, destinations: list[str]) -> None:
        while self.counts.count():
            item = self.counts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._count_labels.clear()
        self._count_destinations = destinations
        if not destinations:
            self.counts.addWidget(QLabel(self.tr("Nothing to hand on yet."), self), 0, 0)
            return
        words = {
            "sent": self.tr("Sent"),
            "waiting": self.tr("Waiting"),
            "needs_data": self.tr("Needs data"),
            "needs_attention": self.tr("Needs attention"),
            "skipped": self.tr("Skipped"),
        }
        for column, field in enumerate(_COUNT_FIELDS, 1):
            self.counts.addWidget(self._bold(words[field]), 0, column)
        for row, dest in enumerate(destinations, 1):
            self.counts.addWidget(self._bold(destination_name(dest)), row, 0)
            for column, field in enumerate(_COUNT_FIELDS, 1):
                label = QLabel(self)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._count_labels[(dest, field)] = label
                self.counts.addWidget(label, row, column)
        self.counts.setColumnStretch(len(_COUNT_FIELDS) + 1, 1)

    def _bold(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def counts_by_destination(self) -> dict[str, DestinationCounts]:
        return dict(self._counts)

    def count(self, destination: str, field: str) -> int:
        """A count as shown (0 for a destination without entries)."""
        return int(getattr(self._counts.get(destination, DestinationCounts()), field))

    def _show_history(self) -> None:
        selected = self.selected_items()
        item = selected[0] if len(selected) == 1 else None
        if item == self._shown:
            return
        self._shown = item
        if item is None:
            self.history.clear()
            return
        try:
            events = history(self._store, item)
        except ReturnsDeskError as exc:
            self._say(exc.user_text)
            return
        lines = [
            self.tr("%1 to %2")
            .replace("%1", item.idempotency_key)
            .replace("%2", destination_name(item.destination)),
            self.tr("Status: %1").replace("%1", status_text(item.status)),
        ]
        lines += [f"{time_text(e.at)}  {event_text(e)}" for e in events]
        if item.last_error:
            lines.append(self.tr("Last error: %1").replace("%1", item.last_error))
        self.history.setPlainText("\n".join(lines))

    def _update_buttons(self) -> None:
        selected = self.selected_items()
        self.retry_button.setEnabled(any(self._can_retry(i) for i in selected))
        self.skip_button.setEnabled(any(i.status in _SKIPPABLE for i in selected))
        attention = sum(c.needs_attention for c in self._counts.values())
        self.retry_all_button.setEnabled(attention > 0)

    def _can_retry(self, item: OutboxItem) -> bool:
        """As ``retry`` decides: an entry skipped while it needed data waits for the report."""
        if item.status not in _RETRYABLE:
            return False
        return not is_stub(item.payload) or Ledger(self._store).body(item) is not None

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_now()

    # --- slots ----------------------------------------------------------------------------

    @Slot()
    def _on_refresh_timer_timeout(self) -> None:
        self.refresh_now()

    @Slot(object)
    def _on_reader_done(self, done: ReadDone) -> None:
        if done.tag == "more":
            self.model.append(done.result)
            return
        read: OutboxRead = done.result
        self.model.set_items(read.items, read.total)
        self._counts = read.counts
        self._show_counts()
        self._show_history()
        self._update_buttons()
        self.loaded.emit()

    @Slot(object)
    def _on_reader_failed(self, error: ReturnsDeskError) -> None:
        self._say(error.user_text)  # a busy or vanished database: say so, keep the rows

    @Slot()
    def _on_model_more_wanted(self) -> None:
        store, status, search, last = (
            self._store,
            self.status(),
            self.search.text(),
            self.model.last,
        )
        after = last.id if last is not None else None
        self.reader.more(
            "more",
            lambda: store.outbox_page(
                status=status, search=search, after_id=after, limit=PAGE_ROWS
            ),
        )

    @Slot(int)
    def _on_status_filter_current_index_changed(self, index: int) -> None:
        self._filter_timer.start()

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self._filter_timer.start()

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(
        self, selected: QItemSelection, deselected: QItemSelection
    ) -> None:
        self._show_history()
        self._update_buttons()

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        items = [i for i in self.selected_items() if self._can_retry(i)]
        try:
            done = sum(retry(self._store, item.id) for item in items)
        except ReturnsDeskError as exc:
            self._say(exc.user_text)
            return
        self._after_retry(done)

    @Slot()
    def _on_retry_all_button_clicked(self) -> None:
        try:
            done = retry_all(self._store)
        except ReturnsDeskError as exc:
            self._say(exc.user_text)
            return
        self._after_retry(done)

    def _after_retry(self, done: int) -> None:
        self._say(self.tr("%1 entries will be sent again.").replace("%1", str(done)))
        self.refresh_now()
        if done:
            self.retry_requested.emit()

    @Slot()
    def _on_skip_button_clicked(self) -> None:
        items = [i for i in self.selected_items() if i.status in _SKIPPABLE]
        if not items:
            return
        self._skipping = [item.id for item in items]
        self.skip_dialog = SkipDialog(len(items), self)
        self.skip_dialog.reason_given.connect(self._on_skip_dialog_reason_given)
        self.skip_dialog.finished.connect(self._on_skip_dialog_finished)
        self.skip_dialog.open()

    @Slot(int)
    def _on_skip_dialog_finished(self, result: int) -> None:
        if self.skip_dialog is not None:
            self.skip_dialog.deleteLater()
            self.skip_dialog = None

    @Slot(str)
    def _on_skip_dialog_reason_given(self, reason: str) -> None:
        try:
            done = sum(skip(self._store, item_id, reason) for item_id in self._skipping)
        except ReturnsDeskError as exc:
            self._say(exc.user_text)
            return
        self._say(self.tr("%1 entries skipped.").replace("%1", str(done)))
        self.refresh_now()
