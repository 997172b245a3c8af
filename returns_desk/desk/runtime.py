"""One run of the desk, without Qt: the composition root the GUI, the CLI, the benches and
the tests share.

``Desk`` opens the store, builds the API client factory, the engine, the engine's loop, the
hand-on loop, and the record keeping (today's backup, retention), and shuts them down in one
order that loses nothing: the hand-on (the entry under way is finished or left "in doubt"),
the engine's loop (bounded wait), the record keeper, the API clients (a request still running
ends now), then the database. Everything it learns is published on ``bus``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from returns_desk.desk.bus import EventBus
from returns_desk.desk.loops import EngineLoop, HandonLoop
from returns_desk.errors import ReturnsDeskError
from returns_desk.settings import Settings
from returns_desk.store import Store, database_path
from returns_desk.workflow.engine import DockEngine, EngineConfig
from returns_desk.workflow.events import HandoverCompleted, ScanRecorded

if TYPE_CHECKING:  # requests, pydantic and the hand-on's models load on the threads using them
    from returns_desk.api.client import ReturnsClient
    from returns_desk.credentials import Credentials
    from returns_desk.handon.completions import RecordCache
    from returns_desk.handon.sender import Sender

log = logging.getLogger(__name__)


class LoopTimings(msgspec.Struct, frozen=True):
    """The background loops' waits, so that tests can run them in milliseconds."""

    engine_min_wait_s: float = 0.05
    engine_max_wait_s: float = 30.0
    error_wait_s: float = 5.0
    handon_idle_s: float = 60.0
    stop_timeout_s: float = 5.0
    site_catch_up_s: float | None = None  # site mode: None, as the settings say


class ClientFactory:
    """One API client per OS thread, reused: on pool threads Python thread-locals do not
    survive from one job to the next, so the engine's thread-local is backed by this."""

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
    settings: Settings,
    credentials: Credentials | None,
    error: ReturnsDeskError | None,
    load_credentials: Callable[[], Credentials] | None = None,
) -> Callable[[], ReturnsClient]:
    """Makes the API client of a thread. Without ``credentials``, ``load_credentials`` reads
    them there (the OS credential store: importing keyring and finding its backend takes a
    fifth of a second, which is not spent on the GUI thread before the desk is ready); once
    found they are kept, and until then each new try asks again, so credentials an admin
    stores while the desk runs are used from the next try on."""
    found = credentials
    lock = threading.Lock()

    def make() -> ReturnsClient:
        from returns_desk.api.client import client_for  # requests: with the first client

        nonlocal found
        with lock:
            if found is None and load_credentials is not None and error is None:
                found = load_credentials()  # CredentialsMissingError: tried again later
            usable = found
        if usable is None:
            raise error or ReturnsDeskError("no credentials")
        return client_for(settings, usable)  # timeouts, CA bundle, proxy, token URL

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


def sender_maker(
    settings: Settings,
) -> Callable[[], tuple[dict[str, Sender], dict[str, ReturnsDeskError]]]:
    def make() -> tuple[dict[str, Sender], dict[str, ReturnsDeskError]]:
        from returns_desk.api.transport import transport_for
        from returns_desk.handon.wiring import build_senders  # the credential store: lazily

        return build_senders(settings.handon, transport_factory=lambda: transport_for(settings))

    return make


def record_cache(data_dir: Path) -> RecordCache:
    """The imported returns of this data folder, for the hand-on loop (on its thread: the
    returns' models are not needed before the desk is ready)."""
    from returns_desk.handon.completions import RecordCache

    return RecordCache.in_folder(data_dir)


class Desk:
    """The store, the engine, its loop, the hand-on and the record keeping of one run."""

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        *,
        credentials: Credentials | None,
        startup_error: ReturnsDeskError | None = None,
        config: EngineConfig | None = None,
        timings: LoopTimings = LoopTimings(),
        make_client: Callable[[], ReturnsClient] | None = None,
        sandbox: Any = None,
        load_credentials: Callable[[], Credentials] | None = None,
    ) -> None:
        self.settings, self.data_dir, self.timings = settings, data_dir, timings
        self.startup_error = startup_error
        self.sandbox = sandbox  # the demo's embedded marketplace, stopped last
        self.bus = EventBus()
        self.store = Store.open(database_path(data_dir), single_writer=True)  # may raise
        self.clients = ClientFactory(
            make_client or client_maker(settings, credentials, startup_error, load_credentials)
        )
        self.engine = DockEngine(
            self.clients, self.store, config or engine_config(settings), publish=self.bus.publish
        )
        self.handon = HandonLoop(
            self.store,
            settings.handon,
            partial(record_cache, data_dir),
            self.bus.publish,
            sender_maker(settings),
            idle_s=timings.handon_idle_s,
            error_wait_s=timings.error_wait_s,
        )
        self.bus.subscribe(HandoverCompleted, self.handon.on_completed)
        self.loop: EngineLoop | None = None
        if (credentials is not None or load_credentials is not None) and startup_error is None:
            self.loop = EngineLoop(
                self.engine,
                self.bus.publish,
                min_wait_s=timings.engine_min_wait_s,
                max_wait_s=timings.engine_max_wait_s,
                error_wait_s=timings.error_wait_s,
            )
        self.site: Any = None  # site mode: the link to the site database (site/link.py)
        if settings.site.active:
            self.site = self._link_site(settings, timings)
        self._keeper = threading.Thread(target=self.keep_record, name="record keeper", daemon=True)
        self._started = self._shut = False

    def _link_site(self, settings: Settings, timings: LoopTimings) -> Any:
        """Site mode: the link to the site database, the engine's and the hand-on's gate."""
        from returns_desk import __version__
        from returns_desk.site.events import SiteState, SiteStatusChanged
        from returns_desk.site.link import SiteLink

        site = settings.site
        if timings.site_catch_up_s is not None:
            site = site.replace(catch_up_s=timings.site_catch_up_s)
        link = SiteLink(
            site,
            terminal_id=settings.terminal_id,
            location_id=settings.seller_location_id,
            store=self.store,
            engine=self.engine,
            publish=self.bus.publish,
            app_version=__version__,
        )
        self.engine.attach_site(link)
        self.handon.claims = link
        self.bus.subscribe(object, link.on_event)

        def on_status(event: SiteStatusChanged) -> None:
            if event.state is SiteState.ALONE:  # poll the FEs another terminal led
                self.engine.poll_skipped_now()
                self.trigger()

        self.bus.subscribe(SiteStatusChanged, on_status)
        return link

    @property
    def online(self) -> bool:
        """Whether the desk talks to the marketplace at all (credentials and settings are there)."""
        return self.loop is not None

    def start(self) -> int:
        """Resume the handovers left open by the last run, then start the loops; how many
        handovers resumed."""
        self._started = True
        self._keeper.start()  # a backup takes a while: on its own thread
        resumed = self.engine.resume()
        if self.site is not None:
            self.site.start()
        if self.loop is not None:
            self.loop.start()
        self.handon.start()
        return resumed

    def scan(self, session_id: int, raw: str, *, operator: str = "") -> ScanRecorded:
        """One dock scan, committed before it returns (and published on the bus)."""
        return self.engine.scan(session_id, raw, operator=operator or self.settings.operator_name)

    def keep_record(self) -> None:
        """Today's compressed backup (one a day, within the admin's budget, after a full
        integrity check), the retention rule, and old payloads thinned (its own thread, which
        also loads what they need)."""
        from returns_desk.store.retention import daily_backup, prune

        try:
            daily_backup(
                self.store, self.data_dir / "backups", budget_mib=self.settings.backup_budget_mib
            )
            pruned = prune(
                self.store,
                older_than_days=self.settings.retention_days,
                claims=self.settings.claims,
                thin_after_days=self.settings.payload_days,
            )
        except (ReturnsDeskError, OSError) as exc:  # never a reason not to start
            log.warning("backup or retention failed: %s", exc)
            return
        finally:
            self.store.release_thread()
        if pruned:
            log.info(
                "retention: %d exported handovers older than %d days removed",
                pruned,
                self.settings.retention_days,
            )

    def trigger(self) -> None:
        """Poll and refresh now rather than at the end of the loop's sleep."""
        if self.loop is not None:
            self.loop.trigger()

    def trigger_handon(self) -> None:
        """Look for due hand-on entries now (after an import, a retry)."""
        self.handon.trigger()

    def shutdown(self) -> None:
        """Stop everything, in order; safe to call twice, and before ``start``."""
        if self._shut:
            return
        self._shut = True
        timeout = self.timings.stop_timeout_s
        if self._started:
            if not self.handon.stop(timeout):
                log.warning("the hand-on did not stop within %.1f s", timeout)
            stopped = self.loop.stop(timeout) if self.loop is not None else True
            if not stopped:
                log.warning(
                    "the engine loop did not stop within %.1f s; closing its clients", timeout
                )
            if self.site is not None and not self.site.stop(timeout):
                log.warning("the site link did not stop within %.1f s", timeout)
            self._keeper.join()  # a backup in progress is finished, never cut
        else:
            stopped = True
        self.engine.close()  # closes the HTTP sessions: a request still running ends now
        if not stopped and self.loop is not None:
            self.loop.join(timeout)
            if self.loop.is_alive():
                log.error("the engine loop is still running; the database closes anyway")
        self.store.close()
        if self.sandbox is not None:
            self.sandbox.stop()
