"""Queueing the hand-on of a completed handover, completing "needs data", and the admin's actions.

``enqueue_handon`` runs inside the transaction that completes the handover (it joins the
caller's ``store.transaction()``), so a handover is never closed without its hand-on queued,
nor the other way round. One entry per switched-on destination per received parcel, keyed by
the tracking id (always known at the dock, whatever the report says): queueing twice queues
nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from returns_desk.handon.build import ParcelContext, build_body
from returns_desk.handon.ledger import (
    KINDS,
    NEEDS_DATA,
    QUEUED,
    RETRY,
    SKIP,
    STUB_MARK,
    Ledger,
    is_stub,
)
from returns_desk.handon.records import ReturnRecord, normalise_tracking_id
from returns_desk.settings.handon import HandonSettings
from returns_desk.store import (
    Event,
    OutboxItem,
    OutboxStatus,
    ScanResult,
    Store,
    counted_scans,
)

_RECEIVED_RESULTS = {
    ScanResult.MATCHED,
    ScanResult.NOT_YET_REPORTED,
    ScanResult.UNEXPECTED,
    ScanResult.DUPLICATE,
}


def received_tracking_ids(store: Store, session_id: int) -> list[str]:
    """Parcels both sides saw: reported by the FE and scanned at the dock, first scan first."""
    reported = {shipment.tracking_id for shipment in store.shipments(session_id)}
    seen: dict[str, None] = {}
    for scan in counted_scans(store.scans(session_id)):
        if scan.result in _RECEIVED_RESULTS and scan.code in reported:
            seen.setdefault(scan.code, None)
    return list(seen)


def _contexts(
    store: Store, session_id: int, tracking_ids: Iterable[str], at: datetime
) -> list[ParcelContext]:
    session = store.session(session_id)
    if session is None:
        raise KeyError(f"no session {session_id}")
    first: dict[str, datetime] = {}
    for scan in counted_scans(store.scans(session_id)):
        first.setdefault(scan.code, scan.scanned_at)
    codes = dict.fromkeys(normalise_tracking_id(t) for t in tracking_ids)
    return [ParcelContext(code, first.get(code, at), session.logistic_partner) for code in codes]


def enqueue_handon(
    store: Store,
    session_id: int,
    received: Iterable[str],
    settings: HandonSettings,
    records: Mapping[str, ReturnRecord],
    *,
    at: datetime | None = None,
) -> list[OutboxItem]:
    """Queue every received parcel for every switched-on destination, in one transaction.

    A parcel whose record lacks what a destination requires is queued as "needs data" with
    the missing fields named (``OutboxItem.last_error``). Returns the entries of this call.
    """
    destinations = settings.enabled_destinations()
    if not destinations:
        return []
    now = at or datetime.fromtimestamp(store.clock(), UTC)
    ledger = Ledger(store)
    items = []
    with store.transaction():
        parcels = _contexts(store, session_id, received, now)
        existing = {(i.destination, i.idempotency_key) for i in store.outbox(session_id=session_id)}
        for ctx in parcels:
            record = records.get(ctx.tracking_id)
            for destination in destinations:
                if (destination, ctx.tracking_id) in existing:
                    continue
                built = build_body(destination, record, ctx, settings)
                payload = built.body if built.body is not None else _stub(ctx, built.needs)
                item = store.enqueue_outbox(
                    destination, ctx.tracking_id, payload, session_id=session_id, at=now
                )
                if built.body is None:
                    store.set_outbox_status(
                        item.id, OutboxStatus.NEEDS_DATA, error=built.summary, at=now
                    )
                    ledger.event(NEEDS_DATA, item, now, needs=built.needs, problems=built.summary)
                    item = store.outbox_item(item.id) or item  # with its new status
                else:
                    ledger.event(QUEUED, item, now)
                items.append(item)
    return items


def enqueue_for_completed_handover(
    store: Store,
    session_id: int,
    settings: HandonSettings,
    records: Mapping[str, ReturnRecord],
    *,
    at: datetime | None = None,
) -> list[OutboxItem]:
    """``enqueue_handon`` for every parcel of the handover that both sides saw."""
    received = received_tracking_ids(store, session_id)
    return enqueue_handon(store, session_id, received, settings, records, at=at)


def _stub(ctx: ParcelContext, needs: list[str]) -> dict[str, object]:
    return {
        STUB_MARK: True,
        "tracking_id": ctx.tracking_id,
        "received_at": ctx.received_at.isoformat(),
        "courier": ctx.courier,
        "needs": needs,
    }


@dataclass(frozen=True)
class FillReport:
    filled: int  # now pending
    still_needing_data: int


def fill_needs_data(
    store: Store,
    settings: HandonSettings,
    records: Mapping[str, ReturnRecord],
    *,
    at: datetime | None = None,
) -> FillReport:
    """After an import: every "needs data" entry the records now complete becomes pending."""
    now = at or datetime.fromtimestamp(store.clock(), UTC)
    ledger = Ledger(store)
    filled = still = 0
    with store.transaction():
        for item in store.outbox(status=OutboxStatus.NEEDS_DATA):
            payload = item.payload
            if not is_stub(payload):
                continue
            ctx = ParcelContext(
                payload["tracking_id"],
                datetime.fromisoformat(payload["received_at"]),
                payload.get("courier", ""),
            )
            built = build_body(item.destination, records.get(ctx.tracking_id), ctx, settings)
            if built.body is not None:
                ledger.fill(item, built.body, now)
                filled += 1
            else:
                still += 1
                if built.summary != item.last_error:
                    store.set_outbox_status(
                        item.id, OutboxStatus.NEEDS_DATA, error=built.summary, at=now
                    )
    return FillReport(filled, still)


# --- the admin's actions ---------------------------------------------------------------


def retry(store: Store, item_id: int, *, at: datetime | None = None) -> bool:
    """Send a "needs attention" or skipped entry again, now; False if it is in another state."""
    item = store.outbox_item(item_id)
    if item is None or item.status not in (OutboxStatus.NEEDS_ATTENTION, OutboxStatus.SKIPPED):
        return False
    if is_stub(item.payload):
        return False  # skipped while it needed data: import the report instead
    with store.transaction():
        store.set_outbox_status(item.id, OutboxStatus.PENDING, at=at)
        Ledger(store).event(RETRY, item, at, previous=item.status.value)
    return True


def retry_all(store: Store, destination: str | None = None, *, at: datetime | None = None) -> int:
    """Retry every entry that needs attention (of one destination, or all)."""
    items = store.outbox(status=OutboxStatus.NEEDS_ATTENTION)
    return sum(retry(store, i.id, at=at) for i in items if destination in (None, i.destination))


def skip(store: Store, item_id: int, reason: str = "", *, at: datetime | None = None) -> bool:
    """Never send this entry (the admin handled it by hand); False if already sent or skipped."""
    item = store.outbox_item(item_id)
    if item is None or item.status in (OutboxStatus.SENT, OutboxStatus.SKIPPED):
        return False
    with store.transaction():
        store.set_outbox_status(
            item.id, OutboxStatus.SKIPPED, error=f"skipped: {reason}" if reason else None, at=at
        )
        Ledger(store).event(SKIP, item, at, reason=reason, previous=item.status.value)
    return True


# --- for the "Hand-on" view -------------------------------------------------------------


@dataclass(frozen=True)
class DestinationCounts:
    sent: int = 0
    waiting: int = 0  # pending: due now or backing off
    needs_data: int = 0
    needs_attention: int = 0
    skipped: int = 0


def summary(store: Store) -> dict[str, DestinationCounts]:
    """Per destination, how many entries are in each state."""
    counts: dict[str, dict[str, int]] = {}
    for (destination, status), n in store.outbox_counts().items():
        name = "waiting" if status is OutboxStatus.PENDING else status.value
        counts.setdefault(destination, {})[name] = n
    return {dest: DestinationCounts(**per) for dest, per in counts.items()}


def history(store: Store, item: OutboxItem) -> list[Event]:
    """Everything that happened to one entry, oldest first."""
    return [event for event in store.outbox_events(item.id) if event.kind in KINDS]
