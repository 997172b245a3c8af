"""Print preview: the slip as it will print at each paper, Enter/F9 prints, Esc closes.

The pages come from the printing module's renderer through the real job pool; Shift+F9 on
the real window previews the selected handover, and Print writes the PDF folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from returns_desk.printing.errors import NothingToPrintError
from returns_desk.printing.layout import Layout
from returns_desk.printing.paper import get_paper
from returns_desk.printing.samples import sample_receipt, sample_start_slip
from returns_desk.printing.slips import (
    build_handover_receipt,
    build_start_otc_slip,
    format_time,
    receipt_summary,
)
from returns_desk.sandbox.server import Sandbox
from returns_desk.store import CodeKind
from returns_desk.ui.slip_preview import SlipPreviewDialog
from returns_desk.ui.workers import JobRunner
from tests.printing.conftest import NOW, needs_poppler, squash
from tests.printing.test_render_images import ink_columns
from tests.ui.conftest import generate_start_otc, printing_desk
from tests.ui.test_slip_printing import pdf_text


@pytest.fixture
def jobs(qapp) -> Iterator[JobRunner]:  # type: ignore[no-untyped-def]
    runner = JobRunner(1)
    yield runner
    runner.close()


def open_preview(
    qtbot,  # type: ignore[no-untyped-def]
    jobs: JobRunner,
    make: Callable[[], Layout],
    paper: str = "80mm",
    printed: list[Layout] | None = None,
    reprint: bool = False,
) -> SlipPreviewDialog:
    dialog = SlipPreviewDialog(
        jobs,
        make=make,
        paper=get_paper(paper),
        reprint=reprint,
        print_=(printed if printed is not None else []).append,
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ready, timeout=5000):
        dialog.open()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def decode_qr(image, tmp_path: Path) -> set[str]:  # type: ignore[no-untyped-def]
    import zxingcpp
    from PIL import Image

    path = tmp_path / "page.png"
    image.save(str(path))
    with Image.open(path) as png:
        return {r.text for r in zxingcpp.read_barcodes(png.convert("L"))}


@pytest.mark.parametrize("paper_name", ["58mm", "80mm", "a4"])
def test_the_preview_shows_the_receipt_at_the_papers_width(
    qtbot,  # type: ignore[no-untyped-def]
    jobs: JobRunner,
    tmp_path: Path,
    paper_name: str,
) -> None:
    from returns_desk.printing.render_qt import mm_to_dots

    receipt = sample_receipt(NOW, missing_count=30)
    dialog = open_preview(qtbot, jobs, lambda: build_handover_receipt(receipt), paper_name)
    paper = get_paper(paper_name)
    dots = paper.pdf_dpi
    page = dialog.pages[0]
    assert page.width() == mm_to_dots(paper.width_mm, dots)  # the whole paper, one pixel a dot
    column = mm_to_dots(paper.printable_width_mm, dots)
    margin = (page.width() - column) // 2
    left, right = ink_columns(page)
    assert margin - 1 <= left and right <= margin + column  # nothing outside the printed column
    shown = dialog.page_labels[0].pixmap()
    assert shown.width() == round(page.width() * dialog.scale)
    assert dialog.scale == (1.0 if paper.is_roll else pytest.approx(900 / page.width()))
    assert "Handover receipt" in dialog.summary.text() and "T0042" in dialog.summary.text()
    assert not dialog.reprint_flag.isVisible()
    assert receipt_summary(receipt) in decode_qr(page, tmp_path)  # the very slip, QR and all
    assert dialog.print_button.isEnabled() and dialog.print_button.isDefault()


def test_a_long_receipt_scrolls(qtbot, jobs: JobRunner) -> None:  # type: ignore[no-untyped-def]
    receipt = sample_receipt(NOW, missing_count=400)
    dialog = open_preview(qtbot, jobs, lambda: build_handover_receipt(receipt), "58mm")
    bar = dialog.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    dialog.scroll_area.setFocus()
    QTest.keyClick(dialog.scroll_area, Qt.Key.Key_PageDown)
    assert bar.value() > 0


def test_esc_closes_without_printing(qtbot, jobs: JobRunner) -> None:  # type: ignore[no-untyped-def]
    printed: list[Layout] = []
    slip = build_start_otc_slip(sample_start_slip(NOW))
    dialog = open_preview(qtbot, jobs, lambda: slip, printed=printed)
    assert "Start OTC slip" in dialog.summary.text()
    with qtbot.waitSignal(dialog.finished) as closed:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert closed.args == [QDialog.DialogCode.Rejected.value] and printed == []


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_F9])
def test_enter_or_f9_prints_the_previewed_slip(qtbot, jobs: JobRunner, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    printed: list[Layout] = []
    slip = build_start_otc_slip(sample_start_slip(NOW))
    dialog = open_preview(qtbot, jobs, lambda: slip, printed=printed)
    with qtbot.waitSignal(dialog.finished) as closed:
        QTest.keyClick(dialog.focusWidget() or dialog, key)
    assert closed.args == [QDialog.DialogCode.Accepted.value]
    assert printed == [slip]


def test_a_slip_that_cannot_be_made_says_why(qtbot, jobs: JobRunner) -> None:  # type: ignore[no-untyped-def]
    def make() -> Layout:
        raise NothingToPrintError("session 7")

    dialog = SlipPreviewDialog(
        jobs, make=make, paper=get_paper("80mm"), reprint=False, print_=lambda layout: None
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=5000) as failed:
        dialog.open()
    assert "no slip to print" in failed.args[0]
    assert dialog.status.isVisible() and "no slip to print" in dialog.status.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()


@needs_poppler
def test_save_as_pdf_writes_the_previewed_slip(qtbot, jobs: JobRunner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    slip = build_handover_receipt(sample_receipt(NOW))
    dialog = open_preview(qtbot, jobs, lambda: slip, "58mm")
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.file_dialog is not None and dialog.file_dialog.isVisible())
    target = tmp_path / "copy.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.file_dialog.selectFile(str(target))  # type: ignore[union-attr]
        dialog.file_dialog.accept()  # type: ignore[union-attr]
    assert saved.args == [str(target)] and "Saved as PDF" in dialog.status.text()
    assert "739204" in squash(pdf_text(target))


# --- Shift+F9 on the real window ------------------------------------------------------


@needs_poppler
def test_shift_f9_previews_the_handovers_slip_and_print_writes_the_pdf_folder(
    qtbot,  # type: ignore[no-untyped-def]
    sandbox: Sandbox,
    tmp_path: Path,
) -> None:
    pdfs = tmp_path / "slips"
    desk = printing_desk(qtbot, sandbox, tmp_path, pdf_dir=str(pdfs), paper="58mm")
    try:
        window, slips = desk.window, desk.window.slips
        fe = generate_start_otc(desk)
        assert window.desk_actions.print_preview.isEnabled()

        def preview() -> SlipPreviewDialog:
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
            QTest.keyClick(window.windowHandle(), Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
            desk.wait(lambda: slips.preview_dialog is not None and slips.preview_dialog.pages)
            dialog = slips.preview_dialog
            qtbot.waitUntil(dialog.isActiveWindow)
            return dialog

        dialog = preview()
        otc = sandbox.world.start_otc_for(fe.fe_id)
        assert "Start OTC slip" in dialog.summary.text() and fe.task_id in dialog.summary.text()
        assert not dialog.reprint_flag.isVisible()
        QTest.keyClick(dialog, Qt.Key.Key_Return)
        desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 1)
        (first,) = pdfs.glob("*.pdf")
        text = pdf_text(first)
        assert otc in squash(text) and "Ravi Kumar" in text and "REPRINT" not in text
        sid = desk.view().session_id
        store = window.services.store
        desk.wait(lambda: store.codes(sid, CodeKind.START)[-1].printed_at is not None)
        original = store.codes(sid, CodeKind.START)[-1].printed_at
        desk.wait(lambda: "Slip saved as PDF" in window.notice.text.text())

        dialog = preview()  # printed once already: this one is a reprint
        assert dialog.reprint_flag.isVisible()
        QTest.keyClick(dialog, Qt.Key.Key_F9)
        desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 2)
        (copy,) = [p for p in pdfs.glob("*.pdf") if p != first]
        assert copy.stem.endswith("-reprint")
        text = squash(pdf_text(copy))
        assert squash(f"original printed {format_time(original)}") in text  # type: ignore[arg-type]
        assert "REPRINT" in text and otc in text
        desk.wait(lambda: store.events(sid, kind="slip_reprinted"))
        assert store.codes(sid, CodeKind.START)[-1].printed_at == original  # the original's time
        desk.wait(lambda: "Reprint saved as PDF" in window.notice.text.text())
    finally:
        desk.close()
