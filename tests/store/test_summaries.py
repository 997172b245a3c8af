"""The kept per-handover summaries agree with replaying the parcels, and page without them."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from returns_desk.store import CodeKind, ScanResult, Store, counted_scans
from returns_desk.workflow.reconcile import Reconciler
from returns_desk.workflow.replay import replay_parcels
from tests.clocks import FakeClock
from tests.history_record import make_history_module
from tests.store.conftest import new_session


def _replayed(store: Store, session_id: int) -> tuple[int, int, int, int, int]:
    counts = replay_parcels(store, session_id, Reconciler()).counts
    return (
        counts.fe_scanned,
        counts.dock_scanned,
        counts.matched,
        counts.missing_at_dock,
        counts.unexpected_at_dock,
    )


def _kept(store: Store, session_id: int) -> tuple[int, int, int, int, int]:
    summary = store.summary(session_id)
    assert summary is not None
    return (
        summary.reported,
        summary.dock_scanned,
        summary.matched,
        summary.missing,
        summary.unexpected,
    )


@pytest.mark.parametrize("seed", range(6))
def test_the_kept_counts_are_the_replayed_reconciliation(
    store: Store, clock: FakeClock, seed: int
) -> None:
    """Shipments and scans interleaved as a dock sees them, scan results as the engine's."""
    rng = random.Random(seed)
    session = new_session(store)
    live = Reconciler()
    reportable = [f"FMPC{n:010d}" for n in range(40)] + ["ODD-LABEL-7"]  # odd, yet a parcel
    pool = [*reportable, "OD123456789012345", "??", ""]
    for step in range(120):
        clock.advance(1)
        if rng.random() < 0.4:
            page = rng.sample(reportable, rng.randrange(1, 5))
            store.record_shipments_page(session.id, [{"trackingId": t} for t in page], "u", False)
            live.add_reported(page)
        else:
            code = rng.choice(pool)
            verdict = live.scan(code, datetime.fromtimestamp(clock.now, UTC))
            store.record_scan(
                session.id, code, code, verdict.result.value, terminal="t", operator="o"
            )
        if step % 30 == 29:
            assert _kept(store, session.id) == _replayed(store, session.id)
    kept = _kept(store, session.id)
    assert kept == _replayed(store, session.id)
    summary = store.summary(session.id)
    assert summary is not None and summary.scans == len(store.scans(session.id))
    store.rebuild_summaries(session.id)  # the migration's computation agrees
    assert _kept(store, session.id) == kept


def test_a_parcel_moved_to_another_handover_no_longer_counts_where_it_was(
    store: Store, clock: FakeClock
) -> None:
    """As ``Engine.move_scan`` records it: a ``moved`` correction here, a scan there."""
    ravi, shyam = new_session(store, fe_id="ravi").id, new_session(store, fe_id="shyam").id
    store.record_shipments_page(shyam, [{"trackingId": "FMPC0000000001"}], "u", False)
    for code, result in (
        ("FMPC0000000001", ScanResult.NOT_YET_REPORTED),  # the clerk was on Ravi's handover
        ("FMPC0000000001", ScanResult.DUPLICATE),
        ("FMPC0000000002", ScanResult.NOT_YET_REPORTED),
    ):
        clock.advance(1)
        store.record_scan(ravi, code, code, result, terminal="t", operator="o")
    assert _kept(store, ravi)[:2] == (0, 2)
    clock.advance(1)
    with store.transaction():
        store.record_scan(ravi, "FMPC0000000001", "FMPC0000000001", ScanResult.MOVED,
                          terminal="t", operator="o")  # fmt: skip
        store.record_scan(shyam, "FMPC0000000001", "FMPC0000000001", ScanResult.MATCHED,
                          terminal="t", operator="o")  # fmt: skip
    for session_id in (ravi, shyam):
        assert _kept(store, session_id) == _replayed(store, session_id)
        summary = store.summary(session_id)
        assert summary is not None
        assert summary.scans == len(counted_scans(store.scans(session_id)))
    assert _kept(store, ravi) == (0, 1, 0, 0, 1)  # only FMPC...2 is left at Ravi's
    assert _kept(store, shyam) == (1, 1, 1, 0, 0)
    clock.advance(1)  # scanned at Ravi's again: it counts there afresh
    store.record_scan(ravi, "FMPC0000000001", "FMPC0000000001", ScanResult.NOT_YET_REPORTED,
                      terminal="t", operator="o")  # fmt: skip
    assert _kept(store, ravi) == _replayed(store, ravi) == (0, 2, 0, 0, 2)
    kept = _kept(store, ravi)
    store.rebuild_summaries()  # the migration's computation agrees
    assert _kept(store, ravi) == kept and _kept(store, shyam) == (1, 1, 1, 0, 0)


def test_codes_in_force_and_printed_times_are_in_the_summary(store: Store) -> None:
    session = new_session(store)
    assert store.summary(session.id).kinds == ()  # type: ignore[union-attr]
    at = datetime(2026, 1, 15, 10, tzinfo=UTC)
    store.record_code(session.id, CodeKind.START, "111111", expiry_at=at + timedelta(minutes=15))
    store.record_code(session.id, CodeKind.START, "222222")  # no expiry: not in force
    end = store.record_code(session.id, CodeKind.END, "333333", total_scanned=3)
    store.mark_code_printed(end.id, at=at)
    summary = store.summary(session.id)
    assert summary is not None
    assert summary.start is not None and summary.start.otc == "111111"
    assert summary.kinds == (CodeKind.END, CodeKind.START)
    assert summary.printed_at(CodeKind.END) == at and summary.printed_at(CodeKind.START) is None
    store.log_event("slip_reprinted", session.id, slip="end")
    assert store.summary(session.id).reprint_count(CodeKind.END) == 1  # type: ignore[union-attr]


@contextmanager
def _parcels_unread(store: Store) -> Iterator[list[str]]:
    """Any read of shipments or scans on this thread's connection is refused (and noted)."""
    refused: list[str] = []

    def authorize(action: int, table: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ and table in ("shipments", "scans"):
            refused.append(table)
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    conn = store._connection()
    conn.set_authorizer(authorize)
    try:
        yield refused
    finally:
        conn.set_authorizer(None)


@pytest.fixture(scope="module")
def busy_record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """90 days of 20 FEs: 1,800 handovers (few parcels each: their number is not the point)."""
    folder = tmp_path_factory.mktemp("busy")
    module = make_history_module()
    end = datetime(2026, 3, 31, tzinfo=UTC)
    module.make_history(folder, module.Shape(days=90, fes=20, parcels=4, outbox=200, end=end))
    return folder


def test_1800_handovers_page_and_filter_without_reading_parcels(busy_record: Path) -> None:
    with Store.open(busy_record) as store, _parcels_unread(store) as refused:
        assert store.history_count() == 1800
        seen, after = [], None
        while page := store.history_page(after=after, limit=250):
            seen += page
            after = page[-1]
        assert len(seen) == 1800 and len({s.session.id for s in seen}) == 1800
        opened = [(s.session.opened_at, s.session.id) for s in seen]
        assert opened == sorted(opened, reverse=True)  # newest first, no row twice
        assert all(s.reported == 4 and s.kinds == (CodeKind.END, CodeKind.START) for s in seen)

        since = datetime(2026, 3, 25, tzinfo=UTC)
        week = store.history_page(since, limit=1000)
        assert len(week) == 7 * 20 == store.history_count(since)
        fe = store.history_page(since, ["asha", "fe001"])
        assert {s.session.fe_id for s in fe} == {"FE001"} and len(fe) == 7
        otc = seen[100].end.otc  # type: ignore[union-attr]
        found = store.history_page(words=[otc])
        assert seen[100].session.id in {s.session.id for s in found}
        assert store.history_page(words=["nobody-by-this-name"]) == []
        assert refused == []
        with pytest.raises(sqlite3.DatabaseError):  # the guard itself works
            store.scans(seen[0].session.id)


def test_a_summary_counts_like_the_record_it_was_built_from(busy_record: Path) -> None:
    with Store.open(busy_record) as store:
        for summary in store.history_page(limit=5):
            assert _kept(store, summary.session.id) == _replayed(store, summary.session.id)
            assert summary.scans == len(store.scans(summary.session.id))
            assert summary.session.closed_at is not None


def test_pruning_a_handover_takes_its_summary(store: Store, clock: FakeClock) -> None:
    session = new_session(store)
    code, result = "FMPC0000000001", ScanResult.NOT_YET_REPORTED.value
    store.record_scan(session.id, "x", code, result, terminal="t", operator="o")
    with store.transaction() as conn:
        conn.execute("DELETE FROM sessions WHERE id = ?", (session.id,))
        left = conn.execute("SELECT COUNT(*) FROM session_summaries").fetchone()[0]
    assert left == 0
