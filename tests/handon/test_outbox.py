"""Queueing with the handover's completion, "needs data", and the admin's retry and skip."""

from __future__ import annotations

import pytest

from returns_desk.handon import (
    OMNI,
    POS,
    HandonSettings,
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
from returns_desk.handon.ledger import Ledger
from returns_desk.handon.outbox import DestinationCounts
from returns_desk.settings.handon import OmniSettings
from returns_desk.settings.model import InvalidSettings
from returns_desk.store import OutboxStatus, Store
from tests.handon.conftest import full_record, received_session, records_for, site_settings

PARCELS = ["FMPR1", "FMPR2", "FMPR3"]


def test_received_parcels_are_those_both_sides_saw(store: Store) -> None:
    session = received_session(store, ["FMPR1", "FMPR2"])
    store.record_shipments_page(session, [{"trackingId": "FMPR9"}], None, True)  # never here
    store.record_scan(session, "XYZ", "XYZ", "unexpected", terminal="D", operator="t")
    store.record_scan(session, "FMPR1", "FMPR1", "duplicate", terminal="D", operator="t")
    assert received_tracking_ids(store, session) == ["FMPR1", "FMPR2"]


def test_nothing_is_queued_when_no_destination_is_switched_on(store: Store) -> None:
    session = received_session(store, PARCELS)
    assert enqueue_handon(store, session, PARCELS, HandonSettings(), records_for(PARCELS)) == []
    assert store.outbox() == []


def test_one_entry_per_destination_per_parcel_in_the_completing_transaction(store: Store) -> None:
    session = received_session(store, PARCELS)
    settings = site_settings()
    with store.transaction():
        store.close_session(session, state="COMPLETED")
        items = enqueue_for_completed_handover(store, session, settings, records_for(PARCELS))
    assert len(items) == 6
    assert {(i.destination, i.idempotency_key) for i in items} == {
        (d, t) for d in (OMNI, POS) for t in PARCELS
    }
    assert all(i.status is OutboxStatus.PENDING and i.session_id == session for i in items)
    omni = next(i for i in items if i.destination == OMNI and i.idempotency_key == "FMPR1")
    assert omni.payload["returnOrderCode"] == "R-FMPR1"
    # the engine may call it again (a retried completion): nothing is queued twice
    again = enqueue_handon(store, session, PARCELS, settings, records_for(PARCELS))
    assert again == [] and len(store.outbox()) == 6


def test_a_failed_completion_queues_nothing(store: Store) -> None:
    session = received_session(store, PARCELS)
    with pytest.raises(RuntimeError), store.transaction():
        store.close_session(session, state="COMPLETED")
        enqueue_handon(store, session, PARCELS, site_settings(), records_for(PARCELS))
        raise RuntimeError("the power went")
    assert store.outbox() == []
    assert store.session(session).closed_at is None  # type: ignore[union-attr]


def test_only_switched_on_destinations_get_entries(store: Store) -> None:
    session = received_session(store, PARCELS)
    settings = site_settings().replace(omni=OmniSettings())
    items = enqueue_handon(store, session, PARCELS, settings, records_for(PARCELS))
    assert {i.destination for i in items} == {POS}


def test_missing_data_waits_with_the_fields_named_then_an_import_completes_it(
    store: Store,
) -> None:
    session = received_session(store, PARCELS)
    records = {"FMPR1": full_record("FMPR1"), "FMPR2": full_record("FMPR2", order_id=None)}
    items = enqueue_handon(store, session, PARCELS, site_settings(), records)
    status = {(i.destination, i.idempotency_key): i for i in items}
    assert status[(OMNI, "FMPR1")].status is OutboxStatus.PENDING
    needs = status[(OMNI, "FMPR2")]
    assert needs.status is OutboxStatus.NEEDS_DATA and needs.last_error == "needs order_id"
    assert status[(POS, "FMPR3")].last_error == "needs a row in the returns report"
    assert Ledger(store).body(needs) is None  # nothing half-filled to send
    counts = summary(store)
    assert counts[OMNI].waiting == 1 and counts[OMNI].needs_data == 2

    report = fill_needs_data(store, site_settings(), {"FMPR2": full_record("FMPR2")})
    assert (report.filled, report.still_needing_data) == (2, 2)
    filled = store.outbox_item(needs.id)
    assert filled is not None and filled.status is OutboxStatus.PENDING
    body = Ledger(store).body(filled)
    assert body is not None and body["forwardOrderCode"] == "OD-FMPR2"
    assert filled.payload == body  # kept in the row, not in an event
    assert filled.last_error == "completed from the returns report"
    kinds = [e.kind for e in history(store, filled)]
    assert kinds == ["handon.needs_data", "handon.filled"]
    assert "body" not in history(store, filled)[-1].detail


def test_needs_data_text_follows_the_latest_import(store: Store) -> None:
    session = received_session(store, ["FMPR1"])
    enqueue_handon(store, session, ["FMPR1"], site_settings(), {})
    fill_needs_data(store, site_settings(), {"FMPR1": full_record("FMPR1", shipment_code=None)})
    pos = next(i for i in store.outbox() if i.destination == POS)
    assert pos.status is OutboxStatus.NEEDS_DATA and pos.last_error == "needs shipment_code"


def test_skip_and_retry(store: Store) -> None:
    session = received_session(store, ["FMPR1"])
    items = enqueue_handon(store, session, ["FMPR1"], site_settings(), records_for(["FMPR1"]))
    omni = next(i for i in items if i.destination == OMNI)
    assert retry(store, omni.id) is False  # pending already
    assert skip(store, omni.id, "entered by hand in Omni") is True
    skipped = store.outbox_item(omni.id)
    assert skipped is not None and skipped.status is OutboxStatus.SKIPPED
    assert skipped.last_error == "skipped: entered by hand in Omni"
    assert skip(store, omni.id) is False
    assert retry(store, omni.id) is True
    assert store.outbox_item(omni.id).status is OutboxStatus.PENDING  # type: ignore[union-attr]
    store.mark_outbox_failed(omni.id, "boom", retry_at=None)
    store.mark_outbox_failed(items[1].id, "boom", retry_at=None)
    assert retry_all(store, POS) == 1
    assert retry_all(store) == 1
    assert [e.kind for e in history(store, omni)] == [
        "handon.queued",
        "handon.skip",
        "handon.retry",
        "handon.retry",
    ]


def test_an_entry_skipped_while_it_needed_data_cannot_be_retried_blindly(store: Store) -> None:
    session = received_session(store, ["FMPR1"])
    (item, _) = enqueue_handon(store, session, ["FMPR1"], site_settings(), {})
    assert skip(store, item.id) is True
    assert retry(store, item.id) is False  # import the report instead


def test_settings_refuse_a_switched_on_destination_without_its_basics() -> None:
    with pytest.raises(InvalidSettings, match="base URL"):
        OmniSettings(enabled=True, base_url="omni.example", location_code="W1")
    with pytest.raises(InvalidSettings, match="location code"):
        OmniSettings(enabled=True, base_url="https://omni.example", location_code=" ")
    assert OmniSettings(base_url="").enabled is False  # switched off: anything goes
    assert HandonSettings().enabled_destinations() == []


def test_summary_counts_each_destination_without_reading_the_entries(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = received_session(store, PARCELS)
    records = {t: full_record(t) for t in PARCELS[:2]}
    items = enqueue_handon(store, session, PARCELS, site_settings(), records)
    assert [(i.idempotency_key, i.destination) for i in items[:2]] == [
        ("FMPR1", OMNI),
        ("FMPR1", POS),
    ]
    store.mark_outbox_sent(items[0].id)
    skip(store, items[1].id)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("summary must not load every entry")

    monkeypatch.setattr(store, "outbox", no_reading)
    assert summary(store) == {
        OMNI: DestinationCounts(sent=1, waiting=1, needs_data=1),
        POS: DestinationCounts(waiting=1, needs_data=1, skipped=1),
    }


def test_history_is_the_entry_own_events_only(store: Store) -> None:
    session = received_session(store, ["FMPR1", "FMPR2"])
    items = enqueue_handon(store, session, ["FMPR1", "FMPR2"], site_settings(), {})
    first = items[0]
    skip(store, first.id, "by hand")
    store.log_event("handon.skip", session, outbox_id=items[1].id)  # another entry's
    store.log_event("printed", session, outbox_id=first.id)  # not a hand-on event
    assert [e.kind for e in history(store, first)] == ["handon.needs_data", "handon.skip"]
