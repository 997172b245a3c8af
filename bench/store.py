"""Time to record one dock scan durably, against a bare sqlite3 insert-and-commit.

The session already holds 10,000 shipments and 10,000 scans; then ``--scans`` more scans
are recorded one by one with ``Store.record_scan`` (each its own committed, fsynced
transaction). In the same run, alternating call by call so the disk's noise hits both
alike, a bare ``INSERT`` + ``commit()`` goes to a similar table with the same pragmas
(WAL, synchronous=FULL, foreign keys on) in a database prefilled the same way.
Last line: one JSON object ``{"p50_ms", "p99_ms", "bare_p99_ms", "ratio_p99"}``.

    .venv/bin/python bench/store.py [--scans 2000] [--existing 10000] [--folder DIR]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from returns_desk.store import DB_FILENAME, Store

PAGE = 25
BARE_SCHEMA = (
    "CREATE TABLE sessions (id INTEGER PRIMARY KEY, name TEXT)",
    "INSERT INTO sessions (id, name) VALUES (1, 'bench')",
    """CREATE TABLE scans (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id),
        raw TEXT NOT NULL, code TEXT NOT NULL, result TEXT NOT NULL,
        scanned_at INTEGER NOT NULL, terminal TEXT NOT NULL, operator TEXT NOT NULL
    )""",
    "CREATE INDEX scans_session_code ON scans (session_id, code)",
)
BARE_INSERT = (
    "INSERT INTO scans (session_id, raw, code, result, scanned_at, terminal, operator) "
    "VALUES (1, ?, ?, 'not_yet_reported', ?, 'BENCH-1', 'bench')"
)


def _code(n: int) -> str:
    return f"ABCD{n:010d}"


def fill_store(store: Store, existing: int) -> int:
    session = store.open_session("LOC1", "T1", "fe1", state="SCANNING", fe_name="Bench")
    with store.transaction():
        for first in range(0, existing, PAGE):
            page = [{"trackingId": _code(n), "n": n} for n in range(first, first + PAGE)]
            store.record_shipments_page(session.id, page, f"cursor-{first}", False)
        for n in range(existing):
            store.record_scan(
                session.id, _code(n) + "\r", _code(n), "matched", terminal="BENCH-1", operator="b"
            )
    return session.id


def open_bare(path: Path, existing: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    for statement in BARE_SCHEMA:
        conn.execute(statement)
    conn.executemany(
        BARE_INSERT, ((_code(n) + "\r", _code(n), time.time_ns() // 10**6) for n in range(existing))
    )
    conn.commit()
    return conn


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run(scans: int, existing: int, folder: Path) -> dict[str, float]:
    with (
        Store.open(folder / "store" / DB_FILENAME) as store,
        closing(open_bare(folder / "bare.sqlite3", existing)) as bare,
    ):
        session_id = fill_store(store, existing)
        store_ms: list[float] = []
        bare_ms: list[float] = []
        for i in range(existing, existing + scans + 50):  # the first 50 warm up, not counted
            code = _code(i + 1_000_000)
            t0 = time.perf_counter()
            store.record_scan(
                session_id, code + "\r", code, "not_yet_reported", terminal="BENCH-1", operator="b"
            )
            t1 = time.perf_counter()
            bare.execute(BARE_INSERT, (code + "\r", code, time.time_ns() // 10**6))
            bare.commit()
            t2 = time.perf_counter()
            if i >= existing + 50:
                store_ms.append((t1 - t0) * 1000)
                bare_ms.append((t2 - t1) * 1000)
        assert len(store.scans(session_id)) == existing + scans + 50
    p99, bare_p99 = percentile(store_ms, 99), percentile(bare_ms, 99)
    return {
        "p50_ms": round(percentile(store_ms, 50), 3),
        "p99_ms": round(p99, 3),
        "bare_p50_ms": round(percentile(bare_ms, 50), 3),
        "bare_p99_ms": round(bare_p99, 3),
        "ratio_p99": round(p99 / bare_p99, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=2000, help="timed record_scan calls")
    parser.add_argument("--existing", type=int, default=10_000, help="shipments and scans before")
    parser.add_argument("--folder", type=Path, help="where to put the databases (default: temp)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        figures = run(args.scans, args.existing, Path(tmp))
    print(
        f"record_scan, {args.scans} calls, session with {args.existing} shipments and scans, "
        "WAL + synchronous=FULL:"
    )
    print(f"  store: p50 {figures['p50_ms']:.3f} ms, p99 {figures['p99_ms']:.3f} ms")
    print(f"  bare:  p50 {figures['bare_p50_ms']:.3f} ms, p99 {figures['bare_p99_ms']:.3f} ms")
    verdict = figures["p99_ms"] < 5 and figures["ratio_p99"] <= 1.5
    print(
        f"  ratio p99 {figures['ratio_p99']:.2f} (targets: p99 < 5 ms, ratio <= 1.5): "
        f"{'met' if verdict else 'NOT met'}"
    )
    result = {k: figures[k] for k in ("p50_ms", "p99_ms", "bare_p99_ms", "ratio_p99")}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
