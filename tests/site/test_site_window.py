"""The dock window in site mode: another terminal's scans show here as matched without a
banner, the status bar says with how many terminals it works or that it works alone, the
notice bar says why, and Ctrl+B opens the site board."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from returns_desk.sandbox.server import Sandbox
from returns_desk.settings import Settings
from returns_desk.settings.site import SiteSettings
from returns_desk.site.schema import SCHEMA
from returns_desk.ui.site_board import SiteBoard
from returns_desk.workflow.reconcile import ParcelStatus
from tests.site.conftest import Terminal, sql, wait_for
from tests.site.pgcluster import PgCluster
from tests.ui.conftest import Desk, scanning_fe


@pytest.fixture
def site_window(qtbot, sandbox: Sandbox, site_db: PgCluster, tmp_path: Path) -> Iterator[Desk]:  # type: ignore[no-untyped-def]
    settings = Settings(
        api_base_url=sandbox.base_url,
        seller_location_id="LOC1",
        terminal_id="DOCK-T",
        operator_name="Test Clerk",
        site=SiteSettings(
            enabled=True, database_url=site_db.url, catch_up_s=0.2, connect_timeout_s=1
        ),
    )
    desk = Desk(qtbot, sandbox, tmp_path / "data", settings=settings)
    yield desk
    desk.close()


def with_another_terminal(desk: Desk, terminals: Callable[..., Terminal]):  # type: ignore[no-untyped-def]
    """An FE of three parcels on this desk's scanning screen, and DOCK-2 knowing his list."""
    fe, ids = scanning_fe(desk, parcels=3)
    other = terminals("DOCK-2").start()
    wait_for(lambda: (v := other.view(fe.fe_id)) is not None and v.counts.fe_scanned == 3)
    return fe, ids, other


def test_another_terminals_scan_shows_here_and_working_alone_is_said(
    site_window: Desk, terminals: Callable[..., Terminal], site_db: PgCluster
) -> None:
    desk = site_window
    window = desk.window
    fe, ids, other = with_another_terminal(desk, terminals)
    desk.wait(lambda: window.site_status.text() == "Site: 1 other terminal")
    assert window.site_status.isVisible() and window.site_status.property("alone") is False

    banners = len(desk.sounds)
    other.desk.scan(other.view(fe.fe_id).session_id, ids[0])  # type: ignore[union-attr]
    model = desk.controller.models[desk.view(fe.fe_id).session_id]
    desk.wait(lambda: desk.view(fe.fe_id).counts.matched == 1)
    row = model.status_of(ids[0])
    assert row is ParcelStatus.MATCHED
    assert len(desk.sounds) == banners  # nobody scanned here: no sound, no banner

    desk.press(Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    board = window.site_board
    assert isinstance(board, SiteBoard) and board.isVisible()
    desk.wait(lambda: board.handovers.row_count() == 1)
    (handover,) = board.handovers.rows
    assert (handover.reported, handover.received, handover.matched) == (3, 1, 1)
    assert [t.terminal_id for t in board.terminals.rows] == ["DOCK-2", "DOCK-T"]
    board.reject()

    site_db.stop("immediate")
    desk.wait(lambda: window.site_status.text().startswith("Site: working alone since "))
    assert window.site_status.property("alone") is True
    desk.wait(lambda: "The site database cannot be reached." in window.notice.text.text())
    desk.scan(ids[1])  # the clerk goes on scanning alone
    desk.wait(lambda: desk.view(fe.fe_id).counts.matched == 2)
    site_db.start()
    desk.wait(lambda: window.site_status.text() == "Site: 1 other terminal", timeout=15000)
    wait_for(lambda: other.view(fe.fe_id).counts.matched == 2, what="the scan made alone to arrive")  # type: ignore[union-attr]


def test_the_history_covers_the_whole_site_with_the_sites_counts(
    site_window: Desk, terminals: Callable[..., Terminal], site_db: PgCluster
) -> None:
    desk = site_window
    window = desk.window
    fe, ids, other = with_another_terminal(desk, terminals)
    for tracking_id in ids[:2]:
        other.desk.scan(other.view(fe.fe_id).session_id, tracking_id)  # type: ignore[union-attr]
    # a handover of two days ago that this terminal never saw (it was switched off)
    sql(
        site_db,
        f"INSERT INTO {SCHEMA}.handovers (location_id, fe_id, task_id, fe_name, state, "
        "opened_at, completed_at) VALUES ('LOC1', 'fe-old', 'T-OLD', 'Old Timer', "
        "'COMPLETED', now() - interval '2 days', now() - interval '2 days')",
    )
    for n, code in enumerate(("FMPCOLD0000001", "FMPCOLD0000002")):
        sql(
            site_db,
            f"INSERT INTO {SCHEMA}.shipments VALUES ('DOCK-2', %s, 'LOC1', 'fe-old', 'T-OLD', "
            "%s, '{}', now() - interval '2 days')",
            1000 + n,
            code,
        )
    sql(
        site_db,
        f"INSERT INTO {SCHEMA}.scans (terminal_id, seq, location_id, fe_id, task_id, raw, "
        "code, result, scanned_at) VALUES ('DOCK-2', 1000, 'LOC1', 'fe-old', 'T-OLD', "
        "'FMPCOLD0000001', 'FMPCOLD0000001', 'matched', now() - interval '2 days')",
    )
    desk.wait(lambda: desk.view(fe.fe_id).counts.dock_scanned == 2)

    desk.press(Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    desk.wait(lambda: window.slips.history_dialog is not None)
    dialog = window.slips.history_dialog
    desk.wait(lambda: dialog.model.rowCount() == 1)  # this terminal's own record
    assert dialog.site_switch.isVisible() and dialog.site_switch.text() == "&Whole site"
    dialog.site_switch.setChecked(True)
    desk.wait(lambda: dialog.model.rowCount() == 2)
    rows = {r.session.fe_name: r for r in dialog.model.records}
    assert (rows["Ravi Kumar"].reported, rows["Ravi Kumar"].dock_scanned) == (3, 2)
    old = rows["Old Timer"]
    assert (old.reported, old.dock_scanned, old.matched, old.missing) == (2, 1, 1, 1)
    assert old.session.id == 0 and old.kinds == ()  # never here: nothing to reprint
    dialog.select_session(0)
    assert not dialog.preview_button.isEnabled()
    dialog.site_switch.setChecked(False)
    desk.wait(lambda: dialog.model.rowCount() == 1)
    dialog.reject()
