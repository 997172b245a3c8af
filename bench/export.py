"""The session report of a busy dock's 90 days: time and peak memory, against a bare stream.

The record is written by ``bench/make_history.py`` (1,800 handovers, 540,000 parcels) unless
``--data-dir`` names one. Each round runs, in fresh child processes and alternating:

- the export: ``export_sessions(store, out, "csv")`` on an open store (as ``returns-desk
  export`` does after opening it), timed around that call;
- the bare stream: a bare ``sqlite3`` query of the same parcels joined to their first dock
  scan, as many columns as the report (19) straight from the tables, no formatting, all
  its rows handed to one ``csv.writer.writerows`` call, the file synced, timed the same way.

The peak is the child's maximum resident size (``ru_maxrss`` from ``os.wait4``), so it
counts SQLite's memory as well as Python's; ``base_mib`` is the same for a child that only
imports the app and opens the store, for comparison. On Linux a child's ``ru_maxrss``
starts from this process's resident size when it was forked, so the record is written by
a process of its own (``make_history.py``), not in this one.

Last line: one JSON object ``{"rows", "wall_s", "bare_s", "ratio", "cpu_ratio", "peak_mib",
"bare_peak_mib", "base_mib"}`` (medians; peaks the highest seen; ``cpu_ratio`` is the ratio
of the processes' CPU times, steadier than wall time on a shared machine).

    .venv/bin/python bench/export.py [--data-dir DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's app

from returns_desk.store import DB_FILENAME

ROOT = Path(__file__).resolve().parents[1]

EXPORT = """
import json, sys, time
from returns_desk.store import Store
from returns_desk.store.export import export_sessions
with Store.open(sys.argv[1], create=False) as store:
    started, cpu = time.perf_counter(), time.process_time()
    result = export_sessions(store, sys.argv[2], "csv")
    print(json.dumps({"s": time.perf_counter() - started, "cpu": time.process_time() - cpu,
                      "rows": result.rows}))
"""
BARE = """
import csv, itertools, json, operator, os, sqlite3, sys, time
SQL = '''
SELECT s.id, s.location_id, s.fe_id, s.fe_name, s.logistic_partner, s.lob, s.task_id,
    s.state, s.opened_at, s.closed_at, s.exported_at, h.tracking_id, f.result, h.session_id,
    h.first_seen_at, f.code, f.scanned_at, f.operator, f.raw
FROM sessions AS s JOIN shipments AS h ON h.session_id = s.id
LEFT JOIN scans AS f ON f.id = (SELECT MIN(id) FROM scans AS c
    WHERE c.session_id = h.session_id AND c.code = h.tracking_id)
ORDER BY s.opened_at, s.id, h.id
'''
conn = sqlite3.connect(sys.argv[1])
started, cpu = time.perf_counter(), time.process_time()
with open(sys.argv[2], "w", encoding="utf-8", newline="") as file:
    file.write("\\ufeff")
    writer = csv.writer(file)
    writer.writerow(["c%d" % n for n in range(19)])
    counter = itertools.count()
    writer.writerows(map(operator.itemgetter(0), zip(conn.execute(SQL), counter)))
    rows = next(counter)
    file.flush()
    os.fsync(file.fileno())
print(json.dumps({"s": time.perf_counter() - started, "cpu": time.process_time() - cpu,
                  "rows": rows}))
"""
BASE = """
import json, sys
from returns_desk.store import Store
from returns_desk.store.export import export_sessions
with Store.open(sys.argv[1], create=False) as store:
    store.history_count()
print(json.dumps({"s": 0, "cpu": 0, "rows": 0}))
"""


def child(code: str, db: Path, out: Path) -> tuple[dict[str, float], float]:
    """Run ``code`` in a fresh interpreter; its JSON answer and its peak resident MiB."""
    process = subprocess.Popen(  # in the checkout: its app, whatever the current folder
        [sys.executable, "-c", code, str(db), str(out)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    answer = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"child failed ({process.returncode})")
    return json.loads(answer.strip().splitlines()[-1]), usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.data_dir or tmp)
        if not (folder / DB_FILENAME).exists():
            maker = Path(__file__).with_name("make_history.py")
            made = subprocess.run(
                [sys.executable, str(maker), "--data-dir", str(folder)],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            print(made.stdout.strip(), file=sys.stderr)
        db, out = folder / DB_FILENAME, Path(tmp) / "report.csv"
        base_mib = child(BASE, db, out)[1]
        walls, bares, cpus, bare_cpus, peak, bare_peak, rows = [], [], [], [], 0.0, 0.0, 0
        for _ in range(args.rounds):
            answer, mib = child(EXPORT, db, out)
            walls.append(answer["s"])
            cpus.append(answer["cpu"])
            rows, peak = int(answer["rows"]), max(peak, mib)
            answer, mib = child(BARE, db, out)
            bares.append(answer["s"])
            bare_cpus.append(answer["cpu"])
            bare_peak = max(bare_peak, mib)
        wall_s, bare_s = statistics.median(walls), statistics.median(bares)
        print(
            json.dumps(
                {
                    "rows": rows,
                    "wall_s": round(wall_s, 2),
                    "bare_s": round(bare_s, 2),
                    "ratio": round(wall_s / bare_s, 2),
                    "cpu_ratio": round(statistics.median(cpus) / statistics.median(bare_cpus), 2),
                    "peak_mib": round(peak, 1),
                    "bare_peak_mib": round(bare_peak, 1),
                    "base_mib": round(base_mib, 1),
                }
            )
        )


if __name__ == "__main__":
    main()
