"""Importing the seller's returns report: pick the file, check the mapping, import.

The dialog guesses the header row and the column of each field (the saved mapping first,
then the usual headers); the admin corrects what is wrong and imports. The records are kept
in the data folder, the mapping is saved for the next report, and "needs data" entries the
report completes become waiting. Reading and importing run on the dialog's own thread
pool; the GUI thread only shows their frozen results.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from returns_desk.errors import ReturnsDeskError
from returns_desk.handon import (
    MAPPING_FILE,
    ColumnMapping,
    guess_header_row,
    load_mapping,
    suggest_mapping,
)
from returns_desk.handon.report_fields import ALL_FIELDS, header_key
from returns_desk.settings import Settings
from returns_desk.store import Store
from returns_desk.ui.fit import fit_to_screen
from returns_desk.ui.handon.import_job import ImportOutcome, Table, import_table, read_report
from returns_desk.ui.workers import JobCrashed, JobDone, JobFailed, JobKind, JobRunner

log = logging.getLogger(__name__)

PREVIEW_ROWS = 10
_HEADER_SEARCH_ROWS = 20  # as far as the importer looks for the header row


class ImportReportDialog(QDialog):
    #: the report was read and the mapping shown (tests wait for it)
    loaded = Signal()
    #: an import finished: the desk then queues and sends (``Desk.trigger_handon``); the
    #: hand-on view hears of it through the outbox events (``HandonView.entries_changed``)
    imported = Signal(object)  # ImportOutcome
    #: reading or importing failed; the text is shown in the dialog
    failed = Signal(str)

    def __init__(
        self, store: Store, settings: Settings, data_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import the returns report"))
        fit_to_screen(self, 1100, 720)
        self._store, self._settings, self._data_dir = store, settings, data_dir
        self._table: Table | None = None
        self._base: ColumnMapping | None = None
        self._header_at = 0
        self._combos: dict[str, QComboBox] = {}
        self.outcome: ImportOutcome | None = None
        self._jobs: JobRunner | None = None  # made on the first job, closed with the dialog

        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("A CSV or XLSX file from the seller panel or the OMS"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setAutoDefault(False)
        self.header_row = QSpinBox(self)
        self.header_row.setRange(1, 1)
        self.header_row.setEnabled(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Report"), self))
        picker.addWidget(self.path, 1)
        picker.addWidget(self.choose_button)
        picker.addWidget(QLabel(self.tr("Header row"), self))
        picker.addWidget(self.header_row)

        self.mapping_table = QTableWidget(len(ALL_FIELDS), 3, self)
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Column in the report"), self.tr("First value")]
        )
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        for row, name in enumerate(ALL_FIELDS):
            text = name if name != "tracking_id" else self.tr("%1 (required)").replace("%1", name)
            self.mapping_table.setItem(row, 0, _read_only(text))
            combo = QComboBox(self.mapping_table)
            combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
            self._combos[name] = combo
            self.mapping_table.setCellWidget(row, 1, combo)
            self.mapping_table.setItem(row, 2, _read_only(""))
        self.mapping_table.resizeColumnToContents(0)
        self.preview = QTableWidget(0, 0, self)
        self.preview.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        splitter = QSplitter(self)
        splitter.addWidget(self.mapping_table)
        splitter.addWidget(self.preview)
        splitter.setSizes([450, 650])

        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.path.returnPressed.connect(self._on_path_return_pressed)
        self.header_row.valueChanged.connect(self._on_header_row_value_changed)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.buttons.rejected.connect(self.reject)

    # --- driving it (the buttons, and tests) --------------------------------------------

    def set_path(self, path: Path) -> None:
        """Read ``path`` on the pool; ``loaded`` (or ``failed``) follows."""
        self.path.setText(str(path))
        try:
            self._base = load_mapping(self._data_dir / MAPPING_FILE)
        except ReturnsDeskError as exc:  # a damaged mapping: start from the usual headers
            self._base = None
            self._say(exc.user_text)
        sheet = self._base.sheet if self._base else None
        self._busy(self.tr("Reading %1…").replace("%1", path.name))
        self._submit(JobKind.IMPORT_READ, lambda: read_report(path, sheet))

    def mapping(self) -> ColumnMapping:
        """The mapping as the combos show it (the saved one's date and kind words kept)."""
        columns = {
            name: combo.currentData()
            for name, combo in self._combos.items()
            if combo.currentData() is not None
        }
        return (self._base or ColumnMapping()).model_copy(update={"columns": columns})

    def set_column(self, name: str, header: str | None) -> None:
        combo = self._combos[name]
        combo.setCurrentIndex(max(0, combo.findData(header)) if header else 0)

    def start_import(self) -> None:
        """Import with the mapping shown; ``imported`` (or ``failed``) follows."""
        if self._table is None:
            return
        table, mapping = self._table, self.mapping()
        store, handon, data_dir = self._store, self._settings.handon, self._data_dir
        self._busy(self.tr("Importing…"))
        self._submit(JobKind.IMPORT, lambda: import_table(table, mapping, store, handon, data_dir))

    def done(self, result: int) -> None:
        if self._jobs is not None:
            self._jobs.close()  # waits for a job under way: it writes files and the store
            self._jobs = None
        super().done(result)

    def _submit(self, kind: JobKind, job: Callable[[], Any]) -> None:
        """One job at a time, on the dialog's own pool (its thread's connection released)."""
        if self._jobs is None:
            self._jobs = JobRunner(1, cleanup=self._store.release_thread, parent=self)
        self._jobs.submit(
            kind,
            job,
            done=self._on_jobs_succeeded,
            failed=self._on_jobs_failed,
            crashed=self._on_jobs_crashed,
        )

    # --- showing ------------------------------------------------------------------------

    def _busy(self, text: str) -> None:
        self._say(text)
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)

    def _idle(self) -> None:
        self.choose_button.setEnabled(True)
        self._update_import_button()

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")
        self.status.setText(text)

    def _update_import_button(self) -> None:
        ready = self._table is not None and self._combos["tracking_id"].currentData() is not None
        self.import_button.setEnabled(ready and self.choose_button.isEnabled())

    def _show_table(self, table: Table) -> None:
        self._table = table
        at, _ = guess_header_row([list(r) for r in table.rows])
        self.header_row.blockSignals(True)
        self.header_row.setRange(1, max(1, min(len(table.rows), _HEADER_SEARCH_ROWS)))
        self.header_row.setValue(at + 1)
        self.header_row.blockSignals(False)
        self.header_row.setEnabled(True)
        self._use_header_row(at, self._base)
        self._say(
            self.tr("%1: %2 rows. Check the column of each field, then import.")
            .replace("%1", table.path.name)
            .replace("%2", str(len(table.rows)))
        )

    def _use_header_row(self, at: int, base: ColumnMapping | None) -> None:
        assert self._table is not None
        self._header_at = at
        raw = self._table.rows[at] if self._table.rows else ()
        cells = [_text(c) for c in raw]
        headers = [c for c in cells if c]
        suggested = suggest_mapping(headers, base)
        for name, combo in self._combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— not in this report —"), None)
            for header in headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(suggested.columns.get(name))))
            combo.blockSignals(False)
        rows = self._table.rows[at + 1 : at + 1 + PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(cells))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(cells)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row[: len(cells)]):
                self.preview.setItem(r, c, _read_only(_text(cell)))
        self._show_examples()

    def _show_examples(self) -> None:
        if self._table is None or not self._table.rows:
            return
        keys = [header_key(c) for c in self._table.rows[self._header_at]]
        first = next((r for r in self._table.rows[self._header_at + 1 :] if any(r)), ())
        for row, combo in enumerate(self._combos.values()):
            header = combo.currentData()
            value = ""
            if header is not None and header_key(header) in keys:
                column = keys.index(header_key(header))
                value = _text(first[column]) if column < len(first) else ""
            if (item := self.mapping_table.item(row, 2)) is not None:
                item.setText(value)

    def _show_outcome(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        lines = [
            self.tr(
                "%1 rows read: %2 returns. %3 match parcels received at the dock; "
                "%4 are not received yet."
            )
            .replace("%1", str(outcome.rows_read))
            .replace("%2", str(outcome.returns))
            .replace("%3", str(outcome.matched))
            .replace("%4", str(outcome.not_received)),
            self.tr("Hand-on: %1 entries completed and waiting to be sent.").replace(
                "%1", str(outcome.filled)
            ),
        ]
        if outcome.still_needing_data:
            waiting = "; ".join(f"{what} ({n})" for what, n in outcome.still_needing_data)
            lines.append(self.tr("Still needing data: %1").replace("%1", waiting))
        self.result_label.setText("\n".join(lines))
        problems = [
            self.tr("Row %1, %2: %3")
            .replace("%1", str(p.row))
            .replace("%2", p.field)
            .replace("%3", p.text)
            for p in outcome.problems
        ]
        self.problems.setPlainText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self._say(self.tr("Imported %1.").replace("%1", outcome.source))

    # --- slots ----------------------------------------------------------------------------

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        chooser = QFileDialog(self, self.tr("Choose the returns report"))
        chooser.setNameFilters(
            [self.tr("Reports (*.csv *.txt *.xlsx *.xlsm)"), self.tr("All files (*)")]
        )
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.fileSelected.connect(self._on_chooser_file_selected)
        chooser.finished.connect(chooser.deleteLater)
        chooser.open()

    @Slot(str)
    def _on_chooser_file_selected(self, path: str) -> None:
        self.set_path(Path(path))

    @Slot()
    def _on_path_return_pressed(self) -> None:
        if self.path.text().strip():
            self.set_path(Path(self.path.text().strip()))

    @Slot(int)
    def _on_header_row_value_changed(self, value: int) -> None:
        if self._table is not None:
            self._use_header_row(value - 1, self.mapping())
            self._update_import_button()

    @Slot(int)
    def _on_combo_current_index_changed(self, index: int) -> None:
        if self._table is not None:
            self._show_examples()
        self._update_import_button()

    @Slot()
    def _on_import_button_clicked(self) -> None:
        self.start_import()

    @Slot(object)
    def _on_jobs_succeeded(self, done: JobDone) -> None:
        self._idle()
        if done.kind is JobKind.IMPORT_READ:
            self._show_table(done.result)
            self._update_import_button()
            self.loaded.emit()
        else:
            self._show_outcome(done.result)
            self.imported.emit(done.result)

    @Slot(object)
    def _on_jobs_failed(self, failed: JobFailed) -> None:
        self._idle()
        self._say(failed.error.user_text, error=True)
        self.failed.emit(failed.error.user_text)

    @Slot(object)
    def _on_jobs_crashed(self, crashed: JobCrashed) -> None:
        log.error("import job %s crashed:\n%s", crashed.kind, crashed.traceback)
        self._idle()
        text = self.tr("An unexpected problem stopped the import; it is in the log.")
        self._say(text, error=True)
        self.failed.emit(text)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _read_only(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
