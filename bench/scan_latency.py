"""Scan latency and GUI stalls of the dock window with 10,000 shipments in the handover.

1. The poller drains 10,000 shipments (400 pages of 25) from the sandbox while the window
   shows the handover; a ``QTimer`` heartbeat on the GUI thread measures the longest stall
   (the largest gap between heartbeats, minus the heartbeat interval).
2. Then the clerk scans: each scan is typed into the window as real key events (a scanner
   burst), and the time is taken from the terminator key (Enter) until the scan is committed
   to the database and the banner, the counters and the parcel table are updated and
   repainted. p50 and p99 over ``--scans`` scans.

Last line: one JSON object with ``p50_ms``, ``p99_ms``, ``max_stall_ms`` (and more).

    .venv/bin/python bench/scan_latency.py [--shipments 10000] [--scans 500]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pydantic import SecretStr
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from returns_desk.credentials import Credentials
from returns_desk.sandbox.control import SandboxControl
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from returns_desk.settings import Settings
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.services import DeskServices
from returns_desk.ui.theme import apply_theme

CREDENTIALS = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))
HEARTBEAT_MS = 1


class Heartbeat:
    """Ticks every millisecond on the GUI thread; the longest gap is the longest stall."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self.beat)
        self.last_ns = 0
        self.max_gap_ns = 0
        self.beats = 0

    def start(self) -> None:
        self.clock.start()
        self.last_ns = self.clock.nsecsElapsed()
        self.timer.start()

    def beat(self) -> None:
        now = self.clock.nsecsElapsed()
        self.max_gap_ns = max(self.max_gap_ns, now - self.last_ns)
        self.last_ns = now
        self.beats += 1

    def stop(self) -> float:
        self.timer.stop()
        self.beat()
        return max(0.0, self.max_gap_ns / 1e6 - HEARTBEAT_MS)


def wait_until(app: QApplication, condition, timeout_s: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.0005)


@contextlib.contextmanager
def marketplace(in_process: bool) -> Iterator[tuple[str, Any]]:
    """The sandbox marketplace: in its own process by default, as the real one is remote."""
    if in_process:
        with Sandbox(SandboxConfig()) as sb:
            yield sb.base_url, sb.world
        return
    command = [sys.executable, "-m", "returns_desk", "sandbox", "--port", "0"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"base URL (\S+) token URL \S+ control (\S+)", line)
        if found is None:
            raise SystemExit(f"the sandbox did not start: {line!r}")
        with SandboxControl(found.group(2), timeout_s=60) as control:
            yield found.group(1), control
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shipments", type=int, default=10_000)
    parser.add_argument("--scans", type=int, default=500)
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the sandbox in this process (its HTTP server then competes for the GIL)",
    )
    args = parser.parse_args()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    with marketplace(args.in_process) as (base_url, world), tempfile.TemporaryDirectory() as folder:
        fe = world.arrive("LOC1", name="Bench FE", lob="LARGE")
        world.issue_start_otc(fe.fe_id)
        world.validate_start_otc(fe.fe_id)
        ids = world.scan(fe.fe_id, args.shipments)
        settings = Settings(api_base_url=base_url, seller_location_id="LOC1", terminal_id="BENCH")
        services = DeskServices(settings, Path(folder), credentials=CREDENTIALS)
        window = MainWindow(services, sound_backend=lambda path: True)
        window.resize(1600, 900)
        window.show()
        controller = window.controller
        shown = time.perf_counter()
        while time.perf_counter() - shown < 0.3:  # the first paint, as the app does at start
            app.processEvents()

        # --- 1. the drain ------------------------------------------------------------
        heartbeat = Heartbeat()
        started = time.perf_counter()
        window.start()  # starts the poller; its start-up garbage collection is not a stall
        heartbeat.start()

        def drained() -> bool:
            view = controller.selected_view()
            if view is None or view.counts.fe_scanned < args.shipments:
                return False
            model = controller.models.get(view.session_id)
            return model is not None and model.rowCount() == args.shipments

        wait_until(app, drained, 120)
        drain_s = time.perf_counter() - started
        wait_until(app, lambda: not controller.pump.in_flight, 10)
        max_stall_ms = heartbeat.stop()
        print(
            f"drained {args.shipments} shipments into the window in {drain_s:.2f} s; "
            f"longest GUI stall {max_stall_ms:.1f} ms ({heartbeat.beats} heartbeats)"
        )

        # --- 2. the scans ------------------------------------------------------------
        handle = window.windowHandle()
        banner, table = window.scanning.banner, window.scanning.table
        session_id = controller.selected
        latencies: list[float] = []
        for n in range(args.scans):
            code = ids[n] if n % 10 else f"FMPC{9_000_000_000 + n:010d}"  # some unexpected
            for char in code:
                QTest.keyClick(handle, char)
            t0 = time.perf_counter()
            QTest.keyClick(handle, Qt.Key.Key_Return)
            banner.repaint()
            table.viewport().repaint()
            latencies.append((time.perf_counter() - t0) * 1000)
            assert banner.code.text() == code, (banner.code.text(), code)
            QTest.qWait(2)  # the event loop runs between scans, as it does between parcels
        recorded = services.store.counts(session_id).scans if session_id is not None else -1
        p50, p99 = statistics.median(latencies), percentile(latencies, 0.99)
        print(
            f"{args.scans} scans (recorded: {recorded}): terminator to committed, banner and "
            f"table repainted: p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {max(latencies):.2f} ms"
        )
        window.close()
        window.deleteLater()
        app.processEvents()
    print(
        json.dumps(
            {
                "shipments": args.shipments,
                "scans": args.scans,
                "recorded": recorded,
                "drain_s": round(drain_s, 3),
                "p50_ms": round(p50, 3),
                "p99_ms": round(p99, 3),
                "max_ms": round(max(latencies), 3),
                "max_stall_ms": round(max_stall_ms, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
