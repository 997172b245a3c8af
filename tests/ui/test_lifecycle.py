"""Restart in the middle of scanning, and a shutdown that is quick, idempotent and complete."""

from __future__ import annotations

import time
from pathlib import Path

from returns_desk.store import Store, database_path
from returns_desk.workflow.reconcile import ParcelStatus
from tests.ui.conftest import FAST_TIMINGS, Desk, scanning_fe


def test_restart_in_the_middle_of_scanning_comes_back_the_same(desk: Desk) -> None:
    fe, ids = scanning_fe(desk, parcels=20)
    for tid in ids[:8]:
        desk.scan(tid)
    desk.scan("FMPC9999999999")
    before = desk.view().counts
    assert (before.matched, before.waiting, before.not_yet_reported) == (8, 12, 1)

    # Restart while the marketplace cannot be reached: only the local record is there.
    desk.sb.set_faults(error_rate=1.0, error_statuses=(503,))
    desk.restart()
    window = desk.window
    desk.wait_screen("scanning")
    assert desk.view().fe_id == fe.fe_id
    assert desk.view().counts == before
    assert window.scanning.counters["matched"].value.text() == "8"
    assert window.scanning.counters["waiting"].value.text() == "12"
    assert "not listed" in window.scanning.header.meta.text()
    model = desk.controller.models[desk.view().session_id]
    desk.wait(lambda: model.rowCount() == 21)
    assert model.status_of(ids[0]) is ParcelStatus.MATCHED
    assert model.status_of("FMPC9999999999") is ParcelStatus.NOT_YET_REPORTED

    # Scanning goes on where it stopped; the record knows the earlier scans.
    desk.clock.advance_ms(5000)
    desk.scan(ids[0])
    assert window.scanning.banner.kind == "duplicate"
    desk.scan(ids[8])
    assert window.scanning.banner.kind == "matched"
    desk.sb.set_faults(error_rate=0.0)
    desk.wait(lambda: desk.view().present)
    assert desk.view().counts.matched == 9


def test_shutdown_is_quick_idempotent_and_releases_the_folder(
    qtbot, sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    slow = replace(FAST_TIMINGS, worker_min_wait_s=30.0, worker_max_wait_s=30.0)
    desk = Desk(qtbot, sandbox, tmp_path, timings=slow)
    scanning_fe(desk, parcels=3)
    loop = desk.window.services.desk.loop
    assert loop is not None and loop.is_alive()
    started = time.monotonic()
    desk.window.close()  # closeEvent -> shutdown
    desk.window.shutdown()  # again: nothing happens
    assert time.monotonic() - started < 1.0
    assert not loop.is_alive()
    assert desk.window.services.jobs.active() == 0
    with Store.open(database_path(tmp_path), single_writer=True):  # the lock is free again
        pass
    assert not desk.window.scanner.watches(desk.window.windowHandle())


def test_ctrl_q_with_a_handover_open_asks_and_stay_is_the_default_of_enter_and_esc(
    desk: Desk,
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = desk.window
    scanning_fe(desk, "Ravi Kumar", parcels=2)

    def ctrl_q() -> None:
        window.activateWindow()  # back in front once the question has gone
        desk.wait(window.isActiveWindow)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        desk.wait(lambda: window.quit_box is not None and window.quit_box.isVisible())

    ctrl_q()
    box = window.quit_box
    assert "1 handover open: Ravi Kumar." in box.text()
    assert box.defaultButton() is box.escapeButton()  # Stay
    QTest.keyClick(box, Qt.Key.Key_Return)  # a stray Enter: the desk stays
    desk.wait(lambda: window.quit_box is None)
    assert window.isVisible()

    ctrl_q()
    QTest.keyClick(window.quit_box, Qt.Key.Key_Escape)
    desk.wait(lambda: window.quit_box is None)
    assert window.isVisible()

    ctrl_q()
    (leave,) = [b for b in window.quit_box.buttons() if b.text() == "&Quit"]
    leave.click()  # only the Quit button quits
    desk.wait(lambda: not window.isVisible())


def test_ctrl_q_with_no_handover_open_quits_at_once(desk: Desk) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = desk.window
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    desk.wait(lambda: not window.isVisible())
    assert window.quit_box is None
