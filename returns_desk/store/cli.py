"""``returns-desk export``: the session report from the command line, for scheduled jobs.

It reads the database while the app runs (WAL), never creates one, never takes the
app's single-writer lock, and on any problem prints one line on stderr and exits 1. It
never writes inside the data folder, and replaces an existing file only with ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from returns_desk.errors import command_failure
from returns_desk.paths import configured_data_dir
from returns_desk.store.database import database_path
from returns_desk.store.errors import ExportDateError
from returns_desk.store.export import FORMATS, check_export_target, export_sessions
from returns_desk.store.store import Store


def plural(count: int, noun: str) -> str:
    """ "1 row", "3 rows": the CLI's English (the GUI's words go through Qt's tr)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


PROG = "returns-desk export"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # the top-level parser's --data-dir must not be hidden
        help="data folder holding returns-desk.sqlite3 (default: the app's)",
    )
    parser.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        help="only handovers opened on or after this local date",
    )
    parser.add_argument("--format", choices=FORMATS, required=True, help="csv or json")
    parser.add_argument(
        "--out",
        metavar="FILE",
        required=True,
        help="the report file to write (a new file outside the data folder)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace FILE when it exists (an older report)"
    )


def parse_since(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ExportDateError(f"--since {text!r}") from None


def run(args: argparse.Namespace) -> int:
    """Export; 0 and one line on stdout on success, 1 and one line on stderr otherwise."""
    try:
        since = parse_since(getattr(args, "since", None))
        folder = configured_data_dir(getattr(args, "data_dir", None))  # as the app does
        out = check_export_target(args.out, folder, force=getattr(args, "force", False))
        with Store.open(database_path(folder), create=False) as store:
            result = export_sessions(store, out, args.format, since=since)
    except Exception as exc:  # expected or a bug: one line for the scheduled job's log
        print(command_failure(PROG, exc), file=sys.stderr)
        return 1
    print(
        f"Exported {plural(result.rows, 'row')} from {plural(result.sessions, 'handover')} "
        f"to {result.path}",
        flush=True,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Write the session report (one row per parcel per handover)."
    )
    add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse and run, as ``returns-desk export`` will once registered (used by tests)."""
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
