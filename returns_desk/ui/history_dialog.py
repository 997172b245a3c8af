"""The session history: earlier handovers from the local record, to preview or reprint a slip.

Newest first, from a chosen day on (read in a job: every handover's reconciliation is
replayed from the store, which takes a moment for a month of them), narrowed as the clerk
types (FE name or id, partner, task, state, session, OTC). Keyboard only: type to filter,
the arrows choose a handover, Alt+R / Alt+S choose the receipt or the Start OTC slip,
Enter previews, F9 prints (a reprint when the slip was printed before), Esc closes.
"""

from __future__ import annotations

import itertools
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

from returns_desk.printing.errors import AFTER_HANDOVER_NOTE
from returns_desk.printing.record import HandoverRecord, PrintDone, SlipOrder, read_history
from returns_desk.store import CodeKind
from returns_desk.ui.fit import fit_to_screen
from returns_desk.ui.models.history_model import (
    RECORD_ROLE,
    HistoryFilter,
    HistoryModel,
    when_text,
)
from returns_desk.ui.services import DeskServices
from returns_desk.ui.workers import JobDone, JobFailed, JobKind

DEFAULT_DAYS = 7  # the history opens on the last week
_serial = itertools.count(1)


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
        self.setWindowTitle(self.tr("Session history"))
        self._printing = printing
        self._jobs = printing.services.jobs
        self._load = 0  # the latest load: an older one's rows are not shown
        self._session_id: int | None = None  # the handover selected

        heading = QLabel(self.tr("Earlier handovers"), self)
        heading.setObjectName("screenTitle")
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        first = default_since()
        self.since.setDate(QDate(first.year, first.month, first.day))
        since_label = QLabel(self.tr("&From"), self)
        since_label.setBuddy(self.since)
        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText(self.tr("FE name or id, partner, task, state, OTC…"))
        self.find_field.setClearButtonEnabled(True)
        find_label = QLabel(self.tr("F&ind"), self)
        find_label.setBuddy(self.find_field)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        filters = QHBoxLayout()
        filters.addWidget(since_label)
        filters.addWidget(self.since)
        filters.addSpacing(18)
        filters.addWidget(find_label)
        filters.addWidget(self.find_field, 1)
        filters.addWidget(self.count)

        self.model = HistoryModel(self)
        self.proxy = HistoryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
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

        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.receipt_choice = QRadioButton(self.tr("Handover &receipt"), self)
        self.start_choice = QRadioButton(self.tr("&Start OTC slip"), self)
        self.receipt_choice.setChecked(True)
        choice = QHBoxLayout()
        choice.addWidget(QLabel(self.tr("Slip:"), self))
        choice.addWidget(self.receipt_choice)
        choice.addWidget(self.start_choice)
        choice.addStretch(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.hide()

        self.preview_button = QPushButton(self.tr("Preview  (Enter)"), self)
        self.preview_button.setProperty("primary", True)
        self.preview_button.setDefault(True)
        self.reprint_button = QPushButton(self.tr("Reprint  (F9)"), self)
        self.reprint_button.setAutoDefault(False)
        self.close_button = QPushButton(self.tr("Close  (Esc)"), self)
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
        printing.printed.connect(self._on_printing_printed)
        printing.print_failed.connect(self._on_printing_print_failed)
        fit_to_screen(self, 1340, 720)
        self._update_buttons()
        self.find_field.setFocus()

    # --- reading ---------------------------------------------------------------------

    def since_datetime(self) -> datetime:
        day = self.since.date()
        return datetime(day.year(), day.month(), day.day()).astimezone()

    def reload(self) -> None:
        """Read the handovers from the chosen day on again (a job; ``loaded`` when shown)."""
        services = self._printing.services
        store, rules = services.store, services.engine.config.barcode_rules
        since = self.since_datetime()
        self._load = load = next(_serial)
        self.count.setText(self.tr("Reading…"))

        def done(result: JobDone) -> None:
            if load == self._load:
                self._show_records(result.result)

        def failed(failure: JobFailed) -> None:
            if load == self._load:
                self._on_load_failed(failure)

        self._jobs.submit(
            JobKind.HISTORY,
            lambda: read_history(store, rules, since=since),
            done=done,
            failed=failed,
        )

    def selected_record(self) -> HandoverRecord | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.index(index.row(), 0).data(RECORD_ROLE)

    def chosen_kind(self) -> CodeKind | None:
        """The slip chosen for the selected handover (None: it has no slip at all)."""
        record = self.selected_record()
        if record is None or not record.kinds:
            return None
        wanted = CodeKind.END if self.receipt_choice.isChecked() else CodeKind.START
        return wanted if wanted in record.kinds else record.kinds[0]

    def select_session(self, session_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            record = self.proxy.index(row, 0).data(RECORD_ROLE)
            if record is not None and record.session.id == session_id:
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False

    # --- what is shown ---------------------------------------------------------------

    def _show_records(self, records: list[HandoverRecord]) -> None:
        keep = self.selected_record()
        self.model.set_records(records)
        kept = keep is not None and self.select_session(keep.session.id)
        if not kept and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._update_count()
        self._update_buttons()
        self.loaded.emit(len(records))

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
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
        reprint = record.reprint_for(kind)  # None: the next print is the original
        button = self.tr("Reprint  (F9)") if reprint is not None else self.tr("Print  (F9)")
        self.reprint_button.setText(button)
        session = record.session
        slip = self.tr("handover receipt") if kind is CodeKind.END else self.tr("Start OTC slip")
        text = self.tr("%1, task %2: the %3")
        text = text.replace("%1", session.fe_name or session.fe_id)
        text = text.replace("%2", session.task_id).replace("%3", slip)
        if reprint is not None:
            text += self.tr(" (first printed %1; printing it again makes a marked reprint)")
            text = text.replace("%1", when_text(reprint.original_printed_at))
        else:
            text += self.tr(" (never printed)")
        self.detail.setText(text)

    # --- slots -----------------------------------------------------------------------

    @Slot(QDate)
    def _on_since_date_changed(self, day: QDate) -> None:
        self.reload()

    @Slot(str)
    def _on_find_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._update_count()
        self._update_buttons()

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

    def _on_load_failed(self, failed: JobFailed) -> None:
        self.count.setText("")
        self._set_status("error", failed.error.user_text)
        self.load_failed.emit(failed.error.user_text)

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
