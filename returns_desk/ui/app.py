"""Start the GUI: settings, credentials, the data folder, the embedded sandbox for the demo.

A data folder that cannot be used (another app holds it, the database is damaged or made by
a newer version) is the one thing that shows a dialog, at start-up, before any scanning:
there is nothing the app can do without its record. Everything later is a calm banner.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from returns_desk.credentials import Credentials, load_credentials
from returns_desk.errors import ConfigurationError, ReturnsDeskError
from returns_desk.paths import data_dir as default_data_dir
from returns_desk.settings import Settings, load_settings

log = logging.getLogger(__name__)

DEMO_LOCATION = "LOC1"
DEMO_CREDENTIALS = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))
DEMO_POLL_INTERVAL_S = 5.0  # a two-minute walkthrough: the screens move every few seconds

Fatal = Callable[[str, str], None]


def start_demo_sandbox(settings: Settings) -> tuple[Settings, Any, dict[str, list[str]]]:
    """An embedded sandbox on a free loopback port, with three FEs already at the dock."""
    from returns_desk.sandbox.demo import seed_demo
    from returns_desk.sandbox.server import Sandbox, SandboxConfig

    sandbox = Sandbox(SandboxConfig(locations=(DEMO_LOCATION,))).start()
    parcels = seed_demo(sandbox.world, DEMO_LOCATION)
    demo_settings = settings.model_copy(
        update={
            "api_base_url": sandbox.base_url,
            "token_url": sandbox.token_url,
            "seller_location_id": DEMO_LOCATION,
            "terminal_id": "DEMO",
            "poll_interval_s": DEMO_POLL_INTERVAL_S,
        }
    )
    return demo_settings, sandbox, parcels


def show_fatal(title: str, text: str) -> None:
    """The start-up dialog (the only modal one the app has)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, title, text)


def ask_fresh_start(text: str) -> bool:
    """A damaged database: offer to move it aside (kept) and start with a new one."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    question = QCoreApplication.translate(
        "App",
        "%1\n\nMove the damaged file aside (it is kept for IT support) and start with a new, "
        "empty database?",
    ).replace("%1", text)
    answer = QMessageBox.question(None, QCoreApplication.translate("App", "Returns Desk"), question)
    return answer == QMessageBox.StandardButton.Yes


def run_first_run_wizard(settings: Settings) -> Settings | None:
    """The first-run wizard, for a terminal with no settings yet; None when cancelled."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialog

    from returns_desk.ui.admin import FirstRunWizard, apply_settings_dialog

    wizard = FirstRunWizard(settings)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        return apply_settings_dialog(wizard)
    except ReturnsDeskError as exc:
        show_fatal(QCoreApplication.translate("App", "Returns Desk"), exc.user_text)
        return None


def run_app(
    args: argparse.Namespace,
    *,
    exec_loop: Callable[[Any], int] | None = None,
    fatal: Fatal = show_fatal,
    fresh_start: Callable[[str], bool] = ask_fresh_start,
    first_run: Callable[[Settings], Settings | None] | None = None,
) -> int:
    """The app with the saved settings and this run's options; the exit code."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from returns_desk.logs import close_logging, install_excepthook, setup_logging
    from returns_desk.store import StoreCorruptError, StoreError, database_path, quarantine
    from returns_desk.ui.admin import CrashReporter, needs_first_run
    from returns_desk.ui.main_window import MainWindow
    from returns_desk.ui.services import DeskServices
    from returns_desk.ui.single_instance import SingleInstance
    from returns_desk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Returns Desk")
    apply_theme(app)
    title = QCoreApplication.translate("App", "Returns Desk cannot start")
    problems: list[str] = []
    try:
        settings = load_settings(problems=problems).with_overrides(args)
    except ReturnsDeskError as exc:
        fatal(title, exc.user_text)
        return 1

    sandbox, parcels, temporary = None, None, None
    demo = bool(getattr(args, "demo", False))
    credentials: Credentials | None = None
    startup_error: ReturnsDeskError | None = None
    if demo:
        settings, sandbox, parcels = start_demo_sandbox(settings)
        credentials = DEMO_CREDENTIALS
        if not getattr(args, "data_dir", None):  # the demo never touches the real record
            temporary = Path(tempfile.mkdtemp(prefix="returns-desk-demo-"))
            settings = settings.model_copy(update={"data_dir": str(temporary)})
    else:
        if first_run is not None and needs_first_run():
            chosen = first_run(settings)
            if chosen is None:
                return 0
            settings = chosen.with_overrides(args)
        try:
            credentials = load_credentials()
            if not settings.seller_location_id:
                raise ConfigurationError(
                    message="No seller location id is set up on this terminal."
                )
        except ReturnsDeskError as exc:
            credentials, startup_error = None, exc
    folder = default_data_dir(settings.data_dir)

    previous_level = logging.getLogger().level
    previous_hooks = (sys.excepthook, threading.excepthook)
    instance = SingleInstance(folder)
    services = None
    try:
        if not instance.acquire():
            SingleInstance.activate_running(folder)
            return 0
        log_file = setup_logging(folder)

        def open_services() -> DeskServices:
            return DeskServices(
                settings,
                folder,
                credentials=credentials,
                startup_error=startup_error,
                settings_notes=tuple(problems),
                sandbox=sandbox,
                demo_parcels=parcels,
                remove_on_exit=temporary,
            )

        try:
            try:
                services = open_services()
            except StoreCorruptError as exc:
                log.error("damaged database: %s", exc.user_text)
                if not fresh_start(exc.user_text):
                    raise
                kept = quarantine(database_path(folder))
                log.warning("damaged database moved aside to %s; starting a new one", kept)
                services = open_services()
        except StoreError as exc:
            log.error("the data folder cannot be used: %s", exc.user_text)
            fatal(title, exc.user_text)
            return 2
        sandbox = None  # the services stop it from now on
        window = MainWindow(services)
        reporter = CrashReporter(log_file, window)
        install_excepthook(reporter.report)
        instance.activated.connect(window.bring_to_front)
        app.aboutToQuit.connect(window.shutdown)
        try:
            window.show()
            window.start()
            return (exec_loop or (lambda a: a.exec()))(app)
        finally:
            window.shutdown()
            app.aboutToQuit.disconnect(window.shutdown)
    finally:
        if services is None:
            if sandbox is not None:
                sandbox.stop()
            if temporary is not None:
                shutil.rmtree(temporary, ignore_errors=True)
        instance.release()
        close_logging()
        logging.getLogger().setLevel(previous_level)
        sys.excepthook, threading.excepthook = previous_hooks
