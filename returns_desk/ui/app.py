"""Start the GUI: settings, credentials, the embedded sandbox for the demo, the window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

from returns_desk.api.client import ReturnsClient
from returns_desk.api.models import InitialLoad
from returns_desk.api.transport import Timeouts, Transport
from returns_desk.credentials import Credentials, load_credentials
from returns_desk.errors import ConfigurationError, ReturnsDeskError
from returns_desk.settings import Settings, load_settings

log = logging.getLogger(__name__)

DEMO_LOCATION = "LOC1"
DEMO_CREDENTIALS = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))


@dataclass
class InitialLoadJob:
    """One initial-load call; its client is made lazily in the thread that runs it."""

    settings: Settings
    credentials: Credentials
    _client: ReturnsClient | None = None

    def __call__(self) -> InitialLoad:
        if self._client is None:
            transport = Transport(
                timeouts=Timeouts(self.settings.connect_timeout_s, self.settings.read_timeout_s)
            )
            self._client = ReturnsClient(
                self.credentials,
                self.settings.api_base_url,
                token_url=self.settings.token_url,
                transport=transport,
            )
        return self._client.initial_load(self.settings.seller_location_id)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def start_demo_sandbox(settings: Settings) -> tuple[Settings, Any]:
    """An embedded sandbox on a free loopback port, with FEs already at the dock."""
    from returns_desk.sandbox.demo import seed_demo
    from returns_desk.sandbox.server import Sandbox, SandboxConfig

    sandbox = Sandbox(SandboxConfig(locations=(DEMO_LOCATION,))).start()
    seed_demo(sandbox.world, DEMO_LOCATION)
    demo_settings = settings.model_copy(
        update={
            "api_base_url": sandbox.base_url,
            "token_url": sandbox.token_url,
            "seller_location_id": DEMO_LOCATION,
            "terminal_id": "DEMO",
            "poll_interval_s": 5.0,
        }
    )
    return demo_settings, sandbox


def run_app(args: argparse.Namespace, *, exec_loop: Callable[[Any], int] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from returns_desk.ui.main_window import MainWindow
    from returns_desk.ui.workers import PeriodicWorker

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Returns Desk")
    settings = load_settings().with_overrides(args)
    sandbox = None
    startup_error: ReturnsDeskError | None = None
    refresher = None
    if getattr(args, "demo", False):
        settings, sandbox = start_demo_sandbox(settings)
        credentials: Credentials | None = DEMO_CREDENTIALS
    else:
        try:
            credentials = load_credentials()
            if not settings.seller_location_id:
                raise ConfigurationError(
                    message="No seller location id is set up on this terminal."
                )
        except ReturnsDeskError as exc:
            credentials, startup_error = None, exc
    if credentials is not None:
        refresher = PeriodicWorker(InitialLoadJob(settings, credentials), settings.poll_interval_s)
    window = MainWindow(
        location=settings.seller_location_id,
        terminal=settings.terminal_id,
        refresher=refresher,
        demo=sandbox is not None,
        startup_error=startup_error,
    )
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    window.start()
    try:
        return (exec_loop or (lambda a: a.exec()))(app)
    finally:
        window.shutdown()
        if sandbox is not None:
            sandbox.stop()
