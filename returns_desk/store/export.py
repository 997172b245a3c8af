"""The session report: one row per parcel per handover, with both sides' view of it.

A parcel's classification depends only on two sets, as in the live reconciliation:
reported by the FE and scanned at the dock. Once a handover is closed a parcel only one
side saw is ``missing_at_dock`` or ``unexpected_at_dock``; while it is still open it is
``waiting`` or ``not_yet_reported``. Wrong-label and invalid scans get rows of their own,
with the raw text as read.

The rows stream to the file handover by handover: one handover's shipments and scans are
read (``parcel_rows``, the one definition of a row, with ``counted_scans``: a scan moved to
another handover does not count here), written, and dropped before the next, so memory
stays flat whatever the history holds. Files are written atomically (a temporary file,
then ``os.replace``), so a scheduled job never leaves half a report behind.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dtime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from returns_desk.store.database import raise_translated
from returns_desk.store.errors import ExportError, ExportTargetError
from returns_desk.store.models import (
    CodeKind,
    ScanRecord,
    ScanResult,
    Session,
    Shipment,
    counted_scans,
)
from returns_desk.store.store import Store

COLUMNS = (
    "session_id",
    "location_id",
    "fe_id",
    "fe_name",
    "logistic_partner",
    "lob",
    "task_id",
    "session_state",
    "session_opened_at",
    "session_closed_at",
    "end_otc_total_scanned",
    "tracking_id",
    "classification",
    "reported_by_fe",
    "reported_at",
    "scanned_at_dock",
    "dock_scanned_at",
    "dock_scan_count",
    "raw_scan",
    "condition",
    "remark",
)
FORMATS = ("csv", "json")
_RECEIVED = {"matched", "unexpected_at_dock", "not_yet_reported"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Classification(StrEnum):
    MATCHED = "matched"
    MISSING_AT_DOCK = "missing_at_dock"  # final: reported by the FE, never scanned here
    UNEXPECTED_AT_DOCK = "unexpected_at_dock"  # final: scanned here, never reported
    WAITING = "waiting"  # open handover: reported, not scanned yet
    NOT_YET_REPORTED = "not_yet_reported"  # open handover: scanned, not reported yet
    WRONG_LABEL = "wrong_label"
    INVALID = "invalid"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    sessions: int


def since_start(since: date) -> datetime:
    """Local midnight at the start of ``since``: sessions opened from then on are exported."""
    return datetime.combine(since, dtime.min).astimezone()


# --- the rows -----------------------------------------------------------------------


def parcel_rows(
    session: Session,
    shipments: Sequence[Shipment],
    scans: Sequence[ScanRecord],
    end_total: int | None = None,
) -> list[dict[str, Any]]:
    """The rows of one handover: reported parcels first, then what only the dock saw."""
    final = not session.is_open
    reported = {s.tracking_id: s.first_seen_at for s in shipments}
    first: dict[str, ScanRecord] = {}
    count: Counter[str] = Counter()
    unreadable: list[ScanRecord] = []
    for scan in counted_scans(scans):
        if not scan.code:
            unreadable.append(scan)  # nothing left after normalising: one row per scan
            continue
        count[scan.code] += 1
        first.setdefault(scan.code, scan)
    base = _session_columns(session, end_total)
    rows = []
    for tracking_id, seen_at in reported.items():
        found = first.get(tracking_id)
        if found is not None:
            kind = Classification.MATCHED
        else:
            kind = Classification.MISSING_AT_DOCK if final else Classification.WAITING
        rows.append(_row(base, tracking_id, kind, seen_at, found, count[tracking_id]))
    for code, scan in first.items():
        if code in reported:
            continue
        if scan.result is ScanResult.WRONG_LABEL:
            kind = Classification.WRONG_LABEL
        elif scan.result is ScanResult.INVALID:
            kind = Classification.INVALID
        else:
            kind = Classification.UNEXPECTED_AT_DOCK if final else Classification.NOT_YET_REPORTED
        rows.append(_row(base, code, kind, None, scan, count[code]))
    for scan in unreadable:
        rows.append(_row(base, "", Classification.INVALID, None, scan, 1))
    return rows


def _session_columns(session: Session, end_total: int | None) -> dict[str, Any]:
    return {
        "session_id": session.id,
        "location_id": session.location_id,
        "fe_id": session.fe_id,
        "fe_name": session.fe_name,
        "logistic_partner": session.logistic_partner,
        "lob": session.lob,
        "task_id": session.task_id,
        "session_state": session.state,
        "session_opened_at": session.opened_at,
        "session_closed_at": session.closed_at,
        "end_otc_total_scanned": end_total,
    }


def _row(
    base: dict[str, Any],
    tracking_id: str,
    kind: Classification,
    reported_at: datetime | None,
    scan: ScanRecord | None,
    scan_count: int,
) -> dict[str, Any]:
    return base | {
        "tracking_id": tracking_id,
        "classification": kind.value,
        "reported_by_fe": reported_at is not None,
        "reported_at": reported_at,
        "scanned_at_dock": scan is not None,
        "dock_scanned_at": scan.scanned_at if scan else None,
        "dock_scan_count": scan_count,
        "raw_scan": scan.raw if scan else "",
        # a parcel received here has a condition (good unless marked); others have none
        "condition": scan.condition.value if scan and kind in _RECEIVED else "",
        "remark": scan.remark if scan else "",
    }


@dataclass(frozen=True)
class HandoverRows:
    """One handover of the report: its own columns, and its rows read when asked for."""

    session: Session
    end_total: int | None
    _store: Store

    def columns(self) -> dict[str, Any]:
        """The handover's columns, as Python values."""
        return _session_columns(self.session, self.end_total)

    def rows(self) -> list[dict[str, Any]]:
        """The handover's rows (``parcel_rows``): only this handover is held in memory."""
        session_id = self.session.id
        return parcel_rows(
            self.session,
            self._store.shipments(session_id),
            self._store.scans(session_id),
            self.end_total,
        )


def report_rows(store: Store, since: date | None = None) -> Iterator[HandoverRows]:
    """Every handover opened on or after ``since`` (local date), its rows read lazily.

    Use it inside ``store.snapshot()`` for one consistent report, and read each handover's
    rows before taking the next handover.
    """
    for session in store.sessions(opened_since=None if since is None else since_start(since)):
        ends = store.codes(session.id, CodeKind.END)
        end_total = ends[-1].total_scanned if ends else None
        yield HandoverRows(session, end_total, store)


# --- writing ----------------------------------------------------------------------------


def _text(value: Any) -> Any:
    """Times in local time with their offset, as ISO 8601."""
    if isinstance(value, datetime):
        return value.astimezone().isoformat(timespec="seconds")
    return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(_text(value))
    # A raw scan like "=HYPERLINK(...)" must stay text when the file is opened in Excel.
    return "'" + text if _looks_like_formula(text) else text


def _looks_like_formula(text: str) -> bool:
    """What a spreadsheet could take for a formula: a formula sign after any blanks or
    control characters, in any width (``＝`` is ``=`` to Excel), or a leading tab/CR/LF."""
    if text[:1] in ("\t", "\r", "\n"):
        return True
    head = unicodedata.normalize("NFKC", text[:32])
    head = "".join(ch for ch in head if unicodedata.category(ch) not in ("Cc", "Cf"))
    return head.lstrip().startswith(_FORMULA_START)


@dataclass
class Written:
    """What a writer wrote: rows, and the handovers in the file (to mark them exported)."""

    rows: int = 0
    sessions: list[int] = field(default_factory=list)


def write_csv(handovers: Iterator[HandoverRows], file: IO[str], written: Written) -> None:
    """The CSV report, handover by handover."""
    file.write("\ufeff")  # the BOM, so that Excel on Windows reads UTF-8
    writer = csv.writer(file)
    writer.writerow(COLUMNS)
    for handover in handovers:
        rows = handover.rows()
        writer.writerows([_csv_cell(row[column]) for column in COLUMNS] for row in rows)
        written.rows += len(rows)
        written.sessions.append(handover.session.id)


def write_json(
    handovers: Iterator[HandoverRows], file: IO[str], written: Written, since: date | None
) -> None:
    """The JSON report, row by row; a summary per handover follows the rows."""
    generated = _text(datetime.now().astimezone())
    file.write(f'{{"generated_at": {json.dumps(generated)}, ')
    file.write(f'"since": {json.dumps(since.isoformat() if since else None)}, "rows": [')
    summaries = []
    for handover in handovers:
        base = {k: _text(v) for k, v in handover.columns().items()}
        classes: Counter[str] = Counter()
        reported = 0
        for row in handover.rows():
            classes[row["classification"]] += 1
            reported += bool(row["reported_by_fe"])
            file.write(",\n " if written.rows else "\n ")
            file.write(json.dumps({k: _text(row[k]) for k in COLUMNS}, ensure_ascii=False))
            written.rows += 1
        summaries.append(
            base
            | {"reported_by_fe": reported}
            | {kind.value: classes.get(kind.value, 0) for kind in Classification}
        )
        written.sessions.append(handover.session.id)
    file.write('\n], "sessions": [')
    for n, summary in enumerate(summaries):
        file.write(",\n " if n else "\n ")
        file.write(json.dumps(summary, ensure_ascii=False))
    file.write("\n]}\n")


def write_atomically(out: Path, write: Callable[[IO[str]], None], *, encoding: str) -> None:
    """Write to a temporary file beside ``out``, sync it, then rename it over ``out``."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise ExportError(f"{out}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"{out}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def check_export_target(out: str | os.PathLike[str], data_folder: Path, *, force: bool) -> Path:
    """Where the report may go: never inside the data folder (the live database, its
    journal, backups, logs), and an existing file only with ``force``.

    Both paths are resolved, so a link or ``..`` cannot lead into the data folder.
    """
    path = Path(out).expanduser().absolute()
    real, folder = path.resolve(), data_folder.expanduser().resolve()
    if real == folder or folder in real.parents:
        raise ExportTargetError(f"{path} is inside the data folder {folder}")
    if real.is_dir():
        raise ExportError(f"{path} is a folder")
    if (path.exists() or path.is_symlink()) and not force:
        raise ExportTargetError(f"{path} already exists")
    return path


def export_sessions(
    store: Store,
    out: str | os.PathLike[str],
    fmt: str,
    *,
    since: date | None = None,
    at: datetime | None = None,
) -> ExportResult:
    """Write the report of every session since ``since`` and mark those sessions exported."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    path = Path(out).expanduser().absolute()
    written = Written()
    with store.snapshot():  # one consistent report; writers are not blocked (WAL)
        try:
            if fmt == "csv":
                rows = report_rows(store, since)
                write_atomically(path, lambda f: write_csv(rows, f, written), encoding="utf-8")
            else:
                rows = report_rows(store, since)
                write_atomically(
                    path, lambda f: write_json(rows, f, written, since), encoding="utf-8"
                )
        except sqlite3.Error as exc:
            raise_translated(exc, store.path)
    store.mark_exported(written.sessions, at=at)
    return ExportResult(path=path, rows=written.rows, sessions=len(written.sessions))
