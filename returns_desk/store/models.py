"""The frozen records the store hands out, and times as stored (UTC epoch milliseconds).

Callers never see sqlite rows: a record can cross threads (it is immutable) and the
columns can change without touching the engine or the GUI.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import msgspec


class ScanResult(StrEnum):
    """What the clerk was told about one dock scan (the workflow's values are a subset)."""

    MATCHED = "matched"
    NOT_YET_REPORTED = "not_yet_reported"
    UNEXPECTED = "unexpected"
    DUPLICATE = "duplicate"
    #: not a read: a correction kept beside the scans (append-only). The code's earlier
    #: scans in this handover no longer count: the parcel was moved to another FE's handover.
    MOVED = "moved"
    WRONG_LABEL = "wrong_label"
    INVALID = "invalid"


class Condition(StrEnum):
    """A received parcel's state as the clerk saw it at the dock (good unless marked)."""

    GOOD = "good"
    DAMAGED = "damaged"
    TAMPERED = "tampered"  # tampered or open
    EMPTY_OR_WRONG = "empty_or_wrong"  # empty, or the wrong item inside
    WET = "wet"


class ClaimStatus(StrEnum):
    """Where a claim stands; ``open`` and ``expired`` are derived, the others recorded."""

    OPEN = "open"  # a candidate within its window, not filed yet
    FILED = "filed"
    GRANTED = "granted"
    REJECTED = "rejected"
    EXPIRED = "expired"  # not filed before its deadline


class CodeKind(StrEnum):
    START = "start"
    END = "end"


class OutboxStatus(StrEnum):
    PENDING = "pending"  # waiting for next_attempt_at
    SENT = "sent"
    NEEDS_DATA = "needs_data"  # a person must complete the payload first
    NEEDS_ATTENTION = "needs_attention"  # gave up retrying: a person must look
    SKIPPED = "skipped"  # deliberately not sent


def to_ms(at: datetime) -> int:
    """An aware datetime as UTC epoch milliseconds; a naive one is refused (which zone?)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"a naive datetime cannot be stored: {at!r} (give it a time zone)")
    return round(at.timestamp() * 1000)


def to_datetime(ms: int) -> datetime:
    """Stored UTC epoch milliseconds as an aware datetime."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def from_ms(ms: int | None) -> datetime | None:
    """``to_datetime`` for a column that may be NULL."""
    return None if ms is None else to_datetime(ms)


class Session(msgspec.Struct, frozen=True):
    """One FE's handover at one location for one task."""

    id: int
    location_id: str
    task_id: str
    fe_id: str
    fe_name: str
    logistic_partner: str
    lob: str
    state: str
    opened_at: datetime
    closed_at: datetime | None
    next_url: str | None  # the shipments cursor to resume polling from
    shipments_posted_at: datetime | None  # the first shipments call (POST) was answered
    drain_finished_at: datetime | None  # the last page said the FE has finished
    exported_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def shipments_posted(self) -> bool:
        return self.shipments_posted_at is not None

    @property
    def drain_finished(self) -> bool:
        return self.drain_finished_at is not None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Session:
        return cls(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            to_datetime(row[8]),
            from_ms(row[9]),
            row[10],
            from_ms(row[11]),
            from_ms(row[12]),
            from_ms(row[13]),
        )


class StateChange(msgspec.Struct, frozen=True):
    id: int
    session_id: int
    state: str
    at: datetime


class Code(msgspec.Struct, frozen=True):
    """A Start or End OTC; the statistics are the End OTC's (None for a Start OTC)."""

    id: int
    session_id: int
    kind: CodeKind
    otc: str
    created_at: datetime | None
    expiry_at: datetime | None
    received_at: datetime
    printed_at: datetime | None
    total_scanned: int | None
    obd_eligible: int | None
    obd_failed: int | None
    flyer_eligible: int | None
    flyer_failed: int | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Code:
        return cls(
            row[0],
            row[1],
            CodeKind(row[2]),
            row[3],
            from_ms(row[4]),
            from_ms(row[5]),
            to_datetime(row[6]),
            from_ms(row[7]),
            *row[8:13],
        )


class Shipment(msgspec.Struct, frozen=True):
    """A shipment the marketplace reported as scanned by the FE; ``fields`` as received."""

    id: int
    session_id: int
    tracking_id: str  # trimmed and upper-cased, like a normalised dock scan
    fields: dict[str, Any]
    first_seen_at: datetime


class ScanRecord(msgspec.Struct, frozen=True):
    """One barcode read at the dock, durable once ``record_scan`` returned it."""

    id: int
    session_id: int
    raw: str
    code: str
    result: ScanResult
    scanned_at: datetime
    terminal: str
    operator: str
    condition: Condition = Condition.GOOD
    remark: str = ""
    condition_at: datetime | None = None  # when the condition or remark was last set

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> ScanRecord:
        return cls(
            row[0],
            row[1],
            row[2],
            row[3],
            ScanResult(row[4]),
            to_datetime(row[5]),
            row[6],
            row[7],
            Condition(row[8]),
            row[9],
            from_ms(row[10]),
        )

    @property
    def noted(self) -> bool:
        """Marked not good, or with a remark: listed on the End OTC screen and receipt."""
        return self.condition is not Condition.GOOD or bool(self.remark)


class SessionCounts(msgspec.Struct, frozen=True):
    shipments: int = 0  # reported by the FE
    scans: int = 0  # every dock scan, duplicates included
    matched: int = 0
    not_yet_reported: int = 0
    unexpected: int = 0
    duplicate: int = 0
    wrong_label: int = 0
    invalid: int = 0
    moved: int = 0


class Event(msgspec.Struct, frozen=True):
    id: int
    at: datetime
    kind: str
    session_id: int | None
    detail: dict[str, Any]


class OutboxItem(msgspec.Struct, frozen=True):
    id: int
    destination: str
    idempotency_key: str
    session_id: int | None
    payload: Any
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    #: an attempt is leaving or left and no outcome was recorded (set before the request)
    in_flight_at: datetime | None = None
    #: the last attempt failed without a usable answer: it may have arrived
    outcome_unknown: bool = False


class ClaimRecord(msgspec.Struct, frozen=True):
    """What someone recorded about a claim (a candidate nobody acted on has none)."""

    session_id: int
    tracking_id: str
    status: ClaimStatus
    reference: str
    updated_at: datetime


class Photo(msgspec.Struct, frozen=True):
    """A photo of a parcel: the file (relative to the data folder) and its SHA-256."""

    id: int
    session_id: int
    tracking_id: str
    path: str
    sha256: str
    taken_at: datetime
    terminal: str


def counted_scans(scans: Iterable[ScanRecord]) -> list[ScanRecord]:
    """The scans that count, in order: a ``MOVED`` record takes back its code's earlier scans
    (a later scan of the same code here counts again) and is not itself a read."""
    scans = list(scans)
    moved_at = {scan.code: n for n, scan in enumerate(scans) if scan.result is ScanResult.MOVED}
    return [
        scan
        for n, scan in enumerate(scans)
        if scan.result is not ScanResult.MOVED and n > moved_at.get(scan.code, -1)
    ]


class HandoverSummary(msgspec.Struct, frozen=True):
    """One handover as the history lists it: the store's summary, no parcel read.

    The counts are the reconciliation's (``store/summaries.py``); ``start`` is the Start
    OTC in force, ``end`` the End OTC (either may be missing), with their printed times.
    """

    session: Session
    reported: int  # parcels the FE scanned, as the marketplace reported them
    dock_scanned: int  # distinct parcels scanned at the dock
    matched: int
    scans: int  # every dock scan, duplicates and rejected labels included
    last_scan_at: datetime | None
    start: Code | None
    end: Code | None
    start_reprints: int = 0
    end_reprints: int = 0

    @property
    def missing(self) -> int:
        return self.reported - self.matched

    @property
    def unexpected(self) -> int:
        return self.dock_scanned - self.matched

    @property
    def kinds(self) -> tuple[CodeKind, ...]:
        """The slips that can be printed, the handover receipt first."""
        return tuple(
            kind
            for kind, code in ((CodeKind.END, self.end), (CodeKind.START, self.start))
            if code is not None
        )

    def code(self, kind: CodeKind) -> Code | None:
        return self.end if kind is CodeKind.END else self.start

    def reprint_count(self, kind: CodeKind) -> int:
        return self.end_reprints if kind is CodeKind.END else self.start_reprints

    def printed_at(self, kind: CodeKind) -> datetime | None:
        """When that slip was first printed (None: never, or no such slip)."""
        code = self.code(kind)
        return None if code is None else code.printed_at
