"""Condition and remark through the engine: shown in its parcels, kept over a restart,
listed at the End OTC, refused once the handover is completed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from returns_desk.sandbox.server import Sandbox
from returns_desk.store import Condition, HandoverCompletedError, ParcelNotReceivedError
from returns_desk.workflow.handover import NotedParcel
from tests.workflow.test_engine import Dock, scanning


@pytest.fixture
def dock(sandbox: Sandbox, tmp_path: Path) -> Iterator[Dock]:
    d = Dock(sandbox, tmp_path)
    yield d
    d.close()


def test_condition_from_scan_to_completion(dock: Dock) -> None:
    fe, ids = scanning(dock, parcels=4)
    engine = dock.engine
    dock.engine.run_due()
    sid = dock.view(fe.fe_id).session_id
    for tid in ids[:3]:
        engine.scan(sid, tid)
    engine.scan(sid, "FMPC9999999999")  # not in the FE's list
    engine.set_condition(sid, ids[0], Condition.DAMAGED, "crushed corner")
    engine.set_condition(sid, "fmpc9999999999", "wet")
    engine.set_condition(sid, ids[1], Condition.TAMPERED)
    engine.set_condition(sid, ids[1], Condition.GOOD)  # a wrong key, put right
    with pytest.raises(ParcelNotReceivedError):
        engine.set_condition(sid, ids[3], Condition.DAMAGED)  # the FE scanned it, we did not

    rows = {row.tracking_id: row for row in engine.parcels(sid)}
    assert (rows[ids[0]].condition, rows[ids[0]].remark) == (Condition.DAMAGED, "crushed corner")
    assert rows[ids[1]].condition is Condition.GOOD and rows[ids[3]].condition is Condition.GOOD
    assert rows["FMPC9999999999"].condition is Condition.WET

    dock.restart()  # the marks are in the record, not only in memory
    engine = dock.engine
    engine.refresh()
    rows = {row.tracking_id: row for row in engine.parcels(sid)}
    assert rows[ids[0]].condition is Condition.DAMAGED

    dock.sb.world.finish_scanning(fe.fe_id)
    report = engine.request_end_otc(sid)
    assert report.noted == [
        NotedParcel(ids[0], Condition.DAMAGED, "crushed corner"),
        NotedParcel("FMPC9999999999", Condition.WET, ""),
    ]
    engine.set_condition(sid, ids[2], Condition.EMPTY_OR_WRONG, "a brick inside")  # still open
    assert len(engine.end_report(sid).noted) == 3

    dock.sb.world.verify_end_otc(fe.fe_id)
    engine.refresh()
    with pytest.raises(HandoverCompletedError):
        engine.set_condition(sid, ids[2], Condition.GOOD)
    noted = {scan.code: scan.condition for scan in dock.store.noted(sid)}
    assert noted[ids[2]] is Condition.EMPTY_OR_WRONG
