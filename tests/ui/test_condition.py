"""The clerk marks a scanned parcel's condition in one key and adds a remark, by keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from returns_desk.api.states import TaskState
from returns_desk.sandbox.server import Sandbox
from returns_desk.store.models import Condition
from tests.ui.conftest import Desk, printing_desk, scanning_fe
from tests.ui.test_slip_printing import pdf_text


def ctrl(desk: Desk, key: Qt.Key) -> None:
    QTest.keyClick(desk.window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)


def condition_cell(desk: Desk, code: str) -> str:
    model = desk.controller.models[desk.view().session_id]
    return model.index(model.codes().index(code), 4).data()


def test_condition_keys_remark_end_otc_list_and_refusal_after_completion(desk: Desk) -> None:
    window, world = desk.window, desk.sb.world
    fe, ids = scanning_fe(desk, parcels=3)
    sid = desk.view().session_id

    # Nothing scanned or selected yet: the key says what to do, nothing is stored.
    ctrl(desk, Qt.Key.Key_2)
    assert "Scan or select a parcel first" in window.notice.text.text()

    desk.scan(ids[0])
    assert condition_cell(desk, ids[0]) == ""  # good, no remark: an empty cell
    ctrl(desk, Qt.Key.Key_2)
    assert condition_cell(desk, ids[0]) == "Damaged"
    assert "Damaged" in window.notice.text.text()
    assert desk.window.services.store.noted(sid)[0].condition is Condition.DAMAGED

    # F7: the remark field, typed by hand (not a scan), Enter keeps it with the condition.
    desk.press(Qt.Key.Key_F7)
    assert window.scanning.remark.hasFocus()
    desk.type("box crushed")
    desk.wait(lambda: condition_cell(desk, ids[0]) == "Damaged · box crushed")
    assert not window.scanning.remark.hasFocus() and window.scanning.remark.text() == ""

    # The next scan selects its own row; a wrong key is put right.
    desk.scan(ids[1])
    ctrl(desk, Qt.Key.Key_5)
    assert condition_cell(desk, ids[1]) == "Wet"
    ctrl(desk, Qt.Key.Key_1)
    assert condition_cell(desk, ids[1]) == ""
    noted = desk.window.services.store.noted(sid)
    assert [(s.code, s.condition, s.remark) for s in noted] == [
        (ids[0], Condition.DAMAGED, "box crushed")
    ]

    # End OTC: the noted parcel is listed before the code is given.
    world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    title = window.end_screen.discrepancy_title
    desk.wait(lambda: "noted: 1 (on the receipt)" in title.text())
    assert f"{ids[0]}: Damaged · box crushed" in title.toolTip()
    table = window.end_screen.discrepancies  # the noted parcel beside the missing one
    listed = {table.index(r, 0).data(): table.index(r, 4).data() for r in range(table.rowCount())}
    assert listed == {ids[0]: "Damaged · box crushed", ids[2]: ""}
    desk.wait(window.desk_actions.end_otc.isEnabled)
    desk.press(Qt.Key.Key_F8)
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view().end is not None)
    world.verify_end_otc(fe.fe_id)
    desk.wait(window.desk_actions.complete.isEnabled)
    desk.press(Qt.Key.Key_F10)
    desk.wait(lambda: desk.view().state is TaskState.COMPLETED)

    # Completed: the record is final, the key is refused with the reason.
    table = window.end_screen.table
    table.setCurrentIndex(table.model().index(0, 0))
    ctrl(desk, Qt.Key.Key_3)
    assert "completed" in window.notice.text.text()
    assert desk.window.services.store.noted(sid)[0].condition is Condition.DAMAGED


def test_the_receipt_lists_the_noted_parcels_with_the_fes_signature(
    qtbot, sandbox: Sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pdfs = tmp_path / "slips"
    desk = printing_desk(qtbot, sandbox, tmp_path, pdf_dir=str(pdfs))
    try:
        window, world = desk.window, desk.sb.world
        fe, ids = scanning_fe(desk, parcels=3)
        for tid in ids:
            desk.scan(tid)
        ctrl(desk, Qt.Key.Key_3)  # the last scanned: tampered or open
        desk.press(Qt.Key.Key_F7)
        desk.type("seal cut")
        desk.wait(lambda: condition_cell(desk, ids[2]) == "Tampered or open · seal cut")
        world.finish_scanning(fe.fe_id)
        desk.wait_screen("end")
        desk.wait(window.desk_actions.end_otc.isEnabled)
        desk.press(Qt.Key.Key_F8)
        desk.wait(lambda: desk.view().end is not None)
        window._on_tick_timeout()
        desk.press(Qt.Key.Key_F9)
        desk.wait(lambda: len(list(pdfs.glob("*handover*.pdf"))) == 1)
        text = pdf_text(next(pdfs.glob("*handover*.pdf")))
        assert "Parcels noted at handover (1)" in text
        squeezed = "".join(text.split())  # the roll is narrow: the value wraps
        assert f"{ids[2]}Tamperedoropen-sealcut" in squeezed
        assert "Fieldexecutivesignature,alsofortheparcelsnoted:RaviKumar" in squeezed
        assert ids[0] not in text  # fine parcels are not listed
    finally:
        desk.close()


def test_a_late_scan_on_the_end_otc_screen_is_the_parcel_the_keys_mark(desk: Desk) -> None:
    # The End OTC table lists the discrepancies and the parcels noted: a parcel found late
    # that matches is not listed, yet Ctrl+2 right after its scan marks it, not a row the
    # clerk selected before.
    window, world = desk.window, desk.sb.world
    fe, ids = scanning_fe(desk, parcels=3)
    sid = desk.view().session_id
    desk.scan(ids[0])
    world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    table = window.end_screen.table
    desk.wait(lambda: table.model().rowCount() == 2)  # the two not scanned yet
    listed = [table.model().index(r, 0).data() for r in range(2)]
    table.selectRow(listed.index(ids[2]))  # the clerk looked at another missing parcel

    desk.scan(ids[1])  # found late: matched, so no longer listed
    desk.wait(lambda: desk.view().counts.matched == 2)
    assert window.end_screen.banner.title.text() == "MATCHED"
    assert not table.selectionModel().hasSelection()
    ctrl(desk, Qt.Key.Key_2)
    assert "Damaged" in window.notice.text.text()
    noted = {s.code: s.condition for s in desk.window.services.store.noted(sid)}
    assert noted == {ids[1]: Condition.DAMAGED}  # the late scan, not the row selected before
    desk.wait(lambda: "noted: 1" in window.end_screen.discrepancy_title.text())

    # a code that is no parcel's is listed, and has no condition: the keys say so, in the
    # clerk's words (the code, not the database file), and nothing is marked
    desk.scan("NOT-A-TRACKING-ID")
    ctrl(desk, Qt.Key.Key_3)
    notice = window.notice.text.text()
    assert "not scanned at the dock" in notice and "(NOT-A-TRACKING-ID)" in notice
    assert ".sqlite3" not in notice
    assert {s.code for s in desk.window.services.store.noted(sid)} == {ids[1]}
