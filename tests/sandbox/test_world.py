"""The state machine alone, on a fake clock: rules, OTC expiry, autopilot, determinism."""

from __future__ import annotations

import re

import pytest

from returns_desk.sandbox.demo import seed_demo
from returns_desk.sandbox.model import FeState, MarketplaceError
from returns_desk.sandbox.world import SandboxRuleError, World
from tests.sandbox.conftest import T0, FakeClock

TRACKING_ID = re.compile(r"^[A-Z]{4}\d{10}$")


def make_world(clock: FakeClock, **kw) -> World:  # type: ignore[no-untyped-def]
    return World(locations=("LOC1", "LOC2"), otc_ttl_s=600, clock=clock, **kw)


def scanning(world: World, parcels: int = 0):  # type: ignore[no-untyped-def]
    fe = world.arrive("LOC1")
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    ids = world.scan(fe.fe_id, parcels)
    return fe, ids


def test_arrival_gives_ids_and_the_start_otc_page(clock: FakeClock) -> None:
    world = make_world(clock)
    first, second = world.arrive("LOC1"), world.arrive("LOC1", lob="NON_LARGE")
    assert (first.fe_id, first.task_id, second.fe_id, second.task_id) == (
        "fe10001", "T0001", "fe10002", "T0002",
    )  # fmt: skip
    assert first.state == FeState.START_OTC and first.created_at == clock.now
    assert first.name and first.lob == "LARGE" and second.lob == "NONLARGE"
    assert world.start_otc_for(first.fe_id) is None
    with pytest.raises(SandboxRuleError):
        world.arrive("LOC1", fe_id=first.fe_id)
    with pytest.raises(SandboxRuleError):
        world.arrive("NOWHERE")


def test_lifecycle_rules(clock: FakeClock) -> None:
    world = make_world(clock)
    fe = world.arrive("LOC1", name="Ravi Kumar")
    with pytest.raises(SandboxRuleError, match="never generated"):
        world.validate_start_otc(fe.fe_id)
    with pytest.raises(SandboxRuleError):
        world.scan(fe.fe_id)
    with pytest.raises(SandboxRuleError):
        world.finish_scanning(fe.fe_id)
    code = world.issue_start_otc(fe.fe_id)
    assert world.start_otc_for(fe.fe_id) == code and re.fullmatch(r"\d{6}", code)
    with pytest.raises(SandboxRuleError, match="wrong"):
        world.validate_start_otc(fe.fe_id, "not-it")
    assert world.validate_start_otc(fe.fe_id, code).state == FeState.SCANNING
    ids = world.scan(fe.fe_id, 5) + world.scan(fe.fe_id, tracking_ids=["FMPC0000000001"])
    assert all(TRACKING_ID.match(t) for t in ids) and len(set(ids)) == 6
    with pytest.raises(SandboxRuleError, match="already scanned"):
        world.scan(fe.fe_id, tracking_ids=["FMPC0000000001"])
    world.finish_scanning(fe.fe_id)
    with pytest.raises(SandboxRuleError):
        world.scan(fe.fe_id)  # no way back from the End OTC page
    with pytest.raises(SandboxRuleError, match="End OTC"):
        world.verify_end_otc(fe.fe_id)  # not generated yet
    world.shipments_page(fe.task_id, fe.fe_id, 25, opening=True)
    stats = world.end_otc_details(fe.task_id, fe.fe_id)
    assert world.verify_end_otc(fe.fe_id).state == FeState.COMPLETED
    assert world.initial_load("LOC1") == []
    assert world.fe(fe.fe_id).tracking_ids == tuple(ids) and stats.total_scanned == 6


def test_start_otc_expires(clock: FakeClock) -> None:
    world = make_world(clock)
    fe = world.arrive("LOC1")
    [view] = world.start_otc_details("LOC1")
    assert view.expires_at == clock.now + 600
    clock.advance(599)
    assert world.start_otc_details("LOC1")[0].otc == view.otc  # still the same code
    clock.advance(1)
    assert world.start_otc_for(fe.fe_id) is None
    with pytest.raises(SandboxRuleError, match="expired"):
        world.validate_start_otc(fe.fe_id, view.otc)
    [fresh] = world.start_otc_details("LOC1")
    assert fresh.created_at == clock.now
    world.validate_start_otc(fe.fe_id, fresh.otc)


def test_end_otc_stats_come_from_the_hidden_flags(clock: FakeClock) -> None:
    world = make_world(clock)
    fe, _ = scanning(world, 500)
    world.finish_scanning(fe.fe_id)
    world.shipments_page(fe.task_id, fe.fe_id, 500, opening=True)
    stats = world.end_otc_details(fe.task_id, fe.fe_id)
    assert stats.total_scanned == 500
    assert 0 < stats.obd_failed < stats.obd_eligible < 500
    assert 0 < stats.flyer_failed < stats.flyer_eligible < 500
    assert world.end_otc_details(fe.task_id, fe.fe_id).otc == stats.otc


def test_marketplace_refusals(clock: FakeClock) -> None:
    world = make_world(clock)
    fe, _ = scanning(world, 3)

    def code_of(call) -> str:  # type: ignore[no-untyped-def]
        with pytest.raises(MarketplaceError) as caught:
            call()
        return caught.value.error_code

    assert code_of(lambda: world.initial_load("LOC9")) == "UNAUTHORIZED_ERROR"
    assert code_of(lambda: world.shipments_page("T9", fe.fe_id, 5)) == "TRIPSHEET_TASK_NOT_FOUND"
    assert code_of(lambda: world.shipments_page(fe.task_id, "x", 5)) == "FE_OTC_BAD_REQUEST_ERROR"
    assert code_of(lambda: world.shipments_page(fe.task_id, fe.fe_id, 5, 4)) == "BAD_REQUEST"
    assert code_of(lambda: world.end_otc_details(fe.task_id, fe.fe_id)) == (
        "NOT_ON_END_OTC_PAGE_ERROR"
    )
    world.close_tripsheet("LOC1")
    assert code_of(lambda: world.start_otc_details("LOC1")) == "TRIPSHEET_CLOSED_ERROR"
    world.set_returns_due("LOC1", False)
    assert code_of(lambda: world.initial_load("LOC1")) == "TRIPSHEET_TASK_NOT_FOUND"


def test_autopilot_moves_with_the_clock(clock: FakeClock) -> None:
    world = make_world(clock)
    fe = world.arrive("LOC1")
    world.autopilot(
        fe.fe_id, parcels=5, scan_interval_s=2, validate_after_s=15, finish_after_s=5,
        verify_after_s=20,
    )  # fmt: skip
    clock.advance(100)
    assert world.fe(fe.fe_id).state == FeState.START_OTC  # no code generated yet: waits
    [otc] = world.start_otc_details("LOC1")
    clock.advance(14.9)
    assert world.fe(fe.fe_id).state == FeState.START_OTC
    clock.advance(0.1)
    assert world.fe(fe.fe_id).state == FeState.SCANNING
    clock.advance(5)
    assert world.fe(fe.fe_id).scanned == 2
    clock.advance(100)  # one jump: the remaining scans keep their own times
    page = world.shipments_page(fe.task_id, fe.fe_id, 25, opening=True)
    assert [s.scanned_at - otc.created_at for s in page.items] == [17, 19, 21, 23, 25]
    assert world.fe(fe.fe_id).state == FeState.END_OTC and not page.has_more
    world.end_otc_details(fe.task_id, fe.fe_id)
    clock.advance(19)
    assert world.fe(fe.fe_id).state == FeState.END_OTC
    clock.advance(1)
    assert world.fe(fe.fe_id).state == FeState.COMPLETED


def test_autopilot_waits_for_a_fresh_code_when_his_expired(clock: FakeClock) -> None:
    world = World(otc_ttl_s=10, clock=clock)
    fe = world.arrive()
    world.autopilot(fe.fe_id, parcels=1, validate_after_s=15)
    world.start_otc_details("LOC1")
    clock.advance(30)
    assert world.fe(fe.fe_id).state == FeState.START_OTC
    world.start_otc_details("LOC1")
    world.autopilot(fe.fe_id, parcels=1, validate_after_s=5)
    clock.advance(5)
    assert world.fe(fe.fe_id).state == FeState.SCANNING


def test_same_seed_same_world(clock: FakeClock) -> None:
    def run(seed: int) -> tuple:  # type: ignore[type-arg]
        world = make_world(FakeClock(T0), seed=seed)
        fe, ids = scanning(world, 50)
        return world.fe(fe.fe_id).name, ids, world.start_otc_details("LOC1")

    assert run(3) == run(3)
    assert run(3)[1] != run(4)[1]
    ids = run(3)[1]
    assert {t[:4] for t in ids} == {"FMPC", "FMPP"}


def test_snapshot_is_json(clock: FakeClock) -> None:
    import json

    world = make_world(clock)
    scanning(world, 2)
    world.revoke_tokens()
    data = json.loads(json.dumps(world.snapshot()))
    assert data["fes"][0]["state"] == "scanning" and len(data["fes"][0]["tracking_ids"]) == 2
    assert data["locations"]["LOC1"] == {"returns_due": True, "tripsheet_closed": False}


def test_demo_scenario_shows_every_screen(clock: FakeClock) -> None:
    world = World(clock=clock)
    parcels = seed_demo(world, "LOC1")
    fes = {fe.name: fe for fe in world.fes()}
    ravi, shyam, anita = fes["Ravi Kumar"], fes["Shyam Patel"], fes["Anita Rao"]
    assert (ravi.state, ravi.scanned, ravi.lob) == (FeState.SCANNING, 12, "LARGE")
    assert (shyam.state, shyam.lob) == (FeState.START_OTC, "NONLARGE")
    assert (anita.state, anita.scanned, anita.logistic_partner) == (
        FeState.END_OTC, 18, "Ekart Logistics",
    )  # fmt: skip
    assert [len(parcels[fe.fe_id]) for fe in (ravi, shyam, anita)] == [40, 25, 18]
    clock.advance(3 * 28)
    assert world.fe(ravi.fe_id).tracking_ids == tuple(parcels[ravi.fe_id])
    world.start_otc_details("LOC1")
    clock.advance(20 + 2 * 25)
    assert world.fe(shyam.fe_id).tracking_ids == tuple(parcels[shyam.fe_id])
