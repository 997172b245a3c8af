"""Three dock terminals at one site share one reconciliation: every terminal counts every
terminal's scans, the marketplace is polled by one terminal only, and every return is
handed on once for the whole site."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from returns_desk.handon import OMNI, RecordBook
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.sandbox.server import Sandbox
from returns_desk.store import OutboxStatus
from returns_desk.store.site_log import HandoverKey
from returns_desk.workflow.events import ScansMerged
from tests.handon.conftest import records_for, site_settings
from tests.site.conftest import Terminal, wait_for

PARCELS = 300


def shipment_callers(sandbox: Sandbox) -> Counter[str]:
    return Counter(agent for agent, _, path in sandbox.agents_log if "shipments" in path)


def test_three_terminals_share_one_reconciliation_poll_once_and_hand_on_once(
    sandbox: Sandbox,
    terminals: Callable[..., Terminal],
    stand_ins: DestinationStandIns,
    handon_credentials: None,
) -> None:
    world = sandbox.world
    fe = world.arrive("LOC1", name="Ravi Kumar")
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    ids = world.scan(fe.fe_id, PARCELS)
    docks = [
        terminals(name, handon=site_settings(stand_ins)) for name in ("DOCK-1", "DOCK-2", "DOCK-3")
    ]
    for dock in docks:
        RecordBook.in_folder(dock.folder).merge(records_for(ids).values())
        dock.start()
    for dock in docks:  # the leader polls; the others read its pages from the site
        wait_for(
            lambda d=dock: (v := d.view(fe.fe_id)) is not None and v.counts.fe_scanned == PARCELS,
            what=f"{dock.name} to know the FE's {PARCELS} parcels",
        )

    for n, tracking_id in enumerate(ids):  # the dock's scans, split across the terminals
        dock = docks[n % 3]
        view = dock.view(fe.fe_id)
        assert view is not None
        recorded = dock.desk.scan(view.session_id, tracking_id)
        assert recorded.verdict.result.value == "matched"

    for dock in docks:
        wait_for(
            lambda d=dock: d.view(fe.fe_id).counts.matched == PARCELS,  # type: ignore[union-attr]
            what=f"{dock.name} to count all {PARCELS} matched",
        )
        counts = dock.view(fe.fe_id).counts  # type: ignore[union-attr]
        assert (counts.dock_scanned, counts.waiting, counts.not_yet_reported) == (PARCELS, 0, 0)
        merged = sum(e.count for e in dock.of(ScansMerged))
        assert merged == PARCELS - len(ids[docks.index(dock) :: 3])  # the others' scans

    callers = shipment_callers(sandbox)
    assert len(callers) == 1, f"the shipments were polled by {callers}"
    (agent,) = callers
    leader = next(d for d in docks if f"({d.name})" in agent)
    key = HandoverKey("LOC1", fe.fe_id, fe.task_id)
    assert leader.leads(key)
    assert not any(d.leads(key) for d in docks if d is not leader)

    world.finish_scanning(fe.fe_id)
    session = leader.view(fe.fe_id).session_id  # type: ignore[union-attr]
    report = leader.desk.engine.request_end_otc(session)
    assert report.missing_at_dock == [] and report.unexpected_at_dock == []
    assert report.api_total_agrees
    world.verify_end_otc(fe.fe_id)
    leader.desk.engine.complete(session)
    for dock in docks:  # the site says completed: every terminal closes it
        wait_for(
            lambda d=dock: d.view(fe.fe_id).state.value == "COMPLETED",  # type: ignore[union-attr]
            what=f"{dock.name} to complete the handover",
        )

    def handed_on() -> bool:
        return (
            len(stand_ins.accepted(OMNI)) == PARCELS and len(stand_ins.accepted("pos")) == PARCELS
        )

    wait_for(handed_on, timeout_s=60, what="every return handed on")
    for dock in docks:
        wait_for(
            lambda d=dock: (
                all(
                    i.status in (OutboxStatus.SENT, OutboxStatus.SKIPPED)
                    for i in d.desk.store.outbox()
                )
                and len(d.desk.store.outbox()) == 2 * PARCELS
            ),
            timeout_s=60,
            what=f"{dock.name}'s outbox to settle",
        )
    assert set(stand_ins.accepted(OMNI).values()) == {1}  # once each, for the whole site
    assert set(stand_ins.accepted("pos").values()) == {1}
    sent = Counter(
        d.name for d in docks for i in d.desk.store.outbox() if i.status is OutboxStatus.SENT
    )
    assert sum(sent.values()) == 2 * PARCELS
    skipped = [i for d in docks for i in d.desk.store.outbox() if i.status is OutboxStatus.SKIPPED]
    assert all("handed on by terminal DOCK-" in (i.last_error or "") for i in skipped)
