"""Starting the app: the demo, an unconfigured terminal, a data folder that cannot be used,
the resources the UI names, the command-line options it adds."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from returns_desk.cli import build_parser
from returns_desk.resources import resource_path
from returns_desk.settings import Settings
from returns_desk.settings.model import InvalidSettings
from returns_desk.store import Store, database_path
from returns_desk.ui.app import run_app
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.theme import UI_RESOURCES, apply_theme, load_style_sheet
from tests.ui.conftest import Desk


def the_window(app: QApplication) -> MainWindow:
    (window,) = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return window


def test_demo_starts_with_three_fes_on_their_screens(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def exec_loop(app: QApplication) -> int:
        window = the_window(app)
        qtbot.waitUntil(lambda: window.controller.fe_model.rowCount() == 3, timeout=5000)
        states = {v.fe_name: v.state.value for v in window.controller.views.values()}
        seen.update(states=states, title=window.windowTitle(), status=window.where.text())
        seen["demo_menu"] = window.desk_actions.demo_sheet.isEnabled()
        seen["hint"] = window.demo_hint.text() if window.demo_hint.isVisible() else ""  # type: ignore[union-attr]
        window.caps_warning.show()  # everything the status bar can hold still fits 1366 px
        seen["bar_width"] = window.statusBar().minimumSizeHint().width()
        window.caps_warning.hide()
        # The pretend scanner types a waiting parcel of the FE who is scanning (F12).
        (ravi,) = [v for v in window.controller.views.values() if v.fe_name == "Ravi Kumar"]
        window.controller.select(ravi.session_id)
        qtbot.waitUntil(lambda: window.current_screen() == "scanning", timeout=5000)
        model = window.controller.models[ravi.session_id]
        qtbot.waitUntil(lambda: model.rowCount() >= 12, timeout=5000)
        window.desk_actions.demo_scan.trigger()
        qtbot.waitUntil(lambda: window.scanning.banner.kind == "matched", timeout=5000)
        seen["demo_scan"] = window.controller.views[ravi.session_id].counts.matched
        window.desk_actions.demo_sheet.trigger()
        qtbot.waitUntil(lambda: "Demo barcode sheet written" in window.notice.text.text())
        seen["sheets"] = list(tmp_path.glob("returns-desk-demo-barcodes-*.pdf"))
        window.close()
        return 0

    args = argparse.Namespace(demo=True, pdf_dir=str(tmp_path))
    assert run_app(args, exec_loop=exec_loop) == 0
    assert seen["states"] == {
        "Ravi Kumar": "SCANNING",
        "Shyam Patel": "START_OTC",
        "Anita Rao": "END_OTC",
    }
    assert "(demo)" in str(seen["title"]) and "LOC1" in str(seen["title"])
    assert "Terminal DEMO" in str(seen["status"])
    assert seen["demo_menu"] is True
    assert "F12" in str(seen["hint"])  # a newcomer learns how to pretend to scan
    assert int(seen["bar_width"]) <= 1366  # type: ignore[call-overload]
    assert seen["demo_scan"] == 1
    (sheet,) = seen["sheets"]  # type: ignore[misc]
    assert sheet.read_bytes().startswith(b"%PDF")


def test_unconfigured_terminal_says_what_to_do(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts: list[str] = []

    def exec_loop(app: QApplication) -> int:
        window = the_window(app)
        texts.append(window.notice.text.text())
        assert window.demo_hint is None  # no demo hint on a real terminal
        window.close()
        return 0

    args = argparse.Namespace(demo=False, data_dir=str(tmp_path))
    assert run_app(args, exec_loop=exec_loop) == 0
    assert "RETURNS_DESK_CLIENT_ID" in texts[0]


def test_a_data_folder_in_use_is_refused_at_start(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shown: list[tuple[str, str]] = []
    with Store.open(database_path(tmp_path), single_writer=True):  # another app holds it
        code = run_app(
            argparse.Namespace(demo=True, data_dir=str(tmp_path)),
            exec_loop=lambda app: pytest.fail("the window must not open"),
            fatal=lambda title, text: shown.append((title, text)),
        )
    assert code == 2
    assert shown and "cannot start" in shown[0][0]


def test_a_damaged_database_is_refused_at_start(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    database_path(tmp_path).write_bytes(b"this is not a database" * 100)
    shown: list[str] = []
    code = run_app(
        argparse.Namespace(demo=True, data_dir=str(tmp_path)),
        exec_loop=lambda app: pytest.fail("the window must not open"),
        fatal=lambda title, text: shown.append(text),
        fresh_start=lambda text: False,
    )
    assert code == 2 and shown


def test_a_damaged_database_can_be_moved_aside_for_a_fresh_start(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    damaged = b"this is not a database" * 100
    database_path(tmp_path).write_bytes(damaged)
    asked: list[str] = []
    opened: list[bool] = []

    def exec_loop(app: QApplication) -> int:
        opened.append(True)
        for widget in app.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()
        return 0

    code = run_app(
        argparse.Namespace(demo=True, data_dir=str(tmp_path)),
        exec_loop=exec_loop,
        fatal=lambda title, text: pytest.fail(text),
        fresh_start=lambda text: asked.append(text) or True,
    )
    assert code == 0 and opened and "damaged" in asked[0].lower()
    kept = list(tmp_path.glob("returns-desk.corrupt-*.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the file is kept for IT


def test_every_resource_the_ui_names_exists_and_loads() -> None:
    for name in UI_RESOURCES:
        assert resource_path(name).stat().st_size > 0
    assert "QPushButton" in load_style_sheet()
    with pytest.raises(FileNotFoundError):
        resource_path("sounds/nope.wav")


def test_pdf_dir_option_goes_into_the_settings() -> None:
    args = build_parser().parse_args(["--pdf-dir", "/tmp/slips", "--data-dir", "/tmp/data"])
    settings = Settings().with_overrides(args)
    assert settings.pdf_dir == "/tmp/slips" and settings.data_dir == "/tmp/data"


def test_scanner_settings_have_the_documented_defaults() -> None:
    settings = Settings()
    assert (settings.scanner_min_length, settings.scanner_mean_gap_ms) == (8, 35.0)
    assert (settings.scanner_max_gap_ms, settings.duplicate_window_s) == (80.0, 1.5)
    with pytest.raises(InvalidSettings, match="shipment_pattern: is not a valid pattern"):
        Settings.from_dict({"shipment_pattern": "["})


def test_keys_are_shown_on_the_buttons(desk) -> None:  # type: ignore[no-untyped-def]
    window = desk.window
    assert window.start_screen.generate.keycap.text() == "F2"
    assert window.end_screen.get_code.keycap.text() == "F8"
    assert window.end_screen.complete.keycap.text() == "F10"
    assert not window.desk_actions.print_slip.isEnabled()  # nothing selected: nothing to print


def test_the_handover_menu_lists_the_printing_actions_with_their_keys(desk) -> None:  # type: ignore[no-untyped-def]
    (handover,) = [m for m in desk.window.menuBar().actions() if m.text() == "&Handover"]
    entries = {a.text(): a.shortcut().toString() for a in handover.menu().actions() if a.text()}
    assert entries["Print slip"] == "F9"
    assert entries[desk.window.desk_actions.print_preview.text()] == "Shift+F9"
    assert entries[desk.window.desk_actions.session_history.text()] == "Ctrl+H"


def test_every_screen_fits_a_1366_by_768_monitor(qtbot, qapp, sandbox, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    apply_theme(qapp)  # the fonts and sizes the app runs with, before the window is made
    desk = Desk(qtbot, sandbox, tmp_path)
    try:
        window = desk.window
        window.notice.show_notice(
            "warn",
            "The marketplace is temporarily unavailable. The app keeps retrying on its own; "
            "keep scanning.\nThis terminal's clock is 75 s off the marketplace's.",
        )
        for name, screen in window.pane.screens.items():
            window.pane.stack.setCurrentWidget(screen)
            hint = window.minimumSizeHint()
            assert hint.width() <= 1366 and hint.height() <= 768, (name, hint)
    finally:
        desk.close()


def test_a_data_folder_that_cannot_be_made_is_said_not_taken_for_running(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    shown: list[tuple[str, str]] = []
    code = run_app(
        argparse.Namespace(demo=False, data_dir=str(blocked)),
        exec_loop=lambda app: pytest.fail("the window must not open"),
        fatal=lambda title, text: shown.append((title, text)),
    )
    assert code == 2
    assert shown and "cannot start" in shown[0][0]
    assert "cannot write in its data folder" in shown[0][1] and str(blocked) in shown[0][1]


RUN_APP_IN = """
import argparse, sys
from returns_desk.ui.app import run_app
args = argparse.Namespace(demo=False, data_dir=sys.argv[1])
sys.exit(run_app(args, exec_loop=lambda app: 0, fatal=lambda t, x: print("FATAL", t, "|", x)))
"""


@pytest.mark.parametrize("trouble", ["read-only", "full"])
def test_a_read_only_or_full_data_folder_stops_with_a_message(tmp_path: Path, trouble: str) -> None:
    """A real read-only or full file system (tmpfs in a private mount namespace)."""
    import shutil
    import subprocess
    import sys

    if sys.platform != "linux" or shutil.which("unshare") is None or os.geteuid() != 0:
        pytest.skip("needs Linux, unshare and root to mount a small tmpfs")
    mount = tmp_path / "mnt"
    mount.mkdir()
    prepare = f"mount -t tmpfs -o size=64k tmpfs {mount} && mkdir {mount}/data && " + (
        f"mount -o remount,ro {mount}"
        if trouble == "read-only"
        else f"(dd if=/dev/zero of={mount}/data/filler bs=4k 2>/dev/null; true)"
    )
    script = f'{prepare} && exec "$0" -c "$1" {mount}/data'
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow a private mount namespace")
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, sys.executable, RUN_APP_IN],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "FATAL Returns Desk cannot start" in result.stdout
    reason = "Read-only file system" if trouble == "read-only" else "No space left on device"
    assert reason in result.stdout and f"{mount}/data" in result.stdout
    assert "cannot write in its data folder" in result.stderr  # and on the console


def test_the_credential_store_is_read_off_the_gui_thread_and_a_late_secret_is_used(
    qtbot, tmp_path: Path, memory_keyring, sandbox
) -> None:  # type: ignore[no-untyped-def]
    # keyring and its backend cost a fifth of a second at a real terminal's start: the
    # engine loop's thread reads the store, the desk is ready without waiting for it.
    # A terminal whose secret is stored only while it runs says so, then goes online.
    import threading

    from returns_desk.credentials import Credentials, save_credentials
    from returns_desk.settings import save_settings

    save_settings(Settings(api_base_url=sandbox.base_url, seller_location_id="LOC1"))
    readers: list[str] = []
    read = memory_keyring.get_password

    def get_password(service: str, username: str) -> str | None:
        readers.append(threading.current_thread().name)
        return read(service, username)

    memory_keyring.get_password = get_password
    sandbox.world.arrive("LOC1", name="Ravi Kumar")
    seen: list[str] = []

    def exec_loop(app: QApplication) -> int:
        window = the_window(app)
        qtbot.waitUntil(lambda: "credentials" in window.notice.text.text(), timeout=10000)
        seen.append(window.notice.text.text())
        save_credentials(Credentials(client_id="sandbox", client_secret="sandbox"))  # type: ignore[arg-type]
        window.services.trigger()
        window.controller.refresh_now()
        qtbot.waitUntil(lambda: len(window.controller.views) == 1, timeout=15000)
        window.close()
        return 0

    assert run_app(argparse.Namespace(demo=False, data_dir=str(tmp_path)), exec_loop=exec_loop) == 0
    assert "No marketplace API credentials" in seen[0]
    assert readers and "MainThread" not in readers
