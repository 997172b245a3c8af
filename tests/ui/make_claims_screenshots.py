"""Screenshots for docs/claims.md and docs/gui.md: condition keys, noted parcels at the End
OTC, the Claims view and an evidence pack's pages, from the real window under Xvfb.

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python tests/ui/make_claims_screenshots.py

Not a test: pytest does not collect it. Everything goes through the sandbox and the real keys;
the photos come from the frame source that draws its own frames (no camera needed).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from returns_desk.sandbox.server import Sandbox, SandboxConfig
from returns_desk.settings import Settings
from returns_desk.ui.app import demo_credentials
from returns_desk.ui.camera import StillFrameSource
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.services import DeskServices, Timings
from returns_desk.ui.theme import apply_theme
from returns_desk.workflow.engine import EngineConfig
from tests.ui.make_screenshots import Clock, pump, wait

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZE = (1366, 768)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    clock = Clock()
    with Sandbox(SandboxConfig(seed=5)) as sb, tempfile.TemporaryDirectory() as folder:
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
        window.photos.set_source(StillFrameSource((1024, 768)))
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 5000)  # shortcuts need the active window
        pump(300)
        window.start()
        c = window.controller
        handle = window.windowHandle()

        def scan(code: str) -> None:
            for char in code:
                clock.now += 0.009
                QTest.keyClick(handle, char)
            clock.now += 0.009
            QTest.keyClick(handle, Qt.Key.Key_Return)
            clock.now += 3.0
            pump(60)

        def ctrl(key: Qt.Key) -> None:
            QTest.keyClick(handle, key, Qt.KeyboardModifier.ControlModifier)
            pump(200)

        def remark(text: str) -> None:
            QTest.keyClick(handle, Qt.Key.Key_F7)
            for char in text:
                clock.now += 0.3
                QTest.keyClick(handle, char)
                pump(1)
            pump(200)
            QTest.keyClick(handle, Qt.Key.Key_Return)
            pump(200)

        def shoot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
            pump(400)
            widget.grab().save(str(OUT / name))
            print(OUT / name)

        ravi = world.arrive("LOC1", name="Ravi Kumar", lob="NONLARGE", logistic_partner="eKart")
        wait(lambda: any(v.fe_id == ravi.fe_id for v in c.views.values()))
        (sid,) = [v.session_id for v in c.views.values() if v.fe_id == ravi.fe_id]
        c.select(sid)
        wait(window.desk_actions.generate_start.isEnabled)
        window.desk_actions.generate_start.trigger()  # the Start OTC, as the clerk gets it (F2)
        wait(lambda: c.selected_view() is not None and c.selected_view().start_code is not None)
        world.validate_start_otc(ravi.fe_id, world.start_otc_for(ravi.fe_id))
        ids = world.scan(ravi.fe_id, 12)
        wait(lambda: window.current_screen() == "scanning")
        wait(lambda: c.models[sid].rowCount() == 12)
        for code in ids[:6]:
            scan(code)
        ctrl(Qt.Key.Key_2)  # damaged, photographed by itself
        remark("corner crushed, tape cut")
        wait(lambda: len(services.store.photos(sid)) == 1)
        for code in ids[6:10]:
            scan(code)
        ctrl(Qt.Key.Key_3)  # tampered or open
        scan("FMPC4417093352")  # never reported by the FE
        ctrl(Qt.Key.Key_5)  # wet
        ctrl(Qt.Key.Key_P)  # one more photo, of the label
        wait(lambda: len(services.store.photos(sid)) == 4)
        scan(ids[10])
        window.scanning.scroll_to_source_row(c.models[sid].codes().index(ids[9]))
        shoot(window, "dock-scanning-condition.png")

        world.finish_scanning(ravi.fe_id)
        wait(lambda: window.current_screen() == "end")
        window.desk_actions.end_otc.trigger()
        window.desk_actions.end_otc.trigger()
        wait(lambda: c.selected_view() is not None and c.selected_view().end is not None)
        pump(600)
        shoot(window, "dock-end-otc-noted.png")
        world.verify_end_otc(ravi.fe_id)
        wait(window.desk_actions.complete.isEnabled)
        window.desk_actions.complete.trigger()
        pump(600)

        ctrl(Qt.Key.Key_L)
        dialog = window.claims_dialog
        assert dialog is not None
        dialog.resize(1300, 520)
        dialog.table.selectRow(0)
        dialog.reference.setText("SPF-20261206-0042")
        dialog.filed.click()
        pump(300)
        dialog.evidence.click()
        wait(lambda: dialog.last_pack is not None, 20)
        dialog.table.selectRow(1)
        shoot(dialog, "claims-view.png")
        pack = dialog.last_pack
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", str(pack), str(OUT / "evidence-pack")], check=True
        )
        print(sorted(OUT.glob("evidence-pack*.png")))
        dialog.reject()
        window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
