"""The session report: one row per parcel per handover, with both sides' view of it.

A parcel's classification depends only on two sets, as in the live reconciliation:
reported by the FE and scanned at the dock. Once a handover is closed a parcel only one
side saw is ``missing_at_dock`` or ``unexpected_at_dock``; while it is still open it is
``waiting`` or ``not_yet_reported``. Wrong-label and invalid scans get rows of their own,
with the raw text as read.

The rows stream from SQL to the file, handover by handover (one indexed query each: the
reported parcels, what only the dock saw, unreadable scans), with the cells made in the
query (local ISO times, yes/no, the spreadsheet guard; for CSV the quoting too, so that a
CSV row comes whole from SQL and Python only joins lines), so memory stays flat whatever
the history holds, and a shipment's JSON is never read. The queries count the scans as
``counted_scans`` does (a scan moved to another handover does not count here), and say
what ``parcel_rows`` says, the one definition of a row in Python (the claims use it;
``tests/store/test_export.py`` holds the two together). Files are written atomically
(``returns_desk.atomic``: a temporary file, then ``os.replace``), so a scheduled job never
leaves half a report behind.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from enum import StrEnum
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from returns_desk.atomic import write_text_atomically
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
_CELL_FN = "returns_desk_csv_cell"  # the Python guard, for the rare cell SQL cannot judge
_CSV_SPECIAL = (",", '"', "\r", "\n")  # what makes the CSV writer quote a cell
_CHUNK = 4096  # CSV lines joined for one write


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


# --- the rows, made in SQL ------------------------------------------------------------


def _iso(column: str) -> str:
    """SQL for an epoch-ms column as local ISO 8601 with its offset (NULL stays NULL).

    The same text as ``datetime.astimezone().isoformat(timespec="seconds")``: both use the
    C library's local time. Four date functions a cell: used for a handover during which
    the offset changed (daylight saving), else ``_iso_fixed``.
    """
    t = f"{column} / 1000, 'unixepoch'"
    off = f"CAST(round((julianday({t}, 'localtime') - julianday({t})) * 1440) AS INTEGER)"
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE "
        f"strftime('%Y-%m-%dT%H:%M:%S', {t}, 'localtime') || "
        f"CASE WHEN {off} < 0 THEN '-' ELSE '+' END || "
        f"printf('%02d:%02d', abs({off}) / 60, abs({off}) % 60) END"
    )


def _iso_fixed(column: str) -> str:
    """``_iso`` for a handover whose times all have the local offset ``:offset_s``/``:offset``."""
    return f"strftime('%Y-%m-%dT%H:%M:%S', {column} / 1000 + :offset_s, 'unixepoch') || :offset"


def _csv_quoted(column: str) -> str:
    """SQL for a text cell as the CSV writer writes it (``_csv_quote``), in the query."""
    special = " OR ".join(f"instr({column}, {c})" for c in ("','", "'\"'", "char(10)", "char(13)"))
    quoted = f"""'"' || replace({column}, '"', '""') || '"'"""
    return f"CASE WHEN {special} THEN {quoted} ELSE {column} END"


def _csv_text(column: str) -> str:
    """SQL for a text cell Excel must never run (``_looks_like_formula``), quoted for CSV.

    A cell that is empty or starts with an ASCII letter or digit is safe as it is (nearly
    every cell: tracking ids, raw scans) and only quoted if it must be; any other goes to
    the Python guard, registered on the connection as ``returns_desk_csv_cell``, so the rule
    stays the one of ``csv_cell``.
    """
    first = f"unicode({column})"
    return (
        f"CASE WHEN {column} = '' OR {first} BETWEEN 48 AND 57 OR {first} BETWEEN 65 AND 90 "
        f"OR {first} BETWEEN 97 AND 122 THEN {_csv_quoted(column)} "
        f"ELSE {_CELL_FN}({column}) END"
    )


def _plain(column: str) -> str:
    return column


# A scan that counts (``counted_scans``): not a ``moved`` correction, and not taken back by
# a later one of its code in its session. ``{t}`` is the scans' alias.
_COUNTED = (
    "{t}.result != 'moved' AND NOT EXISTS (SELECT 1 FROM scans AS m WHERE m.session_id = :id "
    "AND m.code = {t}.code AND m.result = 'moved' AND m.id > {t}.id)"
)


def _statement(for_csv: bool, iso: Callable[[str], str], moves: bool) -> str:
    """The one query of a handover's rows, with the cells as CSV or JSON wants them.

    Each row: tracking id, classification, reported by the FE, when, scanned at the dock,
    when (its first counted scan), how many counted scans, the raw text of the first, its
    condition (a received parcel's only) and remark; the reported parcels first, then what
    only the dock saw, then unreadable scans. For CSV each row is one cell: the whole line,
    the handover's cells (``:prefix``, already CSV) first, so no Python step and no CSV
    writer call is needed per row or per cell. Parameters: ``id``, and ``waiting`` /
    ``dock_only``: what a one-sided parcel is (open or closed); with ``_iso_fixed``,
    ``offset_s`` and ``offset`` too. ``moves``: the handover has ``moved`` corrections (else
    every scan counts, and no query looks for one).

    The handover's counted scans are grouped by code once (``g``: the first, how many), for
    the reported parcels' join and for what only the dock saw.
    """
    text = _csv_text if for_csv else _plain
    quoted = _csv_quoted if for_csv else _plain
    empty = "''" if for_csv else "NULL"
    yes, no = ("'yes'", "'no'") if for_csv else ("1", "0")
    counted_c = _COUNTED.format(t="c") if moves else "1"
    reported = [
        text("h.tracking_id"),
        "CASE WHEN f.id IS NULL THEN :waiting ELSE 'matched' END",
        yes,
        iso("h.first_seen_at"),
        f"CASE WHEN f.id IS NULL THEN {no} ELSE {yes} END",
        f"COALESCE({iso('f.scanned_at')}, {empty})",
        "COALESCE(g.n, 0)",
        f"COALESCE({text('f.raw')}, '')",
        f"COALESCE({quoted('f.condition')}, '')",
        f"COALESCE({text('f.remark')}, '')",
    ]
    dock_only = [
        text("g.code"),
        "CASE f.result WHEN 'wrong_label' THEN 'wrong_label' WHEN 'invalid' THEN 'invalid' "
        "ELSE :dock_only END",
        no,
        empty,
        yes,
        iso("f.scanned_at"),
        "g.n",
        text("f.raw"),
        "CASE WHEN f.result IN ('wrong_label', 'invalid') THEN '' "
        f"ELSE {quoted('f.condition')} END",
        text("f.remark"),
    ]
    unreadable = [
        "''",
        "'invalid'",
        no,
        empty,
        yes,
        iso("c.scanned_at"),
        "1",
        text("c.raw"),
        "''",
        text("c.remark"),
    ]
    if for_csv:
        lines = [
            ":prefix || " + " || ',' || ".join(cells) + " || char(13, 10)"
            for cells in (reported, dock_only, unreadable)
        ]
        select, outer = [lines[0] + " AS line", *lines[1:]], "line"
    else:
        select = [
            ", ".join(f"{cell} AS v{n}" for n, cell in enumerate(reported)),
            ", ".join(dock_only),
            ", ".join(unreadable),
        ]
        outer = ", ".join(f"v{n}" for n in range(len(reported)))
    return (
        "WITH g AS MATERIALIZED (SELECT code, MIN(id) AS first_id, COUNT(*) AS n "
        f"FROM scans AS c WHERE session_id = :id AND {counted_c} GROUP BY code) "
        f"SELECT {outer} FROM ("
        f"SELECT 0 AS part, h.id AS k, {select[0]} "
        "FROM shipments AS h LEFT JOIN g ON g.code = h.tracking_id "
        "LEFT JOIN scans AS f ON f.id = g.first_id WHERE h.session_id = :id "
        f"UNION ALL SELECT 1, g.first_id, {select[1]} "
        "FROM g JOIN scans AS f ON f.id = g.first_id WHERE g.code != '' "
        "AND g.code NOT IN (SELECT tracking_id FROM shipments WHERE session_id = :id) "
        f"UNION ALL SELECT 2, c.id, {select[2]} "
        f"FROM scans AS c WHERE c.session_id = :id AND c.code = '' AND {counted_c}"
        ") ORDER BY part, k"
    )


#: (for CSV, one offset, moved scans) -> the query
_STATEMENTS = {
    (for_csv, fixed, moves): _statement(for_csv, _iso_fixed if fixed else _iso, moves)
    for for_csv in (True, False)
    for fixed in (True, False)
    for moves in (True, False)
}
_LONGEST_FIXED = timedelta(days=30)  # beyond that, no assuming one offset from the ends


def _offset(session: Session, now: datetime) -> tuple[int, str] | None:
    """The local offset of every time of the handover (seconds, ``+05:30``), if it is one.

    The offsets a day before it opened and a day after it closed (or now) are the same, and
    it lasted less than a month: no change of offset can lie between them.
    """
    end = session.closed_at or now
    if end - session.opened_at > _LONGEST_FIXED:
        return None
    before = (session.opened_at - timedelta(days=1)).astimezone().utcoffset()
    after = (end + timedelta(days=1)).astimezone().utcoffset()
    if before is None or before != after:
        return None
    seconds = int(before.total_seconds())
    sign, minutes = ("-" if seconds < 0 else "+"), abs(seconds) // 60
    return seconds, f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class HandoverRows:
    """One handover of the report: its own columns, and its rows read when asked for."""

    session: Session
    end_total: int | None
    _conn: sqlite3.Connection
    _statement: str
    _params: dict[str, Any]

    def columns(self) -> dict[str, Any]:
        """The handover's columns (``COLUMNS[:11]``), as Python values."""
        return _session_columns(self.session, self.end_total)

    def rows(self) -> sqlite3.Cursor:
        """The rows, straight from the query: for CSV each a whole line (one cell, the
        handover's cells first), for JSON the parcel's cells."""
        params = self._params
        if ":prefix" in self._statement:
            cells = (_csv_quote(csv_cell(v)) for v in self.columns().values())
            params = params | {"prefix": "".join(cell + "," for cell in cells)}
        return self._conn.execute(self._statement, params)


def report_rows(
    store: Store, since: date | None = None, *, for_csv: bool = True
) -> Iterator[HandoverRows]:
    """Every handover opened on or after ``since`` (local date), its rows read lazily.

    Use it inside ``store.snapshot()`` for one consistent report, and read each handover's
    rows before taking the next handover.
    """
    now = datetime.fromtimestamp(store.clock(), UTC)
    conn = store._connection()
    conn.create_function(_CELL_FN, 1, _csv_field, deterministic=True)
    for session in store.sessions(opened_since=None if since is None else since_start(since)):
        final = not session.is_open
        one_sided = (
            (Classification.MISSING_AT_DOCK, Classification.UNEXPECTED_AT_DOCK)
            if final
            else (Classification.WAITING, Classification.NOT_YET_REPORTED)
        )
        params: dict[str, Any] = {
            "id": session.id,
            "waiting": one_sided[0],
            "dock_only": one_sided[1],
        }
        offset = _offset(session, now)
        if offset is not None:
            params["offset_s"], params["offset"] = offset
        moves = (
            conn.execute(
                "SELECT 1 FROM scans WHERE session_id = ? AND result = 'moved' LIMIT 1",
                (session.id,),
            ).fetchone()
            is not None
        )
        statement = _STATEMENTS[for_csv, offset is not None, moves]
        ends = store.codes(session.id, CodeKind.END)
        end_total = ends[-1].total_scanned if ends else None
        yield HandoverRows(session, end_total, conn, statement, params)


# --- writing ----------------------------------------------------------------------------


def report_value(value: Any) -> Any:
    """Times in local time with their offset, as ISO 8601."""
    if isinstance(value, datetime):
        return value.astimezone().isoformat(timespec="seconds")
    return value


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(report_value(value))
    # A raw scan like "=HYPERLINK(...)" must stay text when the file is opened in Excel.
    return "'" + text if _looks_like_formula(text) else text


def _csv_quote(text: str) -> str:
    """A cell as the CSV writer (the ``excel`` dialect) writes it: in quotes, its quotes
    doubled, when it holds a comma, a quote or a line break; else as it is."""
    if any(c in text for c in _CSV_SPECIAL):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_field(text: str | None) -> str | None:
    """A text cell SQL cannot judge (``_csv_text``): guarded, then quoted for CSV."""
    return None if text is None else _csv_quote(csv_cell(text))


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
    """The CSV report: the lines as the query makes them, a few thousand to a write."""
    file.write("\ufeff")  # the BOM, so that Excel on Windows reads UTF-8
    csv.writer(file).writerow(COLUMNS)
    for handover in handovers:
        rows = handover.rows()
        while chunk := rows.fetchmany(_CHUNK):
            file.write("".join(map(itemgetter(0), chunk)))
            written.rows += len(chunk)
        written.sessions.append(handover.session.id)


def write_json(
    handovers: Iterator[HandoverRows], file: IO[str], written: Written, since: date | None
) -> None:
    """The JSON report, row by row; a summary per handover follows the rows."""
    generated = report_value(datetime.now().astimezone())
    file.write(f'{{"generated_at": {json.dumps(generated)}, ')
    file.write(f'"since": {json.dumps(since.isoformat() if since else None)}, "rows": [')
    summaries = []
    for handover in handovers:
        base = {k: report_value(v) for k, v in handover.columns().items()}
        classes: Counter[str] = Counter()
        reported = 0
        for row in handover.rows():
            values = base | dict(zip(COLUMNS[11:], row, strict=True))
            values["reported_by_fe"] = bool(row[2])
            values["scanned_at_dock"] = bool(row[4])
            classes[row[1]] += 1
            reported += row[2]
            file.write(",\n " if written.rows else "\n ")
            file.write(json.dumps(values, ensure_ascii=False))
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


def write_report(out: Path, write: Callable[[IO[str]], None], *, encoding: str) -> None:
    """A report written whole or not at all (``returns_desk.atomic``), its text as written
    (``newline=""``: the CSV writer ends its rows itself); ``ExportError`` says why not."""
    try:
        write_text_atomically(out, write, encoding=encoding, newline="")
    except OSError as exc:
        raise ExportError(f"{out}: {exc.strerror or exc}") from exc


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
                rows = report_rows(store, since, for_csv=True)
                write_report(path, lambda f: write_csv(rows, f, written), encoding="utf-8")
            else:
                rows = report_rows(store, since, for_csv=False)
                write_report(path, lambda f: write_json(rows, f, written, since), encoding="utf-8")
        except sqlite3.Error as exc:
            raise_translated(exc, store.path)
    store.mark_exported(written.sessions, at=at)
    return ExportResult(path=path, rows=written.rows, sessions=len(written.sessions))
