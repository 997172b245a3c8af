"""The outbox processor against the stand-ins: backoff, giving up, checking before re-sending."""

from __future__ import annotations

import random
import threading

import pytest

from returns_desk.handon import (
    OMNI,
    POS,
    Backoff,
    OmniClient,
    OutboxProcessor,
    PosClient,
    enqueue_handon,
    fill_needs_data,
    history,
    retry,
    skip,
)
from returns_desk.handon.ledger import Ledger
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.store import OutboxStatus, Store
from tests.handon.conftest import (
    OMNI_CREDS,
    POS_CREDS,
    FakeClock,
    fast_transport,
    full_record,
    received_session,
    records_for,
    site_settings,
)

BACKOFF = Backoff(base_s=10.0, cap_s=100.0, max_attempts=4)


@pytest.fixture
def senders(stand_ins: DestinationStandIns):  # type: ignore[no-untyped-def]
    settings = site_settings(stand_ins)
    made = {
        OMNI: OmniClient(settings.omni, OMNI_CREDS, fast_transport()),
        POS: PosClient(settings.pos, POS_CREDS, fast_transport()),
    }
    yield made
    for sender in made.values():
        sender.close()


def processor(store: Store, senders, clock: FakeClock, **kwargs) -> OutboxProcessor:  # type: ignore[no-untyped-def]
    return OutboxProcessor(store, senders, clock, backoff=BACKOFF, rng=random.Random(1), **kwargs)


def queue(store: Store, stand_ins, parcels: list[str], **records) -> list:  # type: ignore[no-untyped-def]
    session = received_session(store, parcels)
    found = records.get("records", records_for(parcels))
    return enqueue_handon(store, session, parcels, site_settings(stand_ins), found)


def by_key(store: Store, destination: str, key: str):  # type: ignore[no-untyped-def]
    return next(
        i for i in store.outbox() if (i.destination, i.idempotency_key) == (destination, key)
    )


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    rng = random.Random(7)
    for attempt, ceiling in [(1, 10), (2, 20), (3, 40), (4, 80), (5, 100), (9, 100)]:
        delays = [BACKOFF.delay(attempt, rng) for _ in range(200)]
        assert ceiling / 2 <= min(delays) and max(delays) <= ceiling
        assert max(delays) - min(delays) > ceiling / 4  # jitter spreads them


def test_everything_due_is_sent_once(store: Store, stand_ins, senders, clock) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1", "FMPR2"])
    wait = processor(store, senders, clock).run_due()
    assert wait == 60.0  # nothing left: the idle interval
    assert {i.status for i in store.outbox()} == {OutboxStatus.SENT}
    assert stand_ins.accepted("omni") == {"R-FMPR1": 1, "R-FMPR2": 1}
    assert stand_ins.accepted("pos") == {"SP-FMPR1": 1, "SP-FMPR2": 1}
    item = by_key(store, OMNI, "FMPR1")
    assert [e.kind for e in history(store, item)] == [
        "handon.queued",
        "handon.in_flight",
        "handon.sent",
    ]
    assert item.attempts == 1 and item.sent_at == clock.datetime


def test_a_failure_waits_with_backoff_and_rests_the_destination(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1", "FMPR2", "FMPR3"])
    stand_ins.omni.queue.append("503")
    proc = processor(store, senders, clock)
    wait = proc.run_due()
    first = by_key(store, OMNI, "FMPR1")
    assert first.status is OutboxStatus.PENDING and first.attempts == 1
    assert "having trouble" in (first.last_error or "")
    delay = (first.next_attempt_at - clock.datetime).total_seconds()
    assert 5 <= delay <= 10
    # the other Omni entries were not tried while Omni rests; the POS went on
    assert stand_ins.outcomes("omni") == {"failed": 1}
    assert by_key(store, OMNI, "FMPR2").attempts == 0
    assert stand_ins.accepted("pos").total() == 3
    assert 0 < wait <= delay
    clock.advance(delay)
    proc.run_due()
    assert {i.status for i in store.outbox()} == {OutboxStatus.SENT}
    assert stand_ins.accepted("omni").total() == 3


def test_after_max_attempts_an_entry_needs_attention_then_the_admin_retries(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1"])
    stand_ins.pos.queue.extend(["500"] * BACKOFF.max_attempts)
    proc = processor(store, senders, clock)
    for _ in range(BACKOFF.max_attempts):
        proc.run_due()
        clock.advance(200)
    item = by_key(store, POS, "FMPR1")
    assert item.status is OutboxStatus.NEEDS_ATTENTION and item.attempts == BACKOFF.max_attempts
    assert "HTTP 500" in (item.last_error or "")
    failed = [e for e in history(store, item) if e.kind == "handon.failed"]
    assert failed[-1].detail["gave_up"] is True and failed[-1].detail["http_status"] == 500
    assert retry(store, item.id) is True
    proc.run_due()
    assert by_key(store, POS, "FMPR1").status is OutboxStatus.SENT
    assert stand_ins.accepted("pos") == {"SP-FMPR1": 1}


def test_refused_data_needs_attention_at_once_with_the_destination_errors(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1"])
    stand_ins.pos.queue.append("unsuccessful")
    processor(store, senders, clock).run_due()
    item = by_key(store, POS, "FMPR1")
    assert item.status is OutboxStatus.NEEDS_ATTENTION and item.attempts == 1
    assert "INVALID_PACKAGE_STATE" in (item.last_error or "")
    (failed,) = [e for e in history(store, item) if e.kind == "handon.failed"]
    assert failed.detail["errors"][0]["code"] == 20003


def test_an_answer_lost_after_omni_recorded_it_is_checked_not_resent(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1"])
    stand_ins.omni.queue.append("commit_then_drop")
    proc = processor(store, senders, clock)
    proc.run_due()
    item = by_key(store, OMNI, "FMPR1")
    assert item.status is OutboxStatus.PENDING and item.id in Ledger(store).in_doubt()
    assert item.outcome_unknown and item.in_flight_at is None
    clock.advance(100)
    processor(store, senders, clock).run_due()  # a new processor: as after a restart
    item = by_key(store, OMNI, "FMPR1")
    assert item.status is OutboxStatus.SENT
    assert stand_ins.outcomes("omni") == {"accepted": 1}  # one POST only
    kinds = [e.kind for e in history(store, item)]
    assert kinds[-2:] == ["handon.checked", "handon.sent"]


def test_a_crash_between_sending_and_recording_is_checked_first(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    (omni, pos) = queue(store, stand_ins, ["FMPR1"])
    ledger = Ledger(store)
    # the killed process had marked both in flight and sent them; nothing was recorded
    for item in (omni, pos):
        ledger.mark_in_flight(item, clock.datetime)
        senders[item.destination].send(ledger.body(item))
    assert ledger.in_doubt() == {omni.id, pos.id}
    assert by_key(store, POS, "FMPR1").in_flight_at == clock.datetime
    processor(store, senders, clock).run_due()
    assert {i.status for i in store.outbox()} == {OutboxStatus.SENT}
    assert store.outbox_in_doubt() == []
    assert stand_ins.outcomes("omni") == {"accepted": 1}  # the look-up answered
    assert stand_ins.outcomes("pos") == {"accepted": 1, "duplicate_rejected": 1}
    assert stand_ins.accepted("pos") == {"SP-FMPR1": 1}
    sent = [e for e in history(store, by_key(store, POS, "FMPR1")) if e.kind == "handon.sent"]
    assert sent[0].detail["duplicate"] is True


def test_a_crash_before_the_request_left_is_sent_after_the_check(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    (omni, _) = queue(store, stand_ins, ["FMPR1"])
    Ledger(store).mark_in_flight(omni, clock.datetime)
    processor(store, senders, clock).run_due()
    assert stand_ins.accepted("omni") == {"R-FMPR1": 1}
    checked = [
        e for e in history(store, by_key(store, OMNI, "FMPR1")) if e.kind == "handon.checked"
    ]
    assert checked[0].detail["result"] == "not_delivered"


def test_the_entries_in_doubt_are_found_without_reading_the_event_log(
    store: Store, stand_ins, senders, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    (omni, _) = queue(store, stand_ins, ["FMPR1"])
    Ledger(store).mark_in_flight(omni, clock.datetime)

    def no_scan(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the start-up must not read the event log")

    monkeypatch.setattr(store, "events", no_scan)
    assert processor(store, senders, clock).recover() == {omni.id}


def test_an_entry_skipped_just_before_its_attempt_is_not_sent(
    store: Store, stand_ins, senders, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    (omni, _) = queue(store, stand_ins, ["FMPR1"])
    due_outbox = store.due_outbox

    def due_then_skipped(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = due_outbox(*args, **kwargs)
        if any(item.id == omni.id for item in found):
            skip(store, omni.id, "entered by hand")  # the admin, at that moment
        return found

    monkeypatch.setattr(store, "due_outbox", due_then_skipped)
    processor(store, senders, clock).run_due()
    assert stand_ins.accepted("omni") == {} and stand_ins.accepted("pos") == {"SP-FMPR1": 1}
    skipped = by_key(store, OMNI, "FMPR1")
    assert skipped.status is OutboxStatus.SKIPPED and skipped.attempts == 0
    assert skipped.in_flight_at is None
    assert "handon.in_flight" not in [e.kind for e in history(store, skipped)]
    assert Ledger(store).mark_in_flight(skipped, clock.datetime) is None


def test_a_destination_without_sender_waits_without_spending_attempts(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1"])
    proc = processor(store, {POS: senders[POS]}, clock)
    wait = proc.run_due()
    omni = by_key(store, OMNI, "FMPR1")
    assert omni.status is OutboxStatus.PENDING and omni.attempts == 0
    assert omni.last_error == "destination switched off or not set up"
    assert wait == 60.0  # the idle interval caps the wait (deferred by 600 s)


def test_a_completed_needs_data_entry_is_sent_with_its_completed_body(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1"], records={})
    proc = processor(store, senders, clock)
    proc.run_due()
    assert stand_ins.received == []
    fill_needs_data(store, site_settings(stand_ins), {"FMPR1": full_record("FMPR1")})
    proc.run_due()
    assert stand_ins.omni_orders["R-FMPR1"]["forwardOrderCode"] == "OD-FMPR1"
    assert stand_ins.accepted("pos") == {"SP-FMPR1": 1}


def test_stop_and_max_items_end_a_run_early(store: Store, stand_ins, senders, clock) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1", "FMPR2"])
    proc = processor(store, senders, clock)
    assert proc.run_due(max_items=1) == 0.0
    assert len(stand_ins.received) == 1
    proc.stop()
    assert proc.run_due() == 0.0
    assert len(stand_ins.received) == 1


def test_serve_runs_on_a_worker_thread_until_stopped(
    store: Store, stand_ins, senders, clock
) -> None:  # type: ignore[no-untyped-def]
    queue(store, stand_ins, ["FMPR1"])
    proc = OutboxProcessor(store, senders, clock, idle_s=30.0)
    wake = threading.Event()
    worker = threading.Thread(target=proc.serve, args=(wake,))
    worker.start()
    try:
        for _ in range(200):
            if stand_ins.accepted("pos") and stand_ins.accepted("omni"):
                break
            threading.Event().wait(0.01)
    finally:
        proc.stop()
        wake.set()
        worker.join(5)
    assert not worker.is_alive()
    assert stand_ins.accepted("omni") == {"R-FMPR1": 1}


def test_no_password_or_token_reaches_the_store_or_the_log(
    store: Store, stand_ins, clock, caplog
) -> None:  # type: ignore[no-untyped-def]
    import logging

    from pydantic import SecretStr

    from returns_desk.handon import DestinationCredentials

    caplog.set_level(logging.DEBUG)
    queue(store, stand_ins, ["FMPR1", "FMPR2"])
    settings = site_settings(stand_ins)
    wrong = DestinationCredentials(username="omni-user", password=SecretStr("Omni-Secret-9"))
    good_pos = PosClient(settings.pos, POS_CREDS, fast_transport())
    senders = {OMNI: OmniClient(settings.omni, wrong, fast_transport()), POS: good_pos}
    proc = processor(store, senders, clock)
    proc.run_due()
    proc.close()
    assert stand_ins.outcomes("omni") == {"unauthorized": 1}
    (token,) = stand_ins.tokens
    data = b"".join(p.read_bytes() for p in store.path.parent.glob("returns-desk.sqlite3*"))
    for secret in ("Omni-Secret-9", "pos-pass", token):
        assert secret.encode() not in data
        assert secret not in caplog.text
    assert "refused" in (by_key(store, OMNI, "FMPR1").last_error or "")
