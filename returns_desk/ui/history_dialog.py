"""The session history: earlier handovers from the local record, to preview or reprint a slip.

Newest first, from a chosen day on, narrowed as the clerk types (FE name or id, partner,
task, state, session, OTC). The rows are the store's per-handover summaries, read a page
at a time off the GUI thread on the history's own reader (``ui/reader.py``: never behind a
Start or End OTC, the newest filter winning), the filter applied in SQL; a change of day or
of the find text waits for the clerk to pause (``DEBOUNCE_MS``). A handover's parcels are
read only when it is opened (preview or print). Keyboard only: type to filter, the arrows
choose a handover, Alt+R / Alt+S choose the receipt or the Start OTC slip, Enter previews,
F9 prints (a reprint when the slip was printed before), Esc closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returns_desk.errors import ReturnsDeskError
from returns_desk.printing.errors import AFTER_HANDOVER_NOTE
from returns_desk.printing.record import PrintDone, SlipOrder
from returns_desk.store import CodeKind, HandoverSummary, Store
from returns_desk.store.history import PAGE_ROWS, find_words
from returns_desk.ui.fit import fit_to_screen
from returns_desk.ui.models.history_model import RECORD_ROLE, HistoryModel, when_text
from returns_desk.ui.reader import LatestReader, ReadDone
from returns_desk.ui.services import DeskServices
from returns_desk.ui.timers import single_shot
from returns_desk.ui.workers import JobFailed, JobKind

DEFAULT_DAYS = 7  # the history opens on the last week
DEBOUNCE_MS = 250  # a new day or find text is read once the clerk pauses this long


@dataclass(frozen=True)
class FirstPage:
    """A new list's first rows, how many it has, and how many the day has unfiltered."""

    rows: list[HandoverSummary]
    total: int
    unfiltered: int


def read_first_page(
    store: Store, since: datetime, words: list[str], limit: int = PAGE_ROWS
) -> FirstPage:
    """The first page of the history from ``since`` with ``words``, as one snapshot."""
    with store.snapshot():
        rows = store.history_page(since, words, limit=limit)
        total = len(rows) if len(rows) < limit else store.history_count(since, words)
        unfiltered = total if not words else store.history_count(since)
    return FirstPage(rows, total, unfiltered)


def site_first_page(services: DeskServices, since: datetime, words: list[str]) -> FirstPage:
    """The whole site's handovers since ``since`` (site mode), in one read."""
    rows = services.site_history(since, words)
    return FirstPage(rows, len(rows), len(rows))


class SlipPrinting(Protocol):
    """What the history uses of the window's slip printing (``ui.slip_printing.SlipPrinting``).

    That one opens this dialog (Ctrl+H), so the dialog names what it needs rather than
    importing it back: the two modules would otherwise import each other.
    """

    @property
    def services(self) -> DeskServices: ...

    @property
    def printed(self) -> SignalInstance: ...  # PrintDone

    @property
    def print_failed(self) -> SignalInstance: ...  # JobFailed

    def preview(self, session_id: int, kind: CodeKind, parent: QWidget | None = None) -> object: ...

    def print_slip(self, session_id: int, kind: CodeKind) -> SlipOrder | None: ...


class HistoryDialog(QDialog):
    """Earlier handovers; Preview opens the print preview, Reprint prints at once."""

    loaded = Signal(int)  # how many handovers were read
    load_failed = Signal(str)

    def __init__(self, printing: SlipPrinting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionHistory")
        self._printing = printing
        self._store = printing.services.store
        self.reader = LatestReader(self._store, JobKind.HISTORY, self)
        self._debounce = single_shot(self, self.reload, DEBOUNCE_MS)
        self._unfiltered = 0  # handovers since the day, whatever the find text
        self._session_id: int | None = None  # the handover selected

        # every word is set in retranslate(): again when the desk's language changes, as
        # the dialog is made once and kept (ui/slip_printing.py)
        self.heading = heading = QLabel(self)
        heading.setObjectName("screenTitle")
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        first = default_since()
        self.since.setDate(QDate(first.year, first.month, first.day))
        self.since_label = since_label = QLabel(self)
        since_label.setBuddy(self.since)
        self.find_field = QLineEdit(self)
        self.find_field.setClearButtonEnabled(True)
        self.find_label = find_label = QLabel(self)
        find_label.setBuddy(self.find_field)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        filters = QHBoxLayout()
        filters.addWidget(since_label)
        filters.addWidget(self.since)
        filters.addSpacing(18)
        filters.addWidget(find_label)
        filters.addWidget(self.find_field, 1)
        # site mode: the whole site's handovers from the site database, with its counts
        self.site_switch = QCheckBox(self)
        self.site_switch.setVisible(printing.services.site_mode)
        self.site_switch.toggled.connect(self.reload)
        filters.addWidget(self.site_switch)
        filters.addWidget(self.count)

        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setObjectName("historyTable")  # a point smaller: twelve columns fit 1366 px
        self.table.setStyleSheet(
            "QTableView#historyTable { font-size: 13pt; }"
            " QHeaderView::section { font-size: 12pt; padding: 6px 4px; }"
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # never cut
        # sized from the rows on screen and the next few, not from every row read (a page
        # of a hundred measured cell by cell is most of the time the dialog takes to open)
        header.setResizeContentsPrecision(40)

        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.receipt_choice = QRadioButton(self)
        self.start_choice = QRadioButton(self)
        self.receipt_choice.setChecked(True)
        self.slip_label = QLabel(self)
        choice = QHBoxLayout()
        choice.addWidget(self.slip_label)
        choice.addWidget(self.receipt_choice)
        choice.addWidget(self.start_choice)
        choice.addStretch(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.hide()

        self.preview_button = QPushButton(self)
        self.preview_button.setProperty("primary", True)
        self.preview_button.setDefault(True)
        self.reprint_button = QPushButton(self)
        self.reprint_button.setAutoDefault(False)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button, 2)
        buttons.addWidget(self.reprint_button, 2)
        buttons.addWidget(self.close_button, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(choice)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.since.dateChanged.connect(self._on_since_date_changed)
        self.find_field.textChanged.connect(self._on_find_text_changed)
        self.find_field.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.doubleClicked.connect(self._on_preview_button_clicked)
        self.receipt_choice.toggled.connect(self._update_buttons)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self._f9 = QShortcut(QKeySequence(Qt.Key.Key_F9), self)
        self._f9.activated.connect(self._on_reprint_button_clicked)
        self._find_key = QShortcut(QKeySequence.StandardKey.Find, self)
        self._find_key.activated.connect(self._on_find_key_activated)
        self.model.more_wanted.connect(self._on_model_more_wanted)
        self.reader.done.connect(self._on_reader_done)
        self.reader.failed.connect(self._on_reader_failed)
        printing.printed.connect(self._on_printing_printed)
        printing.print_failed.connect(self._on_printing_print_failed)
        fit_to_screen(self, 1340, 720)
        self.retranslate()
        self.find_field.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        """The desk's language changed (``QEvent.LanguageChange``): every word again."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The dialog's words, its columns and rows, in the language now installed."""
        self.setWindowTitle(self.tr("Session history"))
        self.heading.setText(self.tr("Earlier handovers"))
        self.since_label.setText(self.tr("&From"))
        self.find_field.setPlaceholderText(self.tr("FE name or id, partner, task, state, OTC…"))
        self.find_label.setText(self.tr("F&ind"))
        self.site_switch.setText(self.tr("&Whole site"))
        self.site_switch.setToolTip(
            self.tr("Every terminal's handovers, from the site database, with the site's counts")
        )
        self.receipt_choice.setText(self.tr("Handover &receipt"))
        self.start_choice.setText(self.tr("&Start OTC slip"))
        self.slip_label.setText(self.tr("Slip:"))
        self.preview_button.setText(self.tr("Preview  (Enter)"))
        self.close_button.setText(self.tr("Close  (Esc)"))
        self.model.retranslate()
        if self.reader.pending:
            self.count.setText(self.tr("Reading…"))
        elif self.count.text():  # a list was shown (before the first read: nothing yet)
            self._update_count()
        self._update_buttons()  # the detail line and Print / Reprint

    # --- reading ---------------------------------------------------------------------

    def since_datetime(self) -> datetime:
        day = self.since.date()
        return datetime(day.year(), day.month(), day.day()).astimezone()

    def words(self) -> list[str]:
        return find_words(self.find_field.text())

    def reload(self) -> None:
        """Read the list from the chosen day with the find text again (``loaded`` when shown).

        Off the GUI thread; whatever was being read for an earlier day or text is dropped.
        """
        self._debounce.stop()
        store, since, words = self._store, self.since_datetime(), self.words()
        self.count.setText(self.tr("Reading…"))
        if self.site_switch.isChecked():
            services = self._printing.services
            self.reader.read("first", lambda: site_first_page(services, since, words))
            return
        self.reader.read("first", lambda: read_first_page(store, since, words))

    def close_reader(self) -> None:
        """Stop reading (the app is closing: before the store does)."""
        self._debounce.stop()
        self.reader.close()

    def selected_record(self) -> HandoverSummary | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.index(index.row(), 0).data(RECORD_ROLE)

    def chosen_kind(self) -> CodeKind | None:
        """The slip chosen for the selected handover (None: it has no slip at all)."""
        record = self.selected_record()
        if record is None or not record.kinds:
            return None
        wanted = CodeKind.END if self.receipt_choice.isChecked() else CodeKind.START
        return wanted if wanted in record.kinds else record.kinds[0]

    def select_session(self, session_id: int) -> bool:
        """Select that handover if it is among the rows read so far."""
        for row, record in enumerate(self.model.records):
            if record.session.id == session_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    # --- what is shown ---------------------------------------------------------------

    def _show_first_page(self, page: FirstPage) -> None:
        keep = self.selected_record()
        self._unfiltered = page.unfiltered
        self.model.reset(page.rows, page.total)
        kept = keep is not None and self.select_session(keep.session.id)
        if not kept and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_count()
        self._update_buttons()
        self.loaded.emit(page.total)

    def _update_count(self) -> None:
        shown, total = self.model.total, self._unfiltered
        if total == 0:
            text = self.tr("No handovers since this day.")
        elif shown == total:
            text = self.tr("%n handover(s)", "", total)
        else:
            text = self.tr("%1 of %n handover(s)", "", total).replace("%1", str(shown))
        self.count.setText(text)

    def _set_status(self, level: str, text: str) -> None:
        self.status.setProperty("role", level)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    @Slot()
    def _update_buttons(self) -> None:
        record = self.selected_record()
        kinds = record.kinds if record is not None else ()
        self.receipt_choice.setEnabled(CodeKind.END in kinds)
        self.start_choice.setEnabled(CodeKind.START in kinds)
        kind = self.chosen_kind()
        self.preview_button.setEnabled(kind is not None)
        self.reprint_button.setEnabled(kind is not None)
        if record is None:
            self.detail.setText(self.tr("Choose a handover."))
            return
        if kind is None:
            self.detail.setText(
                self.tr(
                    "Nothing to print for this handover: no Start OTC or End OTC was "
                    "received for it."
                )
            )
            self.reprint_button.setText(self.tr("Reprint  (F9)"))
            return
        printed_at = record.printed_at(kind)  # None: the next print is the original
        button = self.tr("Reprint  (F9)") if printed_at is not None else self.tr("Print  (F9)")
        self.reprint_button.setText(button)
        session = record.session
        slip = self.tr("handover receipt") if kind is CodeKind.END else self.tr("Start OTC slip")
        text = self.tr("%1, task %2: the %3")
        text = text.replace("%1", session.fe_name or session.fe_id)
        text = text.replace("%2", session.task_id).replace("%3", slip)
        if printed_at is not None:
            text += self.tr(" (first printed %1; printing it again makes a marked reprint)")
            text = text.replace("%1", when_text(printed_at))
        else:
            text += self.tr(" (never printed)")
        self.detail.setText(text)

    # --- slots -----------------------------------------------------------------------

    @Slot(QDate)
    def _on_since_date_changed(self, day: QDate) -> None:
        self._debounce.start()  # read when the clerk stops changing the day

    @Slot(str)
    def _on_find_text_changed(self, text: str) -> None:
        self._debounce.start()  # read when the clerk stops typing

    @Slot()
    def _on_model_more_wanted(self) -> None:
        if self.site_switch.isChecked():
            return  # the site's list is read whole (up to SITE_ROWS)
        last, store = self.model.last, self._store
        since, words = self.since_datetime(), self.words()
        self.reader.more("more", lambda: store.history_page(since, words, after=last))

    @Slot()
    def _on_find_key_activated(self) -> None:
        self.find_field.setFocus()
        self.find_field.selectAll()

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """A new handover: its receipt is offered first, else its Start OTC slip."""
        record = self.selected_record()
        session_id = record.session.id if record is not None else None
        if session_id != self._session_id:  # not the same one again after a reload
            self._session_id = session_id
            kinds = record.kinds if record is not None else ()
            choice = self.start_choice if kinds == (CodeKind.START,) else self.receipt_choice
            choice.setChecked(True)
            self._set_status("", "")
        self._update_buttons()

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        record, kind = self.selected_record(), self.chosen_kind()
        if record is None or kind is None:
            return
        self._printing.preview(record.session.id, kind, parent=self)

    @Slot()
    def _on_reprint_button_clicked(self) -> None:
        record, kind = self.selected_record(), self.chosen_kind()
        if record is None or kind is None:
            return
        order = self._printing.print_slip(record.session.id, kind)
        if order is not None:
            self._set_status("info", self.tr("Sent to the printer…"))

    @Slot(object)
    def _on_reader_done(self, done: ReadDone) -> None:
        if done.tag == "first":
            self._show_first_page(done.result)
        else:
            self.model.append(done.result)
            self._update_count()

    @Slot(object)
    def _on_reader_failed(self, error: ReturnsDeskError) -> None:
        self.count.setText("")
        self._set_status("error", error.user_text)
        self.load_failed.emit(error.user_text)

    @Slot(object)
    def _on_printing_printed(self, done: PrintDone) -> None:
        from returns_desk.ui.texts import done_text

        self._set_status("info", done_text(done))
        if self.isVisible():
            self.reload()

    @Slot(object)
    def _on_printing_print_failed(self, failed: JobFailed) -> None:
        self._set_status("error", f"{failed.error.user_text} {AFTER_HANDOVER_NOTE}")

    # --- keys ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up, Down, Page Up and Page Down in the find field move through the list."""
        if watched is self.find_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
                Qt.Key.Key_PageUp,
                Qt.Key.Key_PageDown,
            ):
                copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
                QApplication.sendEvent(self.table, copy)
                return True
        return super().eventFilter(watched, event)


def default_since(today: date | None = None) -> date:
    """The first day the history shows when opened."""
    return (today or date.today()) - timedelta(days=DEFAULT_DAYS - 1)
