"""The site database down in the middle of a handover, and a terminal killed mid-scan:
every terminal keeps working alone, nothing acknowledged is lost, nothing is counted twice,
and two terminals that took the same FE while apart keep both sets of scans, one lease wins,
and the other's clerk is told."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from returns_desk.errors import SiteTerminalIdError
from returns_desk.sandbox.server import Sandbox
from returns_desk.site.link import SiteNotice, SiteState, SiteStatusChanged
from returns_desk.site.schema import SCHEMA
from returns_desk.store.site_log import HandoverKey
from tests.site.conftest import Terminal, sql, wait_for
from tests.site.pgcluster import PASSWORD, PgCluster


def started_fe(
    sandbox: Sandbox, parcels: int, name: str = "Ravi Kumar"
) -> tuple[object, list[str]]:
    world = sandbox.world
    fe = world.arrive("LOC1", name=name)
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    return fe, world.scan(fe.fe_id, parcels)


def knows(dock: Terminal, fe_id: str, parcels: int) -> Callable[[], bool]:
    return lambda: (v := dock.view(fe_id)) is not None and v.counts.fe_scanned == parcels


def matched(dock: Terminal, fe_id: str, parcels: int) -> Callable[[], bool]:
    return lambda: (v := dock.view(fe_id)) is not None and v.counts.matched == parcels


def matched_at_least(dock: Terminal, fe_id: str, parcels: int) -> Callable[[], bool]:
    return lambda: (v := dock.view(fe_id)) is not None and v.counts.matched >= parcels


def state(dock: Terminal) -> SiteState | None:
    seen = dock.of(SiteStatusChanged)
    return seen[-1].state if seen else None


def scan(dock: Terminal, fe_id: str, tracking_id: str) -> None:
    view = dock.view(fe_id)
    assert view is not None
    dock.desk.scan(view.session_id, tracking_id)  # acknowledged: committed here


def test_the_site_database_down_mid_handover_loses_nothing_and_counts_nothing_twice(
    sandbox: Sandbox, terminals: Callable[..., Terminal], site_db: PgCluster
) -> None:
    world = sandbox.world
    fe, ids = started_fe(sandbox, 300)
    docks = [terminals(name).start() for name in ("DOCK-1", "DOCK-2", "DOCK-3")]
    for dock in docks:
        wait_for(knows(dock, fe.fe_id, 300), what=f"{dock.name} to know the list")
    for n, tracking_id in enumerate(ids[:100]):
        scan(docks[n % 3], fe.fe_id, tracking_id)

    site_db.stop("immediate")  # the server dies, as in a power cut
    for dock in docks:
        wait_for(lambda d=dock: state(d) is SiteState.ALONE, what=f"{dock.name} to work alone")
    for n, tracking_id in enumerate(ids[100:200]):  # every terminal keeps scanning alone
        scan(docks[n % 3], fe.fe_id, tracking_id)
    more = world.scan(fe.fe_id, 50)  # the FE goes on too: each terminal polls him itself
    for dock in docks:
        wait_for(knows(dock, fe.fe_id, 350), what=f"{dock.name} to poll alone")
    # a second FE arrives while the site is down; two terminals both take him
    fe2, ids2 = started_fe(sandbox, 20, name="Asha Devi")
    for dock in docks[:2]:
        wait_for(knows(dock, fe2.fe_id, 20), what=f"{dock.name} to poll the new FE alone")
        for tracking_id in ids2:
            scan(dock, fe2.fe_id, tracking_id)

    site_db.start()
    for dock in docks:
        wait_for(lambda d=dock: state(d) is SiteState.CONNECTED, what=f"{dock.name} back")
    for n, tracking_id in enumerate(ids[200:] + more):
        scan(docks[n % 3], fe.fe_id, tracking_id)
    for dock in docks:
        wait_for(matched(dock, fe.fe_id, 350), what=f"{dock.name} to count all 350")
        wait_for(matched(dock, fe2.fe_id, 20), what=f"{dock.name} to count the new FE's 20")
        counts = dock.view(fe.fe_id).counts  # type: ignore[union-attr]
        assert (counts.dock_scanned, counts.not_yet_reported) == (350, 0)
        counts2 = dock.view(fe2.fe_id).counts  # type: ignore[union-attr]
        assert (counts2.dock_scanned, counts2.matched) == (20, 20)  # scanned twice, once counted

    # every acknowledged scan reached the site exactly once: both sets of the new FE kept
    rows = sql(site_db, f"SELECT fe_id, count(*) FROM {SCHEMA}.scans GROUP BY fe_id")
    assert dict(rows) == {fe.fe_id: 350, fe2.fe_id: 40}
    # one lease wins for each FE; a terminal that polled him alone and lost is told
    for who, whom in ((fe, docks), (fe2, docks[:2])):
        key = HandoverKey("LOC1", who.fe_id, who.task_id)
        (leader,) = sql(
            site_db,
            f"SELECT leader FROM {SCHEMA}.handovers WHERE fe_id = %s AND task_id = %s",
            who.fe_id,
            who.task_id,
        )[0]
        for dock in whom:
            wait_for(lambda d=dock, k=key: d.desk.site._leading.get(k) is not None)
            told = [n for n in dock.of(SiteNotice) if n.leader == leader]
            if dock.name == leader:
                assert not told
            else:
                assert told, f"{dock.name} was not told that {leader} leads {who.fe_id}"


def test_a_terminal_killed_mid_scan_loses_no_acknowledged_scan(
    sandbox: Sandbox, terminals: Callable[..., Terminal], site_db: PgCluster, tmp_path: Path
) -> None:
    world = sandbox.world
    fe, ids = started_fe(sandbox, 300)
    watcher = terminals("DOCK-1").start()
    wait_for(knows(watcher, fe.fe_id, 300), what="DOCK-1 to lead and know the list")
    env = os.environ | {
        "RETURNS_DESK_CLIENT_ID": "sandbox",
        "RETURNS_DESK_CLIENT_SECRET": "sandbox",
        "RETURNS_DESK_SITE_PASSWORD": PASSWORD,
    }
    folder = tmp_path / "DOCK-9"
    args = [sys.executable, "-m", "tests.site.terminal_process", "DOCK-9", str(folder),
            sandbox.base_url, site_db.url]  # fmt: skip

    def spawn() -> subprocess.Popen[str]:
        process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        assert process.stdin is not None and process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        process.stdin.write(f"wait {fe.fe_id}\n")
        process.stdin.flush()
        assert process.stdout.readline().strip() == "known"
        return process

    acked: list[str] = []
    process = spawn()
    assert process.stdin is not None and process.stdout is not None
    for tracking_id in ids[:150]:  # scans flow in; answers are read as they come
        process.stdin.write(f"{fe.fe_id} {tracking_id}\n")
        process.stdin.flush()
        answer = process.stdout.readline().split()
        if answer[0] == "ok":
            acked.append(answer[1])
        if len(acked) == 100:
            break
    for tracking_id in ids[150:160]:  # more scans on their way when it dies
        process.stdin.write(f"{fe.fe_id} {tracking_id}\n")
    process.stdin.flush()
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdin.close()
    process.stdout.close()
    assert len(acked) == 100

    process = spawn()  # the terminal starts again: what it acknowledged is shipped now
    wait_for(matched_at_least(watcher, fe.fe_id, len(acked)), what="DOCK-1 to count them")
    shipped = {
        r[0] for r in sql(site_db, f"SELECT code FROM {SCHEMA}.scans WHERE terminal_id = 'DOCK-9'")
    }
    assert set(acked) <= shipped  # nothing acknowledged is lost
    (count,) = sql(site_db, f"SELECT count(*) - count(DISTINCT seq) FROM {SCHEMA}.scans")[0]
    assert count == 0
    view = watcher.view(fe.fe_id)
    assert view is not None and view.counts.matched == len(shipped)  # nothing counted twice
    assert process.stdin is not None and process.stdout is not None
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    process.stdout.close()

    # the leader goes away: another terminal takes the FE over once its lease runs out
    world.scan(fe.fe_id, 5)
    watcher.stop()
    follower = terminals("DOCK-2").start()
    wait_for(knows(follower, fe.fe_id, 305), timeout_s=60, what="DOCK-2 to take the FE over")


def test_a_second_record_under_a_terminal_id_in_use_works_alone_and_ships_nothing(
    sandbox: Sandbox, terminals: Callable[..., Terminal], site_db: PgCluster
) -> None:
    """A terminal reinstalled with a new record, or a copy of another's settings: its scans'
    sequence numbers would collide with the first record's and be dropped as repeats."""
    fe, ids = started_fe(sandbox, 3)
    first = terminals("DOCK-1").start()
    wait_for(knows(first, fe.fe_id, 3))
    twin = terminals("DOCK-1", folder="DOCK-1-reinstalled").start()
    wait_for(lambda: state(twin) is SiteState.ALONE, what="the twin to work alone")
    error = twin.of(SiteStatusChanged)[-1].error
    assert isinstance(error, SiteTerminalIdError)
    assert error.user_text.startswith("Another terminal of the site uses this terminal id.")
    wait_for(knows(twin, fe.fe_id, 3), what="the twin to poll on its own")
    scan(twin, fe.fe_id, ids[0])  # acknowledged and kept here, never shipped as DOCK-1's
    scan(first, fe.fe_id, ids[1])
    wait_for(lambda: sql(site_db, f"SELECT count(*) FROM {SCHEMA}.scans")[0][0] == 1)
    assert state(first) is SiteState.CONNECTED
    assert twin.view(fe.fe_id).counts.dock_scanned == 1  # type: ignore[union-attr]
