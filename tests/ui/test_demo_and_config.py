"""The demo keeps to itself, and a terminal configured on the command line opens the dock.

``run_app`` is the real start-up (settings, record, window, embedded sandbox for the demo);
the clerk's keys are real key events, a scan typed at scanner speed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from returns_desk.paths import settings_path
from returns_desk.sandbox.server import Sandbox
from returns_desk.settings import Settings, load_settings, save_settings
from returns_desk.ui.admin import SettingsDialog
from returns_desk.ui.app import run_app
from returns_desk.ui.main_window import MainWindow
from tests.printing.conftest import needs_poppler, pdf_text
from tests.ui.conftest import Desk, scanning_fe


def the_window(app: QApplication) -> MainWindow:
    (window,) = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return window


def scanner_keys(window: MainWindow, code: str) -> None:
    """A label typed as a scanner types it: every key at once, Enter last."""
    handle = window.windowHandle()
    for char in code:
        QTest.keyClick(handle, char)
    QTest.keyClick(handle, Qt.Key.Key_Return)


def settings_ok(qtbot, window: MainWindow, change: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Admin → Settings…, a field or two changed, OK."""
    window.admin.settings_action.trigger()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, SettingsDialog) for w in QApplication.topLevelWidgets() if w.isVisible()
        )
    )
    (dialog,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible()
    ]
    for name, value in change.items():
        getattr(dialog.printing, name).setText(value)
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)


class Opened(QObject):
    """Stands in for the desktop's file manager: the folders it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened():  # type: ignore[no-untyped-def]
    handler = Opened()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


@needs_poppler
def test_the_demo_keeps_its_own_settings_and_prints_to_its_pdf_folder_at_once(
    qtbot,
    tmp_path: Path,
    opened: Opened,  # type: ignore[no-untyped-def]
) -> None:
    real = Settings(
        api_base_url="https://api.example.test/sellers", seller_location_id="LOC9",
        terminal_id="DOCK-7",
    )  # fmt: skip
    save_settings(real)
    before = settings_path().read_bytes()
    slips = tmp_path / "demo-slips"
    seen: dict[str, object] = {}

    def exec_loop(app: QApplication) -> int:
        window = the_window(app)
        qtbot.waitUntil(lambda: window.controller.fe_model.rowCount() == 3, timeout=5000)
        seen["folder"] = window.services.data_dir
        (ravi,) = [v for v in window.controller.views.values() if v.fe_name == "Ravi Kumar"]
        window.controller.select(ravi.session_id)
        qtbot.waitUntil(lambda: window.current_screen() == "scanning", timeout=5000)
        model = window.controller.models[ravi.session_id]
        qtbot.waitUntil(lambda: model.rowCount() >= 12, timeout=5000)
        settings_ok(qtbot, window, {"pdf_dir": str(slips)})
        qtbot.waitUntil(lambda: "Demo settings saved" in window.notice.text.text())
        seen["settings_now"] = settings_path().read_bytes()
        # a waiting parcel, scanned as a scanner types it, then the Start OTC slip of Shyam
        code = window.demo_scanner.pick(model)
        scanner_keys(window, code)
        qtbot.waitUntil(lambda: window.scanning.banner.kind == "matched", timeout=5000)
        (shyam,) = [v for v in window.controller.views.values() if v.fe_name == "Shyam Patel"]
        window.controller.select(shyam.session_id)
        qtbot.waitUntil(lambda: window.current_screen() == "start", timeout=5000)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(window.desk_actions.generate_start.isEnabled)
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_F2)
        qtbot.waitUntil(
            lambda: window.controller.selected_view().start_code is not None, timeout=5000
        )
        window._on_tick_timeout()
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_F9)  # no restart: the new folder
        qtbot.waitUntil(lambda: bool(list(slips.glob("*.pdf"))), timeout=10000)
        qtbot.waitUntil(lambda: "saved as PDF" in window.notice.text.text(), timeout=5000)
        seen["notice"] = window.notice.text.text()
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        window.close()
        return 0

    assert run_app(argparse.Namespace(demo=True), exec_loop=exec_loop) == 0
    assert seen["settings_now"] == before  # the terminal's settings are untouched
    assert settings_path().read_bytes() == before and load_settings() == real
    (slip,) = slips.glob("*.pdf")
    assert "Shyam Patel" in pdf_text(slip)
    assert "not printed" in str(seen["notice"]) and "Ctrl+O" in str(seen["notice"])
    assert [u.toLocalFile() for u in opened.urls] == [str(slips)]


def test_the_demo_prints_to_a_pdf_folder_of_its_own_by_default(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.ui.app import demo_pdf_dir

    seen: dict[str, object] = {}

    def exec_loop(app: QApplication) -> int:
        window = the_window(app)
        seen["pdf_dir"] = window.services.settings.pdf_dir
        seen["open"] = window.desk_actions.open_pdf_folder.isEnabled()
        window.close()
        return 0

    assert run_app(argparse.Namespace(demo=True), exec_loop=exec_loop) == 0
    assert seen["pdf_dir"] == str(demo_pdf_dir()) and seen["open"] is True


def test_a_terminal_configured_on_the_command_line_opens_the_dock_without_the_wizard(
    qtbot,
    sandbox: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("RETURNS_DESK_CLIENT_ID", "sandbox")
    monkeypatch.setenv("RETURNS_DESK_CLIENT_SECRET", "sandbox")
    world = sandbox.world
    fe = world.arrive("LOC1", name="Ravi Kumar")
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    (parcel,) = world.scan(fe.fe_id, 1)
    wizard: list[Settings] = []
    seen: dict[str, object] = {}

    def exec_loop(app: QApplication) -> int:
        window = the_window(app)
        qtbot.waitUntil(lambda: window.current_screen() == "scanning", timeout=10000)
        qtbot.waitUntil(lambda: window.controller.selected_view().counts.fe_scanned == 1)
        window.activateWindow()
        scanner_keys(window, parcel)
        qtbot.waitUntil(lambda: window.scanning.banner.kind == "matched", timeout=5000)
        seen["matched"] = window.controller.selected_view().counts.matched
        window.close()
        return 0

    args = argparse.Namespace(
        demo=False, api_base_url=sandbox.base_url, seller_location_id="LOC1",
        data_dir=str(tmp_path / "data"),
    )  # fmt: skip
    code = run_app(args, exec_loop=exec_loop, first_run=lambda s: wizard.append(s) or None)
    assert code == 0 and wizard == [] and seen["matched"] == 1
    assert not settings_path().exists()  # this run's options are not saved for the next


def test_without_credentials_the_wizard_still_comes(
    qtbot, sandbox: Sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard: list[Settings] = []
    args = argparse.Namespace(
        demo=False, api_base_url=sandbox.base_url, seller_location_id="LOC1",
        data_dir=str(tmp_path / "data"),
    )  # fmt: skip
    code = run_app(
        args,
        exec_loop=lambda app: pytest.fail("no dock without credentials or the wizard"),
        first_run=lambda s: wizard.append(s) or None,
    )
    assert code == 0 and len(wizard) == 1


def test_sounds_and_scanner_timings_apply_at_once(desk: Desk) -> None:
    fe, ids = scanning_fe(desk, parcels=2)
    desk.scan(ids[0], gap_ms=50)  # a slow scanner: too slow for the default 35 ms
    assert desk.view(fe.fe_id).counts.dock_scanned == 0
    desk.window.scanning.manual.clear()
    desk.window.fe_list.setFocus()
    played = len(desk.sounds)
    slower = desk.settings.replace(scanner_mean_gap_ms=60.0, sounds=False)
    desk.window.apply_live_settings(slower)
    desk.scan(ids[1], gap_ms=50)
    assert desk.view(fe.fe_id).counts.dock_scanned == 1
    assert desk.window.scanning.banner.kind == "matched"
    assert len(desk.sounds) == played  # sounds off: nothing played
