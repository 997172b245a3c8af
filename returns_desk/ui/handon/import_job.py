"""The two jobs of the import dialog, Qt-free: read the file, then import and complete entries.

They run on the dialog's thread pool (conventions, habit 3): an XLSX of a few thousand rows
takes openpyxl a second or more, and the import writes two files and the store. Each returns
a frozen result the GUI thread only shows (habit 4).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from returns_desk.handon import (
    MAPPING_FILE,
    ColumnMapping,
    HandonSettings,
    RecordBook,
    fill_needs_data,
    match_parcels,
    read_table,
    received_tracking_ids,
    save_mapping,
)
from returns_desk.handon.report import RowProblem, import_rows
from returns_desk.store import OutboxStatus, Store


@dataclass(frozen=True)
class Table:
    """The cells of a report file, as read."""

    path: Path
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, for the dialog's summary (and the ``imported`` signal)."""

    source: str
    rows_read: int
    returns: int  # records (tracking ids) in this report
    matched: int  # parcels received at the dock that this report describes
    not_received: int  # returns in the report not (yet) received here
    filled: int  # "needs data" entries completed and now waiting to be sent
    still_needing_data: tuple[tuple[str, int], ...]  # (what is missing, how many entries)
    problems: tuple[RowProblem, ...]


def read_report(path: Path, sheet: str | None = None) -> Table:
    return Table(path, tuple(tuple(row) for row in read_table(path, sheet)))


def received_parcels(store: Store) -> set[str]:
    """Every parcel both sides saw at this dock (as far as the record goes back)."""
    received = {item.idempotency_key for item in store.outbox()}
    for session in store.sessions():
        received.update(received_tracking_ids(store, session.id))
    return received


def import_table(
    table: Table,
    mapping: ColumnMapping,
    store: Store,
    settings: HandonSettings,
    data_dir: Path,
) -> ImportOutcome:
    """Read the rows with ``mapping``, keep the records and the mapping, complete entries."""
    result = import_rows([list(row) for row in table.rows], mapping, source=table.path.name)
    save_mapping(data_dir / MAPPING_FILE, mapping)
    records = RecordBook.in_folder(data_dir).merge(result.records.values())
    fill = fill_needs_data(store, settings, records)
    match = match_parcels(result.records, received_parcels(store))
    waiting = Counter(
        item.last_error or "" for item in store.outbox(status=OutboxStatus.NEEDS_DATA)
    )
    return ImportOutcome(
        source=table.path.name,
        rows_read=result.rows_read,
        returns=len(result.records),
        matched=len(match.matched),
        not_received=len(match.not_received),
        filled=fill.filled,
        still_needing_data=tuple(waiting.most_common()),
        problems=tuple(result.problems),
    )
