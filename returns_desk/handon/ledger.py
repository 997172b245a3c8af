"""The outbox's own bookkeeping on top of the store: attempts in flight and completed bodies.

The store's outbox has no "in flight" mark and no way to replace a payload. Until it does
(see docs/handon.md, "Store additions"), both are kept in the append-only event log:

- ``handon.in_flight`` (committed before a request leaves) and ``handon.failed`` with
  ``unknown: true`` (no usable answer) make an entry *in doubt*: after a restart it is
  checked with the destination before it is sent again.
- ``handon.filled`` carries the body of an entry queued as "needs data" once the report
  has completed it; the row keeps its placeholder payload.

Every outcome is written together with its event in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from returns_desk.handon.errors import HandonError
from returns_desk.handon.sender import SendResult
from returns_desk.store import OutboxItem, OutboxStatus, Store

IN_FLIGHT = "handon.in_flight"
SENT = "handon.sent"
FAILED = "handon.failed"
CHECKED = "handon.checked"
QUEUED = "handon.queued"
NEEDS_DATA = "handon.needs_data"
FILLED = "handon.filled"
RETRY = "handon.retry"
SKIP = "handon.skip"
KINDS = (QUEUED, NEEDS_DATA, FILLED, IN_FLIGHT, CHECKED, SENT, FAILED, RETRY, SKIP)

STUB_MARK = "handon_needs_data"
_ALL = 1 << 62


def is_stub(payload: Any) -> bool:
    return isinstance(payload, dict) and payload.get(STUB_MARK) is True


class Ledger:
    def __init__(self, store: Store) -> None:
        self.store = store

    def event(self, kind: str, item: OutboxItem, at: datetime | None, **detail: Any) -> None:
        self.store.log_event(
            kind,
            item.session_id,
            at=at,
            outbox_id=item.id,
            destination=item.destination,
            key=item.idempotency_key,
            **detail,
        )

    # --- sending ------------------------------------------------------------------------

    def mark_in_flight(self, item: OutboxItem, at: datetime) -> int:
        """Commit "attempt n is leaving" before the request does; returns n."""
        attempt = item.attempts + 1
        self.event(IN_FLIGHT, item, at, attempt=attempt)
        return attempt

    def sent(
        self, item: OutboxItem, at: datetime, result: SendResult, *, via: str = "send"
    ) -> None:
        with self.store.transaction():
            self.store.mark_outbox_sent(item.id, at=at)
            self.event(
                SENT,
                item,
                at,
                attempt=item.attempts + 1,
                via=via,
                duplicate=result.duplicate,
                note=result.note,
                warnings=result.warnings,
            )

    def failed(
        self,
        item: OutboxItem,
        at: datetime,
        error: HandonError,
        *,
        retry_at: datetime | None,
        unknown: bool,
    ) -> None:
        with self.store.transaction():
            self.store.mark_outbox_failed(item.id, error.user_text, retry_at=retry_at, at=at)
            self.event(
                FAILED,
                item,
                at,
                attempt=item.attempts + 1,
                code=error.code,
                error=error.detail,
                http_status=error.http_status,
                unknown=unknown,
                gave_up=retry_at is None,
                errors=error.errors,
                warnings=error.warnings,
            )

    def checked(self, item: OutboxItem, at: datetime, result: str) -> None:
        self.event(CHECKED, item, at, result=result)

    def in_doubt(self) -> set[int]:
        """Entries whose last attempt may have arrived: left in flight, or no usable answer."""
        flights: dict[int, int] = {}
        for event in self.store.events(kind=IN_FLIGHT, limit=_ALL):
            outbox_id = int(event.detail["outbox_id"])
            flights[outbox_id] = max(flights.get(outbox_id, 0), int(event.detail["attempt"]))
        last_failure: dict[int, tuple[int, bool]] = {}
        for event in self.store.events(kind=FAILED, limit=_ALL):
            detail = event.detail
            last_failure[int(detail["outbox_id"])] = (
                int(detail["attempt"]),
                bool(detail["unknown"]),
            )
        doubt = set()
        for status in (OutboxStatus.PENDING, OutboxStatus.NEEDS_ATTENTION):
            for item in self.store.outbox(status=status):
                attempt, unknown = last_failure.get(item.id, (0, False))
                if flights.get(item.id, 0) > item.attempts or (
                    unknown and attempt == item.attempts
                ):
                    doubt.add(item.id)
        return doubt

    # --- bodies -------------------------------------------------------------------------

    def body(self, item: OutboxItem) -> dict[str, Any] | None:
        """What to send for ``item``; None while it still needs data."""
        if not is_stub(item.payload):
            return item.payload
        filled = [
            e
            for e in self.store.events(item.session_id, kind=FILLED, limit=_ALL)
            if e.detail.get("outbox_id") == item.id
        ]
        return filled[-1].detail["body"] if filled else None

    def fill(self, item: OutboxItem, body: dict[str, Any], at: datetime) -> None:
        with self.store.transaction():
            self.event(FILLED, item, at, body=body)
            self.store.set_outbox_status(
                item.id, OutboxStatus.PENDING, error="completed from the returns report", at=at
            )
