"""The session report: one row per parcel per handover, with both sides' view of it.

A parcel's classification depends only on two sets, as in the live reconciliation:
reported by the FE and scanned at the dock. Once a handover is closed a parcel only one
side saw is ``missing_at_dock`` or ``unexpected_at_dock``; while it is still open it is
``waiting`` or ``not_yet_reported``. Wrong-label and invalid scans get rows of their own,
with the raw text as read. Files are written atomically (a temporary file, then
``os.replace``), so a scheduled job never leaves half a report behind.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dtime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

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
class Report:
    rows: list[dict[str, Any]]
    sessions: list[dict[str, Any]]  # one summary per handover (JSON only)
    since: date | None = None
    generated_at: datetime = field(default_factory=lambda: datetime.now().astimezone())


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    sessions: int


def since_start(since: date) -> datetime:
    """Local midnight at the start of ``since``: sessions opened from then on are exported."""
    return datetime.combine(since, dtime.min).astimezone()


def build_report(store: Store, since: date | None = None) -> Report:
    """Every handover opened on or after ``since`` (local date), read as one snapshot."""
    rows: list[dict[str, Any]] = []
    summaries: list[dict[str, Any]] = []
    with store.snapshot():
        for session in store.sessions(opened_since=None if since is None else since_start(since)):
            ends = store.codes(session.id, CodeKind.END)
            end_total = ends[-1].total_scanned if ends else None
            session_rows = parcel_rows(
                session, store.shipments(session.id), store.scans(session.id), end_total
            )
            rows.extend(session_rows)
            summaries.append(_summary(session, session_rows, end_total))
    return Report(rows=rows, sessions=summaries, since=since)


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


def _summary(session: Session, rows: list[dict[str, Any]], end_total: int | None) -> dict[str, Any]:
    counts = Counter(row["classification"] for row in rows)
    return _session_columns(session, end_total) | {
        "reported_by_fe": sum(1 for row in rows if row["reported_by_fe"]),
        **{kind.value: counts.get(kind.value, 0) for kind in Classification},
    }


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


def write_csv(report: Report, file: IO[str]) -> None:
    writer = csv.writer(file)
    writer.writerow(COLUMNS)
    for row in report.rows:
        writer.writerow([_csv_cell(row[column]) for column in COLUMNS])


def write_json(report: Report, file: IO[str]) -> None:
    document = {
        "generated_at": _text(report.generated_at),
        "since": report.since.isoformat() if report.since else None,
        "sessions": [{k: _text(v) for k, v in s.items()} for s in report.sessions],
        "rows": [{k: _text(row[k]) for k in COLUMNS} for row in report.rows],
    }
    json.dump(document, file, ensure_ascii=False, indent=1)
    file.write("\n")


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
    report = build_report(store, since)
    if fmt == "csv":  # with a BOM, so that Excel on Windows reads UTF-8
        write_atomically(path, lambda f: write_csv(report, f), encoding="utf-8-sig")
    else:
        write_atomically(path, lambda f: write_json(report, f), encoding="utf-8")
    store.mark_exported([s["session_id"] for s in report.sessions], at=at)
    return ExportResult(path=path, rows=len(report.rows), sessions=len(report.sessions))
