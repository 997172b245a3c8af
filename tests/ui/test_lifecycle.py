"""Restart in the middle of scanning, and a shutdown that is quick, idempotent and complete."""

from __future__ import annotations

import time
from pathlib import Path

import msgspec

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

    slow = msgspec.structs.replace(FAST_TIMINGS, worker_min_wait_s=30.0, worker_max_wait_s=30.0)
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


def close_box(window) -> None:  # type: ignore[no-untyped-def]
    """The X in the title bar, or Alt+F4: the close event a window manager's close brings.

    The platform plugin hands the close to the native window (``windowHandle()``) as a
    spontaneous event, and Qt's widget window passes it on to the widget as a spontaneous
    close event unless ``QWindow.close()`` is under way; this sends it to the same window at
    the same point. (``windowHandle().close()`` is not the same: that is a close by code.)
    """
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(window.windowHandle(), QCloseEvent())


def test_the_close_box_with_a_handover_open_asks_like_ctrl_q(desk: Desk) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = desk.window
    scanning_fe(desk, "Ravi Kumar", parcels=2)
    loop = window.services.desk.loop
    assert loop is not None

    close_box(window)
    desk.wait(lambda: window.quit_box is not None and window.quit_box.isVisible())
    assert window.isVisible()
    box = window.quit_box
    assert box.windowTitle() == "Quit Returns Desk?"
    assert "1 handover open: Ravi Kumar." in box.text()
    assert box.defaultButton() is box.escapeButton()  # Stay
    close_box(window)  # a second click while it asks: still the one question
    assert window.quit_box is box
    QTest.keyClick(box, Qt.Key.Key_Escape)
    desk.wait(lambda: window.quit_box is None)
    assert window.isVisible()
    assert loop.is_alive()  # the desk goes on

    close_box(window)
    desk.wait(lambda: window.quit_box is not None and window.quit_box.isVisible())
    (leave,) = [b for b in window.quit_box.buttons() if b.text() == "&Quit"]
    leave.click()
    desk.wait(lambda: not window.isVisible())
    assert not loop.is_alive()  # shut down, not only hidden
    with Store.open(database_path(desk.folder), single_writer=True):
        pass


def test_the_close_box_with_no_handover_open_closes_at_once(desk: Desk) -> None:
    window = desk.window
    close_box(window)
    assert not window.isVisible()
    assert window.quit_box is None
    with Store.open(database_path(desk.folder), single_writer=True):  # shut down
        pass


def test_a_close_by_code_or_by_the_app_quitting_never_asks(desk: Desk) -> None:
    from PySide6.QtCore import SIGNAL
    from PySide6.QtWidgets import QApplication

    scanning_fe(desk, "Ravi Kumar", parcels=2)

    def reopen() -> None:
        desk.open()
        desk.wait_screen("scanning")  # Ravi Kumar's handover, open again

    desk.window.close()  # code (and pytest-qt's teardown)
    assert not desk.window.isVisible()
    assert desk.window.quit_box is None

    reopen()
    QApplication.closeAllWindows()  # what QApplication.quit() does first
    assert not desk.window.isVisible()
    assert desk.window.quit_box is None

    reopen()
    close_box(desk.window)  # the question is up when the app quits: both go
    desk.wait(lambda: desk.window.quit_box is not None)
    QApplication.closeAllWindows()
    desk.wait(lambda: desk.window.quit_box is None)
    assert not desk.window.isVisible()

    reopen()
    desk.window.shutdown()  # aboutToQuit (ui/app.py), also sent when Windows ends the session
    close_box(desk.window)
    assert not desk.window.isVisible()
    assert desk.window.quit_box is None

    # Log off: Qt asks for the data (commitDataRequest), and nothing may wait for a person.
    # The signal carries a QSessionManager, which Python cannot make, so it cannot be emitted
    # here: the window is seen to listen to it, and its slot is called as the signal would.
    app = QApplication.instance()
    request = SIGNAL("commitDataRequest(QSessionManager&)")
    before = app.receivers(request)
    reopen()
    assert app.receivers(request) == before + 1
    desk.window._on_session_ending()
    close_box(desk.window)
    assert not desk.window.isVisible()
    assert desk.window.quit_box is None
    assert app.receivers(request) == before  # let go at shutdown
