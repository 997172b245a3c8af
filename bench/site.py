"""Site mode: how long a scan on one terminal takes to count in another terminal's
reconciliation, over a real PostgreSQL server started for the run (tests/site/pgcluster.py)
and the sandbox marketplace, with the terminals' default settings (notifications, and a
catch-up query every 2 s as a safety net).

Terminal A scans ``--scans`` parcels of one FE at ``--gap-ms`` apart (a busy clerk scans a
parcel every second or two; the default is faster, to load the path); terminal B's bus
carries a ``ScansMerged`` event when each arrives in its reconciliation. The latency of a
scan is from the moment A committed it (``Desk.scan`` returned) to B's event. For the same
run it also prints the round trip of a bare INSERT + NOTIFY -> LISTEN on the same server
(the floor the link stands on).

Last line: one JSON object ``{"scans", "p50_ms", "p99_ms"}`` (target p99 <= 1000 ms), plus
the bare round trip's p50 and p99 for comparison.

    .venv/bin/python bench/site.py [--scans 1000] [--gap-ms 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from pydantic import SecretStr

from returns_desk.credentials import Credentials
from returns_desk.desk import Desk
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from returns_desk.settings import Settings
from returns_desk.settings.site import SiteSettings
from returns_desk.site.schema import migrate
from returns_desk.workflow.events import ScansMerged
from tests.site.pgcluster import PASSWORD, PgCluster


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bare_round_trip(url: str, count: int) -> list[float]:
    """INSERT + NOTIFY on one connection, LISTEN on another: the floor under the link."""
    listener = psycopg.connect(url, password=PASSWORD, autocommit=True)
    sender = psycopg.connect(url, password=PASSWORD, autocommit=True)
    sender.execute("CREATE TEMP TABLE t (n int)")
    listener.execute("LISTEN bench")
    times: list[float] = []
    for n in range(count):
        start = time.perf_counter()
        with sender.transaction():
            sender.execute("INSERT INTO t VALUES (%s)", (n,))
            sender.execute("SELECT pg_notify('bench', %s)", (str(n),))
        for _ in listener.notifies(timeout=5, stop_after=1):
            pass
        times.append((time.perf_counter() - start) * 1000)
    listener.close()
    sender.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--gap-ms", type=float, default=20.0)
    args = parser.parse_args()

    os.environ["RETURNS_DESK_SITE_PASSWORD"] = PASSWORD  # no OS credential store here
    cluster = PgCluster()
    cluster.start()
    folder = Path(tempfile.mkdtemp(prefix="rd-site-bench-"))
    try:
        with psycopg.connect(cluster.url, password=PASSWORD, autocommit=True) as conn:
            migrate(conn)
        bare = bare_round_trip(cluster.url, 200)
        with Sandbox(SandboxConfig()) as sandbox:
            world = sandbox.world
            fe = world.arrive("LOC1", name="Ravi Kumar")
            world.issue_start_otc(fe.fe_id)
            world.validate_start_otc(fe.fe_id)
            ids = world.scan(fe.fe_id, args.scans)
            credentials = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))

            def terminal(name: str) -> Desk:
                settings = Settings(
                    api_base_url=sandbox.base_url,
                    seller_location_id="LOC1",
                    terminal_id=name,
                    site=SiteSettings(enabled=True, database_url=cluster.url),
                )
                return Desk(settings, folder / name, credentials=credentials)

            a, b = terminal("DOCK-A"), terminal("DOCK-B")
            arrived: dict[str, float] = {}
            lock = threading.Lock()

            def on_merged(event: ScansMerged) -> None:
                now = time.perf_counter()
                with lock:
                    for row in event.rows:
                        arrived.setdefault(row.tracking_id, now)

            b.bus.subscribe(ScansMerged, on_merged)
            a.start()
            b.start()
            try:
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    views = [v for d in (a, b) for v in d.engine.views() if v.counts.fe_scanned]
                    if len(views) == 2 and all(v.counts.fe_scanned == args.scans for v in views):
                        break
                    time.sleep(0.1)
                session = next(v.session_id for v in a.engine.views() if v.fe_id == fe.fe_id)
                committed: dict[str, float] = {}
                for tracking_id in ids:
                    a.scan(session, tracking_id)
                    committed[tracking_id] = time.perf_counter()
                    time.sleep(args.gap_ms / 1000)
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    with lock:
                        if len(arrived) >= len(ids):
                            break
                    time.sleep(0.05)
            finally:
                a.shutdown()
                b.shutdown()
        with lock:
            latencies = [(arrived[t] - committed[t]) * 1000 for t in ids if t in arrived]
        lost = len(ids) - len(latencies)
        print(
            f"scans: {len(ids)}, arrived at B: {len(latencies)} (lost {lost}); "
            f"bare INSERT+NOTIFY->LISTEN p50 {statistics.median(bare):.1f} ms"
        )
        result = {
            "scans": len(latencies),
            "p50_ms": round(statistics.median(latencies), 1),
            "p99_ms": round(quantile(latencies, 0.99), 1),
            "bare_p50_ms": round(statistics.median(bare), 2),
            "bare_p99_ms": round(quantile(bare, 0.99), 2),
        }
        print(json.dumps(result))
    finally:
        cluster.destroy()


if __name__ == "__main__":
    main()
