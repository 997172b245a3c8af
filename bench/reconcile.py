"""Reconcile 10,000 API shipments with 10,000 dock scans arriving in random interleaving.

Measures what the clerk waits for on each scan (normalising the barcode and classifying
it) and the total for the whole handover, API pages included. The store's durable commit
has its own benchmark (bench/store.py). Last line: one JSON object ``{"total_s", "p99_ms"}``.

    .venv/bin/python bench/reconcile.py [--parcels 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import UTC, datetime

from returns_desk.workflow.barcode import normalise
from returns_desk.workflow.reconcile import Reconciler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    reported = [f"FMP{rng.choice('CP')}{n:010d}" for n in rng.sample(range(10**9), args.parcels)]
    # The dock sees most reported parcels, some extra ones, some twice, as scanners send them.
    dock = reported[: int(args.parcels * 0.97)] + [
        f"FMPC{n:010d}" for n in rng.sample(range(10**9, 2 * 10**9), int(args.parcels * 0.03))
    ]
    rng.shuffle(dock)
    dock = [f"]C0{code.lower() if i % 7 == 0 else code}\r\n" for i, code in enumerate(dock)]
    pages = [reported[i : i + 25] for i in range(0, len(reported), 25)]
    events = [("page", p) for p in pages] + [("scan", s) for s in dock]
    rng.shuffle(events)

    rec = Reconciler()
    now = datetime.now(UTC)
    per_scan: list[float] = []
    started = time.perf_counter()
    for kind, item in events:
        if kind == "page":
            rec.add_reported(item)  # type: ignore[arg-type]
        else:
            t0 = time.perf_counter()
            rec.scan(normalise(item), now)  # type: ignore[arg-type]
            per_scan.append(time.perf_counter() - t0)
    total_s = time.perf_counter() - started

    per_scan.sort()
    p50_ms = statistics.median(per_scan) * 1000
    p99_ms = per_scan[int(len(per_scan) * 0.99)] * 1000
    counts = rec.counts
    print(
        f"{len(reported)} reported, {len(dock)} scans: total {total_s:.3f} s, per scan "
        f"p50 {p50_ms:.4f} ms p99 {p99_ms:.4f} ms; matched {counts.matched}, "
        f"missing {counts.waiting}, unexpected {counts.not_yet_reported}"
    )
    print(json.dumps({"total_s": round(total_s, 4), "p99_ms": round(p99_ms, 4)}))


if __name__ == "__main__":
    main()
