"""A received parcel's condition and remark: stored with its scan, editable until completed."""

from __future__ import annotations

import pytest

from returns_desk.store import (
    Condition,
    HandoverCompletedError,
    ParcelNotReceivedError,
    Store,
)
from tests.clocks import FakeClock
from tests.store.conftest import START, new_session


def _scan(store: Store, session_id: int, code: str, result: str = "matched") -> None:
    store.record_scan(session_id, code.lower(), code, result, terminal="T-1", operator="asha")


def test_a_parcel_is_good_until_marked_and_the_mark_is_kept(store: Store, clock: FakeClock) -> None:
    session = new_session(store)
    _scan(store, session.id, "ABCD0000000001")
    _scan(store, session.id, "ABCD0000000001", "duplicate")  # the second read is not the parcel
    (first, _dup) = store.scans(session.id)
    assert first.condition is Condition.GOOD and not first.noted
    clock.advance(5)
    marked = store.set_condition(session.id, " abcd0000000001 ", "damaged", "  box   crushed ")
    assert marked.id == first.id and marked.condition is Condition.DAMAGED
    assert marked.remark == "box crushed" and marked.condition_at == START.replace(second=5)
    # changed again before completion: the last mark counts
    store.set_condition(session.id, "ABCD0000000001", Condition.TAMPERED, "seal cut")
    (noted,) = store.noted(session.id)
    assert (noted.condition, noted.remark) == (Condition.TAMPERED, "seal cut")
    assert store.scans(session.id)[1].condition is Condition.GOOD  # the duplicate untouched


def test_good_with_a_remark_is_noted_too(store: Store) -> None:
    session = new_session(store)
    _scan(store, session.id, "ABCD0000000002", "not_yet_reported")
    store.set_condition(session.id, "ABCD0000000002", Condition.GOOD, "label half torn")
    assert [s.remark for s in store.noted(session.id)] == ["label half torn"]


def test_a_completed_handover_refuses_a_change(store: Store) -> None:
    session = new_session(store)
    _scan(store, session.id, "ABCD0000000003")
    store.set_condition(session.id, "ABCD0000000003", Condition.WET)
    store.close_session(session.id, state="COMPLETED")
    with pytest.raises(HandoverCompletedError) as caught:
        store.set_condition(session.id, "ABCD0000000003", Condition.GOOD)
    assert "completed" in caught.value.user_text and "Claims" in caught.value.user_text
    # the parcel it is about, not the database file (a clerk's notice, not IT's)
    assert "ABCD0000000003" in caught.value.user_text
    assert str(store.path) not in caught.value.user_text
    assert store.noted(session.id)[0].condition is Condition.WET  # unchanged


def test_only_a_received_parcel_has_a_condition(store: Store) -> None:
    session = new_session(store)
    store.record_shipments_page(session.id, [{"trackingId": "ABCD0000000004"}], None, False)
    _scan(store, session.id, "OD225674723130604000", "wrong_label")
    for code in ("ABCD0000000004", "OD225674723130604000"):
        with pytest.raises(ParcelNotReceivedError):
            store.set_condition(session.id, code, Condition.DAMAGED)
    with pytest.raises(ValueError):
        store.set_condition(session.id, "ABCD0000000004", "squashed")
    with pytest.raises(KeyError):
        store.set_condition(999, "ABCD0000000004", Condition.DAMAGED)
