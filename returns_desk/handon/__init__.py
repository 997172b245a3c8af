"""Hand-on of received returns to the seller's own systems: Omni and the Unicommerce POS (no Qt).

- ``HandonSettings``: per-site destinations (switched off by default).
- ``report``: import the seller's returns report (CSV/XLSX) with a saved column mapping;
  ``RecordBook`` keeps the imported records in the data folder.
- ``enqueue_handon`` / ``enqueue_for_completed_handover``: one outbox entry per destination per
  received parcel, inside the handover's completing transaction; ``fill_needs_data`` after
  an import; ``retry``, ``retry_all``, ``skip``, ``summary``, ``history`` for the admin's view.
- ``OutboxProcessor``: sends due entries exactly once (``build_senders`` makes its senders).

See docs/handon.md.
"""

from typing import TYPE_CHECKING

from returns_desk.lazy import lazy_exports

# name -> module: imported on first use, so that one submodule never loads them all
_EXPORTS = {
    "Backoff": "processor",
    "Built": "build",
    "ColumnMapping": "report",
    "DESTINATIONS": "validate",
    "Delivery": "sender",
    "DestinationAddressError": "errors",
    "DestinationAuthError": "errors",
    "DestinationCounts": "outbox",
    "DestinationCredentials": "credentials",
    "DestinationCredentialsMissingError": "errors",
    "DestinationDuplicateError": "errors",
    "DestinationInsecureError": "errors",
    "DestinationInvalidResponseError": "errors",
    "DestinationRejectedError": "errors",
    "DestinationServerError": "errors",
    "DestinationUnreachableError": "errors",
    "FillReport": "outbox",
    "HandonError": "errors",
    "HandonSettings": "returns_desk.settings.handon",
    "ImportResult": "report",
    "MAPPING_FILE": "report",
    "OMNI": "returns_desk.settings.handon",
    "OmniClient": "omni_client",
    "OmniSettings": "returns_desk.settings.handon",
    "OutboxProcessor": "processor",
    "POS": "returns_desk.settings.handon",
    "ParcelContext": "build",
    "PosClient": "pos_client",
    "PosSettings": "returns_desk.settings.handon",
    "RecordBook": "records",
    "ReportImportError": "errors",
    "RetrySettings": "returns_desk.settings.handon",
    "ReturnKind": "returns_desk.settings.handon",
    "ReturnRecord": "records",
    "SendResult": "sender",
    "Sender": "sender",
    "build_body": "build",
    "build_senders": "wiring",
    "enqueue_for_completed_handover": "outbox",
    "enqueue_handon": "outbox",
    "fill_needs_data": "outbox",
    "guess_header_row": "report",
    "history": "outbox",
    "import_report": "report",
    "load_destination_credentials": "credentials",
    "load_mapping": "report",
    "match_parcels": "report",
    "read_table": "report",
    "received_tracking_ids": "outbox",
    "retry": "outbox",
    "retry_all": "outbox",
    "save_destination_credentials": "credentials",
    "save_mapping": "report",
    "skip": "outbox",
    "suggest_mapping": "report",
    "summary": "outbox",
    "validate_body": "validate",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
__all__ = [
    "DESTINATIONS",
    "MAPPING_FILE",
    "OMNI",
    "POS",
    "Backoff",
    "Built",
    "ColumnMapping",
    "Delivery",
    "DestinationAddressError",
    "DestinationAuthError",
    "DestinationCounts",
    "DestinationCredentials",
    "DestinationCredentialsMissingError",
    "DestinationDuplicateError",
    "DestinationInsecureError",
    "DestinationInvalidResponseError",
    "DestinationRejectedError",
    "DestinationServerError",
    "DestinationUnreachableError",
    "FillReport",
    "HandonError",
    "HandonSettings",
    "ImportResult",
    "OmniClient",
    "OmniSettings",
    "OutboxProcessor",
    "ParcelContext",
    "PosClient",
    "PosSettings",
    "RecordBook",
    "ReportImportError",
    "RetrySettings",
    "ReturnKind",
    "ReturnRecord",
    "SendResult",
    "Sender",
    "build_body",
    "build_senders",
    "enqueue_for_completed_handover",
    "enqueue_handon",
    "fill_needs_data",
    "guess_header_row",
    "history",
    "import_report",
    "load_destination_credentials",
    "load_mapping",
    "match_parcels",
    "read_table",
    "received_tracking_ids",
    "retry",
    "retry_all",
    "save_destination_credentials",
    "save_mapping",
    "skip",
    "suggest_mapping",
    "summary",
    "validate_body",
]

if TYPE_CHECKING:
    from returns_desk.handon.build import Built, ParcelContext, build_body
    from returns_desk.handon.credentials import (
        DestinationCredentials,
        load_destination_credentials,
        save_destination_credentials,
    )
    from returns_desk.handon.errors import (
        DestinationAddressError,
        DestinationAuthError,
        DestinationCredentialsMissingError,
        DestinationDuplicateError,
        DestinationInsecureError,
        DestinationInvalidResponseError,
        DestinationRejectedError,
        DestinationServerError,
        DestinationUnreachableError,
        HandonError,
        ReportImportError,
    )
    from returns_desk.handon.omni_client import OmniClient
    from returns_desk.handon.outbox import (
        DestinationCounts,
        FillReport,
        enqueue_for_completed_handover,
        enqueue_handon,
        fill_needs_data,
        history,
        received_tracking_ids,
        retry,
        retry_all,
        skip,
        summary,
    )
    from returns_desk.handon.pos_client import PosClient
    from returns_desk.handon.processor import Backoff, OutboxProcessor
    from returns_desk.handon.records import RecordBook, ReturnRecord
    from returns_desk.handon.report import (
        MAPPING_FILE,
        ColumnMapping,
        ImportResult,
        guess_header_row,
        import_report,
        load_mapping,
        match_parcels,
        read_table,
        save_mapping,
        suggest_mapping,
    )
    from returns_desk.handon.sender import Delivery, Sender, SendResult
    from returns_desk.handon.validate import DESTINATIONS, validate_body
    from returns_desk.handon.wiring import build_senders
    from returns_desk.settings.handon import (
        OMNI,
        POS,
        HandonSettings,
        OmniSettings,
        PosSettings,
        RetrySettings,
        ReturnKind,
    )
