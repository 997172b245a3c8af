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
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from returns_desk.errors import ConfigurationError, DataFolderUnusableError, ReturnsDeskError
from returns_desk.paths import configured_data_dir, demo_settings_path
from returns_desk.ui.startup_probe import mark, probe_for

if TYPE_CHECKING:  # pydantic and the desk load after the window shows: see run_app
    from returns_desk.credentials import Credentials
    from returns_desk.settings import Settings
    from returns_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_LOCATION = "LOC1"
DEMO_POLL_INTERVAL_S = 5.0  # a two-minute walkthrough: the screens move every few seconds

Fatal = Callable[[str, str], None]


def start_demo_sandbox(settings: Settings) -> tuple[Settings, Any, dict[str, list[str]]]:
    """An embedded sandbox on a free loopback port, with three FEs already at the dock."""
    from returns_desk.sandbox.demo import seed_demo
    from returns_desk.sandbox.server import Sandbox, SandboxConfig

    sandbox = Sandbox(SandboxConfig(locations=(DEMO_LOCATION,))).start()
    parcels = seed_demo(sandbox.world, DEMO_LOCATION)
    demo_settings = settings.replace(
        api_base_url=sandbox.base_url,
        token_url=sandbox.token_url,
        seller_location_id=DEMO_LOCATION,
        terminal_id="DEMO",
        poll_interval_s=DEMO_POLL_INTERVAL_S,
        # slips go to a PDF folder of the demo's own (kept after it ends) unless set
        pdf_dir=settings.pdf_dir or str(demo_pdf_dir()),
    )
    return demo_settings, sandbox, parcels


def demo_pdf_dir() -> Path:
    """Where the demo's slips and barcode sheet go when no PDF folder is set: kept after
    the demo ends (its data folder is not), so the clerk can look at what was printed."""
    return Path(tempfile.gettempdir()) / "returns-desk-demo-pdfs"


def demo_credentials() -> Credentials:
    """The sandbox's own client id and secret."""
    from pydantic import SecretStr

    from returns_desk.credentials import Credentials

    return Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))


def read_credentials() -> Credentials:
    """The terminal's client id and secret (``credentials.load_credentials``).

    Imported when called: the credentials' model loads pydantic and keyring, which the
    desk reads on its engine loop's thread, not on the way to the window.
    """
    from returns_desk.credentials import load_credentials

    return load_credentials()


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


def show_now(app: QApplication, window: QWidget, timeout_s: float = 0.25) -> None:
    """Show the window and let it reach the screen before the slow part of the start-up.

    The window system answers ``show()`` with an expose event, and the paint follows it.
    Both are let through here (waiting at most ``timeout_s``), so that the clerk sees the
    window while the record opens instead of nothing for half a second.
    """
    window.show()
    handle = window.windowHandle()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        if handle is not None and handle.isExposed():
            break
    app.processEvents()  # the paint that follows the expose


def run_app(
    args: argparse.Namespace,
    *,
    exec_loop: Callable[[Any], int] | None = None,
    fatal: Fatal = show_fatal,
    fresh_start: Callable[[str], bool] = ask_fresh_start,
    first_run: Callable[[Settings], Settings | None] | None = None,
) -> int:
    """The app with the saved settings and this run's options; the exit code.

    Only Qt, the style, the single-instance lock and the window's frame come before the
    window shows; the settings, the record and the desk follow in it (``DeskStart``).
    """
    from returns_desk.i18n import configured_language
    from returns_desk.ui.i18n import set_language
    from returns_desk.ui.main_window import MainWindow
    from returns_desk.ui.single_instance import SingleInstance
    from returns_desk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Returns Desk")
    apply_theme(app)
    set_language(configured_language(getattr(args, "lang", None)))  # before the first word
    temporary: Path | None = None
    if getattr(args, "demo", False) and not getattr(args, "data_dir", None):
        temporary = Path(tempfile.mkdtemp(prefix="returns-desk-demo-"))  # not the real record
    folder = temporary or configured_data_dir(getattr(args, "data_dir", None))
    instance = SingleInstance(folder)
    previous_level = logging.getLogger().level
    previous_hooks = (sys.excepthook, threading.excepthook)
    window: MainWindow | None = None
    try:
        try:
            acquired = instance.acquire()
        except DataFolderUnusableError as exc:  # read-only or full: say so, never exit 0
            log.error("%s", exc.user_text)
            print(f"returns-desk: {exc.user_text}", file=sys.stderr, flush=True)
            fatal(QCoreApplication.translate("App", "Returns Desk cannot start"), exc.user_text)
            return 2
        if not acquired:
            SingleInstance.activate_running(folder)
            return 0
        window = MainWindow()
        window.save_language = not getattr(args, "lang", None)  # --lang is for one run
        instance.activated.connect(window.bring_to_front)
        probe = probe_for(window)
        show_now(app, window)
        start = DeskStart(args, folder, fatal, fresh_start, first_run)
        if not start.open(window):
            return start.exit_code
        app.aboutToQuit.connect(window.shutdown)
        try:
            window.start()
            if probe is not None:
                probe.ready()
            return (exec_loop or (lambda a: a.exec()))(app)
        finally:
            app.aboutToQuit.disconnect(window.shutdown)
    finally:
        if window is not None:
            window.shutdown()  # stops the services and closes the record
            window.hide()
            window.deleteLater()
        instance.release()
        from returns_desk.logs import close_logging

        close_logging()
        logging.getLogger().setLevel(previous_level)
        sys.excepthook, threading.excepthook = previous_hooks
        if temporary is not None:  # the demo's record: last, once nothing has a file open in it
            shutil.rmtree(temporary, ignore_errors=True)


class DeskStart:
    """What happens in the window that already shows: settings, record, desk.

    ``open(window)`` is False when the app must stop (``exit_code`` says how): settings
    that cannot be read, a cancelled first-run wizard, a data folder that cannot be used.
    """

    def __init__(
        self,
        args: argparse.Namespace,
        folder: Path,
        fatal: Fatal,
        fresh_start: Callable[[str], bool],
        first_run: Callable[[Settings], Settings | None] | None,
    ) -> None:
        self.args, self.folder = args, folder
        self.fatal, self.fresh_start, self.first_run = fatal, fresh_start, first_run
        self.exit_code = 0
        self.title = QCoreApplication.translate("App", "Returns Desk cannot start")

    def open(self, window: MainWindow) -> bool:
        from returns_desk.settings import load_settings

        problems: list[str] = []
        demo = getattr(self.args, "demo", False)
        # The demo has settings of its own, in its data folder: never the terminal's file.
        path = demo_settings_path(self.folder) if demo else None
        try:
            settings = load_settings(path, problems=problems).with_overrides(self.args)
        except ReturnsDeskError as exc:
            return self._stop(1, exc.user_text)
        mark("settings")
        # The folder locked before the window showed is the one used (see configured_data_dir).
        settings = settings.replace(data_dir=str(self.folder))
        if demo:
            return self._open_demo(window, settings, problems)
        return self._open_terminal(window, settings, problems)

    def _open_demo(self, window: MainWindow, settings: Settings, problems: list[str]) -> bool:
        settings, sandbox, parcels = start_demo_sandbox(settings)
        try:
            return self._open_services(
                window, settings, problems, demo_credentials(), None, sandbox, parcels
            )
        finally:
            if not window.attached:
                sandbox.stop()

    def _open_terminal(self, window: MainWindow, settings: Settings, problems: list[str]) -> bool:
        from returns_desk.settings import needs_first_run

        if self.first_run is not None and needs_first_run() and not self._given_in_full():
            chosen = self.first_run(settings)
            if chosen is None:
                return self._stop(0)
            settings = chosen.with_overrides(self.args).replace(data_dir=str(self.folder))
        startup_error: ReturnsDeskError | None = None
        if not settings.seller_location_id:  # the desk cannot work: say what is missing,
            try:  # the credentials first, as the first-run wizard asks for them first
                read_credentials()
                startup_error = ConfigurationError(
                    message="No seller location id is set up on this terminal."
                )
            except ReturnsDeskError as exc:
                startup_error = exc
        # The credentials are read by the engine loop's thread when it makes its first API
        # client (keyring and its backend: a fifth of a second not spent before ready); a
        # terminal without any hears so in the notice bar, as of any refresh that failed.
        return self._open_services(
            window, settings, problems, None, startup_error, load_credentials=read_credentials
        )

    def _given_in_full(self) -> bool:
        """This run's options and the credentials configure the terminal: no wizard.

        ``--api-base-url`` and ``--seller-location-id`` with a client id and secret (the
        environment or the credential store) are all the dock needs, as the README's
        "point the app at the sandbox" says; the saved settings are left as they are.
        """
        args = self.args
        if not (getattr(args, "api_base_url", None) and getattr(args, "seller_location_id", None)):
            return False
        try:
            read_credentials()
        except ReturnsDeskError:
            return False
        return True

    def _open_services(
        self,
        window: MainWindow,
        settings: Settings,
        problems: list[str],
        credentials: Credentials | None,
        startup_error: ReturnsDeskError | None,
        sandbox: Any = None,
        parcels: dict[str, list[str]] | None = None,
        *,
        load_credentials: Callable[[], Credentials] | None = None,
    ) -> bool:
        from returns_desk.logs import install_excepthook, setup_logging
        from returns_desk.store import StoreCorruptError, StoreError, database_path, quarantine
        from returns_desk.ui.admin.crash_dialog import CrashReporter
        from returns_desk.ui.i18n import current_language, set_language
        from returns_desk.ui.services import DeskServices

        log_file = setup_logging(self.folder)

        def services() -> DeskServices:
            return DeskServices(
                settings,
                self.folder,
                credentials=credentials,
                startup_error=startup_error,
                settings_notes=tuple(problems),
                sandbox=sandbox,
                demo_parcels=parcels,
                load_credentials=load_credentials,
            )

        try:
            try:
                opened = services()
            except StoreCorruptError as exc:
                log.error("damaged database: %s", exc.user_text)
                if not self.fresh_start(exc.user_text):
                    raise
                kept = quarantine(database_path(self.folder))
                log.warning("damaged database moved aside to %s; starting a new one", kept)
                opened = services()
        except StoreError as exc:
            log.error("the data folder cannot be used: %s", exc.user_text)
            return self._stop(2, exc.user_text)
        mark("record")
        if settings.language != current_language():  # e.g. chosen in the first-run wizard
            set_language(settings.language)
        window.attach(opened)
        mark("desk")
        install_excepthook(CrashReporter(log_file, window).report)
        return True

    def _stop(self, code: int, text: str = "") -> bool:
        if text:
            self.fatal(self.title, text)
        self.exit_code = code
        return False
