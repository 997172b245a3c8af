"""The local SQLite record of every handover, scan and code (no Qt).

``Store.open(path)`` is the entry point; see docs/store.md for the files, the schema,
the durability guarantees and what to do with a damaged, too-new or locked database.
"""

from returns_desk.store.database import DB_FILENAME, database_path, quarantine
from returns_desk.store.errors import (
    DataFolderInUseError,
    ExportDateError,
    ExportError,
    HandoverCompletedError,
    OutboxAlreadySentError,
    ParcelNotReceivedError,
    StoreAccessError,
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreMissingError,
    StoreTooNewError,
)
from returns_desk.store.lock import DataFolderLock
from returns_desk.store.models import (
    ClaimRecord,
    ClaimStatus,
    Code,
    CodeKind,
    Condition,
    Event,
    HandoverSummary,
    OutboxItem,
    OutboxStatus,
    Photo,
    ScanRecord,
    ScanResult,
    Session,
    SessionCounts,
    Shipment,
    StateChange,
    counted_scans,
)
from returns_desk.store.store import Store

__all__ = [
    "DB_FILENAME",
    "ClaimRecord",
    "ClaimStatus",
    "Code",
    "CodeKind",
    "Condition",
    "DataFolderInUseError",
    "DataFolderLock",
    "Event",
    "ExportDateError",
    "ExportError",
    "HandoverCompletedError",
    "HandoverSummary",
    "OutboxAlreadySentError",
    "OutboxItem",
    "OutboxStatus",
    "ParcelNotReceivedError",
    "Photo",
    "ScanRecord",
    "ScanResult",
    "Session",
    "SessionCounts",
    "Shipment",
    "StateChange",
    "Store",
    "StoreAccessError",
    "StoreBusyError",
    "StoreCorruptError",
    "StoreError",
    "StoreMissingError",
    "StoreTooNewError",
    "counted_scans",
    "database_path",
    "quarantine",
]
