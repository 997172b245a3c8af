"""Pruning only what was reported, and a week of daily backups, with an injected now."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from returns_desk.store import Store, StoreCorruptError
from returns_desk.store.database import RUNNING_FILENAME
from returns_desk.store.integrity import check_due, check_if_due, last_check
from returns_desk.store.retention import backup_name, daily_backup, prune, thin
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
    newest = unpacked(backups / expected[-1], tmp_path)
    with closing(sqlite3.connect(f"{newest.as_uri()}?mode=ro", uri=True)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT COUNT(*) FROM scans").fetchone() == (10,)
    assert last_check(store.path.parent).full  # type: ignore[union-attr]  # checked first


def unpacked(backup: Path, folder: Path) -> Path:
    """A backup as a database file again (what an admin does to restore it)."""
    assert backup.name.endswith(".sqlite3.gz")
    out = folder / backup.name.removesuffix(".gz")
    with gzip.open(backup, "rb") as packed, open(out, "wb") as raw:
        shutil.copyfileobj(packed, raw)
    return out


def test_backups_are_compressed_and_kept_within_the_budget(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    session = new_session(store).id
    with store.transaction():
        for n in range(4000):
            store.record_scan(session, f"r{n}", f"FMPC{n:010d}", "not_yet_reported",
                              terminal="t", operator="o")  # fmt: skip
    backups = tmp_path / "backups"
    sizes = []
    for day in range(5):
        made = daily_backup(store, backups, now=START + timedelta(days=day), budget_mib=0.15)
        assert made is not None
        sizes.append(made.stat().st_size)
    store.copy_to(tmp_path / "plain.sqlite3")
    plain = (tmp_path / "plain.sqlite3").stat().st_size
    assert max(sizes) * 3 < plain  # compressed well below the database
    kept = list(backups.iterdir())
    assert sum(p.stat().st_size for p in kept) <= 0.15 * 2**20 < sum(sizes)
    assert backup_name((START + timedelta(days=4)).astimezone()) in {p.name for p in kept}
    # a budget smaller than one backup still keeps the newest
    daily_backup(store, backups, now=START + timedelta(days=5), budget_mib=0.001)
    assert [p.name for p in backups.iterdir()] == [
        backup_name((START + timedelta(days=5)).astimezone())
    ]


def test_a_damaged_database_is_never_backed_up(store: Store, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    good = daily_backup(store, backups, now=START)
    assert good is not None
    with store.transaction() as conn:  # an index that no longer agrees with its table
        conn.execute("PRAGMA writable_schema = ON")
        new_session(store)
        conn.execute(
            "UPDATE sqlite_schema SET sql = replace(sql, '(opened_at, id)', '(id, opened_at)') "
            "WHERE name = 'sessions_opened'"
        )
    store.close()
    with Store.open(store.path) as damaged:
        with pytest.raises(StoreCorruptError):
            daily_backup(damaged, backups, now=START + timedelta(days=1), keep=1)
        assert [p.name for p in backups.iterdir()] == [good.name]  # the good one stays
        assert last_check(damaged.path.parent).ok is False  # type: ignore[union-attr]


def test_old_payloads_are_thinned_to_the_tracking_id(store: Store, clock: FakeClock) -> None:
    old, recent = new_session(store, fe_id="fe1").id, new_session(store, fe_id="fe2").id
    fields = {"trackingId": "fmpc0000000001 ", "shipmentId": "S1", "extra": "x" * 500}
    for session in (old, recent):
        store.record_shipments_page(session, [fields], None, True)
    store.close_session(old)
    clock.advance(40 * 86_400)
    store.close_session(recent)
    assert prune(store, thin_after_days=30) == 0  # nothing old enough to remove
    (thinned,) = store.shipments(old)
    assert thinned.fields == {"trackingId": "fmpc0000000001 "}  # the original, as read
    assert thinned.tracking_id == "FMPC0000000001"
    assert store.shipments(recent)[0].fields == fields
    assert thin(store, 30) == 0  # once only
    summary = store.summary(old)
    assert summary is not None and summary.reported == 1  # the history does not change


def test_the_quick_check_runs_once_a_day_or_after_an_unclean_shutdown(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with Store.open(folder, single_writer=True) as store:
        assert not store.unclean_start and check_due(store)
        assert check_if_due(store, START) is not None
        assert check_if_due(store, START + timedelta(hours=23)) is None
        assert check_if_due(store, START + timedelta(hours=24)) is not None
    with Store.open(folder, single_writer=True) as store:  # closed cleanly before
        assert not store.unclean_start
    (folder / RUNNING_FILENAME).write_text("4242")  # as an app that died leaves it
    with Store.open(folder, single_writer=True) as store:
        assert store.unclean_start and check_due(store, START + timedelta(hours=25))
        check = check_if_due(store, START + timedelta(hours=25))
        assert check is not None and check.ok and not check.full
        assert not check_due(store, START + timedelta(hours=26))
    assert not (folder / RUNNING_FILENAME).exists()


def test_backup_refuses_inside_a_transaction(store: Store, tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        daily_backup(store, tmp_path, now=START)
    assert list(tmp_path.glob("returns-desk-*")) == []
    with pytest.raises(ValueError):
        daily_backup(store, tmp_path, keep=0)
