"""``returns-desk --self-test``: does this build have everything it needs? Exit 0 or 1.

Run by CI on the PyInstaller bundle (offscreen) so that a spec that forgot a Qt plugin, a
resource or a module fails the build instead of a terminal at a dock: it loads the Qt
plugins the app uses, opens the main window on the demo, renders a slip to PDF, opens and
checks a database, lists the serial ports (pyserial's lister for this platform), loads site
mode's PostgreSQL driver, and loads the Hindi catalogue and the Devanagari font.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


def _check_qt_plugins() -> str:
    from PySide6.QtGui import QIcon, QImageReader

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "ico"} - formats
    if missing:
        raise RuntimeError(f"Qt image format plugins missing: {sorted(missing)}")
    from returns_desk.resources import resource_path

    if QIcon(str(resource_path("app-icon.ico"))).isNull():
        raise RuntimeError("the app icon does not load")
    return f"Qt plugins: platform, image formats {sorted(formats & {'png', 'ico', 'svg'})}"


def _check_slip(folder: Path) -> str:
    from returns_desk.printing import render_qt
    from returns_desk.printing.paper import get_paper
    from returns_desk.printing.samples import sample_receipt
    from returns_desk.printing.slips import build_handover_receipt

    path = folder / "self-test.pdf"
    layout = build_handover_receipt(sample_receipt(datetime.now().astimezone()))
    render_qt.render_pdf([layout], path, get_paper("80mm"))
    if not path.read_bytes().startswith(b"%PDF"):
        raise RuntimeError("the slip PDF is not a PDF")
    return "slip rendered to PDF"


def _check_database(folder: Path) -> str:
    from returns_desk.store import Store, database_path

    with Store.open(database_path(folder), single_writer=True) as store:
        result = store.integrity_check()
        version = store.schema_version
    if result != "ok":
        raise RuntimeError(f"database integrity check: {result}")
    return f"database opened and checked (schema {version})"


def _check_serial_ports() -> str:
    """pyserial and this platform's port lister are in the build (serial COM scanners).

    Importing them is the check: pyserial picks its lister module for the platform when
    ``serial.tools.list_ports`` is imported, so a build without it fails here.
    """
    import returns_desk.ui.scanner.serial_input  # noqa: F401 - loaded only with a COM port set
    from returns_desk.devices.serial_scanner import list_ports

    return f"serial port list: {len(list_ports())} port(s) present"


def _check_site_driver() -> str:
    """Site mode's PostgreSQL driver and its libpq are in the build (loaded only in site
    mode, so a build that left them out would fail only at a site)."""
    import psycopg

    import returns_desk.site.link  # noqa: F401 - the link the desk loads in site mode

    return f"site database driver: psycopg {psycopg.__version__}, libpq {psycopg.pq.version()}"


def _check_languages() -> str:
    """The compiled Hindi catalogue loads and a Devanagari font is there (resources/)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFontDatabase

    from returns_desk.printing.fonts_qt import DEVANAGARI_FAMILIES
    from returns_desk.ui.i18n import set_language

    try:
        if not set_language("hi"):
            raise RuntimeError("the Hindi catalogue (resources/i18n/returns_desk_hi.qm) is missing")
        if QCoreApplication.translate("MainWindow", "At the dock") == "At the dock":
            raise RuntimeError("the Hindi catalogue does not translate")
    finally:
        set_language("en")
    fonts = set(QFontDatabase.families()) & set(DEVANAGARI_FAMILIES)
    if not fonts:
        raise RuntimeError("no Devanagari font (resources/fonts)")
    return f"languages: Hindi catalogue loaded, Devanagari font {sorted(fonts)[0]}"


def _check_main_window(folder: Path) -> str:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from returns_desk.ui.app import run_app

    shown: list[str] = []

    def exec_loop(app: QApplication) -> int:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
        if not windows or not windows[0].isVisible():
            raise RuntimeError("the main window did not open")
        shown.append(windows[0].windowTitle())
        windows[0].close()
        return 0

    args = argparse.Namespace(demo=True, data_dir=str(folder / "demo-data"))
    if run_app(args, exec_loop=exec_loop) != 0 or not shown:
        raise RuntimeError("the main window did not open")
    return f"main window opened: {shown[0]}"


def run_self_test(report: Callable[[str], None] = print) -> int:
    """Every check in turn; the first failure ends the test with exit code 1."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(sys.argv[:1])  # alive while the checks run
    with tempfile.TemporaryDirectory(prefix="returns-desk-self-test-") as tmp:
        folder = Path(tmp)
        checks = (
            lambda: f"Qt {QApplication.platformName()} platform plugin loaded",
            _check_qt_plugins,
            lambda: _check_slip(folder),
            lambda: _check_database(folder),
            _check_serial_ports,
            _check_site_driver,
            _check_languages,
            lambda: _check_main_window(folder),
        )
        for check in checks:
            try:
                report(f"ok   {check()}")
            except Exception as exc:  # the self-test reports every kind of failure
                report(f"FAIL {type(exc).__name__}: {exc}")
                return 1
    report("self-test passed")
    return 0
