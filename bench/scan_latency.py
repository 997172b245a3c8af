"""Scan latency and GUI stalls of the dock window with 10,000 shipments in the handover.

1. The poller drains 10,000 shipments (400 pages of 25) from the sandbox while the window
   shows the handover; a ``QTimer`` heartbeat on the GUI thread measures the longest stall
   (the largest gap between heartbeats, minus the heartbeat interval). DURING the drain a
   "scanner" thread posts real key events (a burst and Enter) to the window, as a USB
   scanner's keys arrive from outside the GUI thread: the time from posting Enter until the
   scan is committed and its banner shown counts every moment the keys waited behind a busy
   GUI thread.
2. Then the same scans AFTER the drain, the same way, and the classic measure: keys typed on
   the GUI thread, from Enter until committed and the banner and table repainted.

Last line: one JSON object with ``p50_ms``, ``p99_ms``, ``max_stall_ms``, ``p99_during_ms``,
``p99_after_ms`` and ``during_ratio`` (p99 during / p99 after, same run; target <= 1.3).

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
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pydantic import SecretStr
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QWindow
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


class ScanClock(QObject):
    """Posting time of each scan's Enter (scanner thread) to its banner (GUI thread)."""

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._lock = threading.Lock()
        self.posted: dict[str, float] = {}
        self.latencies: list[float] = []
        controller.scan_shown.connect(self.on_scan_shown)

    def post(self, code: str) -> None:
        with self._lock:
            self.posted[code] = time.perf_counter()

    @Slot(object)
    def on_scan_shown(self, feedback) -> None:  # type: ignore[no-untyped-def]
        with self._lock:
            t0 = self.posted.pop(feedback.code, None)
        if t0 is not None:
            self.latencies.append((time.perf_counter() - t0) * 1000)


def post_key(window: QWindow, key: int, text: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.postEvent(
            window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
        )


def scanner_thread(
    window: QWindow, codes: list[str], clock: ScanClock, stop: threading.Event, gap_s: float
) -> threading.Thread:
    """Posts each code as a burst and Enter from its own thread, ``gap_s`` apart."""
    # The first key event makes Qt's default keyboard device, a QObject of the application:
    # it must be made here, on the GUI thread.
    QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, "")

    def run() -> None:
        for code in codes:
            if stop.is_set():
                return
            for char in code:
                post_key(window, ord(char.upper()), char)
            clock.post(code)
            post_key(window, int(Qt.Key.Key_Return), "\r")
            time.sleep(gap_s)

    thread = threading.Thread(target=run, name="bench scanner", daemon=True)
    thread.start()
    return thread


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

        # --- 1. the drain, with scans posted from a "scanner" thread meanwhile ------------
        heartbeat = Heartbeat()
        started = time.perf_counter()
        window.start()  # starts the poller; its start-up garbage collection is not a stall
        heartbeat.start()
        wait_until(app, lambda: controller.selected_view() is not None, 30)
        during = ScanClock(controller)
        stop = threading.Event()
        during_codes = [f"FMPC{8_000_000_000 + n:010d}" for n in range(args.scans)]
        typist = scanner_thread(window.windowHandle(), during_codes, during, stop, 0.02)

        def drained() -> bool:
            view = controller.selected_view()
            if view is None or view.counts.fe_scanned < args.shipments:
                return False
            model = controller.models.get(view.session_id)
            counts = view.counts  # every code either side has seen has its row
            rows = counts.fe_scanned + counts.not_yet_reported + counts.rejected
            return model is not None and model.rowCount() == rows

        wait_until(app, drained, 120)
        drain_s = time.perf_counter() - started
        stop.set()
        typist.join()
        wait_until(app, lambda: not during.posted, 10)
        max_stall_ms = heartbeat.stop()
        during_ms = list(during.latencies)
        controller.scan_shown.disconnect(during.on_scan_shown)
        print(
            f"drained {args.shipments} shipments into the window in {drain_s:.2f} s; "
            f"longest GUI stall {max_stall_ms:.1f} ms ({heartbeat.beats} heartbeats)"
        )

        # --- 2. the scans after the drain: posted the same way, then typed on the GUI thread
        after = ScanClock(controller)
        after_codes = [f"FMPC{7_000_000_000 + n:010d}" for n in range(len(during_ms) or 1)]
        typist = scanner_thread(window.windowHandle(), after_codes, after, threading.Event(), 0.02)
        wait_until(app, lambda: not typist.is_alive() and not after.posted, 60)  # GUI runs
        after_ms = list(after.latencies)
        controller.scan_shown.disconnect(after.on_scan_shown)
        p99_during, p99_after = percentile(during_ms, 0.99), percentile(after_ms, 0.99)
        print(
            f"{len(during_ms)} scans posted during the drain: p99 {p99_during:.2f} ms; "
            f"{len(after_ms)} after it: p99 {p99_after:.2f} ms"
        )
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
                "scans_during": len(during_ms),
                "p99_during_ms": round(p99_during, 3),
                "p99_after_ms": round(p99_after, 3),
                "during_ratio": round(p99_during / p99_after, 3) if p99_after else None,
            }
        )
    )


if __name__ == "__main__":
    main()
