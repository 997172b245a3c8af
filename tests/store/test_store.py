"""Sessions, codes, both sides of the reconciliation, transactions and threads."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from returns_desk.store import (
    DB_FILENAME,
    CodeKind,
    ScanResult,
    SessionCounts,
    Store,
    StoreBusyError,
)
from tests.store.conftest import START, FakeClock, new_session

# the local record must behave the same on the Windows terminals
pytestmark = pytest.mark.windows


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_open_creates_the_folder_and_the_database_with_the_safe_settings(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "a" / "b" / DB_FILENAME
    with Store.open(path, clock=clock) as store:
        conn = store._connection()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert store.integrity_check() == "ok"
    assert path.is_file()


def test_open_accepts_the_data_folder(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert store.path == tmp_path.absolute() / DB_FILENAME


def test_a_session_is_created_once_with_its_first_state(store: Store) -> None:
    first = new_session(store)
    again = new_session(store, state="END_OTC")
    assert again == first
    assert first.state == "SCANNING" and first.is_open
    assert (first.fe_name, first.logistic_partner, first.lob) == ("Ram", "eKart", "NONLARGE")
    assert first.opened_at == START and first.opened_at.tzinfo is UTC
    assert [c.state for c in store.state_changes(first.id)] == ["SCANNING"]
    assert store.find_session("LOC1", "T1", "fe1") == first
    assert store.find_session("LOC1", "T1", "fe2") is None
    assert store.session(first.id) == first
    assert store.session(999) is None


def test_every_state_change_is_kept_with_its_time(store: Store, clock: FakeClock) -> None:
    session = new_session(store, state="START_OTC")
    clock.advance(60)
    assert store.set_state(session.id, "SCANNING")
    assert not store.set_state(session.id, "SCANNING")  # no change, nothing written
    clock.advance(60)
    store.close_session(session.id, state="COMPLETED")
    changes = store.state_changes(session.id)
    assert [(c.state, c.at) for c in changes] == [
        ("START_OTC", START),
        ("SCANNING", START + timedelta(seconds=60)),
        ("COMPLETED", START + timedelta(seconds=120)),
    ]
    closed = store.session(session.id)
    assert closed is not None and closed.closed_at == START + timedelta(seconds=120)
    assert closed.state == "COMPLETED" and not closed.is_open
    with pytest.raises(KeyError):
        store.set_state(999, "SCANNING")
    with pytest.raises(KeyError):
        store.close_session(999)


def test_open_sessions_are_those_not_closed(store: Store) -> None:
    a, b, c = (new_session(store, fe_id=f"fe{i}") for i in range(3))
    store.close_session(b.id)
    assert [s.id for s in store.open_sessions()] == [a.id, c.id]


def test_codes_keep_their_times_statistics_and_printing(store: Store, clock: FakeClock) -> None:
    session = new_session(store)
    expiry = START + timedelta(minutes=15)
    start = store.record_code(session.id, "start", "123456", created_at=START, expiry_at=expiry)
    clock.advance(5)
    store.mark_code_printed(start.id)
    end = store.record_code(
        session.id,
        CodeKind.END,
        "654321",
        total_scanned=120,
        obd_eligible=15,
        obd_failed=2,
        flyer_eligible=12,
        flyer_failed=1,
    )
    codes = store.codes(session.id)
    assert [c.kind for c in codes] == [CodeKind.START, CodeKind.END]
    assert codes[0].expiry_at == expiry and codes[0].created_at == START
    assert codes[0].printed_at == START + timedelta(seconds=5)
    assert codes[1] == end and end.total_scanned == 120 and end.flyer_failed == 1
    assert store.codes(session.id, "end") == [end]
    with pytest.raises(KeyError):
        store.mark_code_printed(999)
    with pytest.raises(ValueError):
        store.record_code(session.id, "middle", "1")


def _page(*ids: str) -> list[dict[str, object]]:
    return [{"trackingId": i, "status": "SCANNED", "extra": {"n": 1}} for i in ids]


def test_a_shipments_page_and_its_cursor_are_kept_together(store: Store) -> None:
    session = new_session(store)
    assert not session.shipments_posted
    new = store.record_shipments_page(
        session.id, _page("abcd0000000001 ", "ABCD0000000002"), "u1", False
    )
    assert new == ["ABCD0000000001", "ABCD0000000002"]
    after = store.session(session.id)
    assert after is not None and after.next_url == "u1" and after.shipments_posted
    assert not after.drain_finished
    shipments = store.shipments(session.id)
    assert shipments[0].fields == {
        "trackingId": "abcd0000000001 ",
        "status": "SCANNED",
        "extra": {"n": 1},
    }
    assert shipments[0].first_seen_at == START


def test_a_page_delivered_twice_counts_once(store: Store) -> None:
    session = new_session(store)
    store.record_shipments_page(session.id, _page("A1", "A2"), "u1", False)
    assert store.record_shipments_page(session.id, _page("A2", "A2", "A3"), "u2", False) == ["A3"]
    assert store.record_shipments_page(session.id, _page("A2", "A3"), "u2", False) == []
    assert [s.tracking_id for s in store.shipments(session.id)] == ["A1", "A2", "A3"]
    assert store.counts(session.id).shipments == 3


def test_the_drain_flag_follows_the_last_page(store: Store, clock: FakeClock) -> None:
    session = new_session(store)
    store.record_shipments_page(session.id, [], None, True)
    finished = store.session(session.id)
    assert finished is not None and finished.drain_finished and finished.next_url is None
    assert finished.shipments_posted  # an empty answer still proves the call was made
    clock.advance(30)
    store.record_shipments_page(session.id, _page("B1"), "u3", False)
    again = store.session(session.id)
    assert again is not None and not again.drain_finished
    assert again.shipments_posted_at == START  # the first call's time is kept


def test_a_shipment_without_tracking_id_is_refused_and_nothing_is_written(store: Store) -> None:
    session = new_session(store)
    with pytest.raises(ValueError):
        store.record_shipments_page(session.id, [{"trackingId": "A1"}, {"status": "x"}], "u", False)
    assert store.shipments(session.id) == []
    with pytest.raises(KeyError):
        store.record_shipments_page(999, _page("A1"), "u", False)


def test_a_scan_is_on_disk_when_record_scan_returns(store: Store, db_path: Path) -> None:
    session = new_session(store)
    scan = store.record_scan(
        session.id,
        "]C1abcd0000000001\r",
        "ABCD0000000001",
        "matched",
        terminal="T-1",
        operator="asha",
    )
    assert scan.result is ScanResult.MATCHED and scan.scanned_at == START
    with closing(_raw(db_path)) as other:  # another connection sees it: it was committed
        row = other.execute("SELECT raw, code, result, terminal, operator FROM scans").fetchone()
    assert row == ("]C1abcd0000000001\r", "ABCD0000000001", "matched", "T-1", "asha")
    assert store.scans(session.id) == [scan]
    assert store.first_scan(session.id, "ABCD0000000001") == scan
    assert store.first_scan(session.id, "NOPE") is None


def test_scan_results_are_checked_and_counted(store: Store) -> None:
    session = new_session(store)
    for result in ["matched", "matched", "duplicate", "invalid", "wrong_label", "unexpected"]:
        store.record_scan(session.id, "x", "X", result, terminal="t", operator="o")
    with pytest.raises(ValueError):
        store.record_scan(session.id, "x", "X", "great", terminal="t", operator="o")
    assert store.counts(session.id) == SessionCounts(
        shipments=0, scans=6, matched=2, duplicate=1, invalid=1, wrong_label=1, unexpected=1
    )


def test_a_scan_for_an_unknown_session_is_refused(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.record_scan(42, "x", "X", "invalid", terminal="t", operator="o")


def test_an_explicit_time_must_carry_a_time_zone(store: Store) -> None:
    session = new_session(store)
    at = datetime(2026, 1, 1, 12, 0, 0, 123000, tzinfo=UTC)
    scan = store.record_scan(session.id, "x", "X", "invalid", terminal="t", operator="o", at=at)
    assert scan.scanned_at == at
    with pytest.raises(ValueError, match="naive"):
        store.record_scan(
            session.id, "x", "X", "invalid", terminal="t", operator="o", at=datetime(2026, 1, 1)
        )


def test_the_scan_path_uses_indexes(store: Store) -> None:
    conn = store._connection()
    plans = {
        sql: [str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
        for sql, params in [
            (
                "SELECT id FROM scans WHERE session_id = ? AND code = ? ORDER BY id LIMIT 1",
                (1, "X"),
            ),
            ("SELECT id FROM shipments WHERE session_id = ? AND tracking_id = ?", (1, "X")),
            (
                "SELECT id FROM sessions WHERE location_id = ? AND task_id = ? AND fe_id = ?",
                ("L", "T", "F"),
            ),
            ("SELECT id FROM sessions WHERE closed_at IS NULL ORDER BY opened_at, id", ()),
        ]
    }
    for sql, plan in plans.items():
        # SEARCH ... USING INDEX, or a SCAN of an index (a partial one), never of a table
        assert all("USING" in step for step in plan), (sql, plan)


# --- transactions ----------------------------------------------------------------------


def test_writes_grouped_in_a_transaction_commit_together(store: Store, db_path: Path) -> None:
    session = new_session(store)
    with closing(_raw(db_path)) as other:
        with store.transaction():
            store.close_session(session.id, state="COMPLETED")
            store.enqueue_outbox(
                "omni", f"handover-{session.id}", {"parcels": 3}, session_id=session.id
            )
            assert other.execute("SELECT closed_at FROM sessions").fetchone() == (None,)
            assert other.execute("SELECT COUNT(*) FROM outbox").fetchone() == (0,)
        assert other.execute("SELECT COUNT(*) FROM outbox").fetchone() == (1,)
        assert other.execute("SELECT closed_at IS NOT NULL FROM sessions").fetchone() == (1,)


def test_a_failing_transaction_leaves_nothing_behind(store: Store) -> None:
    session = new_session(store)
    with pytest.raises(RuntimeError, match="power"):
        with store.transaction():
            store.close_session(session.id, state="COMPLETED")
            store.enqueue_outbox("omni", "k", {}, session_id=session.id)
            raise RuntimeError("power")
    after = store.session(session.id)
    assert after is not None and after.is_open and after.state == "SCANNING"
    assert store.outbox() == []
    assert [c.state for c in store.state_changes(session.id)] == ["SCANNING"]


def test_an_inner_failure_caught_inside_undoes_only_the_inner_writes(store: Store) -> None:
    session = new_session(store)
    with store.transaction():
        store.record_scan(session.id, "a", "A", "invalid", terminal="t", operator="o")
        with pytest.raises(ValueError):
            store.record_shipments_page(session.id, [{"no": "id"}], "u", False)
        with pytest.raises(LookupError):
            with store.transaction():
                store.record_scan(session.id, "b", "B", "invalid", terminal="t", operator="o")
                raise LookupError
    assert [s.code for s in store.scans(session.id)] == ["A"]


def test_a_write_waits_for_another_writer_then_says_busy(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock, busy_timeout_s=0.1) as store:
        session = new_session(store)
        with closing(_raw(db_path)) as other:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreBusyError) as caught:
                store.record_scan(session.id, "x", "X", "invalid", terminal="t", operator="o")
            other.execute("ROLLBACK")
        assert caught.value.retryable and "busy" in str(caught.value)
        store.record_scan(session.id, "x", "X", "invalid", terminal="t", operator="o")  # free again
        assert len(store.scans(session.id)) == 1


# --- connections and threads -----------------------------------------------------------


def test_each_thread_has_its_own_connection_closed_when_the_thread_ends(store: Store) -> None:
    session = new_session(store)
    errors: list[BaseException] = []
    connections: list[int] = []

    def work(n: int) -> None:
        try:
            connections.append(id(store._connection()))
            for i in range(25):
                store.record_scan(
                    session.id, "x", f"T{n}-{i}", "invalid", terminal="t", operator="o"
                )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(connections)) == 4 and id(store._connection()) not in connections
    assert len(store.scans(session.id)) == 100
    assert store.open_connections == 1  # the worker threads' connections closed as they ended


def test_close_is_idempotent_and_a_closed_store_refuses_work(db_path: Path) -> None:
    store = Store.open(db_path)
    session = new_session(store)
    store.close()
    store.close()
    assert store.open_connections == 0
    with pytest.raises(RuntimeError, match="closed"):
        store.record_scan(session.id, "x", "X", "invalid", terminal="t", operator="o")
    with Store.open(db_path) as again:  # the data is there for the next run
        assert again.open_sessions()[0].id == session.id


def test_release_thread_closes_only_the_calling_threads_connection(store: Store) -> None:
    new_session(store)
    store.release_thread()
    assert store.open_connections == 0
    assert store.open_sessions()  # a new connection is made on demand
    assert store.open_connections == 1


def test_a_moved_record_takes_back_the_codes_earlier_scans_only() -> None:
    from datetime import UTC, datetime

    from returns_desk.store import ScanRecord, counted_scans

    at = datetime(2026, 12, 1, tzinfo=UTC)

    def scan(n: int, code: str, result: ScanResult) -> ScanRecord:
        return ScanRecord(n, 1, code, code, result, at, "T", "")

    scans = [
        scan(1, "A", ScanResult.NOT_YET_REPORTED),
        scan(2, "B", ScanResult.MATCHED),
        scan(3, "A", ScanResult.MOVED),  # A went to another handover
        scan(4, "C", ScanResult.MATCHED),
        scan(5, "C", ScanResult.MOVED),
        scan(6, "C", ScanResult.MATCHED),  # and C came back: it counts again
    ]
    assert [s.id for s in counted_scans(scans)] == [2, 6]
