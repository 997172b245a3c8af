"""The append-only event log (never a secret) and the outbox."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from returns_desk.store import OutboxAlreadySentError, OutboxItem, OutboxStatus, Store
from returns_desk.store.journal import REDACTED, SELECT_OUTBOX_EVENTS, redact
from tests.store.conftest import START, FakeClock, new_session

# the local record must behave the same on the Windows terminals
pytestmark = pytest.mark.windows


def test_events_keep_their_detail_as_json(store: Store, clock: FakeClock) -> None:
    session = new_session(store)
    first = store.log_event("app_started", version="0.1.0")
    clock.advance(1)
    second = store.log_event("api_answer", session.id, call="shipments", status=200, count=25)
    events = store.events()
    assert [e.id for e in events] == [first, second]
    assert events[0].session_id is None and events[0].at == START
    assert events[1].detail == {"call": "shipments", "status": 200, "count": 25}
    assert store.events(session.id) == [events[1]]
    assert store.events(kind="app_started") == [events[0]]


def test_secrets_are_redacted_at_any_depth() -> None:
    detail = {
        "access_token": "abc",
        "headers": {"Authorization": "Bearer abc", "Accept": "json"},
        "attempts": [{"client_secret": "s", "n": 1}],
        "Password": "p",
        "apiKey": "k",
        "tracking_id": "ABCD0000000001",
    }
    assert redact(detail) == {
        "access_token": REDACTED,
        "headers": {"Authorization": REDACTED, "Accept": "json"},
        "attempts": [{"client_secret": REDACTED, "n": 1}],
        "Password": REDACTED,
        "apiKey": REDACTED,
        "tracking_id": "ABCD0000000001",
    }


def test_a_logged_secret_never_reaches_the_file(store: Store, db_path) -> None:  # type: ignore[no-untyped-def]
    store.log_event(
        "token_refreshed", token="s3cr3t-value", request={"authorization": "Bearer s3cr3t-value"}
    )
    store.close()
    assert b"s3cr3t-value" not in b"".join(
        p.read_bytes() for p in db_path.parent.iterdir() if p.is_file()
    )


def test_the_event_log_is_append_only(store: Store) -> None:
    store.log_event("x")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with store.transaction() as conn:
            conn.execute("UPDATE events SET kind = 'y'")
    assert store.events()[0].kind == "x"


def test_enqueue_is_idempotent_per_destination(store: Store) -> None:
    session = new_session(store)
    item = store.enqueue_outbox("omni", "handover-1", {"parcels": ["A1"]}, session_id=session.id)
    again = store.enqueue_outbox("omni", "handover-1", {"parcels": ["changed"]})
    other = store.enqueue_outbox("unicommerce", "handover-1", {"parcels": ["A1"]})
    assert again == item and other.id != item.id
    assert item.status is OutboxStatus.PENDING and item.attempts == 0
    assert item.payload == {"parcels": ["A1"]} and item.session_id == session.id
    assert item.created_at == START and item.next_attempt_at == START
    assert len(store.outbox()) == 2


def test_due_items_retries_and_giving_up(store: Store, clock: FakeClock) -> None:
    a = store.enqueue_outbox("omni", "a", {})
    b = store.enqueue_outbox("omni", "b", {}, next_attempt_at=START + timedelta(minutes=5))
    assert store.due_outbox() == [a]
    assert [i.id for i in store.due_outbox(START + timedelta(minutes=5))] == [a.id, b.id]
    assert store.due_outbox(limit=0) == []

    store.mark_outbox_failed(a.id, "HTTP 503", retry_at=START + timedelta(minutes=1))
    failed = store.outbox_item(a.id)
    assert failed is not None and failed.attempts == 1 and failed.last_error == "HTTP 503"
    assert failed.status is OutboxStatus.PENDING and store.due_outbox() == []

    clock.advance(60)
    store.mark_outbox_failed(a.id, "HTTP 400 bad payload", retry_at=None)
    gave_up = store.outbox_item(a.id)
    assert gave_up is not None and gave_up.status is OutboxStatus.NEEDS_ATTENTION
    assert gave_up.attempts == 2

    store.mark_outbox_sent(b.id)
    sent = store.outbox_item(b.id)
    assert sent is not None and sent.status is OutboxStatus.SENT and sent.sent_at == clock.datetime
    assert [i.id for i in store.outbox(status="sent")] == [b.id]


def test_status_changes_for_a_person(store: Store, clock: FakeClock) -> None:
    item = store.enqueue_outbox("omni", "a", {})
    store.set_outbox_status(item.id, "needs_data", error="the seller SKU is missing")
    waiting = store.outbox_item(item.id)
    assert waiting is not None and waiting.status is OutboxStatus.NEEDS_DATA
    assert waiting.last_error == "the seller SKU is missing"
    clock.advance(10)
    store.set_outbox_status(item.id, OutboxStatus.PENDING)  # completed: send it now
    assert [i.id for i in store.due_outbox()] == [item.id]
    store.set_outbox_status(item.id, "skipped")
    assert store.due_outbox() == []
    with pytest.raises(ValueError):
        store.set_outbox_status(item.id, "sent")
    with pytest.raises(KeyError):
        store.mark_outbox_sent(999)
    assert store.outbox_item(999) is None


def _ids(items: list[OutboxItem]) -> list[int]:
    return [i.id for i in items]


def test_an_attempt_in_flight_until_its_outcome_is_recorded(store: Store, clock: FakeClock) -> None:
    a = store.enqueue_outbox("omni", "a", {})
    b = store.enqueue_outbox("omni", "b", {})
    assert a.in_flight_at is None and not a.outcome_unknown and store.outbox_in_doubt() == []
    clock.advance(5)
    assert store.mark_outbox_in_flight(a.id) is True
    assert store.mark_outbox_in_flight(b.id, at=START) is True
    flying = store.outbox_item(a.id)
    assert flying is not None and flying.in_flight_at == clock.datetime
    assert flying.attempts == 0 and flying.status is OutboxStatus.PENDING
    assert _ids(store.outbox_in_doubt()) == [a.id, b.id]  # a crash now: both may have arrived

    store.mark_outbox_sent(a.id)
    store.mark_outbox_failed(b.id, "HTTP 503", retry_at=START + timedelta(minutes=1))
    for item_id in (a.id, b.id):
        done = store.outbox_item(item_id)
        assert done is not None and done.in_flight_at is None and not done.outcome_unknown
    assert store.outbox_in_doubt() == []


def test_a_failure_without_an_answer_leaves_the_entry_in_doubt(store: Store) -> None:
    a = store.enqueue_outbox("omni", "a", {})
    store.mark_outbox_in_flight(a.id)
    store.mark_outbox_failed(a.id, "timed out", retry_at=START, unknown=True)
    (doubt,) = store.outbox_in_doubt()
    assert doubt.id == a.id and doubt.outcome_unknown and doubt.in_flight_at is None
    store.mark_outbox_in_flight(a.id)  # the next attempt keeps the doubt until its outcome
    store.mark_outbox_failed(a.id, "gave up", retry_at=None, unknown=True)
    assert _ids(store.outbox_in_doubt()) == [a.id]  # needs attention, still in doubt
    store.set_outbox_status(a.id, OutboxStatus.SKIPPED)
    assert store.outbox_in_doubt() == []  # not to be sent: nothing to check
    store.set_outbox_status(a.id, OutboxStatus.PENDING)  # the admin retries
    assert _ids(store.outbox_in_doubt()) == [a.id]
    store.mark_outbox_sent(a.id)  # (confirmed by a look-up)
    sent = store.outbox_item(a.id)
    assert sent is not None and not sent.outcome_unknown and store.outbox_in_doubt() == []


def test_only_a_pending_entry_can_be_marked_in_flight(store: Store) -> None:
    a = store.enqueue_outbox("omni", "a", {})
    store.set_outbox_status(a.id, OutboxStatus.SKIPPED)
    assert store.mark_outbox_in_flight(a.id) is False
    skipped = store.outbox_item(a.id)
    assert skipped is not None and skipped.in_flight_at is None
    with pytest.raises(KeyError):
        store.mark_outbox_in_flight(999)


def test_a_payload_is_replaced_until_the_entry_is_sent(store: Store, clock: FakeClock) -> None:
    a = store.enqueue_outbox("omni", "a", {"stub": True})
    store.set_outbox_status(a.id, OutboxStatus.NEEDS_DATA, error="needs order_id")
    clock.advance(30)
    store.update_outbox_payload(a.id, {"order": "OD-1"}, error="completed from the report")
    filled = store.outbox_item(a.id)
    assert filled is not None and filled.payload == {"order": "OD-1"}
    assert filled.status is OutboxStatus.PENDING and filled.next_attempt_at == clock.datetime
    assert filled.last_error == "completed from the report" and store.due_outbox() == [filled]
    store.update_outbox_payload(a.id, {"order": "OD-2"}, status="needs_attention")
    changed = store.outbox_item(a.id)
    assert changed is not None and changed.status is OutboxStatus.NEEDS_ATTENTION
    assert changed.payload == {"order": "OD-2"}
    assert changed.last_error == "completed from the report"  # kept, as set_outbox_status does

    store.mark_outbox_sent(a.id)
    with pytest.raises(OutboxAlreadySentError) as refused:
        store.update_outbox_payload(a.id, {"order": "OD-3"})
    assert "already sent" in refused.value.user_text
    sent = store.outbox_item(a.id)
    assert sent is not None and sent.payload == {"order": "OD-2"}
    assert sent.status is OutboxStatus.SENT
    with pytest.raises(ValueError):
        store.update_outbox_payload(a.id, {}, status=OutboxStatus.SENT)
    with pytest.raises(KeyError):
        store.update_outbox_payload(999, {})


def test_a_refused_payload_update_undoes_only_its_own_part(store: Store) -> None:
    a = store.enqueue_outbox("omni", "a", {})
    store.mark_outbox_sent(a.id)
    with store.transaction():
        store.log_event("kept")
        with pytest.raises(OutboxAlreadySentError):
            store.update_outbox_payload(a.id, {"changed": True})
    assert [e.kind for e in store.events()] == ["kept"]


def test_counts_per_destination_and_status(store: Store) -> None:
    assert store.outbox_counts() == {}
    items = [store.enqueue_outbox(dest, key, {}) for dest in ("omni", "pos") for key in "abc"]
    store.mark_outbox_sent(items[0].id)
    store.mark_outbox_sent(items[1].id)
    store.set_outbox_status(items[3].id, OutboxStatus.NEEDS_DATA)
    assert store.outbox_counts() == {
        ("omni", OutboxStatus.SENT): 2,
        ("omni", OutboxStatus.PENDING): 1,
        ("pos", OutboxStatus.NEEDS_DATA): 1,
        ("pos", OutboxStatus.PENDING): 2,
    }


def test_the_events_of_one_outbox_entry(store: Store) -> None:
    session = new_session(store)
    a = store.enqueue_outbox("omni", "a", {}, session_id=session.id)
    b = store.enqueue_outbox("omni", "b", {})
    first = store.log_event("handon.queued", session.id, outbox_id=a.id, key="a")
    store.log_event("handon.queued", outbox_id=b.id)
    store.log_event("scan", session.id, count=a.id)  # names no entry
    last = store.log_event("handon.sent", session.id, outbox_id=a.id, attempt=1)
    assert [e.id for e in store.outbox_events(a.id)] == [first, last]
    assert store.outbox_events(a.id)[1].detail == {"outbox_id": a.id, "attempt": 1}
    assert [e.kind for e in store.outbox_events(b.id)] == ["handon.queued"]
    assert store.outbox_events(999) == []


def test_events_by_kind_and_by_outbox_entry_are_found_by_index(store: Store, db_path: Path) -> None:
    store.outbox_events(1)
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("INSERT INTO events (at, kind, detail) VALUES (0, 'x', 'not json')")
        by_kind = conn.execute("EXPLAIN QUERY PLAN SELECT id FROM events WHERE kind = 'x'")
        by_entry = conn.execute(f"EXPLAIN QUERY PLAN {SELECT_OUTBOX_EVENTS}", (1,))
        plans = [" ".join(str(row[-1]) for row in plan) for plan in (by_kind, by_entry)]
    assert "events_kind" in plans[0] and "events_outbox" in plans[1]
    assert store.outbox_events(1) == []  # an event that is not JSON (written by hand) is no matter
