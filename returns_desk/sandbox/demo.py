"""The demo scenario: three FEs at the dock, one on each screen, moving on by themselves."""

from __future__ import annotations

from returns_desk.sandbox.world import World


def seed_demo(world: World, location: str = "LOC1") -> dict[str, list[str]]:
    """Seed the three FEs; returns fe id -> every tracking id he has scanned or will scan.

    - Ravi Kumar (eKart, LARGE): scanning, 12 parcels so far, on to 40 (one every 3 s).
    - Shyam Patel (eKart, NONLARGE): on the Start OTC page; validates 20 s after his code
      is generated, then scans 25 parcels, one every 2 s.
    - Anita Rao (Ekart Logistics, NONLARGE): on the End OTC page with 18 parcels; verifies
      60 s after the End OTC is generated.
    """
    parcels: dict[str, list[str]] = {}

    ravi = world.arrive(location, name="Ravi Kumar", lob="LARGE", logistic_partner="eKart")
    ids = parcels[ravi.fe_id] = world.plan_tracking_ids(40)
    world.issue_start_otc(ravi.fe_id)
    world.validate_start_otc(ravi.fe_id)
    world.scan(ravi.fe_id, tracking_ids=ids[:12])
    world.autopilot(ravi.fe_id, parcels=40, scan_interval_s=3.0, tracking_ids=ids[12:])

    shyam = world.arrive(location, name="Shyam Patel", lob="NONLARGE", logistic_partner="eKart")
    ids = parcels[shyam.fe_id] = world.plan_tracking_ids(25)
    world.autopilot(
        shyam.fe_id, parcels=25, scan_interval_s=2.0, validate_after_s=20.0, tracking_ids=ids
    )

    anita = world.arrive(
        location, name="Anita Rao", lob="NONLARGE", logistic_partner="Ekart Logistics"
    )
    ids = parcels[anita.fe_id] = world.plan_tracking_ids(18)
    world.issue_start_otc(anita.fe_id)
    world.validate_start_otc(anita.fe_id)
    world.scan(anita.fe_id, tracking_ids=ids)
    world.finish_scanning(anita.fe_id)
    world.autopilot(anita.fe_id, parcels=18, verify_after_s=60.0)
    return parcels
