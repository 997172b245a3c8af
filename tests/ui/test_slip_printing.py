"""F9 prints the selected handover's slip; with a PDF folder every slip is kept as a PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt

from returns_desk.sandbox.server import Sandbox
from tests.ui.conftest import generate_start_otc, printing_desk


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_f9_saves_the_start_slip_and_the_handover_receipt(
    qtbot, sandbox: Sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pdfs = tmp_path / "slips"
    pdfs.mkdir()
    desk = printing_desk(qtbot, sandbox, tmp_path, pdf_dir=str(pdfs))
    try:
        window = desk.window
        fe = generate_start_otc(desk)
        assert window.desk_actions.print_slip.isEnabled()
        desk.press(Qt.Key.Key_F9)
        desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 1)
        start_text = pdf_text(next(pdfs.glob("*.pdf")))
        assert sandbox.world.start_otc_for(fe.fe_id) in start_text.replace(" ", "")
        assert "Ravi Kumar" in start_text and fe.task_id in start_text

        sandbox.world.validate_start_otc(fe.fe_id)
        ids = sandbox.world.scan(fe.fe_id, 2)
        desk.wait_screen("scanning")
        desk.wait(lambda: desk.view().counts.fe_scanned == 2)
        desk.scan(ids[0])
        sandbox.world.finish_scanning(fe.fe_id)
        desk.wait_screen("end")
        desk.wait(window.desk_actions.end_otc.isEnabled)
        desk.press(Qt.Key.Key_F8)
        desk.press(Qt.Key.Key_F8)
        desk.wait(lambda: desk.view().end is not None)
        window._on_tick_timeout()
        desk.press(Qt.Key.Key_F9)
        desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 2)
        (receipt,) = [p for p in pdfs.glob("*.pdf") if pdf_text(p) != start_text]
        text = pdf_text(receipt)
        assert desk.view().end.otc in text.replace(" ", "")  # type: ignore[union-attr]
        assert ids[1] in text  # the parcel missing at the dock, by tracking id
        codes = desk.window.services.store.codes(desk.view().session_id)
        desk.wait(
            lambda: all(
                c.printed_at is not None
                for c in desk.window.services.store.codes(desk.view().session_id)
            )
        )
        assert len(codes) == 2
    finally:
        desk.close()


def test_f9_again_prints_a_reprint_and_keeps_the_originals_time(
    qtbot, sandbox: Sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.printing.slips import format_time
    from returns_desk.store import CodeKind

    pdfs = tmp_path / "slips"
    desk = printing_desk(qtbot, sandbox, tmp_path, pdf_dir=str(pdfs))
    try:
        window = desk.window
        generate_start_otc(desk)
        window._on_tick_timeout()
        desk.press(Qt.Key.Key_F9)
        desk.press(Qt.Key.Key_F9)  # at once: the second is a reprint even before the first ends
        desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 2)
        store, sid = window.services.store, desk.view().session_id
        desk.wait(lambda: len(store.events(sid)) >= 2 and store.codes(sid)[-1].printed_at)
        original = store.codes(sid, CodeKind.START)[-1].printed_at
        assert original is not None
        texts = {p.name: pdf_text(p) for p in pdfs.glob("*.pdf")}
        (copy,) = [name for name in texts if name.endswith("-reprint.pdf")]
        (first,) = [name for name in texts if name != copy]
        assert "REPRINT" not in texts[first]
        assert "REPRINT" in texts[copy] and format_time(original) in texts[copy]
        kinds = sorted(e.kind for e in store.events(sid) if e.kind.startswith("slip_"))
        assert kinds == ["slip_printed", "slip_reprinted"]
    finally:
        desk.close()
