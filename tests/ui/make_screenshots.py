"""Screenshots of the dock screens for docs/gui.md, taken from the real window under Xvfb.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tests/ui/make_screenshots.py

A dock terminal's screen: the window sizes itself to it, as on the terminal.

Writes docs/screenshots/dock-*.png (and demo-main-window.png). With ``--lang hi``: the same
screens in Hindi on a 1366 x 768 screen, as dock-*-hi.png. Not a test: pytest does not
collect it. The FEs, parcels and scans are made through the sandbox and the real key path.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from returns_desk.sandbox.server import Sandbox, SandboxConfig
from returns_desk.settings import Settings
from returns_desk.ui.app import demo_credentials
from returns_desk.ui.i18n import set_language
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.services import DeskServices, Timings
from returns_desk.ui.theme import apply_theme
from returns_desk.workflow.engine import EngineConfig

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TRANSLATED_SHOTS = {"dock-start-otc.png", "dock-scanning.png", "dock-end-otc.png"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def pump(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait(condition, timeout_s: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        pump(20)


def main(lang: str = "en") -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    set_language(lang)
    suffix = "" if lang == "en" else f"-{lang}"
    clock = Clock()
    with Sandbox(SandboxConfig(seed=3)) as sb, tempfile.TemporaryDirectory() as folder:
        world = sb.world
        settings = Settings(
            api_base_url=sb.base_url,
            seller_location_id="LOC1",
            terminal_id="DOCK-1",
            operator_name="Meena",
        )
        config = EngineConfig(
            location_id="LOC1", terminal_id="DOCK-1", poll_interval_s=0.2, refresh_interval_s=0.2
        )
        services = DeskServices(
            settings,
            Path(folder),
            credentials=demo_credentials(),
            config=config,
            timings=Timings(tick_ms=200),
        )
        window = MainWindow(services, scanner_clock=clock, sound_backend=lambda path: True)
        window.show()
        pump(300)
        window.start()
        c = window.controller

        def scan(code: str, gap_ms: float = 9.0) -> None:
            handle = window.windowHandle()
            for char in code:
                clock.now += gap_ms / 1000
                QTest.keyClick(handle, char)
            clock.now += gap_ms / 1000
            QTest.keyClick(handle, Qt.Key.Key_Return)
            clock.now += 3.0
            pump(60)

        def select(fe_id: str) -> None:
            wait(lambda: any(v.fe_id == fe_id for v in c.views.values()))
            (sid,) = [v.session_id for v in c.views.values() if v.fe_id == fe_id]
            c.select(sid)
            pump(300)

        def shoot(name: str) -> None:
            pump(400)
            if suffix and name not in TRANSLATED_SHOTS:
                return
            name = name.replace(".png", f"{suffix}.png")
            window.grab().save(str(OUT / name))
            print(OUT / name)

        # Three FEs: one scanning (LARGE), one at the Start OTC, one at the End OTC.
        ravi = world.arrive("LOC1", name="Ravi Kumar", lob="LARGE", logistic_partner="eKart")
        world.issue_start_otc(ravi.fe_id)
        world.validate_start_otc(ravi.fe_id)
        ravi_ids = world.scan(ravi.fe_id, 40)
        shyam = world.arrive("LOC1", name="Shyam Patel", lob="NONLARGE", logistic_partner="eKart")
        anita = world.arrive(
            "LOC1", name="Anita Rao", lob="NONLARGE", logistic_partner="Ekart Logistics"
        )
        world.issue_start_otc(anita.fe_id)
        world.validate_start_otc(anita.fe_id)
        anita_ids = world.scan(anita.fe_id, 18)
        wait(lambda: len(c.views) == 3)

        # Start OTC: Shyam, code generated with F2.
        select(shyam.fe_id)
        window.desk_actions.generate_start.trigger()
        wait(lambda: window.start_screen.code.code != "")
        pump(1200)
        shoot("dock-start-otc.png")

        # Scanning: Ravi, most parcels verified, then one the FE never reported.
        select(ravi.fe_id)
        wait(lambda: c.models[c.selected].rowCount() == 40)
        for code in ravi_ids[:27]:
            scan(code)
        scan(ravi_ids[27])
        shoot("dock-scanning.png")
        scan("FMPC4417093352")
        shoot("dock-scanning-not-in-list.png")
        scan(ravi_ids[3])
        shoot("dock-scanning-duplicate.png")

        # A label scanned while a dialog is open: held, offered with F3.
        from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

        dialog = QDialog(window)
        QVBoxLayout(dialog).addWidget(QPushButton("OK", dialog))
        dialog.open()
        dialog.activateWindow()
        wait(lambda: QApplication.focusWindow() is dialog.windowHandle())
        handle = dialog.windowHandle()
        for char in ravi_ids[29]:
            clock.now += 0.009
            QTest.keyClick(handle, char)
        clock.now += 0.009
        QTest.keyClick(handle, Qt.Key.Key_Return)
        clock.now += 3.0
        shoot("dock-scanning-held.png")
        dialog.accept()
        window.activateWindow()
        pump(200)
        window.desk_actions.record_held.trigger()

        # End OTC: Anita, two parcels missing and one unexpected, End OTC fetched.
        select(anita.fe_id)
        for code in anita_ids[:16]:
            scan(code)
        scan("FMPP9021733518")
        world.finish_scanning(anita.fe_id)
        wait(lambda: window.current_screen() == "end")
        window.desk_actions.end_otc.trigger()  # warns first: discrepancies
        shoot("dock-end-otc-warning.png")
        window.desk_actions.end_otc.trigger()
        wait(lambda: c.selected_view() is not None and c.selected_view().end is not None)
        pump(600)
        shoot("dock-end-otc.png")

        # Trouble: the marketplace is down; scanning goes on.
        select(ravi.fe_id)
        sb.set_faults(error_rate=1.0, error_statuses=(503,))
        wait(lambda: window.notice.isVisible())
        scan(ravi_ids[28])
        pump(600)
        shoot("dock-offline.png")
        sb.set_faults(error_rate=0.0)
        wait(lambda: not window.notice.isVisible())

        # Scanner test: a scan, a double read, a slow scanner, typing.
        window.desk_actions.scanner_test.trigger()
        scan("FMPC0127902385")
        scan("OD225674723130604000", gap_ms=42)
        scan("FMPC0127902385", gap_ms=9)
        clock.now -= 3.0
        scan("FMPC0127902385", gap_ms=9)
        scan("fmpp0049618531")
        scan("HELLO12345XYZ")
        shoot("dock-scanner-test.png")
        window.close()
    app.processEvents()
    if lang == "en":
        shoot_demo()


def shoot_demo() -> None:
    """``returns-desk --demo`` as a newcomer sees it: three FEs, F12 pretending to scan."""
    import argparse

    from returns_desk.ui.app import run_app

    def exec_loop(app: QApplication) -> int:
        (window,) = [
            w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        c = window.controller
        wait(lambda: c.fe_model.rowCount() == 3)
        (ravi,) = [v for v in c.views.values() if v.fe_name == "Ravi Kumar"]
        c.select(ravi.session_id)
        wait(lambda: window.current_screen() == "scanning")
        wait(lambda: c.models[ravi.session_id].rowCount() >= 12)
        for _ in range(3):
            window.desk_actions.demo_scan.trigger()
            pump(500)
        window.grab().save(str(OUT / "demo-main-window.png"))
        print(OUT / "demo-main-window.png")
        window.close()
        return 0

    run_app(argparse.Namespace(demo=True), exec_loop=exec_loop)


if __name__ == "__main__":
    main(sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en")
