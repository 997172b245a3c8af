"""The marketplace decides: undocumented statuses, one drain per handover, no re-download.

Against the sandbox over loopback HTTP, configured to answer what the documents leave open:
status strings the app has never seen, a static OTC mode, a drain under way when the clerk
asks for the End OTC.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from returns_desk import errors
from returns_desk.api.client import ReturnsClient
from returns_desk.api.states import OtcMode, TaskState
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from tests.workflow.test_engine import CREDS, Dock, client_factory, scanning, shipments_calls

END_PATH = "/sellers/v3/returns/otc/end/details"


@pytest.fixture
def dock(sandbox: Sandbox, tmp_path: Path) -> Iterator[Dock]:
    d = Dock(sandbox, tmp_path)
    yield d
    d.close()


def wait_until(predicate: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Like qtbot.waitUntil, for threads: check often, fail after a generous bound."""
    deadline = time.monotonic() + timeout_s
    tick = threading.Event()
    while not predicate():
        assert time.monotonic() < deadline, "the condition was never reached"
        tick.wait(0.005)


def api_calls_since(sb: Sandbox, before: int) -> list[tuple[str, str, int]]:
    """The marketplace calls (not the token's) logged after ``before`` entries."""
    return [c for c in sb.requests_log[before:] if c[1].startswith("/sellers/")]


def end_calls(sb: Sandbox) -> list[int]:
    return [status for _, path, status in sb.requests_log if path == END_PATH]


@pytest.mark.parametrize(
    ("style", "start_raw", "end_raw"),
    [
        ("summary", "StartOtcPage", "SUMMARY"),
        ("otc-pending", "OTC_PENDING", "OTC_PENDING"),
        ("blank", "", ""),
        ("numeric", "1", "3"),
    ],
)
def test_undocumented_statuses_never_block_start_or_end_otc(
    style: str, start_raw: str, end_raw: str, tmp_path: Path
) -> None:
    with Sandbox(SandboxConfig(status_style=style)) as sb:
        dock = Dock(sb, tmp_path)
        try:
            world, engine = sb.world, dock.engine
            fe = world.arrive("LOC1", name="Ravi")
            assert engine.refresh() is None  # "", a number: still a page the app reads
            sid = dock.view(fe.fe_id).session_id
            assert dock.view(fe.fe_id).state_raw == start_raw  # kept as it came, for the card

            code = engine.generate_start_otc()[sid]  # asked; the answer places the FE
            assert code.otc == world.start_otc_for(fe.fe_id)
            assert dock.view(fe.fe_id).state is TaskState.START_OTC

            world.validate_start_otc(fe.fe_id, code.otc)
            world.scan(fe.fe_id, 30)
            engine.refresh()
            engine.run_due()  # synced whatever the status is called
            assert dock.view(fe.fe_id).counts.fe_scanned == 30
            assert dock.view(fe.fe_id).state is TaskState.SCANNING  # parcels came: he scans

            with pytest.raises(errors.NotOnEndOtcPageError):  # asked: the marketplace says no
                engine.request_end_otc(sid)

            world.scan(fe.fe_id, 2)
            world.finish_scanning(fe.fe_id)
            engine.refresh()
            view = dock.view(fe.fe_id)
            assert view.state_raw == end_raw
            assert not view.status_understood  # the card shows it as it came

            report = engine.request_end_otc(sid)  # asked again: the End OTC
            assert report.end.total_scanned == 32 and report.api_total_agrees
            assert dock.view(fe.fe_id).state is TaskState.END_OTC
            assert end_calls(sb) == [400, 200]  # the refusal while scanning, then the code
            assert [e.kind for e in dock.store.events(sid)].count("end_otc_sync_retry") == 0
            assert sb.server_errors == []
        finally:
            dock.close()


def test_a_status_the_app_never_saw_on_first_sight_is_still_synced(tmp_path: Path) -> None:
    with Sandbox(SandboxConfig(status_style="numeric")) as sb:
        dock = Dock(sb, tmp_path)
        try:
            fe = sb.world.arrive("LOC1")
            sb.world.issue_start_otc(fe.fe_id)  # the Seller Hub made the code, not this desk
            sb.world.validate_start_otc(fe.fe_id)
            ids = sb.world.scan(fe.fe_id, 4)
            dock.engine.refresh()
            assert dock.view(fe.fe_id).state is TaskState.UNKNOWN
            dock.engine.run_due()
            view = dock.view(fe.fe_id)
            assert view.counts.fe_scanned == 4 and view.state is TaskState.SCANNING
            assert [s.tracking_id for s in dock.store.shipments(view.session_id)] == ids
        finally:
            dock.close()


def test_end_otc_waits_for_the_drain_under_way(sandbox: Sandbox, tmp_path: Path) -> None:
    """The background poller is between pages when the clerk asks: one drain, then ask."""
    gate, inside = threading.Event(), threading.Event()

    class GatedClient(ReturnsClient):
        def next_shipments(self, next_url: str) -> Any:
            if threading.current_thread().name == "poller":
                inside.set()
                assert gate.wait(30)
            return super().next_shipments(next_url)

    dock = Dock(sandbox, tmp_path)
    dock.engine._client_factory = lambda: GatedClient(
        CREDS, sandbox.base_url, transport=client_factory(sandbox).transport
    )
    results: dict[str, Any] = {}

    def clerk() -> None:
        try:
            results["report"] = dock.engine.request_end_otc(sid)
        except Exception as exc:  # shown to the test below
            results["error"] = exc

    try:
        fe, ids = scanning(dock, parcels=60)
        sandbox.world.finish_scanning(fe.fe_id)
        dock.engine.refresh()
        sid = dock.view(fe.fe_id).session_id
        poller = threading.Thread(target=dock.engine.poll, args=(sid,), name="poller")
        poller.start()
        assert inside.wait(30)  # first page stored, the second one on its way
        asker = threading.Thread(target=clerk, name="clerk")
        asker.start()
        handover = dock.engine._handovers[sid]
        wait_until(lambda: handover.drain_waiters == 1)  # End OTC waits, asks nothing yet
        assert end_calls(sandbox) == []
        gate.set()
        poller.join(30)
        asker.join(30)
        assert "error" not in results, results.get("error")
        assert results["report"].end.total_scanned == 60
        assert end_calls(sandbox) == [200]  # no SHIPMENT_SYNC_ERROR, no retry
        calls = shipments_calls(sandbox)
        assert [c[0] for c in calls] == ["POST", "GET", "GET"]  # 25 + 25 + 10, once each
        assert len({c[1] for c in calls}) == 3
        assert [s.tracking_id for s in dock.store.shipments(sid)] == ids
    finally:
        gate.set()
        dock.close()


def test_end_otc_after_the_list_was_drained_fetches_nothing_again(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    dock = Dock(sandbox, tmp_path)
    try:
        fe, _ = scanning(dock, parcels=60)
        sandbox.world.finish_scanning(fe.fe_id)
        dock.engine.refresh()
        dock.engine.run_due()  # has_more false, next_url null: scanning is complete
        sid = dock.view(fe.fe_id).session_id
        assert dock.view(fe.fe_id).drained
        dock.clock.advance(300)
        dock.engine.run_due()  # and the poller leaves it alone
        dock.restart()  # the rule survives a restart: it is in the record
        before = len(sandbox.requests_log)
        report = dock.engine.request_end_otc(sid)
        assert report.end.total_scanned == 60
        assert api_calls_since(sandbox, before) == [("POST", END_PATH, 200)]  # the End OTC alone
        assert len([c for c in shipments_calls(sandbox) if c[0] == "POST"]) == 1
    finally:
        dock.close()


def test_a_sync_error_after_the_drain_reads_only_the_last_page_again(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    class SyncRefusedOnce(ReturnsClient):
        refused = False

        def end_otc(self, fe_id: str, task_id: str) -> Any:
            if not SyncRefusedOnce.refused:
                SyncRefusedOnce.refused = True
                raise errors.ShipmentSyncError()
            return super().end_otc(fe_id, task_id)

    dock = Dock(sandbox, tmp_path)
    dock.engine._client_factory = lambda: SyncRefusedOnce(
        CREDS, sandbox.base_url, transport=client_factory(sandbox).transport
    )
    try:
        fe, _ = scanning(dock, parcels=60)
        sandbox.world.finish_scanning(fe.fe_id)
        dock.engine.refresh()
        dock.engine.run_due()
        sid = dock.view(fe.fe_id).session_id
        last_page = shipments_calls(sandbox)[-1]
        before = len(sandbox.requests_log)
        assert dock.engine.request_end_otc(sid).end.total_scanned == 60
        assert api_calls_since(sandbox, before) == [last_page, ("POST", END_PATH, 200)]
        assert dock.sleeps == [dock.config.end_otc_retry_wait_s]
    finally:
        dock.close()


def test_a_failed_refresh_says_what_failed_and_does_not_stand_for_the_marketplace(
    dock: Dock,
) -> None:
    sb = dock.sb
    fe, _ = scanning(dock, parcels=5)
    sb.world.finish_scanning(fe.fe_id)
    sb.faults.queue.extend(["malformed"])
    error = dock.engine.refresh()  # the initial load fails: the app still thinks "scanning"
    assert isinstance(error, errors.InvalidResponseError)
    assert dock.engine.last_refresh_error is error
    sid = dock.view(fe.fe_id).session_id
    assert dock.view(fe.fe_id).state is TaskState.SCANNING
    assert dock.engine.request_end_otc(sid).end.total_scanned == 5  # asked, and answered


def test_a_failed_final_drain_is_reported_as_such_and_nothing_is_asked(
    dock: Dock,
) -> None:
    sb = dock.sb
    fe, _ = scanning(dock, parcels=5)
    sb.world.finish_scanning(fe.fe_id)
    dock.engine.refresh()
    sb.faults.queue.extend(["error:503"] * 4)  # the first try and the transport's 3 retries
    sid = dock.view(fe.fe_id).session_id
    with pytest.raises(errors.ServiceUnavailableError):
        dock.engine.request_end_otc(sid)
    assert end_calls(sb) == []  # asking now would only earn a SHIPMENT_SYNC_ERROR
    assert dock.engine.request_end_otc(sid).end.total_scanned == 5  # the clerk asks again


@pytest.mark.parametrize("mode", ["OldStatic", "NewStatic", "DynamicEnd"])
def test_static_start_otc_modes_go_through_without_generating(mode: str, tmp_path: Path) -> None:
    with Sandbox(SandboxConfig(enabled_for=mode, static_start_otc="246810")) as sb:
        dock = Dock(sb, tmp_path)
        try:
            fe = sb.world.arrive("LOC1")
            dock.engine.refresh()
            assert dock.engine.otc_mode is OtcMode(mode)
            assert not dock.engine.offers_generate_start_otc
            assert dock.engine.generate_start_otc() == {}  # nothing to generate: it is fixed
            with pytest.raises(Exception, match="wrong static Start OTC"):
                sb.world.validate_start_otc(fe.fe_id, "000000")
            sb.world.validate_start_otc(fe.fe_id, "246810")
            sb.world.scan(fe.fe_id, 3)
            sb.world.finish_scanning(fe.fe_id)
            dock.engine.refresh()
            sid = dock.view(fe.fe_id).session_id
            assert dock.engine.request_end_otc(sid).end.total_scanned == 3
        finally:
            dock.close()
