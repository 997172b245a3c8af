"""The local SQLite record of every handover, scan and code (no Qt).

``Store.open(path)`` is the entry point; see docs/store.md for the files, the schema,
the durability guarantees and what to do with a damaged, too-new or locked database.
"""

from returns_desk.store.database import DB_FILENAME, database_path, quarantine
from returns_desk.store.errors import (
    DataFolderInUseError,
    ExportDateError,
    ExportError,
    OutboxAlreadySentError,
    StoreAccessError,
    StoreBusyError,
    StoreCorruptError,
    StoreError,
    StoreMissingError,
    StoreTooNewError,
)
from returns_desk.store.lock import DataFolderLock
from returns_desk.store.models import (
    Code,
    CodeKind,
    Event,
    HandoverSummary,
    OutboxItem,
    OutboxStatus,
    ScanRecord,
    ScanResult,
    Session,
    SessionCounts,
    Shipment,
    StateChange,
)
from returns_desk.store.store import Store

__all__ = [
    "DB_FILENAME",
    "Code",
    "CodeKind",
    "DataFolderInUseError",
    "DataFolderLock",
    "Event",
    "ExportDateError",
    "ExportError",
    "HandoverSummary",
    "OutboxAlreadySentError",
    "OutboxItem",
    "OutboxStatus",
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
    "database_path",
    "quarantine",
]
