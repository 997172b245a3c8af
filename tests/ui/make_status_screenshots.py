"""Screenshots for docs/gui.md: a static OTC mode's Start OTC screen, and a status the app
cannot read on the FE card. Taken from the real window under Xvfb, like make_screenshots.py:

    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python tests/ui/make_status_screenshots.py

Not a test: pytest does not collect it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from returns_desk.sandbox.server import Sandbox, SandboxConfig
from returns_desk.settings import Settings
from returns_desk.ui.app import demo_credentials
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.services import DeskServices, Timings
from returns_desk.ui.theme import apply_theme
from returns_desk.workflow.engine import EngineConfig
from tests.ui.make_screenshots import OUT, SIZE, Clock, pump, wait


def shoot(config: SandboxConfig, name: str, drive) -> None:  # type: ignore[no-untyped-def]
    with Sandbox(config) as sb, tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            api_base_url=sb.base_url, seller_location_id="LOC1", terminal_id="DOCK-1"
        )
        engine = EngineConfig(
            location_id="LOC1", terminal_id="DOCK-1", poll_interval_s=0.2, refresh_interval_s=0.2
        )
        services = DeskServices(
            settings, Path(folder), credentials=demo_credentials(), config=engine,
            timings=Timings(tick_ms=200),
        )  # fmt: skip
        window = MainWindow(services, scanner_clock=Clock(), sound_backend=lambda path: True)
        window.resize(*SIZE)
        window.show()
        pump(300)
        window.start()
        drive(sb.world, window)
        pump(800)
        window.grab().save(str(OUT / name))
        print(OUT / name)
        window.close()


def static_mode(world, window) -> None:  # type: ignore[no-untyped-def]
    world.arrive("LOC1", name="Shyam Patel", lob="NONLARGE")
    wait(lambda: window.current_screen() == "start")
    wait(lambda: "fixed OTCs" in window.start_screen.hint.text())


def unknown_status(world, window) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    fe = world.arrive("LOC1", name="Ravi Kumar", lob="LARGE")
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    world.scan(fe.fe_id, 12)
    world.finish_scanning(fe.fe_id)
    wait(lambda: any(v.state_raw == "SUMMARY" for v in c.views.values()))
    (view,) = c.views.values()
    c.select(view.session_id)
    wait(lambda: window.current_screen() == "end" and window.desk_actions.end_otc.isEnabled())


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    shoot(SandboxConfig(enabled_for="OldStatic"), "dock-start-otc-static.png", static_mode)
    shoot(SandboxConfig(status_style="summary"), "dock-unknown-status.png", unknown_status)
    app.processEvents()


if __name__ == "__main__":
    main()
