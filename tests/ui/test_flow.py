"""The whole handover through the window, against the sandbox: Start OTC, scanning, End OTC."""

from __future__ import annotations

import msgspec
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from returns_desk.api.states import TaskState
from returns_desk.workflow.reconcile import ParcelStatus
from tests.ui.conftest import Desk, scanning_fe


def test_one_fe_from_arrival_to_complete(desk: Desk) -> None:
    world, window = desk.sb.world, desk.window
    fe = world.arrive("LOC1", name="Ravi Kumar", lob="LARGE")

    # Start OTC: selected by itself, F2 makes the code, big digits and a countdown.
    desk.wait_screen("start")
    assert window.start_screen.header.name.text() == "Ravi Kumar"
    assert window.start_screen.header.lob.text() == "LARGE"
    desk.wait(window.desk_actions.generate_start.isEnabled)
    desk.press(Qt.Key.Key_F2)
    desk.wait(lambda: desk.view().start_code is not None)
    otc = world.start_otc_for(fe.fe_id)
    desk.wait(lambda: window.start_screen.code.code == otc)
    assert window.start_screen.countdown.text().startswith(("Valid for 10:00", "Valid for 9:5"))
    assert not window.desk_actions.generate_start.isEnabled()  # a valid code is not regenerated

    # The FE enters it: the screen moves on by itself.
    world.validate_start_otc(fe.fe_id, otc)
    desk.wait_screen("scanning")
    ids = world.scan(fe.fe_id, 30)
    sid = desk.view().session_id
    model = desk.controller.models[sid]
    desk.wait(lambda: desk.view().counts.fe_scanned == 30 and model.rowCount() == 30)
    assert window.scanning.counters["waiting"].value.text() == "30"

    # Scanner bursts: matched, each within one event.
    for tid in ids[:27]:
        desk.scan(tid)
        assert window.scanning.banner.kind == "matched"
        assert window.scanning.banner.code.text() == tid
    assert window.scanning.counters["matched"].value.text() == "27"
    assert window.scanning.counters["waiting"].value.text() == "3"
    assert model.status_of(ids[0]) is ParcelStatus.MATCHED
    assert desk.sounds == ["matched"] * 27

    # A double read of the same label is ignored; a later re-scan is a duplicate.
    desk.scan(ids[26])
    assert desk.sounds[-1] == "matched" and len(desk.sounds) == 27
    desk.clock.advance_ms(2000)
    desk.scan(ids[26])
    assert window.scanning.banner.kind == "duplicate"
    assert "Verified at" in window.scanning.banner.detail.text()
    assert desk.sounds[-1] == "duplicate"

    desk.scan("FMPC9999999999")
    assert window.scanning.banner.kind == "not_yet_reported"
    assert desk.sounds[-1] == "unexpected"
    desk.scan("OD225674723130604000")
    assert window.scanning.banner.kind == "wrong_label"
    assert desk.sounds[-1] == "error"
    assert window.scanning.counters["unexpected"].value.text() == "1"

    # A label that will not scan: typed by hand into the manual field.
    window.scanning.focus_manual()
    desk.type(ids[27].lower())
    desk.wait(lambda: window.scanning.banner.code.text() == ids[27])
    assert window.scanning.banner.kind == "matched"
    assert window.scanning.counters["matched"].value.text() == "28"

    # The FE finishes: End OTC screen; with discrepancies the first F8 only warns.
    world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    desk.wait(window.desk_actions.end_otc.isEnabled)
    desk.press(Qt.Key.Key_F8)
    assert desk.controller.armed == sid
    assert "F8 again" in window.end_screen.code_hint.text()
    assert window.end_screen.banner.kind == "armed"
    assert not [e for e in desk.sb.requests_log if "/otc/end" in e[1]]
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view().end is not None)
    end_otc = desk.view().end.otc  # type: ignore[union-attr]
    desk.wait(lambda: window.end_screen.code.code == end_otc)
    assert window.end_screen.api["total"].text() == "30"
    assert window.end_screen.dock["matched"].text() == "28"
    assert window.end_screen.dock["missing"].text() == "2"
    assert window.end_screen.dock["unexpected"].text() == "1"
    assert "equals" in window.end_screen.agreement.text()

    # Every discrepancy by tracking id.
    table = window.end_screen.discrepancies
    desk.wait(lambda: table.rowCount() == 3)
    rows = {table.index(r, 0).data(): table.index(r, 1).data() for r in range(3)}
    assert rows == {
        ids[28]: "Missing at dock",
        ids[29]: "Missing at dock",
        "FMPC9999999999": "Unexpected at dock",
    }

    # Mark complete; the screen stays on End OTC, nothing more to do.
    desk.wait(window.desk_actions.complete.isEnabled)
    desk.press(Qt.Key.Key_F10)
    desk.wait(lambda: desk.view().state is TaskState.COMPLETED)
    desk.wait(lambda: not window.desk_actions.complete.isEnabled())
    assert window.current_screen() == "end"
    assert QApplication.activeModalWidget() is None


def test_the_screen_never_goes_back_from_end_otc(desk: Desk) -> None:
    fe, _ = scanning_fe(desk, parcels=2)
    desk.sb.world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    view = desk.view()
    # Even if a view said "scanning" again, the window stays on End OTC.
    desk.controller.views[view.session_id] = msgspec.structs.replace(
        view, state=TaskState.SCANNING, end=None
    )
    desk.window.show_selected()
    assert desk.window.current_screen() == "end"


def test_human_typing_in_a_field_is_not_a_scan(desk: Desk) -> None:
    _fe, ids = scanning_fe(desk, parcels=3)
    window = desk.window
    filter_field = window.scanning.text_filter
    filter_field.setFocus()
    desk.type(ids[0][:8], gap_ms=140, enter=False)
    desk.wait(lambda: filter_field.text() == ids[0][:8])
    # A fast typist (gaps under the maximum, mean over the threshold) and Enter: still typing.
    filter_field.clear()
    desk.type("FMPC12345678", gap_ms=55, enter=True)
    assert filter_field.text() == "FMPC12345678"
    assert desk.sounds == []  # nothing was recorded or refused
    assert desk.view().counts.dock_scanned == 0
    # A scan while the filter field has focus goes to the handover, not into the field.
    desk.scan(ids[1])
    assert filter_field.text() == "FMPC12345678"
    assert window.scanning.banner.kind == "matched"
    assert desk.view().counts.dock_scanned == 1


def test_two_fes_large_and_nonlarge_are_told_apart(desk: Desk) -> None:
    large, large_ids = scanning_fe(desk, "Ravi Kumar", 2, lob="LARGE")
    small, _small_ids = scanning_fe(desk, "Asha Rao", 2, lob="NONLARGE")
    window = desk.window
    assert window.scanning.header.lob.text() == "NON-LARGE"
    assert window.scanning.header.lob.property("lob") == "NON_LARGE"
    # A LARGE parcel scanned on the NON-LARGE handover is not a match there.
    desk.scan(large_ids[0])
    assert window.scanning.banner.kind == "not_yet_reported"
    desk.press(Qt.Key.Key_F6)  # next FE
    desk.wait(lambda: desk.view().fe_id == large.fe_id)
    assert window.scanning.header.lob.text() == "LARGE"
    assert window.scanning.banner.kind == "ready"  # each handover its own banner
    desk.scan(large_ids[1])
    assert window.scanning.banner.kind == "matched"
    assert desk.view(small.fe_id).counts.dock_scanned == 1
    assert desk.view(large.fe_id).counts.matched == 1


def test_a_scan_with_nobody_scanning_is_refused_calmly(desk: Desk) -> None:
    desk.sb.world.arrive("LOC1", name="Ravi Kumar")
    desk.wait_screen("start")
    desk.scan("FMPC0000000001")
    assert desk.sounds == ["error"]
    assert desk.window.notice.level == "error"
    assert "NOT RECORDED" in desk.window.notice.text.text()
    assert QApplication.activeModalWidget() is None
