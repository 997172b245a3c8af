"""The outbox's events on top of the store's outbox: one transaction per step with its event.

The store keeps the state (``Store.mark_outbox_in_flight``, ``outbox_in_doubt``,
``update_outbox_payload``); the ledger writes each change together with its ``handon.*``
event, which is the entry's history for the admin (``Store.outbox_events``):

- ``handon.in_flight`` is committed with the in-flight mark before a request leaves;
  ``handon.sent``/``handon.failed`` with the outcome, which clears the mark. An entry
  whose mark is still set (a crash) or whose last failure had no usable answer is *in
  doubt*: it is checked with the destination before it is sent again.
- ``handon.filled`` records that an entry queued as "needs data" was completed from the
  report; its body replaces the placeholder payload in the row.

(Until schema 3 the state itself was derived from these events; migration 3 carried it
over into the rows.)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from returns_desk.handon.errors import HandonError
from returns_desk.handon.sender import SendResult
from returns_desk.store import OutboxItem, Store

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

STUB_MARK = "handon_needs_data"  # store/migrations.py (3) knows it too


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

    def mark_in_flight(self, item: OutboxItem, at: datetime) -> int | None:
        """Commit "attempt n is leaving" before the request does; returns n.

        None (nothing written): the entry is no longer pending (skipped meanwhile), so
        it must not be sent.
        """
        attempt = item.attempts + 1
        with self.store.transaction():
            if not self.store.mark_outbox_in_flight(item.id, at=at):
                return None
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
            self.store.mark_outbox_failed(
                item.id, error.user_text, retry_at=retry_at, at=at, unknown=unknown
            )
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
        return {item.id for item in self.store.outbox_in_doubt()}

    # --- bodies -------------------------------------------------------------------------

    def body(self, item: OutboxItem) -> dict[str, Any] | None:
        """What to send for ``item``; None while it still needs data."""
        return None if is_stub(item.payload) else item.payload

    def fill(self, item: OutboxItem, body: dict[str, Any], at: datetime) -> None:
        """A "needs data" entry completed from the report: its body in the row, due now."""
        with self.store.transaction():
            self.store.update_outbox_payload(
                item.id, body, error="completed from the returns report", at=at
            )
            self.event(FILLED, item, at)
