"""Child of the crash test: record scans (and now and then a shipments page) flat out.

Prints ``scan <id>`` once ``record_scan`` has returned and ``page <n>`` once
``record_shipments_page`` has returned, flushing each line, until it is killed. On
start it re-delivers the last page it had stored, as a poller resuming after a crash
would, and prints ``redelivered <number of new shipments>`` (must be 0).

    python crash_child.py DB_FILE
"""

from __future__ import annotations

import sys

from returns_desk.store import Store

SHIPMENTS_PER_PAGE = 5
SCANS_PER_PAGE = 10


def page(n: int) -> list[dict[str, object]]:
    return [{"trackingId": f"PAGE{n:06d}{i:04d}", "page": n} for i in range(SHIPMENTS_PER_PAGE)]


def main(db: str) -> None:
    out = sys.stdout
    with Store.open(db) as store:
        session = store.open_session("LOC1", "T1", "fe1", state="SCANNING")
        last = int((session.next_url or "cursor-0").rsplit("-", 1)[1])
        if last:
            new = store.record_shipments_page(session.id, page(last), f"cursor-{last}", False)
            out.write(f"redelivered {len(new)}\n")
        out.write("ready\n")
        out.flush()
        n = 0
        while True:
            n += 1
            code = f"ABCD{n:010d}"
            scan = store.record_scan(
                session.id, code + "\r\n", code, "not_yet_reported", terminal="crash", operator="t"
            )
            out.write(f"scan {scan.id}\n")
            out.flush()
            if n % SCANS_PER_PAGE == 0:
                last += 1
                store.record_shipments_page(session.id, page(last), f"cursor-{last}", False)
                out.write(f"page {last}\n")
                out.flush()


if __name__ == "__main__":
    main(sys.argv[1])
