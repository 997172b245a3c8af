"""The dock window at a terminal's 1366 x 768: what the clerk must read is never cut off, and
the parcel table keeps as many rows as the screen can give it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from returns_desk.sandbox.server import Sandbox
from returns_desk.ui.theme import apply_theme
from tests.ui.conftest import Desk, scanning_fe


def shown_whole(label: QLabel) -> bool:
    """Every word of the label is inside it: one line wide enough, or wrapped tall enough."""
    if not label.isVisible():
        return False
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height() + 1
    advance = max(label.fontMetrics().horizontalAdvance(line) for line in label.text().split("\n"))
    return advance <= label.contentsRect().width() + 1


def on_window(widget: QWidget) -> QRect:
    """The widget's rectangle in its window's coordinates."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


@pytest.fixture
def terminal(qtbot, qapp, sandbox: Sandbox, tmp_path: Path) -> Iterator[Desk]:  # type: ignore[no-untyped-def]
    """A desk with the app's fonts and sizes, in a 1366 x 768 window."""
    apply_theme(qapp)
    desk = Desk(qtbot, sandbox, tmp_path / "data")
    window = desk.window
    window.showNormal()  # the offscreen screen is 800 x 800: a terminal's size instead
    window.fe_list.setFixedWidth(370)  # as on a screen 1366 pixels wide (main_window.py)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366 and window.height() == 768)
    yield desk
    desk.close()


def test_end_otc_shows_the_discrepancies_and_the_agreement_in_full(terminal: Desk) -> None:
    desk, window = terminal, terminal.window
    fe, ids = scanning_fe(desk, parcels=40)
    desk.scan(ids[0])
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    desk.sb.world.finish_scanning(fe.fe_id)
    desk.wait_screen("end")
    desk.wait(window.desk_actions.end_otc.isEnabled)
    desk.press(Qt.Key.Key_F8)
    desk.press(Qt.Key.Key_F8)
    desk.wait(lambda: desk.view().end is not None)
    screen = window.end_screen
    desk.wait(lambda: "equals" in screen.agreement.text())
    QApplication.processEvents()
    title, agreement = screen.discrepancy_title, screen.agreement
    assert title.text() == "Discrepancies: 39 · noted: 1 (on the receipt)"
    assert shown_whole(title), title.text()
    assert shown_whole(agreement), agreement.text()
    assert not on_window(title).intersects(on_window(agreement))
