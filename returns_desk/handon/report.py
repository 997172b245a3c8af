"""Importing the seller's returns report (CSV or XLSX) with a saved, reusable column mapping.

The admin maps the export's headers to canonical names once (``suggest_mapping`` guesses,
``save_mapping`` keeps it as a small JSON file in the data folder); every later report is
read with it. Rows are grouped by tracking id into ``ReturnRecord``s (several rows of one
return are its SKU lines) and matched to the parcels received at the dock by tracking id.
A value that cannot be read is reported with its row and left out, never guessed.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from returns_desk.atomic import write_text_atomically
from returns_desk.handon.errors import ReportImportError
from returns_desk.handon.records import (
    CustomerAddress,
    RecordLine,
    ReturnRecord,
    normalise_tracking_id,
)
from returns_desk.handon.report_fields import (
    ALL_FIELDS,
    BOOL,
    INT,
    KIND,
    LINE_FIELDS,
    NUMBER,
    RETURN_FIELDS,
    TIME,
    header_key,
)
from returns_desk.settings.handon import ReturnKind

MAPPING_FILE = "handon-column-mapping.json"
_HEADER_SEARCH_ROWS = 20

DEFAULT_KIND_VALUES = {
    "rto": ReturnKind.RETURN_TO_ORIGIN,
    "return to origin": ReturnKind.RETURN_TO_ORIGIN,
    "courier return": ReturnKind.RETURN_TO_ORIGIN,
    "cir": ReturnKind.CUSTOMER_RETURN,
    "customer return": ReturnKind.CUSTOMER_RETURN,
    "customer initiated return": ReturnKind.CUSTOMER_RETURN,
    "rvp": ReturnKind.CUSTOMER_RETURN,
    "self ship": ReturnKind.SELF_SHIP,
}
_TRUE = {"yes", "y", "true", "1", "cod", "cash on delivery"}
_FALSE = {"no", "n", "false", "0", "prepaid", "online"}


class ColumnMapping(BaseModel):
    """Canonical field -> the export's header, and how to read its values."""

    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str] = Field(default_factory=dict)
    #: offset of times written without one (the seller panel's local time)
    utc_offset: str = Field(default="+05:30", pattern=r"^[+-]\d{2}:\d{2}$")
    #: tried after ISO-8601; day first, as Indian exports write dates
    date_formats: list[str] = Field(
        default_factory=lambda: [
            "%d-%m-%Y %H:%M:%S",
            "%d-%m-%Y %H:%M",
            "%d/%m/%Y %H:%M:%S",
            "%d/%m/%Y %H:%M",
            "%d-%b-%Y %H:%M:%S",
            "%d-%b-%Y %H:%M",
            "%b %d, %Y %I:%M:%S %p",
            "%d-%m-%Y",
            "%d/%m/%Y",
            "%d-%b-%Y",
        ]
    )
    #: the report's words for the kind of return (compared without case or punctuation)
    kind_values: dict[str, ReturnKind] = Field(default_factory=lambda: dict(DEFAULT_KIND_VALUES))
    sheet: str | None = None  # XLSX: the sheet's name (default: the first)

    def model_post_init(self, __context: Any) -> None:
        unknown = set(self.columns) - set(ALL_FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s) in the mapping: {', '.join(sorted(unknown))}")

    @property
    def tz(self) -> timezone:
        sign = -1 if self.utc_offset[0] == "-" else 1
        hours, minutes = int(self.utc_offset[1:3]), int(self.utc_offset[4:6])
        return timezone(sign * timedelta(hours=hours, minutes=minutes))


def load_mapping(path: str | os.PathLike[str]) -> ColumnMapping | None:
    """The saved mapping, or None when there is none yet."""
    try:
        return ColumnMapping.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError):
        raise ReportImportError(
            f"{Path(path).name} is damaged", message="The saved column mapping cannot be read."
        ) from None


def save_mapping(path: str | os.PathLike[str], mapping: ColumnMapping) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(Path(path), mapping.model_dump_json(indent=1))


def suggest_mapping(headers: Iterable[str], base: ColumnMapping | None = None) -> ColumnMapping:
    """A mapping for these headers: the saved one's columns where present, else usual names."""
    by_key = {header_key(h): h for h in headers if str(h or "").strip()}
    columns: dict[str, str] = {}
    for name, wanted in (base.columns if base else {}).items():
        if header_key(wanted) in by_key:
            columns[name] = by_key[header_key(wanted)]
    taken = set(columns.values())
    # the usual headers first, the canonical names (``return_reason``) only then
    for pass_ in ("usual", "canonical"):
        for name, (_, usual) in ALL_FIELDS.items():
            if name in columns:
                continue
            for candidate in usual if pass_ == "usual" else (name,):
                header = by_key.get(header_key(candidate))
                if header is not None and header not in taken:
                    columns[name] = header
                    taken.add(header)
                    break
    update = {"columns": columns}
    return (base or ColumnMapping()).model_copy(update=update)


def guess_header_row(rows: list[list[Any]]) -> tuple[int, list[str]]:
    """For the import dialog: the row (of the first 20) that looks most like headers."""
    usual = {header_key(h) for name, (_, hs) in ALL_FIELDS.items() for h in (name, *hs)}
    best, best_score = 0, -1
    for at, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        score = sum(header_key(cell) in usual for cell in row if cell is not None)
        if score > best_score:
            best, best_score = at, score
    headers = (
        [str(c).strip() for c in rows[best] if c is not None and str(c).strip()] if rows else []
    )
    return best, headers


# --- reading files ----------------------------------------------------------------------


def read_table(path: str | os.PathLike[str], sheet: str | None = None) -> list[list[Any]]:
    """Every row of a CSV or XLSX file as a list of cell values."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportImportError(f"{path.name}: {exc.strerror}") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _read_xlsx(path: Path, sheet: str | None) -> list[list[Any]]:
    try:
        import openpyxl
    except ImportError:
        raise ReportImportError(
            "openpyxl is not installed",
            message="This installation cannot read XLSX files.",
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors alike
        raise ReportImportError(f"{path.name}: {type(exc).__name__}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ReportImportError(f"{path.name} has no sheet {sheet!r}")
        rows = (book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)
        return [list(row) for row in rows]
    finally:
        book.close()


# --- rows to records --------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based, as a spreadsheet shows it
    field: str
    text: str


@dataclass
class ImportResult:
    records: dict[str, ReturnRecord]
    rows_read: int = 0
    problems: list[RowProblem] = field(default_factory=list)


def import_report(
    path: str | os.PathLike[str], mapping: ColumnMapping, *, at: datetime | None = None
) -> ImportResult:
    """Read the report with ``mapping``; one record per tracking id."""
    return import_rows(read_table(path, mapping.sheet), mapping, source=Path(path).name, at=at)


def import_rows(
    rows: list[list[Any]],
    mapping: ColumnMapping,
    *,
    source: str = "",
    at: datetime | None = None,
) -> ImportResult:
    if "tracking_id" not in mapping.columns:
        raise ReportImportError("the mapping has no column for tracking_id")
    header_at, index = _find_header(rows, mapping)
    result = ImportResult(records={})
    fields: dict[str, dict[str, Any]] = {}
    lines: dict[str, list[dict[str, Any]]] = {}
    for number, row in enumerate(rows[header_at + 1 :], header_at + 2):
        if not any(str(c or "").strip() for c in row):
            continue
        result.rows_read += 1
        values = {}
        for name, col in index.items():
            cell = row[col] if col < len(row) else None
            try:
                value = _parse(ALL_FIELDS[name][0], cell, mapping)
            except ValueError as exc:
                result.problems.append(RowProblem(number, name, str(exc)))
                continue
            if value is not None:
                values[name] = value
        tracking = values.pop("tracking_id", None)
        if not tracking:
            result.problems.append(RowProblem(number, "tracking_id", "empty: row left out"))
            continue
        key = normalise_tracking_id(tracking)
        head = fields.setdefault(key, {"tracking_id": key})
        for name in RETURN_FIELDS:
            if name in values and name != "tracking_id":
                if name in head and head[name] != values[name]:
                    text = f"{values[name]!r} differs from an earlier row's {head[name]!r}"
                    result.problems.append(RowProblem(number, name, text))
                head.setdefault(name, values[name])
        line = {name: values[name] for name in LINE_FIELDS if name in values}
        if line:
            known = lines.setdefault(key, [])
            if not (line.get("order_item_id") and line in known):  # the same row twice
                known.append(line)
    stamp = at or datetime.now(UTC)
    for key, head in fields.items():
        try:
            result.records[key] = _record(head, lines.get(key, []), source, stamp)
        except ValidationError as exc:
            result.problems.append(RowProblem(0, key, f"left out: {exc.error_count()} problems"))
    return result


def _find_header(rows: list[list[Any]], mapping: ColumnMapping) -> tuple[int, dict[str, int]]:
    wanted = header_key(mapping.columns["tracking_id"])
    for at, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        keys = [header_key(cell) for cell in row]
        if wanted in keys:
            index = {}
            missing = []
            for name, header in mapping.columns.items():
                if header_key(header) in keys:
                    index[name] = keys.index(header_key(header))
                else:
                    missing.append(header)
            if missing:
                raise ReportImportError(f"no column {', '.join(repr(m) for m in missing)}")
            return at, index
    raise ReportImportError(f"no header row with {mapping.columns['tracking_id']!r}")


def _record(
    head: dict[str, Any], lines: list[dict[str, Any]], source: str, at: datetime
) -> ReturnRecord:
    customer = {
        k.removeprefix("customer_"): head.pop(k) for k in list(head) if k.startswith("customer_")
    }
    if "return_type" in head:
        head["kind"] = head.pop("return_type")
    return ReturnRecord(
        **head,
        customer=CustomerAddress(**customer),
        lines=[RecordLine(**line) for line in lines],
        imported_at=at,
        source=source or None,
    )


def _parse(kind: str, cell: Any, mapping: ColumnMapping) -> Any:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if kind == TIME:
        return _time(cell, mapping)
    if kind in (NUMBER, INT):
        number = _number(cell)
        if kind == INT:
            if number != int(number):
                raise ValueError(f"{cell!r} is not a whole number")
            return int(number)
        return number
    if kind == BOOL:
        word = header_key(cell)
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise ValueError(f"{cell!r} is not yes/no")
    if kind == KIND:
        kinds = {header_key(k): v for k, v in mapping.kind_values.items()}
        if header_key(cell) in kinds:
            return kinds[header_key(cell)]
        raise ValueError(f"{cell!r} is not a known kind of return")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # an id that a spreadsheet stored as a number
    return str(cell).strip()


def _number(cell: Any) -> float:
    if isinstance(cell, bool):
        raise ValueError(f"{cell!r} is not a number")
    if isinstance(cell, int | float):
        return float(cell)
    text = re.sub(r"[^0-9.\-]", "", str(cell).replace(",", ""))
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{cell!r} is not a number") from None


def _time(cell: Any, mapping: ColumnMapping) -> datetime:
    value: datetime | None
    if isinstance(cell, datetime):
        value = cell
    elif isinstance(cell, date):
        value = datetime(cell.year, cell.month, cell.day)
    else:
        text = str(cell).strip()
        value = None
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            for pattern in mapping.date_formats:
                try:
                    value = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
        if value is None:
            raise ValueError(f"{text!r} is not a date and time this mapping can read")
    return value if value.tzinfo else value.replace(tzinfo=mapping.tz)


# --- matching -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    matched: list[str]  # received parcels with a record
    without_record: list[str]  # received parcels the report does not mention
    not_received: list[str]  # records of parcels not received (yet)


def match_parcels(records: Mapping[str, ReturnRecord], received: Iterable[str]) -> Match:
    codes = list(dict.fromkeys(normalise_tracking_id(t) for t in received))
    matched = [c for c in codes if c in records]
    without = [c for c in codes if c not in records]
    seen = set(codes)
    return Match(matched, without, [k for k in records if k not in seen])
