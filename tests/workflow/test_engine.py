"""The handover engine end to end against the sandbox, without Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from returns_desk import errors
from returns_desk.api.client import ReturnsClient
from returns_desk.api.states import TaskState
from returns_desk.api.transport import RetryPolicy, Timeouts, Transport
from returns_desk.credentials import Credentials
from returns_desk.sandbox.server import Sandbox
from returns_desk.store import Store
from returns_desk.store.models import ScanResult
from returns_desk.workflow.engine import COMPLETED_EVENT, DockEngine, EngineConfig, backoff_s
from returns_desk.workflow.events import HandoverCompleted
from tests.clocks import FakeClock

CREDS = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))


def client_factory(sb: Sandbox, retries: int = 3) -> ReturnsClient:
    transport = Transport(
        timeouts=Timeouts(2.0, 2.0),
        retry=RetryPolicy(max_retries=retries, backoff_base_s=0.001, backoff_cap_s=0.005),
    )
    return ReturnsClient(CREDS, sb.base_url, transport=transport)


class Dock:
    """An engine with its store and a fake scheduling clock, closed after the test."""

    def __init__(self, sb: Sandbox, folder: Path, **config: object) -> None:
        self.sb, self.folder, self.clock = sb, folder, FakeClock()
        self.sleeps: list[float] = []
        self.config = EngineConfig(location_id="LOC1", terminal_id="DOCK-T", **config)  # type: ignore[arg-type]
        self.open()

    def open(self) -> None:
        self.store = Store.open(self.folder / "returns-desk.sqlite3")
        self.engine = DockEngine(
            lambda: client_factory(self.sb),
            self.store,
            self.config,
            clock=self.clock,
            sleep=self.sleeps.append,
        )

    def close(self) -> None:
        self.engine.close()
        self.store.close()

    def restart(self) -> None:
        self.close()
        self.open()
        self.engine.resume()

    def view(self, fe_id: str):  # type: ignore[no-untyped-def]
        (view,) = [v for v in self.engine.views() if v.fe_id == fe_id]
        return view


@pytest.fixture
def dock(sandbox: Sandbox, tmp_path: Path) -> Iterator[Dock]:
    d = Dock(sandbox, tmp_path)
    yield d
    d.close()


def scanning(dock: Dock, name: str = "Ravi", parcels: int = 0):  # type: ignore[no-untyped-def]
    world = dock.sb.world
    fe = world.arrive("LOC1", name=name)
    dock.engine.refresh()
    dock.engine.generate_start_otc()
    world.validate_start_otc(fe.fe_id)
    ids = world.scan(fe.fe_id, parcels) if parcels else []
    dock.engine.refresh()
    return fe, ids


def shipments_calls(sb: Sandbox) -> list[tuple[str, str, int]]:
    return [e for e in sb.requests_log if "/tasks/shipments" in e[1]]


def test_one_fe_through_the_whole_flow(dock: Dock) -> None:
    world, engine = dock.sb.world, dock.engine
    fe = world.arrive("LOC1", name="Ravi Kumar", lob="LARGE")
    engine.refresh()
    view = dock.view(fe.fe_id)
    assert view.state is TaskState.START_OTC and view.task_id == fe.task_id
    assert engine.offers_generate_start_otc

    codes = engine.generate_start_otc()
    code = codes[view.session_id]
    assert code.otc == world.start_otc_for(fe.fe_id)
    assert dock.store.codes(view.session_id)[0].otc == code.otc

    world.validate_start_otc(fe.fe_id, code.otc)
    ids = world.scan(fe.fe_id, 60)
    engine.refresh()
    assert dock.view(fe.fe_id).state is TaskState.SCANNING
    engine.run_due()  # full pages are drained at once: 25 + 25 + 10
    assert dock.view(fe.fe_id).counts.fe_scanned == 60
    assert shipments_calls(dock.sb)[0][0] == "POST"

    sid = view.session_id
    results = [engine.scan(sid, tid + "\r\n").verdict.result for tid in ids[:57]]
    assert set(results) == {ScanResult.MATCHED}
    assert engine.scan(sid, ids[0].lower()).verdict.result is ScanResult.DUPLICATE
    assert engine.scan(sid, "FMPC9999999999").verdict.result is ScanResult.NOT_YET_REPORTED
    assert engine.scan(sid, "OD225674723130604000").verdict.result is ScanResult.WRONG_LABEL
    counts = dock.view(fe.fe_id).counts
    assert (counts.matched, counts.waiting, counts.not_yet_reported) == (57, 3, 1)

    world.finish_scanning(fe.fe_id)
    report = engine.request_end_otc(sid)
    assert report.end.total_scanned == 60 and report.api_total_agrees
    assert report.missing_at_dock == ids[57:]
    assert report.unexpected_at_dock == ["FMPC9999999999"]
    assert not report.clean
    assert dock.view(fe.fe_id).drained
    end_codes = dock.store.codes(sid, "end")
    assert end_codes[0].otc == report.end.otc and end_codes[0].total_scanned == 60

    world.verify_end_otc(fe.fe_id)
    engine.refresh()
    assert dock.view(fe.fe_id).state is TaskState.COMPLETED
    assert dock.store.session(sid).closed_at is not None
    assert len(dock.store.scans(sid)) == 60  # every scan recorded, duplicates included


def test_three_fes_at_once(dock: Dock) -> None:
    fes = [scanning(dock, name, n) for name, n in (("Asha", 5), ("Bala", 30), ("Chitra", 0))]
    dock.engine.run_due()
    counts = {fe.fe_id: dock.view(fe.fe_id).counts.fe_scanned for fe, _ in fes}
    assert counts == {fes[0][0].fe_id: 5, fes[1][0].fe_id: 30, fes[2][0].fe_id: 0}
    # A scan of one FE's parcel on another FE's handover is not a match there.
    other = dock.view(fes[2][0].fe_id).session_id
    assert dock.engine.scan(other, fes[0][1][0]).verdict.result is ScanResult.NOT_YET_REPORTED
    assert len({dock.view(fe.fe_id).session_id for fe, _ in fes}) == 3


def test_full_page_fetches_the_next_at_once_short_page_waits(dock: Dock) -> None:
    fe, _ = scanning(dock, parcels=50)
    dock.engine.run_due()
    assert len(shipments_calls(dock.sb)) == 3  # 25, 25, then 0: caught up
    calls_before = len(shipments_calls(dock.sb))
    dock.engine.run_due()  # nothing is due before the interval
    assert len(shipments_calls(dock.sb)) == calls_before
    dock.sb.world.scan(fe.fe_id, 3)
    dock.clock.advance(30)
    wait = dock.engine.run_due()
    assert dock.view(fe.fe_id).counts.fe_scanned == 53
    assert 0 < wait <= 30


def test_restart_in_the_middle_of_scanning_resumes_from_the_cursor(dock: Dock) -> None:
    fe, ids = scanning(dock, parcels=40)
    dock.engine.run_due()
    sid = dock.view(fe.fe_id).session_id
    for tid in ids[:10]:
        dock.engine.scan(sid, tid)
    dock.engine.scan(sid, "FMPC0000000077")
    before = dock.view(fe.fe_id).counts

    dock.restart()  # as after a crash: only the store survives
    resumed = dock.view(fe.fe_id)
    assert resumed.counts == before
    assert not resumed.present  # until the marketplace lists the FE again
    posts_before = [e for e in shipments_calls(dock.sb) if e[0] == "POST"]
    more = dock.sb.world.scan(fe.fe_id, 30)
    dock.engine.refresh()
    dock.engine.run_due()
    assert [e for e in shipments_calls(dock.sb) if e[0] == "POST"] == posts_before  # cursor
    assert dock.view(fe.fe_id).counts.fe_scanned == 70
    stored = [s.tracking_id for s in dock.store.shipments(sid)]
    assert stored == ids + more  # each exactly once, in order
    assert dock.engine.scan(sid, ids[0]).verdict.result is ScanResult.DUPLICATE


def test_faults_still_sync_every_shipment_exactly_once(sandbox: Sandbox, tmp_path: Path) -> None:
    dock = Dock(sandbox, tmp_path)
    try:
        fe, ids = scanning(dock, parcels=120)
        sandbox.set_faults(
            error_rate=0.15, drop_rate=0.1, malformed_rate=0.1, seed=11, token_ttl_s=None
        )
        sandbox.faults.queue.extend(["latency:2.5", "malformed", "error:500"])
        sid = dock.view(fe.fe_id).session_id
        for round_ in range(200):
            if round_ == 5:
                sandbox.world.revoke_tokens()  # the token expires in the middle
            more = sandbox.world.scan(fe.fe_id, 2) if round_ < 20 else []
            ids += more
            dock.engine.run_due()
            dock.clock.advance(400)
            if round_ > 20 and dock.view(fe.fe_id).counts.fe_scanned == len(ids):
                break
        stored = [s.tracking_id for s in dock.store.shipments(sid)]
        assert stored == ids
        assert dock.view(fe.fe_id).counts.fe_scanned == len(ids)
        assert any(e.kind == "shipments_failed" for e in dock.store.events(sid))
    finally:
        dock.close()


def test_errors_back_off_and_recover(dock: Dock) -> None:
    fe, _ = scanning(dock, parcels=5)
    dock.sb.faults.error_rate = 1.0
    dock.sb.faults.error_statuses = (500,)
    waits = []
    for _ in range(6):
        dock.engine.run_due()
        view = dock.view(fe.fe_id)
        waits.append(round(view.next_poll_at - dock.clock()))
        dock.clock.advance(view.next_poll_at - dock.clock())
    assert waits[:6] == [30, 60, 120, 240, 300, 300]
    assert isinstance(dock.view(fe.fe_id).last_error, errors.InternalServerError)
    dock.sb.faults.error_rate = 0.0
    dock.engine.run_due()
    view = dock.view(fe.fe_id)
    assert view.last_error is None and view.counts.fe_scanned == 5


def test_backoff_schedule() -> None:
    assert [backoff_s(30, n, 300) for n in range(7)] == [30, 30, 60, 120, 240, 300, 300]


def test_end_otc_while_scanning_is_the_marketplaces_refusal(dock: Dock) -> None:
    fe, _ = scanning(dock, parcels=3)
    sid = dock.view(fe.fe_id).session_id
    with pytest.raises(errors.NotOnEndOtcPageError) as caught:
        dock.engine.request_end_otc(sid)
    assert "still scanning" in caught.value.user_text
    assert "still scanning" in caught.value.server_message  # its words, not ours
    assert [e for e in dock.sb.requests_log if "/otc/end/" in e[1]] == [
        ("POST", "/sellers/v3/returns/otc/end/details", 400)
    ]
    assert dock.view(fe.fe_id).counts.fe_scanned == 3  # synced first


def test_end_otc_makes_the_first_shipments_call_and_final_drain(dock: Dock) -> None:
    fe, ids = scanning(dock, parcels=30)
    dock.sb.world.finish_scanning(fe.fe_id)
    dock.engine.refresh()
    sid = dock.view(fe.fe_id).session_id
    report = dock.engine.request_end_otc(sid)  # no poll ran before: the engine drains first
    assert report.end.total_scanned == 30 and report.missing_at_dock == ids
    assert dock.engine.request_end_otc(sid).end == report.end  # asked once, kept


def test_shipment_sync_error_drains_and_retries(sandbox: Sandbox, tmp_path: Path) -> None:
    class FlakyEnd(ReturnsClient):
        failures = 1

        def end_otc(self, fe_id: str, task_id: str):  # type: ignore[no-untyped-def]
            if FlakyEnd.failures:
                FlakyEnd.failures -= 1
                raise errors.ShipmentSyncError()
            return super().end_otc(fe_id, task_id)

    dock = Dock(sandbox, tmp_path)
    dock.engine._client_factory = lambda: FlakyEnd(
        CREDS, sandbox.base_url, transport=Transport(retry=RetryPolicy(backoff_base_s=0.001))
    )
    try:
        fe, _ = scanning(dock, parcels=10)
        sandbox.world.finish_scanning(fe.fe_id)
        dock.engine.refresh()
        report = dock.engine.request_end_otc(dock.view(fe.fe_id).session_id)
        assert report.end.total_scanned == 10
        assert dock.sleeps == [dock.config.end_otc_retry_wait_s]
    finally:
        dock.close()


def test_no_returns_today_is_calm_and_checked_less_often(dock: Dock) -> None:
    dock.sb.world.set_returns_due("LOC1", False)
    wait = dock.engine.run_due()
    assert dock.engine.no_returns_today and dock.engine.last_refresh_error is None
    assert wait == pytest.approx(dock.config.idle_refresh_interval_s)


def test_refresh_errors_back_off(dock: Dock) -> None:
    dock.sb.faults.error_rate = 1.0
    dock.sb.faults.error_statuses = (500,)
    assert dock.engine.run_due() == pytest.approx(30)
    dock.clock.advance(30)
    assert dock.engine.run_due() == pytest.approx(60)
    assert isinstance(dock.engine.last_refresh_error, errors.InternalServerError)


def test_no_way_back_from_end_otc(dock: Dock) -> None:
    fe, _ = scanning(dock, parcels=1)
    dock.sb.world.finish_scanning(fe.fe_id)
    dock.engine.refresh()
    handover = dock.engine._handovers[dock.view(fe.fe_id).session_id]
    dock.engine._move(handover, TaskState.SCANNING)
    assert dock.view(fe.fe_id).state is TaskState.END_OTC
    assert any(e.kind == "state_regression_ignored" for e in dock.store.events())


def test_expired_start_otc_is_regenerated(sandbox: Sandbox, tmp_path: Path) -> None:
    fake_time = [1_800_000_000.0]
    with Sandbox(clock=lambda: fake_time[0]) as sb:
        dock = Dock(sb, tmp_path)
        try:
            fe = sb.world.arrive("LOC1", name="Ravi")
            dock.engine.refresh()
            first = dock.engine.generate_start_otc()
            fake_time[0] += sb.config.otc_ttl_s + 1
            second = dock.engine.generate_start_otc()
            sid = dock.view(fe.fe_id).session_id
            assert first[sid].otc != second[sid].otc
            assert second[sid].expires_at > first[sid].expires_at
            assert [c.otc for c in dock.store.codes(sid, "start")] == [
                first[sid].otc,
                second[sid].otc,
            ]
        finally:
            dock.close()


def test_clock_skew_is_noticed(dock: Dock) -> None:
    dock.engine.refresh()
    assert not dock.engine.clock_skew_warning
    dock.sb.faults.clock_skew_s = 180
    dock.engine.refresh()
    assert dock.engine.clock_skew_warning


def test_a_scan_that_cannot_be_recorded_is_not_counted(dock: Dock) -> None:
    fe, ids = scanning(dock, parcels=2)
    dock.engine.run_due()
    sid = dock.view(fe.fe_id).session_id
    dock.store.close()
    with pytest.raises(RuntimeError):
        dock.engine.scan(sid, ids[0])
    assert dock.view(fe.fe_id).counts.matched == 0
    dock.open()


def test_completing_needs_the_end_otc(dock: Dock) -> None:
    fe, _ = scanning(dock, parcels=1)
    sid = dock.view(fe.fe_id).session_id
    with pytest.raises(errors.NotOnEndOtcPageError):
        dock.engine.complete(sid)


def test_parcel_rows_show_both_sides(dock: Dock) -> None:
    fe, ids = scanning(dock, parcels=3)
    dock.engine.run_due()
    sid = dock.view(fe.fe_id).session_id
    dock.engine.scan(sid, ids[0])
    dock.engine.scan(sid, "FMPC0000000042")
    rows = {row.tracking_id: row for row in dock.engine.parcels(sid)}
    assert rows[ids[0]].status == "matched"
    assert rows[ids[0]].reported_at is not None and rows[ids[0]].scanned_at is not None
    assert rows[ids[1]].status == "waiting" and rows[ids[1]].scanned_at is None
    assert rows["FMPC0000000042"].status == "not_yet_reported"
    assert list(rows)[:3] == ids  # the FE's order first
    dock.restart()
    assert {r.tracking_id: r.status for r in dock.engine.parcels(sid)} == {
        k: v.status for k, v in rows.items()
    }


def finished_handover(dock: Dock) -> int:
    fe, ids = scanning(dock, parcels=2)
    dock.engine.run_due()
    sid = dock.view(fe.fe_id).session_id
    for tid in ids:
        dock.engine.scan(sid, tid)
    dock.sb.world.finish_scanning(fe.fe_id)
    dock.engine.refresh()
    dock.engine.request_end_otc(sid)
    return sid


def test_completion_is_noted_for_the_hand_on_and_published(dock: Dock) -> None:
    published: list[object] = []
    dock.engine._publish = published.append
    sid = finished_handover(dock)
    dock.engine.complete(sid)
    assert dock.store.session(sid).closed_at is not None
    assert dock.store.event_sessions(COMPLETED_EVENT) == {sid}
    completed = [e for e in published if isinstance(e, HandoverCompleted)]
    assert [e.view.session_id for e in completed] == [sid]
    assert completed[0].view.state is TaskState.COMPLETED


def test_a_failed_completion_leaves_the_handover_open_and_unnoted(dock: Dock) -> None:
    sid = finished_handover(dock)
    real = dock.store.log_event

    def broken(kind: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if kind == COMPLETED_EVENT:
            raise OSError("disk full")
        return real(kind, *args, **kwargs)

    dock.store.log_event = broken  # type: ignore[method-assign]
    with pytest.raises(OSError):
        dock.engine.complete(sid)
    dock.store.log_event = real  # type: ignore[method-assign]
    assert dock.store.session(sid).closed_at is None
    assert dock.store.event_sessions(COMPLETED_EVENT) == set()
    assert dock.view(dock.store.session(sid).fe_id).state is TaskState.END_OTC


@pytest.mark.parametrize(
    "raw",
    ["FMPC\ud80012345678", "\udfff", "x" * 1_000_000, "FMPC1234567890" + "0" * 600],
    ids=["lone-surrogate", "only-a-surrogate", "1MB", "just-over-the-cap"],
)
def test_a_read_the_record_cannot_keep_is_a_typed_not_recorded(dock: Dock, raw: str) -> None:
    fe, ids = scanning(dock, parcels=1)
    dock.engine.run_due()
    sid = dock.view(fe.fe_id).session_id
    with pytest.raises(errors.ScanTextError) as caught:
        dock.engine.scan(sid, raw)
    assert "Scan the label again" in caught.value.user_text
    assert dock.store.scans(sid) == [] and dock.view(fe.fe_id).counts.dock_scanned == 0
    dock.engine.scan(sid, ids[0])  # the next good read is recorded as usual
    assert [s.code for s in dock.store.scans(sid)] == [ids[0]]


def test_the_longest_label_kept_is_stored_whole(dock: Dock) -> None:
    from returns_desk.workflow.barcode import MAX_RAW_SCAN

    fe, _ = scanning(dock)
    sid = dock.view(fe.fe_id).session_id
    raw = "]C1" + "0" * (MAX_RAW_SCAN - 3)
    dock.engine.scan(sid, raw)
    (stored,) = dock.store.scans(sid)
    assert stored.raw == raw


LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def test_a_database_locked_by_another_program_refuses_a_scan_at_once(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The store's usual busy wait is 10 minutes here: a scan that waited for it would hang."""
    import subprocess
    import sys

    dock = Dock(sandbox, tmp_path)
    try:
        fe, ids = scanning(dock, parcels=1)
        sid = dock.view(fe.fe_id).session_id
        dock.store.close()
        dock.store = Store.open(tmp_path / "returns-desk.sqlite3", busy_timeout_s=600)
        dock.engine.store = dock.store
        locker = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(tmp_path / "returns-desk.sqlite3")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
            with pytest.raises(errors.ReturnsDeskError) as caught:
                dock.engine.scan(sid, ids[0])
            assert caught.value.code == "STORE_BUSY" and "another program" in caught.value.message
            assert dock.view(fe.fe_id).counts.dock_scanned == 0
        finally:
            locker.communicate("\n", timeout=60)
        dock.engine.scan(sid, ids[0])  # the other program let go: recorded
        assert [s.code for s in dock.store.scans(sid)] == [ids[0]]
    finally:
        dock.close()


def test_a_drain_gives_way_between_pages_while_a_scan_arrives(dock: Dock) -> None:
    """The first key of a scan pauses the drain between pages, never inside one."""
    fe, _ = scanning(dock, parcels=60)  # pages of 25: 25, 25, 10
    sid = dock.view(fe.fe_id).session_id
    dock.engine.give_way_to_scans(0.15)
    dock.engine.poll(sid)
    assert dock.view(fe.fe_id).counts.fe_scanned == 60  # drained all the same
    assert dock.sleeps == pytest.approx([0.15, 0.15])  # after each full page
    dock.sleeps.clear()
    dock.clock.advance(1.0)  # the scan is long done: no more waiting
    world_ids = dock.sb.world.scan(fe.fe_id, 30)
    dock.engine.poll(sid)
    assert dock.sleeps == [] and dock.view(fe.fe_id).counts.fe_scanned == 60 + len(world_ids)
