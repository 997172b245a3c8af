"""The dock window against the sandbox, with every interval in milliseconds.

``Desk`` builds the real services and window on a temporary data folder; scanner bursts are
real key events sent to the window, timed by a fake clock that the scanner filter reads, so
the gaps between keys are exact whatever the machine's speed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from returns_desk.api.client import ReturnsClient
from returns_desk.api.transport import RetryPolicy, Timeouts, Transport
from returns_desk.credentials import Credentials
from returns_desk.sandbox.server import Sandbox
from returns_desk.settings import Settings
from returns_desk.ui.app import demo_credentials
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.services import DeskServices, Timings
from returns_desk.workflow.engine import EngineConfig
from returns_desk.workflow.handover import HandoverView
from tests.clocks import FakeClock

FAST_TIMINGS = Timings(
    apply_chunk_rows=500,
    apply_every_ms=0,
    worker_min_wait_s=0.01,
    worker_max_wait_s=0.2,
    worker_error_wait_s=0.05,
    tick_ms=40,
    arm_timeout_ms=60_000,
    stop_timeout_ms=5000,
)


def fast_config(**overrides: object) -> EngineConfig:
    values: dict[str, object] = dict(
        location_id="LOC1",
        terminal_id="DOCK-T",
        poll_interval_s=0.05,
        refresh_interval_s=0.05,
        idle_refresh_interval_s=0.05,
        backoff_cap_s=0.2,
        end_otc_retry_wait_s=0.01,
    )
    values.update(overrides)
    return EngineConfig(**values)  # type: ignore[arg-type]


class Desk:
    """One window on one data folder; ``restart()`` closes everything and opens it again."""

    def __init__(
        self,
        qtbot,  # type: ignore[no-untyped-def]
        sandbox: Sandbox,
        folder: Path,
        *,
        credentials: Credentials | None = None,
        settings: Settings | None = None,
        timings: Timings = FAST_TIMINGS,
        config: EngineConfig | None = None,
    ) -> None:
        self.qtbot, self.sb, self.folder = qtbot, sandbox, folder
        self.config = config or fast_config()
        self.credentials = credentials or demo_credentials()
        self.settings = settings or Settings(
            api_base_url=sandbox.base_url,
            seller_location_id="LOC1",
            terminal_id="DOCK-T",
            operator_name="Test Clerk",
        )
        self.timings = timings
        self.clock = FakeClock()
        self.sounds: list[str] = []
        self.window: MainWindow
        self.open()

    def _client(self) -> ReturnsClient:
        transport = Transport(
            timeouts=Timeouts(2.0, 5.0),
            retry=RetryPolicy(max_retries=2, backoff_base_s=0.001, backoff_cap_s=0.01),
        )
        return ReturnsClient(self.credentials, self.sb.base_url, transport=transport)

    def open(self) -> None:
        services = DeskServices(
            self.settings,
            self.folder,
            credentials=self.credentials,
            config=self.config,
            timings=self.timings,
            make_client=self._client,
        )
        self.window = MainWindow(services, scanner_clock=self.clock, sound_backend=lambda p: True)
        self.window.sound.played.connect(self.sounds.append)
        self.qtbot.addWidget(self.window)
        self.window.show()
        self.window.start()

    def close(self) -> None:
        self.window.shutdown()
        self.window.close()

    def restart(self) -> None:
        self.close()
        self.open()

    # --- reading ---------------------------------------------------------------------

    @property
    def controller(self):  # type: ignore[no-untyped-def]
        return self.window.controller

    def view(self, fe_id: str | None = None) -> HandoverView:
        if fe_id is None:
            view = self.controller.selected_view()
            assert view is not None
            return view
        (view,) = [v for v in self.controller.views.values() if v.fe_id == fe_id]
        return view

    def wait(self, condition: Callable[[], object], timeout: int = 5000) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def wait_screen(self, name: str, timeout: int = 5000) -> None:
        self.wait(lambda: self.window.current_screen() == name, timeout)

    # --- the keyboard and the scanner -------------------------------------------------

    def keys(self, text: str, gap_ms: float, terminator: Qt.Key | None = Qt.Key.Key_Return) -> None:
        """Key presses at exact gaps (by the scanner's clock), like a scanner or a person."""
        window = self.window.windowHandle()
        for char in text:
            self.clock.advance_ms(gap_ms)
            QTest.keyClick(window, char)
        if terminator is not None:
            self.clock.advance_ms(gap_ms)
            QTest.keyClick(window, terminator)

    def scan(self, code: str, gap_ms: float = 8.0) -> None:
        self.keys(code, gap_ms)

    def type(self, text: str, gap_ms: float = 160.0, enter: bool = True) -> None:
        self.keys(text, gap_ms, Qt.Key.Key_Return if enter else None)

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self.window.windowHandle(), key, modifier)


@pytest.fixture
def desk(qtbot, sandbox: Sandbox, tmp_path: Path) -> Iterator[Desk]:  # type: ignore[no-untyped-def]
    d = Desk(qtbot, sandbox, tmp_path / "data")
    yield d
    d.close()


def scanning_fe(desk: Desk, name: str = "Ravi Kumar", parcels: int = 0, lob: str = "LARGE"):  # type: ignore[no-untyped-def]
    """An FE who has validated his Start OTC, with ``parcels`` scanned; waits for the screen."""
    world = desk.sb.world
    fe = world.arrive("LOC1", name=name, lob=lob)
    world.issue_start_otc(fe.fe_id)
    world.validate_start_otc(fe.fe_id)
    ids = world.scan(fe.fe_id, parcels) if parcels else []
    desk.wait(lambda: any(v.fe_id == fe.fe_id for v in desk.controller.views.values()))
    sid = desk.view(fe.fe_id).session_id
    desk.controller.select(sid)
    desk.wait(lambda: desk.window.pane.shown_session == sid)
    desk.wait_screen("scanning")
    desk.wait(lambda: desk.view(fe.fe_id).counts.fe_scanned == parcels)
    model = desk.controller.models[desk.view(fe.fe_id).session_id]
    desk.wait(lambda: model.rowCount() >= parcels)
    return fe, ids


def printing_desk(qtbot, sandbox: Sandbox, tmp_path: Path, **settings: object) -> Desk:  # type: ignore[no-untyped-def]
    """A desk whose slips go only to a PDF folder (no printer), so tests read them back."""
    values: dict[str, object] = {
        "api_base_url": sandbox.base_url,
        "seller_location_id": "LOC1",
        "terminal_id": "DOCK-T",
        "operator_name": "Test Clerk",
        "printer_name": None,
        "paper": "80mm",
    }
    values.update(settings)
    return Desk(qtbot, sandbox, tmp_path / "data", settings=Settings.from_dict(values))


def generate_start_otc(desk: Desk, name: str = "Ravi Kumar"):  # type: ignore[no-untyped-def]
    """An FE arrives and the clerk presses F2: the Start OTC is on screen, F9 enabled."""
    fe = desk.sb.world.arrive("LOC1", name=name)
    desk.wait_screen("start")
    desk.wait(desk.window.desk_actions.generate_start.isEnabled)
    desk.press(Qt.Key.Key_F2)
    desk.wait(lambda: desk.view().start_code is not None)
    desk.window._on_tick_timeout()  # the actions follow the new state at once
    return fe
