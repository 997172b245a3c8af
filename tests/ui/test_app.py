"""The first window: FEs at the dock from the sandbox, trouble shown calmly, clean shutdown."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtWidgets import QApplication

from returns_desk.api.models import TaskState
from returns_desk.credentials import Credentials
from returns_desk.settings import Settings
from returns_desk.ui.app import DEMO_CREDENTIALS, InitialLoadJob, run_app
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.workers import PeriodicWorker


def make_window(qtbot, sandbox, credentials: Credentials = DEMO_CREDENTIALS) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = Settings(
        api_base_url=sandbox.base_url, seller_location_id="LOC1", terminal_id="DOCK-7"
    )
    worker = PeriodicWorker(InitialLoadJob(settings, credentials), interval_s=60)
    window = MainWindow(location="LOC1", terminal="DOCK-7", refresher=worker)
    qtbot.addWidget(window)
    return window


def test_lists_the_fes_at_the_dock(qtbot, sandbox) -> None:  # type: ignore[no-untyped-def]
    sandbox.world.arrive("LOC1", name="Ravi Kumar", lob="LARGE")
    sandbox.world.arrive("LOC1", name="Asha Rao", lob="NONLARGE")
    window = make_window(qtbot, sandbox)
    with qtbot.waitSignal(window._refresher.succeeded, timeout=5000):
        window.start()
    model = window.fe_model
    assert model.rowCount() == 2
    names = [model.index(r, 0).data() for r in range(2)]
    assert names[0].startswith("Asha Rao") and names[1].startswith("Ravi Kumar")
    assert {model.index(r, 2).data() for r in range(2)} == {"LARGE", "Non-large"}
    assert model.row_at(0).state is TaskState.START_OTC
    assert "2 field executive" in window.banner.text()
    assert "LOC1" in window.windowTitle() and "DOCK-7" in window.windowTitle()
    window.shutdown()
    assert not window._refresher.isRunning()


def test_refresh_key_shows_a_new_arrival(qtbot, sandbox) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, sandbox)
    with qtbot.waitSignal(window._refresher.succeeded, timeout=5000):
        window.start()
    assert window.fe_model.rowCount() == 0
    assert "No field executive" in window.banner.text()
    sandbox.world.arrive("LOC1", name="Ravi Kumar")
    with qtbot.waitSignal(window._refresher.succeeded, timeout=5000):
        window._on_refresh_triggered()
    assert window.fe_model.rowCount() == 1
    window.shutdown()


def test_no_returns_today_is_calm(qtbot, sandbox) -> None:  # type: ignore[no-untyped-def]
    sandbox.world.set_returns_due("LOC1", False)
    window = make_window(qtbot, sandbox)
    with qtbot.waitSignal(window._refresher.failed, timeout=5000):
        window.start()
    assert window.banner.property("kind") == "info"
    assert "No returns are expected" in window.banner.text()
    window.shutdown()


def test_wrong_credentials_show_a_banner_not_a_dialog(qtbot, sandbox) -> None:  # type: ignore[no-untyped-def]
    from pydantic import SecretStr

    bad = Credentials(client_id="sandbox", client_secret=SecretStr("nope"))
    window = make_window(qtbot, sandbox, bad)
    with qtbot.waitSignal(window._refresher.failed, timeout=5000):
        window.start()
    assert window.banner.property("kind") == "warn"
    assert "client id or secret" in window.banner.text()
    assert QApplication.activeModalWidget() is None
    window.shutdown()


def test_stop_is_immediate_even_with_a_long_interval(qtbot, sandbox) -> None:  # type: ignore[no-untyped-def]
    import time

    window = make_window(qtbot, sandbox)
    with qtbot.waitSignal(window._refresher.succeeded, timeout=5000):
        window.start()
    started = time.monotonic()
    window.shutdown()
    window.shutdown()  # idempotent
    assert time.monotonic() - started < 1.0


def test_demo_starts_with_fes_already_at_the_dock(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    def exec_loop(app: QApplication) -> int:
        (window,) = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        qtbot.waitUntil(lambda: window.fe_model.rowCount() >= 3, timeout=5000)
        seen.append(window.fe_model.rowCount())
        assert "(demo)" in window.windowTitle()
        window.close()
        return 0

    args = argparse.Namespace(demo=True)
    assert run_app(args, exec_loop=exec_loop) == 0
    assert seen and seen[0] >= 3


def test_unconfigured_terminal_says_what_to_do(qtbot) -> None:  # type: ignore[no-untyped-def]
    texts: list[str] = []

    def exec_loop(app: QApplication) -> int:
        (window,) = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        texts.append(window.banner.text())
        window.close()
        return 0

    assert run_app(argparse.Namespace(demo=False), exec_loop=exec_loop) == 0
    assert "RETURNS_DESK_CLIENT_ID" in texts[0]


@pytest.fixture(autouse=True)
def _close_windows():  # type: ignore[no-untyped-def]
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.shutdown()
            widget.deleteLater()
