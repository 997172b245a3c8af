"""The Hand-on view on 50,000 outbox entries: how long the GUI thread is ever held up.

A store gets ``--entries`` entries (most sent, some waiting or needing a person; written
with the test's own filler, ``tests/ui/handon/test_view_busy.py``). A 2 ms timer ticks on
the GUI thread while the view opens, takes 20 bursts of ``entries_changed`` (the sender's
batches), is filtered by state, searched and scrolled; the gaps between ticks are the GUI
thread's stalls. In the same run the same timer ticks for as long with nothing else to do
(the bare figure: what the machine itself adds).

Last line: one JSON object ``{"entries", "longest_ms", "p99_ms", "bare_longest_ms",
"bare_p99_ms", "first_rows_s"}``.

    .venv/bin/python bench/handon_view.py [--entries 50000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from returns_desk.store import OutboxStatus, Store
from returns_desk.ui.handon import HandonView
from tests.ui.handon import test_view_busy


class Ticks:
    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()


def spin(app: QApplication, until: object, limit_s: float = 30.0) -> None:
    deadline = time.perf_counter() + limit_s
    while not until() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.001)


def summary(gaps: list[float]) -> tuple[float, float]:
    ordered = sorted(gaps)
    return ordered[-1] * 1000, ordered[int(len(ordered) * 0.99)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp)) as store:
        test_view_busy.fill(store, args.entries)
        ticks = Ticks()
        ticks.start()
        started = time.perf_counter()
        view = HandonView(store, Path(tmp), refresh_delay_ms=50)
        view.resize(1200, 700)
        view.show()
        spin(app, lambda: view.model.rowCount() > 0)
        first_rows_s = time.perf_counter() - started
        for _ in range(20):
            for _ in range(10):
                view.entries_changed()
            spin(app, lambda: False, 0.1)
            spin(app, lambda: view.reader.pending == 0)
        for status in (OutboxStatus.NEEDS_ATTENTION, OutboxStatus.SENT, None):
            view.status_filter.setCurrentIndex(view.status_filter.findData(status))
            spin(app, lambda: False, 0.3)
            spin(app, lambda: view.reader.pending == 0)
        view.search.setText("FMPC0000012")
        spin(app, lambda: False, 0.3)
        view.search.clear()
        spin(app, lambda: False, 0.3)
        for _ in range(5):
            rows = view.model.rowCount()
            view.table.scrollToBottom()
            spin(app, lambda rows=rows: view.model.rowCount() > rows)
        ticks.timer.stop()
        busy_for = time.perf_counter() - started
        view.close_reader()
        view.close()
        bare = Ticks()
        bare.start()
        spin(app, lambda: False, busy_for)
        bare.timer.stop()
    longest, p99 = summary(ticks.gaps)
    bare_longest, bare_p99 = summary(bare.gaps)
    print(
        json.dumps(
            {
                "entries": args.entries,
                "longest_ms": round(longest, 1),
                "p99_ms": round(p99, 1),
                "bare_longest_ms": round(bare_longest, 1),
                "bare_p99_ms": round(bare_p99, 1),
                "first_rows_s": round(first_rows_s, 3),
                "ticks": len(ticks.gaps),
                "median_ms": round(statistics.median(ticks.gaps) * 1000, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
