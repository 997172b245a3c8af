"""The desk core adapted to Qt: the ``Desk``, its one event bridge and the job pool.

Built by ``run_app`` and by the tests (which pass fast intervals and the sandbox). The
non-visual run (store, engine, loops, hand-on, record keeping, the shutdown order) is
``desk.Desk``; what is here is only what Qt needs on top: the bridge that brings the desk's
events to the GUI thread, the pool for one-off jobs, and the GUI's intervals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from returns_desk.desk import Desk, LoopTimings
from returns_desk.errors import ReturnsDeskError, SiteDatabaseError
from returns_desk.settings import Settings
from returns_desk.store import HandoverSummary, Session, Store
from returns_desk.ui.event_bridge import EventBridge
from returns_desk.ui.handon.feed import HandonFeed
from returns_desk.ui.workers import JobRunner
from returns_desk.workflow.engine import DockEngine, EngineConfig

if TYPE_CHECKING:  # requests and pydantic load with the first client, on the loop's thread
    from returns_desk.api.client import ReturnsClient
    from returns_desk.credentials import Credentials
    from returns_desk.site.board import Board, SiteHistoryRow  # site mode only
    from returns_desk.site.events import SiteStatusChanged


class Timings(msgspec.Struct, frozen=True):
    """Every interval of the GUI in one place, so tests can run them in milliseconds."""

    apply_chunk_rows: int = 1000  # parcel rows merged at a time (one table repaint each)
    apply_every_ms: int = 16  # and at most one chunk per frame
    worker_min_wait_s: float = 0.05
    worker_max_wait_s: float = 30.0
    worker_error_wait_s: float = 5.0
    handon_idle_s: float = 60.0
    tick_ms: int = 1000  # countdowns and "next sync in"
    arm_timeout_ms: int = 15000  # how long a first F8 (with discrepancies) stays armed
    stop_timeout_ms: int = 5000

    def loops(self) -> LoopTimings:
        return LoopTimings(
            engine_min_wait_s=self.worker_min_wait_s,
            engine_max_wait_s=self.worker_max_wait_s,
            error_wait_s=self.worker_error_wait_s,
            handon_idle_s=self.handon_idle_s,
            stop_timeout_s=self.stop_timeout_ms / 1000,
        )


class DeskServices:
    """The desk of one run, with what the Qt screens need to talk to it."""

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        *,
        credentials: Credentials | None,
        startup_error: ReturnsDeskError | None = None,
        settings_notes: tuple[str, ...] = (),
        config: EngineConfig | None = None,
        timings: Timings = Timings(),
        make_client: Callable[[], ReturnsClient] | None = None,
        sandbox: Any = None,
        demo_parcels: dict[str, list[str]] | None = None,
        load_credentials: Callable[[], Credentials] | None = None,
    ) -> None:
        self.desk = Desk(
            settings,
            data_dir,
            credentials=credentials,
            startup_error=startup_error,
            config=config,
            timings=timings.loops(),
            make_client=make_client,
            sandbox=sandbox,
            load_credentials=load_credentials,
        )  # may raise (a damaged or locked record)
        self.timings = timings
        self.settings_notes = settings_notes  # e.g. a broken settings file, last good one used
        self.demo_parcels = demo_parcels
        self.bridge = EventBridge(self.desk.bus)
        self.handon = HandonFeed(self.bridge)
        self.jobs = JobRunner(2, cleanup=self.store.release_thread)
        self._shut = False

    # The desk's own state, read through: one copy, so a setting applied at once (printer,
    # sounds, operator) is the desk's setting too.
    @property
    def settings(self) -> Settings:
        return self.desk.settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self.desk.settings = settings

    @property
    def data_dir(self) -> Path:
        return self.desk.data_dir

    @property
    def startup_error(self) -> ReturnsDeskError | None:
        return self.desk.startup_error

    @property
    def sandbox(self) -> Any:
        return self.desk.sandbox

    @property
    def store(self) -> Store:
        return self.desk.store

    @property
    def engine(self) -> DockEngine:
        return self.desk.engine

    @property
    def online(self) -> bool:
        """Whether the app talks to the marketplace at all (credentials and settings are there)."""
        return self.desk.online

    @property
    def site_mode(self) -> bool:
        return self.desk.site is not None

    def site_status(self) -> SiteStatusChanged | None:
        """Site mode: the link's state now (None: a single terminal)."""
        return self.desk.site.status() if self.desk.site is not None else None

    def site_history(self, since: datetime, words: list[str]) -> list[HandoverSummary]:
        """The session history's "whole site" (a reader thread): the site's handovers with
        the whole site's counts; one this terminal has in its record keeps its slips (to
        preview and reprint), one it never saw has none."""
        if self.desk.site is None:
            raise SiteDatabaseError("this terminal is not in site mode")
        rows: list[SiteHistoryRow] = self.desk.site.history(since, words)
        store = self.store
        summaries = []
        for row in rows:
            session = store.find_session(self.settings.seller_location_id, row.task_id, row.fe_id)
            local = store.summary(session.id) if session is not None else None
            base = local or HandoverSummary(
                session=Session(
                    id=0, location_id=self.settings.seller_location_id, task_id=row.task_id,
                    fe_id=row.fe_id, fe_name=row.fe_name, logistic_partner=row.logistic_partner,
                    lob=row.lob, state=row.state, opened_at=row.opened_at,
                    closed_at=row.completed_at, next_url=None, shipments_posted_at=None,
                    drain_finished_at=None, exported_at=None,
                ),
                reported=0, dock_scanned=0, matched=0, scans=0, last_scan_at=None,
                start=None, end=None,
            )  # fmt: skip
            summaries.append(
                msgspec.structs.replace(
                    base,
                    reported=row.reported,
                    dock_scanned=row.received,
                    matched=row.matched,
                    scans=row.scans,
                    last_scan_at=row.last_scan_at,
                )
            )
        return summaries

    def site_board(self, since: datetime) -> Board:
        """The site board's rows (a reader thread: it asks the site database)."""
        if self.desk.site is None:
            raise SiteDatabaseError("this terminal is not in site mode")
        board: Board = self.desk.site.board(since)
        return board

    def start(self) -> int:
        """Resume the handovers left open by the last run, then start the loops."""
        return self.desk.start()

    def trigger(self) -> None:
        self.desk.trigger()

    def shutdown(self) -> None:
        """Stop everything, in order; safe to call twice."""
        if self._shut:
            return
        self._shut = True
        self.bridge.close()
        self.jobs.close(self.timings.stop_timeout_ms)  # a job under way finishes first
        self.desk.shutdown()
