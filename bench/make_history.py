"""Write a busy dock's record: N days of M FEs handing over P parcels a day each.

The defaults are the dock the benches are about: 90 days x 20 FEs x 300 parcels, about
540,000 shipments, as many dock scans, 50,000 hand-on outbox entries and the codes, state
changes and events of 1,800 handovers. Every handover is closed (completed), its slips
printed; on the last day the hand-on is still partly pending. It goes through the store's
own schema (``Store.open`` creates or upgrades the file) and writes with ``executemany``,
one transaction per day, then lets the store build its per-handover summaries the way the
migration does for an older record.

    .venv/bin/python bench/make_history.py --data-dir DIR [--days 90] [--fes 20]
        [--parcels 300] [--outbox 50000] [--seed 13]

Last line: one JSON object ``{"handovers", "shipments", "scans", "outbox", "mib", "wall_s"}``.
Also a demo of the history screen: ``returns-desk --data-dir DIR`` then Ctrl+H.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

# this checkout's app (its schema), not another one an editable install points at
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from returns_desk.store import DB_FILENAME, Store

LOCATION = "LOC1"
NAMES = (
    "Ravi Kumar",
    "Asha Devi",
    "Suresh Babu",
    "Meena Rao",
    "Imran Khan",
    "Lakshmi N",
    "Arjun Singh",
    "Priya Sharma",
    "Kiran Patel",
    "Deepak Yadav",
    "Sunita Joshi",
    "Vijay Reddy",
    "Anil Gupta",
    "Farah Ali",
    "Manoj Das",
    "Rekha Iyer",
    "Gopal Nair",
    "Sanjay Mehta",
    "Pooja Verma",
    "Harish Rao",
)
PARTNERS = ("Ekart", "Ekart", "Ecom Express", "Delhivery", "Shadowfax")
LOBS = ("NONLARGE", "NONLARGE", "NONLARGE", "LARGE")
STATES = ("START_OTC", "SCANNING", "END_OTC", "COMPLETED")
DESTINATIONS = ("omni", "pos")


@dataclass(frozen=True)
class Shape:
    """How big a record to write."""

    days: int = 90
    fes: int = 20
    parcels: int = 300
    outbox: int = 50_000
    seed: int = 13
    end: datetime | None = None  # the last day (UTC); default today

    @property
    def handovers(self) -> int:
        return self.days * self.fes


def _ms(at: datetime) -> int:
    return round(at.timestamp() * 1000)


def _day_rows(shape: Shape, day: int, first_day: datetime, rng: random.Random) -> dict[str, list]:
    """Every row of one day, as tuples for ``executemany`` (ids chosen here)."""
    rows: dict[str, list] = {k: [] for k in ("sessions", "states", "codes", "ship", "scans")}
    rows |= {"outbox": [], "events": []}
    per_session_outbox = shape.outbox / shape.handovers
    base = first_day + timedelta(days=day)
    for fe in range(shape.fes):
        sid = day * shape.fes + fe + 1
        opened = base + timedelta(hours=9, minutes=fe * 20 + rng.randrange(15))
        t0 = _ms(opened)
        closed = t0 + shape.parcels * 2_400 + 600_000
        task = f"T{base:%y%m%d}-{fe:02d}"
        rows["sessions"].append(
            (
                sid,
                LOCATION,
                task,
                f"FE{fe:03d}",
                NAMES[fe % len(NAMES)],
                PARTNERS[fe % 5],
                LOBS[fe % 4],
                "COMPLETED",
                t0,
                closed,
                None,
                t0 + 40_000,
                closed - 300_000,
                closed + 3_600_000,
            )
        )
        for n, state in enumerate(STATES):
            rows["states"].append((sid, state, t0 + n * (closed - t0) // 4))
        start_otc, end_otc = f"{rng.randrange(10**6):06d}", f"{rng.randrange(10**6):06d}"
        rows["codes"].append(
            (
                sid,
                "start",
                start_otc,
                t0,
                t0 + 900_000,
                t0 + 1_000,
                t0 + 3_000,
                None,
                None,
                None,
                None,
                None,
            )
        )
        missing = rng.randrange(4)
        unexpected = rng.randrange(3)
        rows["codes"].append(
            (
                sid,
                "end",
                end_otc,
                closed - 120_000,
                None,
                closed - 119_000,
                closed - 60_000,
                shape.parcels,
                shape.parcels // 3,
                rng.randrange(3),
                shape.parcels // 5,
                0,
            )
        )
        tracking = [
            f"{'FMPP' if rng.random() < 0.2 else 'FMPC'}{rng.randrange(10**10):010d}"
            for _ in range(shape.parcels)
        ]
        for n, tid in enumerate(tracking):
            seen = t0 + 40_000 + n * 2_400
            fields = json.dumps(
                {
                    "trackingId": tid,
                    "shipmentId": f"SH{sid:06d}{n:04d}",
                    "scannedAt": seen,
                    "lob": LOBS[fe % 4],
                    "logisticPartner": PARTNERS[fe % 5],
                }
            )
            rows["ship"].append((sid, tid, fields, seen))
        operator = ("asha", "ravi", "meena")[day % 3]
        terminal = "DOCK-1"
        for n, tid in enumerate(tracking[: shape.parcels - missing]):
            at = t0 + 60_000 + n * 2_400
            rows["scans"].append((sid, tid.lower() + "\r", tid, "matched", at, terminal, operator))
            if n % 100 == 7:  # scanned twice
                rows["scans"].append((sid, tid, tid, "duplicate", at + 900, terminal, operator))
        for n in range(unexpected):
            tid = f"FMPC{rng.randrange(10**10):010d}"
            at = closed - 400_000 + n
            rows["scans"].append((sid, tid, tid, "not_yet_reported", at, terminal, operator))
        if fe % 4 == 0:
            order = f"OD{rng.randrange(10**15):015d}"
            rows["scans"].append(
                (sid, order, order, "wrong_label", t0 + 70_000, terminal, operator)
            )
        rows["events"].append((t0, "fe_arrived", sid, json.dumps({"fe_id": f"FE{fe:03d}"})))
        rows["events"].append((t0 + 3_000, "slip_printed", sid, json.dumps({"slip": "start"})))
        rows["events"].append((closed - 60_000, "slip_printed", sid, json.dumps({"slip": "end"})))
        last_day = day == shape.days - 1
        count = int(per_session_outbox * (fe + 1)) - int(per_session_outbox * fe)
        for n, tid in enumerate(tracking[:count]):
            destination = DESTINATIONS[n % 2]
            payload = json.dumps(
                {
                    "returnOrderCode": f"R-{tid}",
                    "forwardOrderCode": f"OD-{tid}",
                    "trackingId": tid,
                    "location": LOCATION,
                    "items": [{"sku": f"SKU{n:05d}", "qty": 1}],
                }
            )
            status = "sent"
            if last_day and n % 3 == 0:
                status = "pending" if n % 2 else "needs_attention"
            sent = closed + 5_000 + n if status == "sent" else None
            rows["outbox"].append(
                (destination, tid, sid, payload, status, 1, closed + n, None, closed, sent)
            )
    return rows


_SQL = {
    "sessions": "INSERT INTO sessions (id, location_id, task_id, fe_id, fe_name, "
    "logistic_partner, lob, state, opened_at, closed_at, next_url, shipments_posted_at, "
    "drain_finished_at, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "states": "INSERT INTO state_changes (session_id, state, at) VALUES (?, ?, ?)",
    "codes": "INSERT INTO codes (session_id, kind, otc, created_at, expiry_at, received_at, "
    "printed_at, total_scanned, obd_eligible, obd_failed, flyer_eligible, flyer_failed) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "ship": "INSERT INTO shipments (session_id, tracking_id, fields, first_seen_at) "
    "VALUES (?, ?, ?, ?)",
    "scans": "INSERT INTO scans (session_id, raw, code, result, scanned_at, terminal, operator) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "outbox": "INSERT INTO outbox (destination, idempotency_key, session_id, payload, status, "
    "attempts, next_attempt_at, last_error, created_at, sent_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT INTO events (at, kind, session_id, detail) VALUES (?, ?, ?, ?)",
}


def make_history(data_dir: str | Path, shape: Shape = Shape()) -> dict[str, float]:
    """Write the record into ``data_dir`` (a new or empty store); returns what was written."""
    started = time.perf_counter()
    folder = Path(data_dir)
    Store.open(folder / DB_FILENAME).close()  # the schema, as the app makes it
    end = shape.end or datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    first_day = end - timedelta(days=shape.days - 1)
    rng = random.Random(shape.seed)
    totals = dict.fromkeys(_SQL, 0)
    with closing(sqlite3.connect(folder / DB_FILENAME, isolation_level=None)) as conn:
        conn.execute("PRAGMA synchronous = OFF")  # a generator: a crash means run it again
        if conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]:
            raise SystemExit(f"{folder} already holds a record: give an empty folder")
        for day in range(shape.days):
            rows = _day_rows(shape, day, first_day, rng)
            conn.execute("BEGIN")
            for table, sql in _SQL.items():
                conn.executemany(sql, rows[table])
                totals[table] += len(rows[table])
            conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with Store.open(folder / DB_FILENAME) as store:
        store.rebuild_summaries()
    size = (folder / DB_FILENAME).stat().st_size
    return {
        "handovers": totals["sessions"],
        "shipments": totals["ship"],
        "scans": totals["scans"],
        "outbox": totals["outbox"],
        "mib": round(size / 2**20, 1),
        "wall_s": round(time.perf_counter() - started, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--fes", type=int, default=20)
    parser.add_argument("--parcels", type=int, default=300)
    parser.add_argument("--outbox", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    shape = Shape(args.days, args.fes, args.parcels, args.outbox, args.seed)
    print(json.dumps(make_history(args.data_dir, shape)))


if __name__ == "__main__":
    main()
