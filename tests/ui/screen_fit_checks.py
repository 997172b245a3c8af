"""Every window and dialog inside a screen of a given size (run by ``test_screen_fit.py``).

Not collected on its own: ``test_screen_fit.py`` runs this file in a fresh Python whose
offscreen screen is that size (``QT_QPA_PLATFORM=offscreen:configfile=...``), because a
process has one screen geometry. Each check opens the real window or dialog as the app
does and asserts that it lies inside the available area, that its smallest size fits, and
that every button the clerk or the admin needs is inside it (none cut off or off-screen).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QScrollArea,
    QWidget,
)

from returns_desk.settings import Settings
from returns_desk.ui.fit import BORDER_PX, TITLE_BAR_PX
from tests.ui.conftest import Desk, scanning_fe

SCREEN = os.environ.get("RETURNS_DESK_FIT_SCREEN", "")
pytestmark = pytest.mark.skipif(not SCREEN, reason="run by test_screen_fit.py on a screen")
LONG_NOTICE = (
    "The marketplace could not be reached (connection refused). Scans are saved on this "
    "terminal; the next try is in 30 s. If this goes on, check the network cable and the proxy "
    "settings, or call IT support."
)


def generate_start_otc(desk: Desk) -> None:
    """An FE at the Start OTC with the code on screen (the action, as F2 does)."""
    desk.sb.world.arrive("LOC1", name="Ravi Kumar")
    desk.wait_screen("start")
    desk.wait(desk.window.desk_actions.generate_start.isEnabled)
    desk.window.desk_actions.generate_start.trigger()
    desk.wait(lambda: desk.view().start_code is not None)
    desk.window._on_tick_timeout()


def area() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def _scrolled(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QScrollArea, QAbstractItemView)):
            return True
        parent = parent.parentWidget()
    return False


def assert_fits(window: QWidget) -> None:
    QApplication.processEvents()
    screen = area()
    assert f"{screen.width()}x{screen.height()}" == SCREEN
    name = type(window).__name__
    assert screen.contains(window.geometry()), (name, window.geometry(), screen)
    hint = window.minimumSizeHint()
    assert hint.width() <= screen.width(), (name, hint)
    assert hint.height() <= screen.height() - TITLE_BAR_PX - BORDER_PX, (name, hint)
    inside = window.rect()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _scrolled(button):
            continue
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert inside.contains(rect), (name, button.text(), rect, inside)
        assert button.width() >= min(button.sizeHint().width(), 120), (name, button.text())


@pytest.fixture(autouse=True)
def dock_style(qapp) -> None:  # type: ignore[no-untyped-def]
    """The app's style sheet and fonts, as ``run_app`` applies them: they set the sizes."""
    from returns_desk.ui.theme import apply_theme

    apply_theme(qapp)


@pytest.fixture
def shown_desk(desk: Desk) -> Desk:
    desk.window.pane.show_transient("error", LONG_NOTICE)  # the message bar, two lines
    desk.window.caps_warning.show()
    return desk


def test_the_dock_window_on_every_screen(shown_desk: Desk) -> None:
    desk, window = shown_desk, shown_desk.window
    generate_start_otc(desk)
    assert_fits(window)
    fe, ids = scanning_fe(desk, name="Anita Rao", parcels=3, lob="NON_LARGE")
    window.pane.show_transient("error", LONG_NOTICE)
    desk.scan(ids[0])
    assert_fits(window)
    for bar in (window.statusBar(), window.scanning.banner, window.notice):
        rect = QRect(bar.mapTo(window, QPoint(0, 0)), bar.size())
        assert window.rect().contains(rect) and bar.isVisible()
    window.caps_warning.show()  # the scans above were in capitals: it went away
    QApplication.processEvents()
    for label in (window.where, window.caps_warning, window.last_refresh):  # none cut
        assert label.isVisible() and label.width() >= label.sizeHint().width(), label.text()
    desk.sb.world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    window._on_tick_timeout()
    assert_fits(window)
    a = window.desk_actions
    for action in (a.end_otc, a.print_slip, a.complete):
        buttons = [
            b for b in window.end_screen.findChildren(QAbstractButton)
            if getattr(b, "action", None) is action and b.isVisibleTo(window)
        ]  # fmt: skip
        assert len(buttons) == 1, action.text()  # shown, and inside (assert_fits)
    window.pane.show_scanner_test()
    assert_fits(window)
    table = window.scanner_test.table
    assert table.viewport().height() >= 3 * table.verticalHeader().defaultSectionSize()


def test_the_admin_dialogs(shown_desk: Desk) -> None:
    window = shown_desk.window
    admin = window.admin
    admin.settings_action.trigger()
    for action, kind in (
        (admin.settings_action, "SettingsDialog"),
        (admin.handon_action, "QDialog"),
        (admin.import_action, "ImportReportDialog"),
        (admin.about_action, "AboutDialog"),
    ):
        action.trigger()
        shown_desk.wait(lambda k=kind: _top(k) is not None)
        dialog = _top(kind)
        assert dialog is not None
        assert_fits(dialog)
        dialog.close()


def test_the_history_and_the_print_preview(shown_desk: Desk) -> None:
    desk, window = shown_desk, shown_desk.window
    generate_start_otc(desk)
    window.desk_actions.print_preview.trigger()
    desk.wait(lambda: window.slips.preview_dialog is not None)
    preview = window.slips.preview_dialog
    desk.wait(preview.print_button.isEnabled)
    assert_fits(preview)
    preview.close()
    history = window.slips.open_history()
    assert_fits(history)
    history.close()


def test_the_first_run_wizard_the_pin_and_the_crash_report(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.admin_pin import hash_pin
    from returns_desk.ui.admin.crash_dialog import CrashDialog
    from returns_desk.ui.admin.first_run import FirstRunWizard
    from returns_desk.ui.admin.pin_dialog import PinDialog

    for dialog in (
        FirstRunWizard(Settings()),
        PinDialog(hash_pin("123456")),
        CrashDialog("Traceback (most recent call last):\n" * 40, tmp_path / "returns-desk.log"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert_fits(dialog)
        dialog.close()


def _top(kind: str) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == kind and widget.isVisible() and widget.windowTitle():
            return widget
    return None
