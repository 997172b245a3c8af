"""The handover screens are built after the desk is ready (start-up time), and nothing the
clerk sees depends on when: a screen asked for early is built then, and the desk never
opens a stray window of its own while it builds them (which took the keyboard focus)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

from returns_desk.sandbox.server import Sandbox
from returns_desk.ui.handover_pane import LAZY_SCREENS
from returns_desk.ui.i18n import set_language
from returns_desk.ui.kinds import Screen
from tests.ui.conftest import Desk, scanning_fe


class ShownWindows(QObject):
    """Every native window shown while installed."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWindow):
            self.shown.append(watched.objectName())
        return False


def test_the_desk_is_ready_before_its_screens_and_builds_them_in_the_next_turns(
    qtbot, sandbox: Sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    spy = ShownWindows()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    try:
        desk = Desk(qtbot, sandbox, tmp_path / "data")  # shown and started, no event yet
        pane = desk.window.pane
        assert [name for name in LAZY_SCREENS if pane.built(name) is not None] == []
        qtbot.waitUntil(lambda: all(pane.built(name) is not None for name in LAZY_SCREENS))
        qtbot.waitUntil(lambda: QApplication.focusWindow() is desk.window.windowHandle())
    finally:
        app.removeEventFilter(spy)
    # the main window only: no button opened as a window of its own while being built
    assert spy.shown == ["MainWindowClassWindow"]
    assert QApplication.focusWidget() is desk.window.fe_list  # the keys are on the desk
    desk.close()


def test_a_screen_asked_for_early_is_built_then_and_once(
    qtbot, sandbox: Sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(qtbot, sandbox, tmp_path / "data")  # no event-loop turn yet
    pane = desk.window.pane
    assert pane.built(Screen.SCANNING) is None
    scanning = desk.window.scanning  # e.g. the F4 field, asked for before the turn came
    assert pane.built(Screen.SCANNING) is scanning
    assert pane.stack.currentWidget() is pane.idle  # built, not shown
    qtbot.waitUntil(lambda: all(pane.built(name) is not None for name in LAZY_SCREENS))
    assert pane.stack.count() == 1 + len(LAZY_SCREENS)  # each screen once
    assert desk.window.scanning is scanning
    _fe, ids = scanning_fe(desk, parcels=1)
    desk.scan(ids[0])
    assert scanning.banner.title.text() == "MATCHED"  # wired when built: scans show on it
    desk.close()


def test_a_screen_built_after_a_language_switch_is_in_the_new_words(
    qtbot, sandbox: Sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(qtbot, sandbox, tmp_path / "data")
    try:
        assert set_language("hi")
        manual = desk.window.scanning.manual  # built now, after the switch
        assert manual.placeholderText() != "Label won't scan? Type it (F4)"
        assert set_language("en")  # and it follows the next switch, as the others do
        qtbot.waitUntil(lambda: manual.placeholderText() == "Label won't scan? Type it (F4)")
    finally:
        set_language("en")
        desk.close()
