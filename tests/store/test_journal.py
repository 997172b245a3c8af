"""The append-only event log (never a secret) and the outbox."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from returns_desk.store import OutboxStatus, Store
from returns_desk.store.journal import REDACTED, redact
from tests.store.conftest import START, FakeClock, new_session


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
