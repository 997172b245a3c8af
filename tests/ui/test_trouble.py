"""Network and API trouble shows as a calm banner, never a dialog; scans go on being recorded."""

from __future__ import annotations

import time
from pathlib import Path

from pydantic import SecretStr
from PySide6.QtWidgets import QApplication

from returns_desk.credentials import Credentials
from returns_desk.sandbox.server import Sandbox, SandboxConfig
from tests.ui.conftest import Desk, scanning_fe


def test_marketplace_trouble_is_a_calm_banner_and_scanning_goes_on(desk: Desk) -> None:
    _fe, ids = scanning_fe(desk, parcels=5)
    window = desk.window
    desk.sb.set_faults(error_rate=1.0, error_statuses=(503,))
    desk.wait(
        lambda: window.notice.isVisible() and "temporarily unavailable" in window.notice.text.text()
    )
    assert window.notice.level == "warn"
    assert "keep scanning" in window.notice.text.text().lower()
    assert QApplication.activeModalWidget() is None
    desk.scan(ids[0])  # offline, still recorded and answered
    assert window.scanning.banner.kind == "matched"
    assert desk.view().counts.matched == 1
    desk.wait(lambda: "offline" in window.scanning.sync_line.text())
    desk.sb.set_faults(error_rate=0.0)
    desk.wait(lambda: not window.notice.isVisible())
    assert desk.controller.services.store.counts(desk.view().session_id).scans == 1


def test_next_try_time_is_shown_for_a_failing_poll(desk: Desk) -> None:
    _fe, _ = scanning_fe(desk, parcels=1)
    desk.sb.set_faults(error_rate=1.0, error_statuses=(500,))
    desk.wait(lambda: "Next try in" in desk.window.notice.text.text())
    assert "Parcels of Ravi Kumar" in desk.window.notice.text.text()
    desk.sb.set_faults(error_rate=0.0)


def test_no_returns_today_is_information_not_an_error(desk: Desk) -> None:
    desk.sb.world.set_returns_due("LOC1", False)
    desk.wait(lambda: desk.window.notice.isVisible())
    assert desk.window.notice.level == "info"
    assert "No returns are expected" in desk.window.notice.text.text()
    assert desk.window.current_screen() == "idle"


def test_wrong_credentials_say_what_to_do(qtbot, sandbox: Sandbox, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = Credentials(client_id="sandbox", client_secret=SecretStr("nope"))
    desk = Desk(qtbot, sandbox, tmp_path, credentials=bad)
    try:
        desk.wait(lambda: "client id or secret" in desk.window.notice.text.text())
        assert desk.window.notice.level == "warn"
        assert QApplication.activeModalWidget() is None
    finally:
        desk.close()


def test_clock_skew_is_corrected_and_an_expired_start_otc_regenerated(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    offset = [0.0]
    with Sandbox(SandboxConfig(), clock=lambda: time.time() + offset[0]) as sb:
        desk = Desk(qtbot, sb, tmp_path)
        try:
            window = desk.window
            fe = sb.world.arrive("LOC1", name="Shyam Patel", lob="NONLARGE")
            desk.wait_screen("start")
            desk.wait(window.desk_actions.generate_start.isEnabled)
            window.desk_actions.generate_start.trigger()
            desk.wait(lambda: window.start_screen.code.code != "")
            first = window.start_screen.code.code
            offset[0] = 601.0  # the marketplace's clock passes the code's expiry
            desk.wait(lambda: window.start_screen.countdown.text().startswith("Expired"))
            assert window.start_screen.code.property("expired") is True
            desk.wait(lambda: "clock is" in window.notice.text.text())  # and the skew is said
            desk.wait(window.desk_actions.generate_start.isEnabled)
            window.desk_actions.generate_start.trigger()
            desk.wait(lambda: window.start_screen.code.code not in ("", first))
            assert sb.world.start_otc_for(fe.fe_id) == window.start_screen.code.code
            desk.wait(lambda: window.start_screen.countdown.text().startswith("Valid for"))
        finally:
            desk.close()


class HostileDesk(Desk):
    """The window against the hostile server of tests/api/hostile.py."""

    hostile_url = ""

    def _client(self):  # type: ignore[no-untyped-def]
        from returns_desk.api.client import ReturnsClient
        from returns_desk.api.transport import RetryPolicy, Timeouts, Transport

        transport = Transport(
            timeouts=Timeouts(2.0, 30.0),
            retry=RetryPolicy(max_retries=1, backoff_base_s=0.001, backoff_cap_s=0.01),
            deadline_s=1.0,
            max_response_bytes=1 << 20,
        )
        return ReturnsClient(self.credentials, self.hostile_url, transport=transport)


def test_a_hostile_server_is_a_calm_notice_never_a_crash(
    qtbot, sandbox: Sandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.api.hostile import HostileServer

    with HostileServer("nested") as server:
        HostileDesk.hostile_url = server.base_url
        desk = HostileDesk(qtbot, sandbox, tmp_path)
        try:
            for act, words in (
                ("nested", "cannot read"),
                ("endless", "far larger"),
                ("trickle", "did not answer in time"),
            ):
                server.act = act
                desk.controller.refresh_now()
                desk.wait(lambda w=words: w in desk.window.notice.text.text(), timeout=15000)
                assert desk.window.notice.level == "warn"
                assert QApplication.activeModalWidget() is None
        finally:
            desk.close()
