"""Every earlier schema version upgrades with its data; a newer one is refused untouched."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from returns_desk.store import (
    DB_FILENAME,
    CodeKind,
    Condition,
    HandoverCompletedError,
    OutboxStatus,
    ScanResult,
    Store,
    StoreCorruptError,
    StoreTooNewError,
    migrations,
    summaries,
)
from returns_desk.store.migrations import SCHEMA_VERSION, apply_migrations, user_version
from returns_desk.workflow.reconcile import Reconciler
from returns_desk.workflow.replay import replay_parcels
from tests.store.conftest import START

# the local record must behave the same on the Windows terminals
pytestmark = pytest.mark.windows

MS = int(START.timestamp() * 1000)


def _data_v1(conn: sqlite3.Connection) -> None:
    """A handover in the middle of scanning, as version 1 stored it."""
    conn.execute(
        "INSERT INTO sessions (id, location_id, task_id, fe_id, fe_name, logistic_partner, lob, "
        "state, opened_at, next_url, shipments_posted_at) "
        "VALUES (7, 'LOC1', 'T1', 'fe1', 'Ram', 'eKart', 'LARGE', 'SCANNING', ?, 'u2', ?)",
        (MS, MS + 1000),
    )
    conn.execute(
        "INSERT INTO state_changes (session_id, state, at) VALUES (7, 'START_OTC', ?)", (MS,)
    )
    conn.execute(
        "INSERT INTO state_changes (session_id, state, at) VALUES (7, 'SCANNING', ?)", (MS + 500,)
    )
    conn.execute(
        "INSERT INTO codes (session_id, kind, otc, created_at, expiry_at, received_at) "
        "VALUES (7, 'start', '123456', ?, ?, ?)",
        (MS, MS + 900_000, MS),
    )
    conn.execute(
        "INSERT INTO shipments (session_id, tracking_id, fields, first_seen_at) "
        "VALUES (7, ?, ?, ?)",
        ("ABCD0000000001", json.dumps({"trackingId": "ABCD0000000001"}), MS + 1000),
    )
    conn.execute(
        "INSERT INTO scans (session_id, raw, code, result, scanned_at, terminal, operator) "
        "VALUES (7, 'abcd0000000001\r', 'ABCD0000000001', 'matched', ?, 'T-1', 'asha')",
        (MS + 2000,),
    )


def _check_v1_data(store: Store) -> None:
    session = store.session(7)
    assert session is not None and session.is_open and session.next_url == "u2"
    assert session.shipments_posted and session.exported_at is None
    assert [s.id for s in store.open_sessions()] == [7]
    assert [c.state for c in store.state_changes(7)] == ["START_OTC", "SCANNING"]
    (code,) = store.codes(7)
    assert code.kind is CodeKind.START and code.otc == "123456" and code.printed_at is None
    assert [s.tracking_id for s in store.shipments(7)] == ["ABCD0000000001"]
    (scan,) = store.scans(7)
    assert scan.result is ScanResult.MATCHED and scan.raw == "abcd0000000001\r"


def _event(conn: sqlite3.Connection, at: int, kind: str, outbox_id: int, **detail: object) -> None:
    detail = {"outbox_id": outbox_id, "destination": "omni", "key": "K", **detail}
    conn.execute(
        "INSERT INTO events (at, kind, session_id, detail) VALUES (?, ?, 7, ?)",
        (at, kind, json.dumps(detail, sort_keys=True)),
    )


STUB = {"handon_needs_data": True, "tracking_id": "FMPR3", "needs": ["order_id"]}
FILLED_BODY = {"forwardOrderCode": "OD-FMPR3", "returnOrderCode": "R-FMPR3"}


def _data_v2(conn: sqlite3.Connection) -> None:
    """Version 1's handover, an event, and hand-on entries whose state was in the event log."""
    _data_v1(conn)
    conn.execute(
        "INSERT INTO events (at, kind, session_id, detail) VALUES (?, 'app_started', NULL, ?)",
        (MS, json.dumps({"version": "0.9"})),
    )
    # id, key, payload, status, attempts
    entries = [
        (1, "FMPR1", {"n": 1}, "pending", 0),  # in flight, then a crash: in doubt
        (2, "FMPR1P", {"n": 2}, "pending", 1),  # no usable answer: in doubt
        (3, "FMPR2", {"n": 3}, "pending", 1),  # refused with an answer: not in doubt
        (4, "FMPR2P", {"n": 4}, "sent", 1),
        (5, "FMPR3", STUB, "pending", 0),  # "needs data", completed by handon.filled
        (6, "FMPR3P", STUB, "needs_data", 0),  # still needs data
        (7, "FMPR4", {"n": 7}, "skipped", 1),  # no usable answer, then skipped
        (8, "FMPR4P", {"n": 8}, "needs_attention", 2),  # unknown, then a known failure
    ]
    for item_id, key, payload, status, attempts in entries:
        conn.execute(
            "INSERT INTO outbox (id, destination, idempotency_key, session_id, payload, status, "
            "attempts, next_attempt_at, created_at, sent_at) VALUES (?, 'omni', ?, 7, ?, ?, ?, "
            "?, ?, ?)",
            (
                item_id,
                key,
                json.dumps(payload),
                status,
                attempts,
                MS,
                MS,
                MS if status == "sent" else None,
            ),
        )
    for item_id in (1, 2, 3, 4, 7, 8):
        _event(conn, MS + 10, "handon.in_flight", item_id, attempt=1)
    _event(conn, MS + 20, "handon.failed", 2, attempt=1, unknown=True)
    _event(conn, MS + 20, "handon.failed", 3, attempt=1, unknown=False)
    _event(conn, MS + 20, "handon.sent", 4, attempt=1)
    _event(conn, MS + 20, "handon.needs_data", 5, needs=["order_id"])
    _event(conn, MS + 21, "handon.filled", 5, body={"returnOrderCode": "an earlier body"})
    _event(conn, MS + 22, "handon.filled", 5, body=FILLED_BODY)
    _event(conn, MS + 20, "handon.failed", 7, attempt=1, unknown=True)
    _event(conn, MS + 21, "handon.skip", 7, reason="", previous="pending")
    _event(conn, MS + 20, "handon.failed", 8, attempt=1, unknown=True)
    _event(conn, MS + 30, "handon.in_flight", 8, attempt=2)
    _event(conn, MS + 40, "handon.failed", 8, attempt=2, unknown=False, gave_up=True)


def _check_v2_data(store: Store) -> None:
    assert [e.kind for e in store.events(kind="app_started")] == ["app_started"]
    doubt = store.outbox_in_doubt()
    assert [i.id for i in doubt] == [1, 2]
    assert doubt[0].in_flight_at == START + timedelta(milliseconds=10)
    assert not doubt[0].outcome_unknown
    assert doubt[1].in_flight_at is None and doubt[1].outcome_unknown
    items = {i.id: i for i in store.outbox()}
    assert items[5].payload == FILLED_BODY and items[6].payload == STUB
    assert items[4].status is OutboxStatus.SENT and items[4].in_flight_at is None
    assert items[7].outcome_unknown and not items[8].outcome_unknown
    assert [e.kind for e in store.outbox_events(5)] == [
        "handon.needs_data",
        "handon.filled",
        "handon.filled",
    ]
    assert store.outbox_counts()[("omni", OutboxStatus.PENDING)] == 4
    # the skipped entry whose last answer was lost is in doubt again once retried
    store.set_outbox_status(7, OutboxStatus.PENDING)
    assert [i.id for i in store.outbox_in_doubt()] == [1, 2, 7]


def _data_v3(conn: sqlite3.Connection) -> None:
    """Version 2's data (carried into version 3's columns) and a second, closed handover."""
    _data_v2(conn)
    migrations._handon_state_from_events(conn)  # as version 3 keeps it: in the outbox rows
    conn.execute(
        "INSERT INTO sessions (id, location_id, task_id, fe_id, state, opened_at, closed_at) "
        "VALUES (8, 'LOC1', 'T2', 'fe2', 'COMPLETED', ?, ?)",
        (MS, MS + 60_000),
    )
    conn.execute(
        "INSERT INTO scans (session_id, raw, code, result, scanned_at, terminal, operator) "
        "VALUES (8, 'ABCD0000000009', 'ABCD0000000009', 'unexpected', ?, 'T-1', 'asha')",
        (MS + 3000,),
    )


def _check_v3_data(store: Store) -> None:
    # every scan kept from before version 4 reads as a good parcel without a remark
    for session_id in (7, 8):
        for scan in store.scans(session_id):
            assert scan.condition is Condition.GOOD and scan.remark == ""
            assert scan.condition_at is None and not scan.noted
    # the open handover's parcel can be marked; the completed one's cannot
    marked = store.set_condition(7, "abcd0000000001", Condition.DAMAGED, "corner crushed")
    assert marked.noted and [s.code for s in store.noted(7)] == ["ABCD0000000001"]
    with pytest.raises(HandoverCompletedError):
        store.set_condition(8, "ABCD0000000009", Condition.WET)
    assert store.claim_records() == {} and store.photos(7) == []


def _data_v4(conn: sqlite3.Connection) -> None:
    """Version 3's data and a closed handover with every kind of scan and both codes
    (one parcel marked damaged, as version 4 can), for the summaries of version 5."""
    _data_v3(conn)
    conn.execute(
        "INSERT INTO sessions (id, location_id, task_id, fe_id, fe_name, state, opened_at, "
        "closed_at) VALUES (9, 'LOC1', 'T3', 'fe3', 'Asha', 'COMPLETED', ?, ?)",
        (MS, MS + 90_000),
    )
    for kind, otc, expiry, printed in (
        ("start", "111111", MS + 900_000, MS + 10),
        ("start", "222222", None, None),  # no expiry: not the one in force
        ("end", "333333", None, MS + 80_000),
    ):
        conn.execute(
            "INSERT INTO codes (session_id, kind, otc, expiry_at, received_at, printed_at) "
            "VALUES (9, ?, ?, ?, ?, ?)",
            (kind, otc, expiry, MS, printed),
        )
    for n in (1, 2, 3, 9):  # FMPC...9 was scanned before it was reported
        conn.execute(
            "INSERT INTO shipments (session_id, tracking_id, fields, first_seen_at) "
            "VALUES (9, ?, '{}', ?)",
            (f"FMPC000000000{n}", MS + n),
        )
    for code, result in (
        ("FMPC0000000001", "matched"),
        ("FMPC0000000001", "duplicate"),
        ("FMPC0000000002", "matched"),
        ("FMPC0000000005", "not_yet_reported"),  # never reported: unexpected
        ("FMPC0000000009", "not_yet_reported"),
        ("OD123456789012345", "wrong_label"),
        ("", "invalid"),
    ):
        conn.execute(
            "INSERT INTO scans (session_id, raw, code, result, scanned_at, terminal, operator) "
            "VALUES (9, ?, ?, ?, ?, 'T-1', 'asha')",
            (code or "?", code, result, MS + 5000),
        )
    conn.execute(
        "UPDATE scans SET condition = 'damaged', remark = 'wet box' "
        "WHERE session_id = 9 AND code = 'FMPC0000000002'"
    )


def _check_v4_data(store: Store) -> None:
    summary = store.summary(9)
    assert summary is not None and summary.session.fe_name == "Asha"
    # reported 4; the dock saw 1, 2, 5, 9 as parcels; 3 is missing, 5 unexpected
    assert (summary.reported, summary.dock_scanned, summary.matched) == (4, 4, 3)
    assert (summary.missing, summary.unexpected, summary.scans) == (1, 1, 7)
    assert summary.start is not None and summary.start.otc == "111111"
    assert summary.end is not None and summary.end.printed_at is not None
    assert [s.session.id for s in store.history_page(words=["333333"])] == [9]
    (damaged,) = store.noted(9)
    assert (damaged.code, damaged.condition, damaged.remark) == (
        "FMPC0000000002",
        Condition.DAMAGED,
        "wet box",
    )


def _data_v5(conn: sqlite3.Connection) -> None:
    """Version 5 keeps summaries: a version-5 database has them for its sessions."""
    _data_v4(conn)
    summaries.rebuild(conn)


def _check_site_marks_start_empty(store: Store) -> None:
    """Site mode starts from nothing shipped: every scan and fetched shipment is to ship."""
    assert store.site_marks("scans_out") == {}
    assert store.scans_to_ship("T-1", 0)[0].code == "ABCD0000000001"
    assert store.shipments_to_ship(0)


def _check_summaries_replay(store: Store) -> None:
    """Every session's summary, built by the upgrade, is its replayed reconciliation."""
    for summary in store.history_page(limit=1000):
        counts = replay_parcels(store, summary.session.id, Reconciler()).counts
        kept = (summary.reported, summary.dock_scanned, summary.matched, summary.unexpected)
        assert kept == (
            counts.fe_scanned,
            counts.dock_scanned,
            counts.matched,
            counts.unexpected_at_dock,
        )


#: version -> what a database of that version holds; one entry per earlier version.
DATA: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _data_v1,
    2: _data_v2,
    3: _data_v3,
    4: _data_v4,
    5: _data_v5,
}
#: version -> checks of that data after upgrading (each version's data includes the earlier's).
CHECKS: dict[int, tuple[Callable[[Store], None], ...]] = {
    1: (_check_v1_data, _check_summaries_replay),
    2: (_check_v1_data, _check_v2_data, _check_summaries_replay),
    3: (_check_v1_data, _check_v2_data, _check_v3_data, _check_summaries_replay),
    4: (_check_v1_data, _check_v2_data, _check_v3_data, _check_v4_data, _check_summaries_replay),
    5: (
        _check_v1_data,
        _check_v2_data,
        _check_v3_data,
        _check_v4_data,
        _check_summaries_replay,
        _check_site_marks_start_empty,
    ),
}


def _build(path: Path, version: int) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        apply_migrations(conn, version)
        assert user_version(conn) == version
        conn.execute("BEGIN")
        DATA[version](conn)
        conn.execute("COMMIT")


def test_there_is_data_for_every_earlier_version() -> None:
    assert set(DATA) == set(CHECKS) == set(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_upgrade_from_an_earlier_version_keeps_everything(tmp_path: Path, version: int) -> None:
    path = tmp_path / DB_FILENAME
    _build(path, version)
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.integrity_check() == "ok"
        for check in CHECKS[version]:
            check(store)
        # what later versions added works on the upgraded data
        store.log_event("upgraded", 7, from_version=version)
        store.enqueue_outbox("omni", "handover-7", {"parcels": 1}, session_id=7)
        store.mark_exported([7])
        store.record_scan(7, "x", "ABCD0000000002", "not_yet_reported", terminal="t", operator="o")
        _check_summaries_replay(store)  # kept up to date after the upgrade too
    with Store.open(path) as again:  # and a second opening changes nothing
        assert again.schema_version == SCHEMA_VERSION
        assert len(again.scans(7)) == 2


def test_a_new_database_is_at_the_current_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / DB_FILENAME) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_a_failed_migration_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / DB_FILENAME
    Store.open(path).close()
    broken = ("CREATE TABLE half_done (a)", "INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        with pytest.raises(sqlite3.OperationalError):
            apply_migrations(conn, SCHEMA_VERSION + 1)
        assert user_version(conn) == SCHEMA_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "half_done" not in tables and not conn.in_transaction


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with Store.open(path) as store:
        store.log_event("made by a newer app")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = _snapshot(tmp_path)
    with pytest.raises(StoreTooNewError) as caught:
        Store.open(path)
    assert _snapshot(tmp_path) == before  # not a byte written, no side file created
    text = caught.value.user_text
    assert "newer version of Returns Desk" in text and "Install the newer version" in text
    assert str(path) in text and caught.value.path == path


def test_a_newer_version_still_in_the_wal_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    Store.open(path).close()
    with closing(sqlite3.connect(path, isolation_level=None)) as newer:  # a newer app, running
        newer.execute("PRAGMA wal_autocheckpoint = 0")
        newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
        main_file = path.read_bytes()
        with pytest.raises(StoreTooNewError):
            Store.open(path)
        assert path.read_bytes() == main_file


def _flip(path: Path, offset: int, mask: int) -> int:
    data = bytearray(path.read_bytes())
    data[offset] ^= mask
    path.write_bytes(bytes(data))
    return int.from_bytes(data[60:64], "big")


@pytest.mark.parametrize("offset", [60, 61, 62, 63])
@pytest.mark.parametrize("mask", [0x01, 0x02, 0x10, 0x40, 0x80, 0xFF])
def test_a_flipped_byte_in_the_header_version_reads_damaged_not_newer(
    tmp_path: Path, offset: int, mask: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes 60-63 hold the schema version; a flip reads "damaged" unless it could be real."""
    from returns_desk.store import cli as export_cli
    from returns_desk.store.database import MAX_VERSIONS_AHEAD

    path = tmp_path / DB_FILENAME
    with Store.open(path) as store:
        store.log_event("before the flip")
    version = _flip(path, offset, mask)
    if SCHEMA_VERSION < version <= SCHEMA_VERSION + MAX_VERSIONS_AHEAD:
        expected: type[Exception] = StoreTooNewError  # a plausible newer app's version
    else:
        expected = StoreCorruptError
    with pytest.raises(expected):
        Store.open(path)
    out = tmp_path.parent / f"{tmp_path.name}.csv"
    assert export_cli.main(["--data-dir", str(tmp_path), "--format", "csv", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert ("damaged" in err) == (expected is StoreCorruptError), err
