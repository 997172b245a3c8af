"""Pruning only what was reported, and a week of daily backups, with an injected now."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from returns_desk.store import Store
from returns_desk.store.retention import backup_name, daily_backup, prune
from tests.store.conftest import START, FakeClock, new_session

# the local record must behave the same on the Windows terminals
pytestmark = pytest.mark.windows

DAY = 86_400


def _closed(store: Store, clock: FakeClock, fe_id: str, *, exported: bool) -> int:
    session = new_session(store, fe_id=fe_id).id
    store.record_shipments_page(session, [{"trackingId": f"{fe_id}-1"}], None, True)
    store.record_scan(session, "x", f"{fe_id}-1", "matched", terminal="t", operator="o")
    store.record_code(session, "start", "123456")
    store.log_event("handover_completed", session)
    store.close_session(session, state="COMPLETED")
    if exported:
        clock.advance(1)
        store.mark_exported([session])
    return session


def _count(store: Store, table: str) -> int:
    return int(store._rows(f"SELECT COUNT(*) FROM {table}")[0][0])


def test_prune_removes_only_old_exported_handovers_with_all_their_rows(
    store: Store, clock: FakeClock
) -> None:
    old_done = _closed(store, clock, "fe1", exported=True)
    old_not_exported = _closed(store, clock, "fe2", exported=False)
    old_open = new_session(store, fe_id="fe3").id
    old_pending = _closed(store, clock, "fe4", exported=True)
    store.enqueue_outbox("omni", "fe4", {}, session_id=old_pending)
    exported_before_closing = new_session(store, fe_id="fe5").id
    store.mark_exported([exported_before_closing])
    clock.advance(1)
    store.close_session(exported_before_closing)
    store.log_event("app_started")  # an old event of no session
    clock.advance(60 * DAY)
    recent_done = _closed(store, clock, "fe6", exported=True)

    now = START + timedelta(days=95)
    assert prune(store, older_than_days=90, now=now) == 1
    remaining = {s.id for s in store.sessions()}
    assert old_done not in remaining
    assert remaining == {
        old_not_exported,
        old_open,
        old_pending,
        exported_before_closing,
        recent_done,
    }
    for table in ("state_changes", "codes", "shipments", "scans", "events"):
        (orphans,) = store._rows(
            f"SELECT COUNT(*) FROM {table} WHERE session_id IS NOT NULL "
            "AND session_id NOT IN (SELECT id FROM sessions)"
        )[0]
        assert orphans == 0, table
    assert store.events(kind="app_started") == []
    assert _count(store, "scans") == 3  # those of fe2, fe4 and fe6
    assert prune(store, older_than_days=90, now=now) == 0

    store.mark_outbox_sent(store.outbox(session_id=old_pending)[0].id)
    assert prune(store, older_than_days=90, now=now) == 1  # handed on: it may go now
    assert prune(store, older_than_days=10, now=now + timedelta(days=30)) == 1  # fe6
    assert store.integrity_check() == "ok"


def test_prune_defaults_to_90_days_on_the_store_clock(store: Store, clock: FakeClock) -> None:
    _closed(store, clock, "fe1", exported=True)
    clock.advance(89 * DAY)
    assert prune(store) == 0
    clock.advance(2 * DAY)
    assert prune(store) == 1
    with pytest.raises(ValueError):
        prune(store, older_than_days=-1)


def test_one_backup_a_day_and_the_newest_seven_kept(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "notes.txt").write_text("not a backup")
    session = new_session(store).id
    made = []
    for day in range(10):
        now = START + timedelta(days=day)
        store.record_scan(session, "x", f"C{day}", "invalid", terminal="t", operator="o")
        made.append(daily_backup(store, backups, now=now))
        assert daily_backup(store, backups, now=now + timedelta(hours=1)) is None  # same day
    assert all(path is not None for path in made)
    names = sorted(p.name for p in backups.iterdir())
    expected = [backup_name((START + timedelta(days=d)).astimezone()) for d in range(3, 10)]
    assert names == sorted([*expected, "notes.txt"])
    newest = backups / expected[-1]
    with closing(sqlite3.connect(f"{newest.as_uri()}?mode=ro", uri=True)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT COUNT(*) FROM scans").fetchone() == (10,)


def test_backup_refuses_inside_a_transaction(store: Store, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        daily_backup(store, tmp_path, now=START)
    assert list(tmp_path.glob("returns-desk-*")) == []
    with pytest.raises(ValueError):
        daily_backup(store, tmp_path, keep=0)
