"""The site board's reads and ``returns-desk export --site``: what every terminal scanned for
an FE, counted once for the whole site, from the site database."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from returns_desk.cli import main
from returns_desk.sandbox.server import Sandbox
from returns_desk.settings import save_settings
from returns_desk.site.board import read_board
from returns_desk.site.connection import connect
from tests.site.conftest import Terminal, wait_for
from tests.site.pgcluster import PASSWORD, PgCluster


def two_docks_and_a_handover(
    sandbox: Sandbox, terminals: Callable[..., Terminal]
) -> tuple[list[Terminal], object, list[str]]:
    world = sandbox.world
    fe = world.arrive("LOC1", name="Ravi Kumar")
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    ids = world.scan(fe.fe_id, 10)
    docks = [terminals(name).start() for name in ("DOCK-1", "DOCK-2")]
    for dock in docks:
        wait_for(lambda d=dock: (v := d.view(fe.fe_id)) is not None and v.counts.fe_scanned == 10)
    for n, tracking_id in enumerate(ids[:8]):
        dock = docks[n % 2]
        dock.desk.scan(dock.view(fe.fe_id).session_id, tracking_id)  # type: ignore[union-attr]
    docks[0].desk.scan(docks[0].view(fe.fe_id).session_id, ids[0])  # type: ignore[union-attr]
    docks[1].desk.scan(docks[1].view(fe.fe_id).session_id, "FMPC9999999999")  # type: ignore[union-attr]
    for dock in docks:
        wait_for(lambda d=dock: d.view(fe.fe_id).counts.dock_scanned == 9)  # type: ignore[union-attr]
    return docks, fe, ids


def test_the_board_counts_every_terminals_scans_once(
    sandbox: Sandbox, terminals: Callable[..., Terminal], site_db: PgCluster
) -> None:
    two_docks_and_a_handover(sandbox, terminals)
    since = datetime.now(UTC) - timedelta(hours=1)
    with connect(site_db.url, password=PASSWORD) as conn:
        board = read_board(conn, "LOC1", since)
    assert [t.terminal_id for t in board.terminals] == ["DOCK-1", "DOCK-2"]
    assert not any(t.quiet for t in board.terminals)
    (row,) = board.handovers
    assert (row.fe_name, row.reported, row.received, row.matched, row.waiting) == (
        "Ravi Kumar", 10, 9, 8, 2,
    )  # fmt: skip
    assert row.scanned_by == ("DOCK-1", "DOCK-2")
    assert row.leader in ("DOCK-1", "DOCK-2")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_site_writes_every_parcel_of_the_site_once(
    sandbox: Sandbox,
    terminals: Callable[..., Terminal],
    site_db: PgCluster,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    docks, _fe, ids = two_docks_and_a_handover(sandbox, terminals)
    save_settings(docks[0].settings)  # this terminal's settings file: the site's URL
    out = tmp_path / f"site.{fmt}"
    assert main(["export", "--site", "--format", fmt, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Exported 11 rows of the site to {out}"
    if fmt == "csv":
        rows = list(csv.DictReader(out.read_text("utf-8-sig").splitlines()))
    else:
        rows = json.loads(out.read_text("utf-8"))["rows"]
    by_code = {r["tracking_id"]: r for r in rows}
    assert len(rows) == len(by_code) == 11
    assert {by_code[t]["status"] for t in ids[:8]} == {"matched"}
    assert {by_code[t]["status"] for t in ids[8:]} == {"waiting"}
    assert by_code["FMPC9999999999"]["status"] == "unexpected_at_dock"
    assert by_code[ids[1]]["scanned_by"] == "DOCK-2"
    assert {r["fe_name"] for r in rows} == {"Ravi Kumar"}


def test_export_site_without_a_site_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site.csv"
    assert main(["export", "--site", "--format", "csv", "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no site database" in err[0]
    assert not out.exists()


def test_a_scan_moved_to_another_fe_counts_only_there_on_the_board(
    sandbox: Sandbox, terminals: Callable[..., Terminal], site_db: PgCluster
) -> None:
    world = sandbox.world
    fes = []
    for name in ("Ravi Kumar", "Asha Devi"):
        fe = world.arrive("LOC1", name=name)
        world.issue_start_otc(fe.fe_id)
        world.validate_start_otc(fe.fe_id)
        fes.append((fe, world.scan(fe.fe_id, 2)))
    dock = terminals("DOCK-1").start()
    (ravi, _), (asha, asha_ids) = fes
    for fe, _ in fes:
        wait_for(lambda f=fe: (v := dock.view(f.fe_id)) is not None and v.counts.fe_scanned == 2)
    wrong, right = dock.view(ravi.fe_id), dock.view(asha.fe_id)
    assert wrong is not None and right is not None
    recorded = dock.desk.scan(wrong.session_id, asha_ids[0])  # scanned for the wrong FE
    assert recorded.belongs_to is not None
    dock.desk.engine.move_scan(wrong.session_id, asha_ids[0], right.session_id)  # F1

    def board_counts() -> dict[str, int]:
        since = datetime.now(UTC) - timedelta(hours=1)
        with connect(site_db.url, password=PASSWORD) as conn:
            return {h.fe_name: h.received for h in read_board(conn, "LOC1", since).handovers}

    wait_for(lambda: board_counts() == {"Ravi Kumar": 0, "Asha Devi": 1}, what="the move")
