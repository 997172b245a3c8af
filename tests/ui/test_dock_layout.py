"""The dock window at a terminal's 1366 x 768: what the clerk must read is never cut off, and
the parcel table keeps as many rows as the screen can give it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QToolTip, QWidget

from returns_desk.sandbox.server import Sandbox
from returns_desk.ui import theme
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


#: terminals: the screen's height less the taskbar, and the window's inside (a maximised
#: window loses its title bar): 1366x768 without a taskbar (the clerk's Xvfb run), and with
#: the Windows one
TERMINALS = [(768, 736), (728, 696)]


@pytest.fixture(params=TERMINALS, ids=lambda t: f"1366x{t[0]}")
def terminal(request, qtbot, qapp, sandbox: Sandbox, tmp_path: Path) -> Iterator[Desk]:  # type: ignore[no-untyped-def]
    """A desk with the app's fonts and sizes for that screen, in a window of its size."""
    available, inside = request.param
    saved = qapp.styleSheet(), qapp.font(), theme.scaled(1000) / 1000
    apply_theme(qapp, available_height=available)
    desk = Desk(qtbot, sandbox, tmp_path / "data")
    window = desk.window
    window.showNormal()  # the offscreen screen is 800 x 800: a terminal's size instead
    window.fe_list.setFixedWidth(370)  # as on a screen 1366 pixels wide (main_window.py)
    window.resize(1366, inside)
    qtbot.waitUntil(lambda: window.width() == 1366 and window.height() == inside)
    yield desk
    desk.close()
    qapp.setStyleSheet(saved[0])
    qapp.setFont(saved[1])
    theme._scale[0] = saved[2]


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


def rows_shown(table: QTableView) -> float:
    return table.viewport().height() / table.rowHeight(0)


def test_the_parcel_table_has_room_for_rows_and_the_clerk_keeps_every_tool(terminal: Desk) -> None:
    desk, window = terminal, terminal.window
    _, ids = scanning_fe(desk, parcels=40)
    desk.scan(ids[0])
    screen = window.scanning
    QApplication.processEvents()
    # 4.8 rows, 2.9 under a notice, before the sync line moved beside the FE's details and
    # the typed-label field beside the filters
    assert rows_shown(screen.table) >= 7
    window.pane.show_transient("warn", "The marketplace could not be reached. Scans are saved.")
    QApplication.processEvents()
    assert rows_shown(screen.table) >= 5.5
    inside = window.rect()
    for widget in (
        screen.header.name,
        screen.header.meta,
        screen.sync_line,
        screen.banner,
        *screen.counters.values(),
        screen.status_filter,
        screen.text_filter,
        screen.manual,
        screen.manual_button,
        *screen.condition_buttons,
        screen.remark,
        window.notice,
    ):
        assert widget.isVisible() and inside.contains(on_window(widget)), widget
    assert screen.sync_line.shown_text() == screen.sync_line.text()  # never cut here
    assert shown_whole(screen.header.meta)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tool tip, offscreen
def test_parcel_columns_fit_their_words_and_a_cut_cell_has_its_tool_tip(terminal: Desk) -> None:
    desk, window = terminal, terminal.window
    _, ids = scanning_fe(desk, parcels=3)
    desk.scan(ids[0])
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    desk.press(Qt.Key.Key_F7)
    desk.type("corner crushed")
    desk.scan("OD225674723130604000")  # an order id: its row says "Wrong label (order id)"
    table = window.scanning.table
    model, delegate = table.model(), table.itemDelegate()
    header = table.horizontalHeader()
    desk.wait(lambda: model.rowCount() == 4)
    QApplication.processEvents()
    cells = {(r, c): model.index(r, c) for r in range(4) for c in range(5)}
    texts = {key: index.data() for key, index in cells.items()}
    order = next(r for r in range(4) if texts[r, 0] == "OD225674723130604000")
    damaged = next(r for r in range(4) if texts[r, 0] == ids[0])
    assert texts[order, 1] == "Wrong label (order id)"
    assert texts[damaged, 4] == "Damaged · corner crushed"
    for (row, column), index in cells.items():
        assert not delegate.is_cut(index, header.sectionSize(column)), texts[row, column]

    # a remark longer than its column ends in "…", and hovering shows it whole
    table.setCurrentIndex(model.index(damaged, 0))
    desk.press(Qt.Key.Key_F7)
    long = "corner crushed, tape cut open on two sides and the seal is missing"
    desk.type(long)
    note = model.index(damaged, 4)
    desk.wait(lambda: note.data() == f"Damaged · {long}")
    assert delegate.is_cut(note, header.sectionSize(4))
    rect = table.visualRect(note)
    at = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, at, table.viewport().mapToGlobal(at))
    QApplication.sendEvent(table.viewport(), event)
    desk.wait(lambda: QToolTip.text() == f"Damaged · {long}")
    QToolTip.hideText()


def test_the_scanner_test_names_its_columns_whole_and_an_enter_after_a_pause_ends_the_burst(
    terminal: Desk,
) -> None:
    desk, window = terminal, terminal.window
    desk.press(Qt.Key.Key_F11)  # no admin PIN set: straight to the scanner test
    desk.wait_screen("scanner_test")
    screen = window.scanner_test
    # a scanner whose Enter comes a little late: 95 ms after the last key, over the 80 ms
    desk.keys("FMPC0127902385", 8, None)
    desk.clock.advance_ms(95)
    window.scanner._on_pause_timeout()  # the pause timer: the keys were typing
    desk.press(Qt.Key.Key_Return)
    assert screen.banner.title.text() == "GAP TOO LONG"  # not "NO ENTER/TAB"
    assert "longest 95.0 ms · ended by Enter" in screen.banner.detail.text()
    assert screen.model.index(0, 1).data() == "FMPC0127902385 ⏎Enter"
    QApplication.processEvents()
    header, table = screen.table.horizontalHeader(), screen.table
    for column in range(header.count()):  # "Normalised code" was cut to "ormalised cod"
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    assert header.length() <= table.viewport().width()  # all of them, no sideways scrolling
