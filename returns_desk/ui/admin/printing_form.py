"""The printing fields (printer, paper, driver form, raw ESC/POS, PDF folder) and "Test print".

The test prints what ``returns-desk print-test`` prints, with the values on screen, on a
pool thread: a driver that hangs for seconds must not freeze the dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QWidget

from returns_desk.printing.paper import PAPERS
from returns_desk.settings import Settings
from returns_desk.ui.admin.fields import FieldForm, optional_text, set_status
from returns_desk.ui.admin.jobs import JobOutcome, JobRunner, PrintTestDone, run_test_print
from returns_desk.ui.texts import paper_text


def pick_folder(parent: QWidget, title: str, start: str, slot: Any) -> QFileDialog:
    """A folder chooser opened with ``open()``; ``slot(str)`` gets the chosen folder."""
    dialog = QFileDialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(slot)
    dialog.open()
    return dialog


class PrintingForm(FieldForm):
    """``advanced=False`` (the wizard) leaves out the driver form and raw ESC/POS."""

    def __init__(
        self, settings: Settings, *, advanced: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._advanced = advanced
        self._test_settings: Settings | None = None

        printers: list[tuple[str, str | None]] = [(self.tr("System default"), None)]
        installed = QPrinterInfo.availablePrinterNames()
        printers += [(name, name) for name in installed]
        if settings.printer_name and settings.printer_name not in installed:
            printers.append(
                (self.tr("%s (not installed)") % settings.printer_name, settings.printer_name)
            )
        self.printer = self.combo(printers, settings.printer_name)
        self.add_row("printer_name", self.tr("Printer"), self.printer)
        papers = [(paper_text(name), name) for name in PAPERS]
        self.paper = self.combo(papers, settings.paper)
        self.add_row("paper", self.tr("Paper"), self.paper)
        self.page_size = self.line_edit(settings.page_size_name, self.tr("(custom size)"))
        self.raw_escpos = self.check_box(
            self.tr("Send raw ESC/POS (thermal printers on Windows)"), settings.print_raw_escpos
        )
        if advanced:
            self.add_row("page_size_name", self.tr("Driver paper form"), self.page_size)
            self.add_row("print_raw_escpos", "", self.raw_escpos)
        else:
            self.page_size.hide()
            self.raw_escpos.hide()
        self.pdf_dir = self.line_edit(settings.pdf_dir, self.tr("(no PDF copies)"))
        self.pdf_button = self.button(self.tr("Choose…"))
        self.add_row("pdf_dir", self.tr("PDF folder"), self.pdf_dir, self.pdf_button)

        self.test_button, self.test_result = self.add_test_row(self.tr("Test print"))

        self._jobs = JobRunner(self)
        self._jobs.finished.connect(self._on_jobs_finished)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self._update_button()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "printer_name": self.printer.currentData(),
            "paper": self.paper.currentData(),
            "pdf_dir": optional_text(self.pdf_dir),
        }
        if self._advanced:
            values["page_size_name"] = optional_text(self.page_size)
            values["print_raw_escpos"] = self.raw_escpos.isChecked()
        return values

    def problem(self) -> tuple[str, str] | None:
        pdf_dir = optional_text(self.pdf_dir)
        if pdf_dir and not Path(pdf_dir).expanduser().is_absolute():
            return "pdf_dir", self.tr("Enter a full folder path, such as D:\\Slips.")
        return None

    def set_test_settings(self, settings: Settings | None) -> None:
        self._test_settings = settings
        self._update_button()

    def busy(self) -> bool:
        return self._jobs.busy()

    def wait(self, timeout_ms: int = 15000) -> bool:
        return self._jobs.wait(timeout_ms)

    def _update_button(self) -> None:
        self.test_button.setEnabled(not self._jobs.busy() and self._test_settings is not None)

    @Slot()
    def _on_test_button_clicked(self) -> None:
        settings = self._test_settings
        if settings is None or self._jobs.busy():
            return
        set_status(self.test_result, "busy", self.tr("Printing the test slips…"))
        self._jobs.start(lambda: run_test_print(settings))
        self._update_button()

    @Slot(object)
    def _on_jobs_finished(self, outcome: JobOutcome) -> None:
        failure = outcome.failure_line(
            crashed=self.tr("The test print stopped on an error; the details are in the log."),
            what="test print",
        )
        if failure is not None:
            set_status(self.test_result, "failed", failure)
        else:
            done: PrintTestDone = outcome.value
            parts = []
            if done.printer:
                parts.append(self.tr('Sent to "%s".') % done.printer)
            if done.pdf_paths:
                parts.append(self.tr("PDF saved in %s.") % done.pdf_paths[0].parent)
            set_status(self.test_result, "ok", " ".join(parts))
        self._update_button()

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        start = optional_text(self.pdf_dir) or str(Path.home())
        pick_folder(self, self.tr("PDF folder"), start, self._on_folder_dialog_file_selected)

    @Slot(str)
    def _on_folder_dialog_file_selected(self, folder: str) -> None:
        if folder:
            self.pdf_dir.setText(str(Path(folder)))
