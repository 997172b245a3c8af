"""Resident memory of a desk holding one handover of 10,000 and of 100,000 parcels.

Each figure comes from a fresh child process: a bare ``QMainWindow`` (the baseline, same
run), and the real dock window (``DeskServices`` + ``MainWindow``) after the poller has
drained N shipments from the sandbox (in its own process) and the parcel table holds every
row. RSS is read from ``/proc/self/status`` (VmRSS) once the window is idle.

Last line: ``{"rss_10k_mib", "rss_100k_mib", "bare_mib"}``; target rss_100k_mib <= 200.

    .venv/bin/python bench/memory.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no /proc/self/status (Linux only)")


def settle(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def child_bare() -> float:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    settle(app, 0.5)
    return rss_mib()


def child_desk(shipments: int) -> float:
    sys.path.insert(0, str(Path(__file__).parent))
    from PySide6.QtWidgets import QApplication
    from scan_latency import CREDENTIALS, marketplace, wait_until

    from returns_desk.settings import Settings
    from returns_desk.ui.main_window import MainWindow
    from returns_desk.ui.services import DeskServices
    from returns_desk.ui.theme import apply_theme
    from returns_desk.workflow.engine import EngineConfig

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    with marketplace(False) as (base_url, world), tempfile.TemporaryDirectory() as folder:
        fe = world.arrive("LOC1", name="Bench FE", lob="LARGE")
        world.issue_start_otc(fe.fe_id)
        world.validate_start_otc(fe.fe_id)
        world.scan(fe.fe_id, shipments)
        settings = Settings(api_base_url=base_url, seller_location_id="LOC1", terminal_id="MEM")
        config = EngineConfig(location_id="LOC1", terminal_id="MEM", page_size=100)
        services = DeskServices(settings, Path(folder), credentials=CREDENTIALS, config=config)
        window = MainWindow(services, sound_backend=lambda path: True)
        window.resize(1366, 768)
        window.show()
        window.start()
        controller = window.controller

        def full() -> bool:
            view = controller.selected_view()
            model = controller.models.get(view.session_id) if view is not None else None
            return model is not None and model.rowCount() == shipments

        wait_until(app, full, 600)
        settle(app, 1.0)
        rss = rss_mib()
        window.close()
        app.processEvents()
    return rss


def run_child(*args: str) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        kind = sys.argv[2]
        print(child_bare() if kind == "bare" else child_desk(int(kind)))
        return
    bare = run_child("bare")
    rss_10k = run_child("10000")
    rss_100k = run_child("100000")
    print(f"bare window {bare:.0f} MiB; desk with 10k parcels {rss_10k:.0f}, 100k {rss_100k:.0f}")
    print(
        json.dumps(
            {
                "rss_10k_mib": round(rss_10k, 1),
                "rss_100k_mib": round(rss_100k, 1),
                "bare_mib": round(bare, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
