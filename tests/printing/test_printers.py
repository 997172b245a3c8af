"""Targets: PDF folder, printers (through a PDF-format QPrinter here) and every failure."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from returns_desk.errors import ReturnsDeskError
from returns_desk.printing.errors import (
    NoPrintersError,
    PaperSizeError,
    PdfFolderError,
    PrinterNotFoundError,
    PrinterUnavailableError,
    PrintingError,
)
from returns_desk.printing.paper import get_paper
from returns_desk.printing.samples import sample_receipt, sample_start_slip
from returns_desk.printing.slips import build_handover_receipt, build_start_otc_slip
from tests.printing.conftest import NOW, decode_barcodes, needs_poppler, pdf_page_sizes, pdf_text

START = build_start_otc_slip(sample_start_slip(NOW))
RECEIPT = build_handover_receipt(sample_receipt(NOW))


@pytest.fixture
def printers(qapp):  # type: ignore[no-untyped-def]
    from returns_desk.printing import printers

    return printers


@pytest.fixture
def installed(printers, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Two installed printers; "Office Laser" is offline."""
    states = {"Receipt 80": "Idle", "Office Laser": "Error"}

    class FakeInfo:
        @staticmethod
        def availablePrinterNames() -> list[str]:
            return list(states)

        @staticmethod
        def printerInfo(name: str) -> SimpleNamespace:
            state = SimpleNamespace(name=states[name])
            return SimpleNamespace(printerName=lambda: name, state=lambda: state)

    monkeypatch.setattr(printers, "QPrinterInfo", FakeInfo)
    return FakeInfo


def _pdf_printer(path: Path, dpi: int = 203):  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


def test_pdf_folder_gets_one_named_file_per_slip(printers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = printers.PrintTarget(paper="58mm", pdf_folder=tmp_path / "slips")
    first = printers.print_layout(START, target)
    again = printers.print_layout(START, target)
    receipt = printers.print_layout(RECEIPT, target)
    stamp = NOW.strftime("%Y%m%d-%H%M%S")
    assert first.pdf_paths[0].name == f"{stamp}-start-otc-T0042.pdf"
    assert again.pdf_paths[0].name == f"{stamp}-start-otc-T0042-2.pdf"  # a reprint keeps both
    assert receipt.pdf_paths[0].name == f"{stamp}-handover-T0042.pdf"
    assert sorted(p.name for p in (tmp_path / "slips").iterdir()) == sorted(
        p.pdf_paths[0].name for p in (first, again, receipt)
    )
    assert first.pages == 0 and first.printer is None


def test_unwritable_pdf_folder(printers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    target = printers.PrintTarget(pdf_folder=blocker / "slips")
    with pytest.raises(PdfFolderError) as raised:
        printers.print_layout(START, target)
    assert "PDF" in str(raised.value) and str(blocker) in str(raised.value)
    assert isinstance(raised.value, ReturnsDeskError)


def test_no_printer_installed(printers, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(printers.QPrinterInfo, "availablePrinterNames", staticmethod(list))
    with pytest.raises(NoPrintersError, match="No printer is installed"):
        printers.print_layout(START, printers.PrintTarget(printer="Receipt 80"))


def test_unknown_printer_names_the_installed_ones(printers, installed) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PrinterNotFoundError) as raised:
        printers.print_layout(START, printers.PrintTarget(printer="Receipt 58"))
    text = str(raised.value)
    assert '"Receipt 58" is not installed' in text and "Receipt 80" in text
    assert printers.find_printer("receipt 80").printerName() == "Receipt 80"


def test_offline_printer(printers, installed) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PrinterUnavailableError, match="offline"):
        printers.print_layout(START, printers.PrintTarget(printer="Office Laser"))


def test_pdf_is_kept_when_the_paper_copy_fails(printers, installed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = printers.PrintTarget(printer="Office Laser", pdf_folder=tmp_path)
    with pytest.raises(PrinterUnavailableError, match="PDF was saved"):
        printers.print_layout(RECEIPT, target)
    assert len(list(tmp_path.glob("*-handover-T0042.pdf"))) == 1


def test_nothing_set_up_and_unknown_paper(printers) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PrintingError, match="No slip printer"):
        printers.print_layout(START, printers.PrintTarget())
    with pytest.raises(PaperSizeError, match="letter"):
        printers.print_layout(START, printers.PrintTarget(paper="letter", pdf_folder=Path(".")))


def test_driver_forms_are_found_by_name_or_key(printers) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPageSize

    forms = [QPageSize(QPageSize.PageSizeId.A4), QPageSize(QPageSize.PageSizeId.A6)]
    assert printers.find_form("a6", forms).id() == QPageSize.PageSizeId.A6
    assert printers.find_form(forms[0].name(), forms).id() == QPageSize.PageSizeId.A4
    with pytest.raises(PaperSizeError, match=re.escape("80(72) x 297")):
        printers.find_form("80(72) x 297", forms, "Receipt 80")


@needs_poppler
def test_printer_page_fitted_to_each_slip(printers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.printing.render_qt import render_printer

    printer = _pdf_printer(tmp_path / "p.pdf")
    pages = render_printer([START, RECEIPT], printer, get_paper("80mm"), dpi=203)
    assert pages == 2
    (w1, h1), (w2, h2) = pdf_page_sizes(tmp_path / "p.pdf")
    assert w1 == w2 == pytest.approx(80 * 72 / 25.4, abs=0.6) and h2 > h1
    found = decode_barcodes(tmp_path / "p.pdf", 203, tmp_path)
    assert found["Code128"] == {"T0042"} and len(found["QRCode"]) == 1


@needs_poppler
@pytest.mark.parametrize("custom_sizes", [True, False])
def test_driver_form_when_custom_sizes_are_refused(printers, tmp_path: Path, custom_sizes) -> None:  # type: ignore[no-untyped-def]
    """A named form (A6 here), or the driver's own page: slips continue on further pages."""
    from PySide6.QtGui import QPageSize

    from returns_desk.printing.render_qt import render_printer

    printer = _pdf_printer(tmp_path / "f.pdf")
    form = QPageSize(QPageSize.PageSizeId.A6) if custom_sizes else None
    if not custom_sizes:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))  # the driver's own choice
    pages = render_printer(
        [RECEIPT], printer, get_paper("80mm"), dpi=203, form=form, custom_sizes=custom_sizes
    )
    sizes = pdf_page_sizes(tmp_path / "f.pdf")
    assert pages == len(sizes) >= 2
    assert set(sizes) == {(297, 420)}  # A6 (105 x 148 mm) in points
    text = pdf_text(tmp_path / "f.pdf")
    assert all(code in text for code in sample_receipt(NOW).missing)


def test_printing_works_from_a_worker_thread(printers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The GUI prints in a QThreadPool job; QPainter on a PDF is fine off the GUI thread."""
    import threading

    results: list[object] = []
    target = printers.PrintTarget(paper="80mm", pdf_folder=tmp_path)
    worker = threading.Thread(target=lambda: results.append(printers.print_layout(RECEIPT, target)))
    worker.start()
    worker.join(30)
    assert len(results) == 1 and results[0].pdf_paths[0].stat().st_size > 1000  # type: ignore[attr-defined]
