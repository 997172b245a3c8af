"""Site mode against a real PostgreSQL server that the test run starts itself, and the
sandbox marketplace: several headless terminals (``Desk``), each with its own data folder."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import psycopg
import pytest
from pydantic import SecretStr

from returns_desk.credentials import Credentials, save_site_password
from returns_desk.desk import Desk, LoopTimings, engine_config
from returns_desk.handon import OMNI, POS, save_destination_credentials
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.sandbox.server import Sandbox
from returns_desk.settings import Settings
from returns_desk.settings.site import SiteSettings
from returns_desk.site.schema import SCHEMA, migrate
from returns_desk.store.site_log import HandoverKey
from returns_desk.workflow.handover import HandoverView
from tests.handon.conftest import OMNI_CREDS, POS_CREDS
from tests.site.pgcluster import PASSWORD, PgCluster

SANDBOX_CREDENTIALS = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))


@pytest.fixture
def stand_ins() -> Iterator[DestinationStandIns]:
    """Omni and the POS, standing in on loopback: they count what each return received."""
    with DestinationStandIns() as running:
        yield running


@pytest.fixture
def handon_credentials() -> None:
    """Both destinations' credentials in the (in-memory) credential store."""
    save_destination_credentials(OMNI, OMNI_CREDS)
    save_destination_credentials(POS, POS_CREDS)


@pytest.fixture
def site_db(pg_server: PgCluster) -> PgCluster:
    """An empty site database with the current schema; the password in the credential
    store (the tests' in-memory one), as ``site init`` leaves it."""
    if not pg_server.running:
        pg_server.start()
    with psycopg.connect(pg_server.url, password=PASSWORD, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        migrate(conn)
    save_site_password(pg_server.url, PASSWORD)
    return pg_server


def sql(cluster: PgCluster, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Run one statement as the admin would; its rows (none for a command)."""
    with psycopg.connect(cluster.url, password=PASSWORD, autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description is not None else []


class Terminal:
    """One dock terminal, headless: its own settings, data folder, desk and event log."""

    def __init__(
        self,
        name: str,
        sandbox: Sandbox,
        folder: Path,
        cluster: PgCluster,
        *,
        lease_s: float = 5.0,
        **settings: Any,
    ) -> None:
        self.name, self.folder = name, folder
        self.settings = Settings(
            api_base_url=sandbox.base_url,
            seller_location_id="LOC1",
            terminal_id=name,
            operator_name=f"clerk at {name}",
            site=SiteSettings(
                enabled=True, database_url=cluster.url, lease_s=lease_s, connect_timeout_s=1
            ),
            **settings,
        )
        config = msgspec.structs.replace(
            engine_config(self.settings),
            poll_interval_s=0.2,
            refresh_interval_s=0.2,
            page_size=50,
            backoff_cap_s=0.5,
        )
        timings = LoopTimings(
            engine_min_wait_s=0.01,
            engine_max_wait_s=0.2,
            error_wait_s=0.05,
            handon_idle_s=0.2,
            stop_timeout_s=5.0,
            site_catch_up_s=0.2,
        )
        self.events: list[object] = []
        self._lock = threading.Lock()
        self.desk = Desk(
            self.settings,
            folder,
            credentials=SANDBOX_CREDENTIALS,
            config=config,
            timings=timings,
        )
        self.desk.bus.subscribe(object, self._seen)

    def _seen(self, event: object) -> None:
        with self._lock:
            self.events.append(event)

    def of(self, kind: type) -> list[Any]:
        with self._lock:
            return [e for e in self.events if isinstance(e, kind)]

    def start(self) -> Terminal:
        self.desk.start()
        return self

    def stop(self) -> None:
        self.desk.shutdown()

    def view(self, fe_id: str) -> HandoverView | None:
        for view in self.desk.engine.views():
            if view.fe_id == fe_id:
                return view
        return None

    def leads(self, key: HandoverKey) -> bool:
        return bool(self.desk.site.may_poll(key)) and self.desk.site.state.value == "connected"


def wait_for(condition: Callable[[], bool], timeout_s: float = 30.0, what: str = "") -> None:
    """Wait on a condition met by other threads (not a GUI test: no Qt event loop here)."""
    done = threading.Event()
    deadline = timeout_s
    step = 0.02
    waited = 0.0
    while not condition():
        if waited >= deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        done.wait(step)
        waited += step


@pytest.fixture
def terminals(
    sandbox: Sandbox, site_db: PgCluster, tmp_path: Path
) -> Iterator[Callable[..., Terminal]]:
    made: list[Terminal] = []

    def make(name: str, folder: str | None = None, **kw: Any) -> Terminal:
        terminal = Terminal(name, sandbox, tmp_path / (folder or name), site_db, **kw)
        made.append(terminal)
        return terminal

    yield make
    for terminal in made:
        terminal.stop()
