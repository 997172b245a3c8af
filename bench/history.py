"""The session history on a busy dock's 90-day record: asked for, to its first screen of rows.

The record is written by ``bench/make_history.py`` (1,800 handovers, 540,000 parcels) unless
``--data-dir`` names one. The store is open, as in the app; each round makes a new
``HistoryDialog`` (offscreen) on the last 90 days, asks it to read, and stops the clock when
its first page is in the table and painted. In the same run, alternating round by round:

- ``bare_s``: a bare ``sqlite3`` connection computing the same first screen of rows the
  plain way, an aggregate of each handover's shipments and scans (what the history costs
  without the kept summaries, as the issue measured it);
- ``bare_page_s``: a bare ``sqlite3`` read of the same rows from the kept summaries (the
  floor: the query alone, no Qt).

Last line: one JSON object ``{"handovers", "open_s", "bare_s", "ratio", "bare_page_s",
"page_ratio", "week_open_s"}`` (medians; ``week_open_s``: the dialog's default, a week).

    .venv/bin/python bench/history.py [--data-dir DIR] [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_history import make_history
from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import QApplication

from returns_desk.store import DB_FILENAME, Store
from returns_desk.store.history import PAGE_ROWS
from returns_desk.ui.history_dialog import HistoryDialog

BARE_AGGREGATE = """
SELECT s.id, s.fe_name, s.fe_id, s.logistic_partner, s.task_id, s.state, s.opened_at,
    (SELECT COUNT(*) FROM shipments AS h WHERE h.session_id = s.id) AS reported,
    (SELECT COUNT(DISTINCT code) FROM scans AS c WHERE c.session_id = s.id
        AND c.result != 'duplicate' AND c.code != '') AS scanned,
    (SELECT COUNT(DISTINCT c.code) FROM scans AS c JOIN shipments AS h
        ON h.session_id = c.session_id AND h.tracking_id = c.code
        WHERE c.session_id = s.id) AS matched,
    (SELECT otc FROM codes AS k WHERE k.session_id = s.id AND k.kind = 'end'
        ORDER BY k.id DESC LIMIT 1) AS end_otc
FROM sessions AS s WHERE s.opened_at >= ? ORDER BY s.opened_at DESC, s.id DESC
"""
BARE_PAGE = """
SELECT s.*, m.*, a.otc, a.printed_at, b.otc, b.printed_at FROM sessions AS s
LEFT JOIN session_summaries AS m ON m.session_id = s.id
LEFT JOIN codes AS a ON a.id = m.start_code_id LEFT JOIN codes AS b ON b.id = m.end_code_id
WHERE s.opened_at >= ? ORDER BY s.opened_at DESC, s.id DESC LIMIT ?
"""


class Printing(QObject):
    """What the dialog uses of the desk's slip printing: the store, two signals."""

    printed = Signal(object)
    print_failed = Signal(object)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.services = SimpleNamespace(store=store, site_mode=False)  # one terminal


def open_dialog(app: QApplication, printing: Printing, days: int) -> tuple[float, int]:
    """Seconds from asking for the history to its first page painted; how many it lists."""
    started = time.perf_counter()
    dialog = HistoryDialog(printing)  # type: ignore[arg-type]
    dialog.since.blockSignals(True)
    dialog.since.setDate(QDate.currentDate().addDays(-(days - 1)))
    dialog.since.blockSignals(False)
    loaded: list[int] = []
    dialog.loaded.connect(loaded.append)
    dialog.reload()
    dialog.show()
    while not loaded:
        app.processEvents()
        time.sleep(0.0005)
    dialog.table.viewport().repaint()  # the first screen of rows, painted
    elapsed = time.perf_counter() - started
    dialog.close_reader()
    dialog.close()
    dialog.deleteLater()
    app.processEvents()
    return elapsed, loaded[0]


def bare(path: Path, sql: str, params: tuple[object, ...]) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(sql, params).fetchmany(PAGE_ROWS)
        assert rows
    finally:
        conn.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.data_dir or tmp)
        if not (folder / DB_FILENAME).exists():
            print(json.dumps(make_history(folder)), file=sys.stderr)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        since = datetime.now().astimezone() - timedelta(days=89)
        since = since.replace(hour=0, minute=0, second=0, microsecond=0)
        since_ms = round(since.timestamp() * 1000)
        with Store.open(folder / DB_FILENAME) as store:
            printing = Printing(store)
            open_dialog(app, printing, 90)  # warm-up: imports, first paint, page cache
            opens, weeks, bares, pages, handovers = [], [], [], [], 0
            for _ in range(args.rounds):
                seconds, handovers = open_dialog(app, printing, 90)
                opens.append(seconds)
                bares.append(bare(folder / DB_FILENAME, BARE_AGGREGATE, (since_ms,)))
                pages.append(bare(folder / DB_FILENAME, BARE_PAGE, (since_ms, PAGE_ROWS)))
                weeks.append(open_dialog(app, printing, 7)[0])
        open_s, bare_s = statistics.median(opens), statistics.median(bares)
        page_s = statistics.median(pages)
        print(
            json.dumps(
                {
                    "handovers": handovers,
                    "open_s": round(open_s, 4),
                    "bare_s": round(bare_s, 4),
                    "ratio": round(open_s / bare_s, 2),
                    "bare_page_s": round(page_s, 5),
                    "page_ratio": round(open_s / page_s, 1),
                    "week_open_s": round(statistics.median(weeks), 4),
                }
            )
        )


if __name__ == "__main__":
    main()
