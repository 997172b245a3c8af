"""Expected trouble with the local database, in words for a dock clerk or an IT admin.

Each error keeps the path of the file concerned (``.path``) so the GUI can offer the way
out (for a damaged file: set it aside with ``store.quarantine`` and start a fresh one).
"""

from __future__ import annotations

from pathlib import Path

from returns_desk.errors import ConfigurationError, ReturnsDeskError
from returns_desk.i18n import QT_TRANSLATE_NOOP


class StoreError(ReturnsDeskError):
    """Base of the store's expected errors; ``path`` is the file or folder concerned."""

    code = "STORE"
    message = QT_TRANSLATE_NOOP("Errors", "There is a problem with this terminal's local database.")
    action = QT_TRANSLATE_NOOP("Errors", "Try again; if it keeps happening, call IT support.")

    def __init__(
        self,
        path: str | Path | None = None,
        detail: str = "",
        *,
        message: str | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        parts = [part for part in (str(path) if path is not None else "", detail) if part]
        super().__init__("; ".join(parts), message=message)


class StoreCorruptError(StoreError):
    code = "STORE_CORRUPT"
    message = QT_TRANSLATE_NOOP("Errors", "The local database file of Returns Desk is damaged.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Ask IT support: the app can set the damaged file aside (it is kept, renamed "
        "'returns-desk.corrupt-<date>') and start with a fresh database.",
    )


class StoreTooNewError(ConfigurationError, StoreError):
    code = "STORE_TOO_NEW"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The local database was made by a newer version of Returns Desk."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Install the newer version of Returns Desk; the database was left untouched."
    )


class StoreBusyError(StoreError):
    code = "STORE_BUSY"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The local database is busy: another program is using it."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Try again in a moment; if it keeps happening, close other copies of Returns Desk "
        "and any export job.",
    )
    retryable = True


class StoreAccessError(StoreError):
    code = "STORE_ACCESS"
    message = QT_TRANSLATE_NOOP("Errors", "Returns Desk cannot read or write its database file.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Check that the disk is not full and that the data folder can be written; call IT support.",
    )


class StoreMissingError(ConfigurationError, StoreError):
    code = "STORE_MISSING"
    message = QT_TRANSLATE_NOOP("Errors", "There is no Returns Desk database in this folder.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Check --data-dir (or RETURNS_DESK_DATA_DIR): it must be the terminal's data folder.",
    )


class DataFolderInUseError(StoreError):
    code = "DATA_FOLDER_IN_USE"
    message = QT_TRANSLATE_NOOP("Errors", "Returns Desk is already running on this terminal.")
    action = QT_TRANSLATE_NOOP(
        "Errors", "Switch to the Returns Desk window that is already open, or close it first."
    )


class OutboxAlreadySentError(StoreError):
    """A sent hand-on entry keeps the body it was sent with (``update_outbox_payload``)."""

    code = "OUTBOX_ALREADY_SENT"
    message = QT_TRANSLATE_NOOP(
        "Errors", "This hand-on entry was already sent: what was sent cannot be changed."
    )
    action = QT_TRANSLATE_NOOP(
        "Errors", "Nothing to do here; correct it in the destination system if it is wrong."
    )


class HandoverCompletedError(StoreError):
    """The record of a completed handover is final (a parcel's condition, its remark)."""

    code = "HANDOVER_COMPLETED"
    message = "This handover is completed: its parcels' condition can no longer be changed."
    action = (
        "The record stays as it was at the handover; a claim for the parcel is in the "
        "Claims view (Ctrl+L)."
    )


class ParcelNotReceivedError(StoreError):
    """Only a parcel scanned at the dock has a condition."""

    code = "PARCEL_NOT_RECEIVED"
    message = "This parcel was not scanned at the dock, so it has no condition to mark."
    action = "Scan the parcel first, then mark its condition."


class ExportError(ReturnsDeskError):
    code = "EXPORT"
    message = QT_TRANSLATE_NOOP("Errors", "The report could not be written.")
    action = QT_TRANSLATE_NOOP(
        "Errors",
        "Check that the output folder exists and can be written, and that the report is not "
        "open in another program (Excel), then try again.",
    )


class ExportTargetError(ExportError):
    """The report would replace a file: one that exists, or one of the app's own."""

    code = "EXPORT_TARGET"
    message = "The report was not written, so that no file is replaced."
    action = (
        "Choose a new file outside the app's data folder, or add --force to replace an old report."
    )


class ExportDateError(ExportError):
    code = "EXPORT_DATE"
    message = QT_TRANSLATE_NOOP("Errors", "The --since date is not a valid date.")
    action = QT_TRANSLATE_NOOP("Errors", "Write it as YYYY-MM-DD, for example 2024-05-31.")
