"""The non-visual parts of one run: the store, the engine, its worker thread, the job pool.

Built by ``run_app`` and by the tests (which pass fast intervals and the sandbox), shut
down exactly once, in an order that loses nothing: stop the worker (bounded wait), let the
jobs finish, close the API clients, then the database, then the demo's sandbox.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from returns_desk.api.client import ReturnsClient
from returns_desk.api.transport import transport_for
from returns_desk.credentials import Credentials
from returns_desk.errors import ReturnsDeskError
from returns_desk.handon import RecordBook, enqueue_for_completed_handover
from returns_desk.settings import Settings
from returns_desk.store import Store, database_path
from returns_desk.store.retention import daily_backup, prune
from returns_desk.ui.handon.worker import OutboxWorker
from returns_desk.ui.snapshot import EngineBridge
from returns_desk.ui.workers import EngineWorker, JobRunner
from returns_desk.workflow.engine import DockEngine, EngineConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timings:
    """Every interval of the GUI in one place, so tests can run them in milliseconds."""

    refresh_min_interval_ms: int = 50  # at most one snapshot read per 50 ms
    parcels_min_interval_ms: int = 500  # new FE-reported rows at most twice a second
    apply_chunk_rows: int = 1000  # parcel rows merged at a time (one table repaint each)
    apply_every_ms: int = 16  # and at most one chunk per frame
    worker_min_wait_s: float = 0.05
    worker_max_wait_s: float = 30.0
    worker_error_wait_s: float = 5.0
    tick_ms: int = 1000  # countdowns and "next sync in"
    arm_timeout_ms: int = 15000  # how long a first F8 (with discrepancies) stays armed
    stop_timeout_ms: int = 5000


class ClientFactory:
    """One API client per OS thread, reused: the engine asks once per thread-local, and on
    PySide's pool threads Python thread-locals do not survive from one job to the next."""

    def __init__(self, make: Callable[[], ReturnsClient]) -> None:
        self._make = make
        self._clients: dict[int, ReturnsClient] = {}
        self._lock = threading.Lock()

    def __call__(self) -> ReturnsClient:
        ident = threading.get_ident()
        with self._lock:
            client = self._clients.get(ident)
            if client is None:
                client = self._clients[ident] = self._make()
            return client


def client_maker(
    settings: Settings, credentials: Credentials | None, error: ReturnsDeskError | None
) -> Callable[[], ReturnsClient]:
    def make() -> ReturnsClient:
        if credentials is None:
            raise error or ReturnsDeskError("no credentials")
        transport = transport_for(settings)  # timeouts, CA bundle, proxy
        return ReturnsClient(
            credentials, settings.api_base_url, token_url=settings.token_url, transport=transport
        )

    return make


def engine_config(settings: Settings) -> EngineConfig:
    return EngineConfig(
        location_id=settings.seller_location_id,
        terminal_id=settings.terminal_id,
        poll_interval_s=settings.poll_interval_s,
        refresh_interval_s=settings.poll_interval_s,
        page_size=settings.page_size,
        barcode_rules=settings.barcode_rules(),
    )


class DeskServices:
    """Owns the store, the engine, the worker and the job pool of one run."""

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
    ) -> None:
        self.settings, self.data_dir, self.timings = settings, data_dir, timings
        self.startup_error = startup_error
        self.settings_notes = settings_notes  # e.g. a broken settings file, last good one used
        self.sandbox, self.demo_parcels = sandbox, demo_parcels
        self.store = Store.open(database_path(data_dir), single_writer=True)  # may raise
        self.bridge = EngineBridge()
        self.clients = ClientFactory(
            make_client or client_maker(settings, credentials, startup_error)
        )
        self._handon_queued = False
        self.engine = DockEngine(
            self.clients,
            self.store,
            config or engine_config(settings),
            on_change=self._on_engine_change,
            on_completed=self._queue_handon,
        )
        self.outbox: OutboxWorker | None = (
            OutboxWorker(self.store, settings) if OutboxWorker.needed(settings) else None
        )
        self.jobs = JobRunner(2, cleanup=self.store.release_thread)
        self.worker: EngineWorker | None = None
        if credentials is not None and startup_error is None:
            self.worker = EngineWorker(
                self.engine,
                min_wait_s=timings.worker_min_wait_s,
                max_wait_s=timings.worker_max_wait_s,
                error_wait_s=timings.worker_error_wait_s,
            )
        self._shut = False

    @property
    def online(self) -> bool:
        """Whether the app talks to the marketplace at all (credentials and settings are there)."""
        return self.worker is not None

    def start(self) -> int:
        """Resume the handovers left open by the last run, then start polling; how many resumed."""
        self.jobs.submit("keep_record", self.keep_record)  # a backup takes a while: off-thread
        resumed = self.engine.resume()
        if self.worker is not None:
            self.worker.start()
        if self.outbox is not None:
            self.outbox.start()
        return resumed

    def keep_record(self) -> None:
        """Today's backup copy (one a day, seven kept) and the retention rule (a start-up job)."""
        try:
            daily_backup(
                self.store, self.data_dir / "backups", budget_mib=self.settings.backup_budget_mib
            )
            pruned = prune(
                self.store, self.settings.retention_days, thin_after_days=self.settings.payload_days
            )
        except (ReturnsDeskError, OSError) as exc:  # never a reason not to start
            log.warning("backup or retention failed: %s", exc)
            return
        if pruned:
            log.info(
                "retention: %d exported handovers older than %d days removed",
                pruned,
                self.settings.retention_days,
            )

    def _queue_handon(self, store: Store, session_id: int) -> None:
        """Inside the completing transaction: the hand-on entries of this handover."""
        if not self.settings.handon.enabled_destinations():
            return
        records = RecordBook.in_folder(self.data_dir).load()
        enqueue_for_completed_handover(store, session_id, self.settings.handon, records)
        self._handon_queued = True

    def _on_engine_change(self) -> None:
        self.bridge.notify()
        if self._handon_queued and self.outbox is not None:
            self._handon_queued = False  # committed by now: the sender may look
            self.outbox.trigger()

    def trigger(self) -> None:
        if self.worker is not None:
            self.worker.trigger()

    def shutdown(self) -> None:
        """Stop everything, in order; safe to call twice."""
        if self._shut:
            return
        self._shut = True
        timeout = self.timings.stop_timeout_ms
        if self.outbox is not None and not self.outbox.stop(timeout):
            log.warning("the hand-on sender did not stop within %d ms", timeout)
        stopped = self.worker.stop(timeout) if self.worker is not None else True
        if not stopped:
            log.warning("the engine worker did not stop within %d ms; closing its clients", timeout)
        if not self.jobs.close(timeout):
            log.warning("background jobs still running after %d ms", timeout)
        self.engine.close()  # closes the HTTP sessions: a request still running ends now
        if not stopped and self.worker is not None and not self.worker.wait(timeout):
            log.error("the engine worker is still running; the database closes anyway")
        self.store.close()
        if self.sandbox is not None:
            self.sandbox.stop()
