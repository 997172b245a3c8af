"""The window shows first, then the record and the desk open in it (bench/startup.py)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from returns_desk.paths import settings_path
from returns_desk.ui.app import run_app
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.startup_probe import PROBE_ENV

#: what must not load before the window shows: each would add tens of milliseconds
HEAVY = (
    "pydantic",
    "requests",
    "returns_desk.settings",
    "returns_desk.store",
    "returns_desk.workflow.engine",
    "returns_desk.sandbox.server",
    "returns_desk.ui.controller",
)

#: what the GUI thread must not load before the desk is ready: the desk's loops load the
#: network stack and the hand-on's models on their own threads, the record keeper its
#: backup and retention, the admin forms (and the serial port list) load when a dialog
#: opens, the slips' layouts when one is printed
LOOPS_ONLY = (
    "requests",
    "urllib3",
    "returns_desk.api.transport",
    "returns_desk.handon.completions",
    "returns_desk.handon.records",
    "returns_desk.handon.omni_models",
    "returns_desk.handon.pos_models",
    "returns_desk.store.retention",
    "returns_desk.ui.admin.forms",
    "serial",
    "returns_desk.printing.record",
)

#: ... and at a configured terminal (not the demo, whose sandbox and credentials use them),
#: neither pydantic (the wire models: the settings are msgspec structs) nor the credential
#: store: together about a quarter of a second on the way to a ready desk
TERMINAL_LOOPS_ONLY = ("pydantic", "keyring", "returns_desk.api.models", "returns_desk.credentials")

SPY = f"""
import sys
import returns_desk.ui.app as app_module

show_now = app_module.show_now

def spy(app, window):
    show_now(app, window)
    loaded = sorted(m for m in {HEAVY!r} if m in sys.modules)
    print("loaded-before-shown", ",".join(loaded) or "-", flush=True)
    import returns_desk.ui.services as services_module  # shown: now the desk may load

    start = services_module.DeskServices.start

    def start_spy(self):
        watched = {LOOPS_ONLY!r} + ({TERMINAL_LOOPS_ONLY!r} if sys.argv[2] == "terminal" else ())
        loaded = sorted(m for m in watched if m in sys.modules)
        print("dataclasses-before-loops", ",".join(dataclasses_loaded()) or "-", flush=True)
        print("loaded-before-loops", ",".join(loaded) or "-", flush=True)
        return start(self)

    services_module.DeskServices.start = start_spy

def dataclasses_loaded():
    import dataclasses
    import inspect

    return sorted(
        f"{{name}}.{{cls.__qualname__}}"
        for name, module in list(sys.modules.items())
        if name.startswith("returns_desk")
        for cls in vars(module).values()
        if inspect.isclass(cls) and cls.__module__ == name and dataclasses.is_dataclass(cls)
    )

app_module.show_now = spy
from returns_desk.cli import main
sys.exit(main((["--demo"] if sys.argv[2] == "demo" else []) + ["--data-dir", sys.argv[1]]))
"""


@pytest.mark.parametrize("mode", ["demo", "terminal"])
def test_the_window_shows_before_the_heavy_parts_load_and_the_loops_load_their_own(
    tmp_path: Path, mode: str
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{PROBE_ENV: "1"})
    if mode == "terminal":  # a configured terminal, its marketplace not answering (port 9)
        settings_path().parent.mkdir(parents=True, exist_ok=True)
        settings_path().write_text(
            'api_base_url = "http://127.0.0.1:9"\nseller_location_id = "LOC1"\n'
            "poll_interval_s = 30\n[site]\nlease_s = 60\n",
            encoding="utf-8",
        )
        env.update(RETURNS_DESK_CLIENT_ID="id", RETURNS_DESK_CLIENT_SECRET="secret")
    result = subprocess.run(
        [sys.executable, "-c", SPY, str(tmp_path / "data"), mode],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    events = [line.split()[1] for line in lines if line.startswith("startup-probe")]
    # the first paint, the steps to a ready desk in order, and the probe quits once ready
    assert events == ["shown", "settings", "record", "desk", "ready"]
    (loaded,) = [line.split()[1] for line in lines if line.startswith("loaded-before-shown")]
    assert loaded == "-"
    (loaded,) = [line.split()[1] for line in lines if line.startswith("loaded-before-loops")]
    assert loaded == "-"  # the window and the desk built, the loops not started yet
    # Python 3.11 compiles each method of a dataclass as the class is defined (1-1.5 ms a
    # class): what a terminal loads on the way to a ready desk is a msgspec struct (~0.04 ms;
    # the demo's sandbox keeps its dataclasses)
    (defined,) = [line.split()[1] for line in lines if line.startswith("dataclasses-before")]
    assert defined == "-" or mode == "demo", defined
    times = [float(line.split()[2]) for line in lines if line.startswith("startup-probe")]
    assert times == sorted(times)


def test_without_the_probe_nothing_is_printed(qtbot, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert PROBE_ENV not in os.environ

    def exec_loop(app: QApplication) -> int:
        for window in app.topLevelWidgets():
            window.close()
        return 0

    args = argparse.Namespace(demo=True, data_dir=str(tmp_path))
    assert run_app(args, exec_loop=exec_loop) == 0
    assert "startup-probe" not in capsys.readouterr().out


def test_broken_settings_are_reported_over_the_window_that_shows(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("poll_interval_s = 'often'\n", encoding="utf-8")
    seen: list[tuple[bool, str, str]] = []

    def fatal(title: str, text: str) -> None:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        opening = window.centralWidget()
        assert isinstance(opening, QLabel)
        seen.append((window.attached, opening.text(), text))

    code = run_app(
        argparse.Namespace(demo=False, data_dir=str(tmp_path)),
        exec_loop=lambda app: 0,
        fatal=fatal,
    )
    assert code == 1
    ((attached, opening, text),) = seen
    assert not attached and "Opening the dock record" in opening
    assert "settings file cannot be read" in text
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]  # and it is gone
