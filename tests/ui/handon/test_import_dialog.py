"""The import dialog: a report in the test's folder completes entries that needed data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from returns_desk.handon import MAPPING_FILE, OMNI, POS, RecordBook, load_mapping
from returns_desk.settings import Settings
from returns_desk.store import OutboxStatus, Store
from returns_desk.ui.handon import ImportOutcome, ImportReportDialog
from tests.handon.conftest import site_settings
from tests.ui.handon.conftest import queue

SETTINGS = Settings(handon=site_settings())
HEADERS = [
    "Order ID",
    "Order Item ID",
    "Return ID",
    "Return Type",
    "AWB No",
    "SKU",
    "Quantity",
    "Return Reason",
    "Selling Price",
    "Shipping Package Code",
    "Our CN",
]


def write_report(path: Path, *, credit_note: bool = True) -> Path:
    rows = [
        ["Returns report generated 2026-01-14"],  # a title line above the headers
        HEADERS,
        ["OD1", "OI1", "R1", "customer_return", "FMPI1", "SKU-A", "1", "Size", "499", "SP1", "CN1"],
        ["OD2", "OI2", "R2", "RTO", "FMPI2", "SKU-B", "1", "Damaged", "abc", "SP2", "CN2"],
        ["OD9", "OI9", "R9", "RTO", "FMPI9", "SKU-C", "1", "Damaged", "10", "SP9", "CN9"],
    ]
    if not credit_note:
        rows = [row[:-1] for row in rows]
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def open_dialog(qtbot, store: Store, data_dir: Path, report: Path) -> ImportReportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportReportDialog(store, SETTINGS, data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.set_path(report)
    return dialog


def run_import(qtbot, dialog: ImportReportDialog) -> ImportOutcome:  # type: ignore[no-untyped-def]
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_an_import_completes_entries_that_needed_data(
    qtbot, store: Store, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    queue(store, SETTINGS, ["FMPI1", "FMPI2", "FMPI3"])  # no report yet: all need data
    assert {i.status for i in store.outbox()} == {OutboxStatus.NEEDS_DATA}
    dialog = open_dialog(qtbot, store, data_dir, write_report(tmp_path / "report.csv"))
    assert dialog.header_row.value() == 2  # below the title line
    mapping = dialog.mapping()
    assert mapping.columns["tracking_id"] == "AWB No"
    assert "return_invoice_number" not in mapping.columns  # "Our CN" is not a usual header
    assert dialog.preview.rowCount() == 3 and dialog.preview.item(0, 4).text() == "FMPI1"
    dialog.set_column("return_invoice_number", "Our CN")
    outcome = run_import(qtbot, dialog)

    assert (outcome.rows_read, outcome.returns) == (3, 3)
    assert (outcome.matched, outcome.not_received) == (2, 1)  # FMPI9 is not received here
    assert outcome.filled == 4  # FMPI1 and FMPI2, for both destinations
    assert outcome.still_needing_data == (("needs a row in the returns report", 2),)
    assert [(p.row, p.field) for p in outcome.problems] == [(4, "price")]
    assert "Row 4, price" in dialog.problems.toPlainText()
    assert "4 entries completed" in dialog.result_label.text()
    assert "needs a row in the returns report (2)" in dialog.result_label.text()
    statuses = {(i.idempotency_key, i.destination): i.status for i in store.outbox()}
    assert statuses[("FMPI1", OMNI)] is OutboxStatus.PENDING
    assert statuses[("FMPI2", POS)] is OutboxStatus.PENDING
    assert statuses[("FMPI3", OMNI)] is OutboxStatus.NEEDS_DATA
    assert set(RecordBook.in_folder(data_dir).load()) == {"FMPI1", "FMPI2", "FMPI9"}
    saved = load_mapping(data_dir / MAPPING_FILE)
    assert saved is not None and saved.columns["return_invoice_number"] == "Our CN"
    dialog.close()

    # the next report is read with the saved mapping (the dialog opened again)
    dialog.show()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.set_path(write_report(tmp_path / "next.csv"))
    assert dialog.mapping().columns["return_invoice_number"] == "Our CN"
    dialog.close()


def test_missing_fields_are_named(qtbot, store: Store, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    queue(store, SETTINGS, ["FMPI1"])
    report = write_report(tmp_path / "report.csv", credit_note=False)
    dialog = open_dialog(qtbot, store, data_dir, report)
    outcome = run_import(qtbot, dialog)
    assert outcome.filled == 1  # Omni; the POS needs the return invoice number
    assert outcome.still_needing_data == (("needs return_invoice_number", 1),)
    assert "Still needing data: needs return_invoice_number (1)" in dialog.result_label.text()
    dialog.close()


def test_an_unreadable_file_is_said_calmly(
    qtbot, store: Store, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportReportDialog(store, SETTINGS, data_dir)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=5000) as blocker:
        dialog.set_path(tmp_path / "missing.csv")
    assert "returns report cannot be read" in blocker.args[0]
    assert dialog.status.text() == blocker.args[0]
    assert not dialog.import_button.isEnabled()
    dialog.close()


def test_an_xlsx_report_is_read(qtbot, store: Store, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(
        ["OD1", "OI1", "R1", "customer_return", "FMPX1", "SKU-A", 1, "Size", 499, "SP1", "CN1"]
    )
    book.save(tmp_path / "report.xlsx")
    dialog = open_dialog(qtbot, store, data_dir, tmp_path / "report.xlsx")
    assert dialog.header_row.value() == 1
    assert dialog.mapping().columns["quantity"] == "Quantity"
    outcome = run_import(qtbot, dialog)
    assert (outcome.rows_read, outcome.returns, outcome.matched) == (1, 1, 0)
    dialog.close()
