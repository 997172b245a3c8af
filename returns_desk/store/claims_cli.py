"""``returns-desk claims``: the claim candidates and where each stands, as CSV or JSON.

Like ``export`` it reads the database while the app runs, never creates one, never takes
the app's lock, and on any problem prints one line on stderr and exits 1. The claim
windows come from the settings file (``[claims]``), as in the app.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from returns_desk.errors import command_failure
from returns_desk.paths import configured_data_dir
from returns_desk.store.claims import COLUMNS, Claim, claim_candidates, claim_row
from returns_desk.store.database import database_path
from returns_desk.store.export import FORMATS, csv_cell, report_value, write_report
from returns_desk.store.models import ClaimStatus
from returns_desk.store.store import Store

PROG = "returns-desk claims"
STATUSES = tuple(s.value for s in ClaimStatus)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder holding returns-desk.sqlite3 (default: the app's)",
    )
    parser.add_argument("--status", choices=STATUSES, help="only claims in this status")
    parser.add_argument("--format", choices=FORMATS, required=True, help="csv or json")
    parser.add_argument("--out", metavar="FILE", required=True, help="the file to write")


def write_claims(claims: list[Claim], out: Path, fmt: str, *, now: datetime) -> None:
    rows = [claim_row(c) for c in claims]

    def csv_out(file: IO[str]) -> None:
        import csv

        writer = csv.writer(file)
        writer.writerow((*COLUMNS, "days_left"))
        for claim, row in zip(claims, rows, strict=True):
            cells = [csv_cell(row[c]) for c in COLUMNS]
            writer.writerow([*cells, f"{claim.days_left(now):.1f}"])

    def json_out(file: IO[str]) -> None:
        document = {
            "generated_at": report_value(now),
            "claims": [
                {k: report_value(v) for k, v in row.items()}
                | {"days_left": round(c.days_left(now), 1)}
                for c, row in zip(claims, rows, strict=True)
            ],
        }
        json.dump(document, file, ensure_ascii=False, indent=1)
        file.write("\n")

    if fmt == "csv":
        write_report(out, csv_out, encoding="utf-8-sig")
    else:
        write_report(out, json_out, encoding="utf-8")


def run(args: argparse.Namespace, now: datetime | None = None) -> int:
    """0 and one line on stdout; 1 and one line on stderr on any problem (``now``: tests)."""
    try:
        from returns_desk.settings import load_settings

        settings = load_settings().claims
        folder = configured_data_dir(getattr(args, "data_dir", None))
        out = Path(args.out).expanduser().absolute()
        now = now or datetime.now(UTC)
        with Store.open(database_path(folder), create=False) as store:
            claims = claim_candidates(store, settings, now=now, status=args.status)
        write_claims(claims, out, args.format, now=now)
    except Exception as exc:  # expected or a bug: one line for the scheduled job's log
        print(command_failure(PROG, exc), file=sys.stderr)
        return 1
    print(f"Wrote {len(claims)} claims to {out}", flush=True)
    return 0


def main(argv: list[str] | None = None, now: datetime | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description="Write the claim candidates.")
    add_arguments(parser)
    return run(parser.parse_args(argv), now)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
