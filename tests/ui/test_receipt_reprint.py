"""A reprint is the same receipt: the live print and the history's reprint say the same.

The handover is run through the real window (F8, F9, F10, Ctrl+H, F9); the slips are PDFs
read back with pdftotext. The End OTC is put five minutes back in the record before the
first print, as when a receipt is printed a while after the code came and the handover is
marked complete later still: the "Ended" time must not follow the completion.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from returns_desk.sandbox.server import Sandbox
from returns_desk.store import CodeKind, database_path
from tests.printing.conftest import needs_poppler, pdf_text
from tests.ui.conftest import printing_desk, scanning_fe


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@needs_poppler
def test_the_reprint_from_the_history_is_the_live_receipt_marked_reprint(
    qtbot,
    sandbox: Sandbox,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    pdfs = tmp_path / "slips"
    desk = printing_desk(qtbot, sandbox, tmp_path, pdf_dir=str(pdfs))
    try:
        window = desk.window
        fe, ids = scanning_fe(desk, parcels=2)
        desk.scan(ids[0])
        sandbox.world.finish_scanning(fe.fe_id)
        desk.wait_screen("end")
        desk.wait(window.desk_actions.end_otc.isEnabled)
        desk.press(Qt.Key.Key_F8)
        desk.press(Qt.Key.Key_F8)
        desk.wait(lambda: desk.view().end is not None)
        sid = desk.view().session_id
        with sqlite3.connect(database_path(desk.folder)) as db:  # the code came 5 minutes ago
            moved = db.execute(
                "UPDATE codes SET received_at = received_at - 300000 WHERE session_id = ? "
                "AND kind = ?",
                (sid, CodeKind.END.value),
            )
            assert moved.rowcount == 1
        window._on_tick_timeout()
        desk.press(Qt.Key.Key_F9)
        desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 1)
        live = _lines(pdf_text(next(pdfs.glob("*.pdf"))))
        store = window.services.store
        desk.wait(lambda: store.codes(sid)[-1].printed_at is not None)
        desk.wait(window.desk_actions.complete.isEnabled)
        desk.press(Qt.Key.Key_F10)
        desk.wait(lambda: store.session(sid).closed_at is not None)

        window.activateWindow()
        desk.wait(window.isActiveWindow)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        desk.wait(lambda: window.slips.history_dialog is not None)
        dialog = window.slips.history_dialog
        desk.wait(lambda: dialog.model.rowCount() == 1)
        desk.wait(dialog.isActiveWindow)
        QTest.keyClick(dialog.find_field, Qt.Key.Key_Down)
        desk.wait(lambda: dialog.reprint_button.text().startswith("Reprint"))
        QTest.keyClick(dialog, Qt.Key.Key_F9)
        desk.wait(lambda: len(list(pdfs.glob("*.pdf"))) == 2)
        (copy,) = [p for p in pdfs.glob("*.pdf") if p.name.endswith("-reprint.pdf")]
        again = _lines(pdf_text(copy))
        ended = [line for line in live if line.startswith("Ended")]
        assert ended and ended == [line for line in again if line.startswith("Ended")]
        assert any("REPRINT" in line for line in again)
        assert not any("REPRINT" in line for line in live)
        differ = {line for line in again if line not in live}
        assert all("REPRINT" in line or "printed" in line.lower() for line in differ), differ
    finally:
        desk.close()
