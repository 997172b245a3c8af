"""``returns-desk evidence``: a parcel's (or a handover's claims') evidence pack as a PDF.

Reads the database while the app runs, never creates one, never takes the app's lock;
one line on stdout (exit 0) or on stderr (exit 1). Qt is loaded only to draw the PDF.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from returns_desk.errors import command_failure
from returns_desk.paths import configured_data_dir
from returns_desk.printing.errors import EvidenceNotFoundError
from returns_desk.printing.evidence import build_evidence_pack, read_evidence
from returns_desk.printing.paper import get_paper
from returns_desk.settings.claims import ClaimSettings
from returns_desk.store.database import database_path
from returns_desk.store.store import Store

PROG = "returns-desk evidence"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--tracking-id", metavar="ID", help="the parcel")
    which.add_argument(
        "--session-id", metavar="N", type=int, help="every claim parcel of this handover"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data folder holding returns-desk.sqlite3 (default: the app's)",
    )
    parser.add_argument("--out", metavar="FILE.pdf", required=True, help="the PDF to write")


def write_evidence(
    store: Store,
    out: Path,
    *,
    tracking_id: str | None = None,
    session_id: int | None = None,
    terminal: str = "",
    claims: ClaimSettings | None = None,
    now: datetime | None = None,
) -> Path:
    """Read, lay out and render the pack to ``out`` (atomically); the path written."""
    from returns_desk.printing import printers  # Qt from here on

    now = now or datetime.now(UTC)
    evidence = read_evidence(
        store,
        tracking_id=tracking_id,
        session_id=session_id,
        claims=claims,
        now=now,
    )
    if not evidence or (not any(h.parcels for h in evidence) and tracking_id is not None):
        raise EvidenceNotFoundError(tracking_id or f"session {session_id}")
    key = tracking_id.strip().upper() if tracking_id else f"session-{session_id}"
    layout = build_evidence_pack(evidence, key=key, terminal=terminal, generated_at=now)
    printers.ensure_gui_application()
    return printers.save_pdf([layout], out, get_paper("a4"))


def run(args: argparse.Namespace) -> int:
    try:
        from returns_desk.settings import load_settings

        settings = load_settings()
        folder = configured_data_dir(getattr(args, "data_dir", None))
        out = Path(args.out).expanduser().absolute()
        with Store.open(database_path(folder), create=False) as store:
            path = write_evidence(
                store,
                out,
                tracking_id=args.tracking_id,
                session_id=args.session_id,
                terminal=settings.terminal_id,
                claims=settings.claims,
            )
    except Exception as exc:  # expected or a bug: one line for the scheduled job's log
        print(command_failure(PROG, exc), file=sys.stderr)
        return 1
    print(f"Evidence pack written to {path}", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description="Write a parcel's evidence pack.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
