"""The main window: the FEs at the dock on the left, the selected handover's screen on the right.

It only wires things together: the controller decides, the handover pane shows, the scanner
filter feeds scans in, the actions carry the function keys.

The window is made in two steps so that it shows at once: ``MainWindow()`` is the frame
(icon, title, "opening the dock record"), which needs nothing but Qt; ``attach(services)``
builds the desk once the record is open. The desk's modules (the engine, the API models,
pydantic) are imported there and not at the top of this module: importing them first would
double the time to the window (``bench/startup.py``). For the same reason the ``Qt``
namespace (whose first import builds a hundred enums) is reached through ``QtCore`` when used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QItemSelection, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from returns_desk.resources import resource_path
from returns_desk.ui.theme import APP_ICON

if TYPE_CHECKING:
    from returns_desk.ui.scanner.burst import Burst
    from returns_desk.ui.scanner.serial_input import SerialInput
    from returns_desk.ui.services import DeskServices
    from returns_desk.ui.sound import Backend
    from returns_desk.ui.workers import JobDone

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: DeskServices | None = None,
        *,
        scanner_clock: Callable[[], float] = time.monotonic,
        sound_backend: Backend | None = None,
    ) -> None:
        super().__init__()
        self._attached = False
        self._closed = False
        self.setWindowIcon(QIcon(str(resource_path(APP_ICON))))
        self.setWindowTitle(self.tr("Returns Desk"))
        self.resize(1600, 900)
        opening = QLabel(self.tr("Returns Desk\n\nOpening the dock record…"))
        opening.setObjectName("openingRecord")  # centred by the style sheet
        self.setCentralWidget(opening)
        if services is not None:
            self.attach(services, scanner_clock=scanner_clock, sound_backend=sound_backend)

    @property
    def attached(self) -> bool:
        """True once the desk is built on the open record."""
        return self._attached

    def attach(
        self,
        services: DeskServices,
        *,
        scanner_clock: Callable[[], float] = time.monotonic,
        sound_backend: Backend | None = None,
    ) -> None:
        """Build the desk on the open record: FE list, screens, scanner, actions, menus."""
        from returns_desk.ui.actions import Actions
        from returns_desk.ui.admin_menu import AdminMenu
        from returns_desk.ui.controller import DeskController
        from returns_desk.ui.demo_scanner import DemoScanner
        from returns_desk.ui.gc_pacer import GcPacer
        from returns_desk.ui.handover_pane import HandoverPane
        from returns_desk.ui.scanner.burst import BurstRules
        from returns_desk.ui.scanner.input import ScannerInput
        from returns_desk.ui.slip_printing import SlipPrinting
        from returns_desk.ui.sound import SoundPlayer
        from returns_desk.ui.widgets.fe_list import FeListView

        assert not self._attached, "the desk is attached once"
        self._attached = True
        self.services = services
        settings = services.settings
        title = self.tr("Returns Desk — %1 — terminal %2")
        title = title.replace("%1", settings.seller_location_id or "?")
        title = title.replace("%2", settings.terminal_id)
        self.setWindowTitle(title + (self.tr(" (demo)") if services.sandbox is not None else ""))

        self.gc_pacer = GcPacer(parent=self)
        self.sound = SoundPlayer(enabled=settings.sounds, backend=sound_backend, parent=self)
        self.controller = c = DeskController(services, self.sound, self)
        self.actions = a = Actions(self)
        for action in a.all():
            self.addAction(action)
        rules = BurstRules(
            settings.scanner_min_length, settings.scanner_mean_gap_ms, settings.scanner_max_gap_ms
        )
        self.scanner = ScannerInput(
            rules,
            settings.barcode_rules(),
            duplicate_window_s=settings.duplicate_window_s,
            clock=scanner_clock,
            parent=self,
        )
        self.demo_scanner = DemoScanner(parent=self)
        self.serial_scanner: SerialInput | None = None  # a scanner in serial (COM port) mode
        if settings.scanner_port:  # pyserial and the reader load only then
            from returns_desk.ui.scanner.serial_input import SerialInput

            self.serial_scanner = SerialInput.from_settings(settings, parent=self)

        self.fe_list = FeListView()
        self.fe_list.setModel(c.fe_proxy)
        self.fe_list.setFixedWidth(370)
        heading = QLabel(self.tr("At the dock"))
        heading.setObjectName("screenTitle")
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(heading)
        left.addWidget(self.fe_list, 1)
        self.pane = HandoverPane(c, a, rules, settings.duplicate_window_s)
        # the screens, by name, for the tests and the screenshots
        self.notice, self.scanning = self.pane.notice, self.pane.scanning
        self.start_screen, self.end_screen = self.pane.start_screen, self.pane.end_screen
        self.scanner_test = self.pane.scanner_test
        central = QWidget()
        central.setObjectName("screen")
        layout = QHBoxLayout(central)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(18)
        layout.addLayout(left)
        layout.addWidget(self.pane, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status_bar()
        self.admin = AdminMenu(self, self.admin_menu, services, self.pane.show_transient)
        self.slips = SlipPrinting(services, c, a, self.pane.show_transient, self)

        c.scan_shown.connect(self.pane.show_scan)
        c.scan_shown.connect(self.gc_pacer.activity)
        c.selection_changed.connect(self._on_controller_selection_changed)
        self.fe_list.selectionModel().selectionChanged.connect(self._on_fe_list_selection_changed)
        self.scanner.scanned.connect(self._on_scanner_scanned)
        self.scanner.burst_finished.connect(self._on_scanner_burst_finished)
        self.scanner.caps_lock_suspected.connect(self.caps_warning.setVisible)
        if self.serial_scanner is not None:
            self.serial_scanner.scanned.connect(self._on_scanner_scanned)
            self.serial_scanner.burst_finished.connect(self._on_scanner_burst_finished)
            self.serial_scanner.status_changed.connect(self._on_serial_scanner_status_changed)
            self.serial_scanner.status_changed.connect(self.scanner_test.set_serial_status)
        self.scanning.manual_entered.connect(c.scan)
        services.jobs.signals.succeeded.connect(self._on_jobs_succeeded)
        a.generate_start.triggered.connect(c.generate_start_otc)
        a.refresh.triggered.connect(c.refresh_now)
        a.next_fe.triggered.connect(c.select_next)
        a.manual_entry.triggered.connect(self._on_manual_entry_triggered)
        a.find.triggered.connect(self._on_find_triggered)
        a.end_otc.triggered.connect(c.request_end_otc)
        a.complete.triggered.connect(c.complete)
        a.cancel.triggered.connect(self._on_cancel_triggered)
        a.scanner_test.triggered.connect(self.pane.show_scanner_test)
        a.demo_sheet.triggered.connect(self._on_demo_sheet_triggered)
        a.demo_scan.triggered.connect(self._on_demo_scan_triggered)
        a.quit.triggered.connect(self.close)
        demo = services.demo_parcels is not None
        a.demo_sheet.setEnabled(demo)
        a.demo_scan.setEnabled(demo)
        self.tick = QTimer(self)
        self.tick.setInterval(services.timings.tick_ms)
        self.tick.timeout.connect(self._on_tick_timeout)
        self.show_selected()
        c.tick()  # the first notice (e.g. a terminal that is not set up)

    def _build_menus(self) -> None:
        a = self.actions
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        for action in (a.refresh, a.next_fe, a.manual_entry, a.find):
            desk.addAction(action)
        desk.addSeparator()
        desk.addAction(a.quit)
        handover = self.menuBar().addMenu(self.tr("&Handover"))
        for action in (a.generate_start, a.end_otc, a.print_slip, a.print_preview):
            handover.addAction(action)
        handover.addAction(a.session_history)
        handover.addSeparator()
        for action in (a.complete, a.cancel):
            handover.addAction(action)
        self.admin_menu = self.menuBar().addMenu(self.tr("&Admin"))
        self.admin_menu.addAction(a.scanner_test)
        if self.services.demo_parcels is not None:
            demo = self.menuBar().addMenu(self.tr("De&mo"))
            demo.addAction(a.demo_scan)
            demo.addAction(a.demo_sheet)

    def _build_status_bar(self) -> None:
        settings = self.services.settings
        where = self.tr("Location %1 · Terminal %2")
        where = where.replace("%1", settings.seller_location_id or "?")
        where = where.replace("%2", settings.terminal_id)
        if settings.operator_name:
            where += self.tr(" · Operator %1").replace("%1", settings.operator_name)
        self.where = QLabel(where)
        self.caps_warning = QLabel(self.tr("Caps Lock is on? Scans arrive in lower case."))
        self.caps_warning.setObjectName("capsWarning")
        self.caps_warning.hide()
        self.serial_status = QLabel()
        self.serial_status.setObjectName("serialScanner")
        self.serial_status.hide()
        self.last_refresh = QLabel()
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.where)
        bar.addWidget(self.caps_warning)
        bar.addWidget(self.serial_status)
        self.demo_hint: QLabel | None = None
        if self.services.demo_parcels is not None:  # a newcomer has no scanner to hand yet
            self.demo_hint = QLabel(self.tr("DEMO · F12 pretends to scan a parcel"))
            self.demo_hint.setObjectName("demoHint")
            bar.addWidget(self.demo_hint)
        bar.addPermanentWidget(self.last_refresh)
        # When everything shows at once (demo hint, Caps Lock, serial scanner) the texts are
        # cut at the right rather than the window growing wider than a 1366-pixel screen.
        for label in (self.where, self.caps_warning, self.serial_status, self.demo_hint):
            if label is not None:
                label.setMinimumWidth(80)

    # --- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Install the scanner filter, resume open handovers, start polling and the clock."""
        assert self._attached, "attach(services) first"
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.pane.prepare()
        self.gc_pacer.start()
        self.scanner.install(app)
        if self.serial_scanner is not None:
            self.serial_scanner.start()
        self.services.start()
        self.admin.start()  # the disk check
        self.tick.start()
        self.controller.pump.request()

    def shutdown(self) -> None:
        """Stop everything once: scanner filter, timers, snapshot reads, worker, jobs, store."""
        if self._closed:
            return
        self._closed = True
        if not self._attached:
            return
        self.tick.stop()
        self.pane.stop()
        self.demo_scanner.stop()
        self.scanner.uninstall()
        if self.serial_scanner is not None:
            self.serial_scanner.stop()  # returns at once: the read is cancelled, then joined
        self.controller.close()
        self.slips.close()
        self.admin.close()
        self.services.shutdown()
        self.gc_pacer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    @Slot()
    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # --- what is shown -------------------------------------------------------------------

    def current_screen(self) -> str:
        return self.pane.current_screen() if self._attached else "opening"

    def show_selected(self) -> None:
        self.pane.show_selected()

    @Slot()
    def _on_tick_timeout(self) -> None:
        from returns_desk.ui.texts import clock_text

        self.pane.update_clock_texts()
        self.pane.update_actions()
        self.slips.update()
        self.controller.tick()
        snap = self.controller.snapshot
        if snap is not None and snap.last_refreshed_at is not None:
            text = self.tr("Marketplace checked %1")
            text = text.replace("%1", clock_text(snap.last_refreshed_at))
            if self.last_refresh.text() != text:
                self.last_refresh.setText(text)

    @Slot(object)
    def _on_controller_selection_changed(self, session_id: int | None) -> None:
        from returns_desk.ui.models.fe_model import SESSION_ROLE

        proxy = self.controller.fe_proxy
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if index.data(SESSION_ROLE) == session_id:
                if self.fe_list.currentIndex() != index:
                    self.fe_list.setCurrentIndex(index)
                break

    @Slot(QItemSelection, QItemSelection)
    def _on_fe_list_selection_changed(
        self, selected: QItemSelection, deselected: QItemSelection
    ) -> None:
        from returns_desk.ui.models.fe_model import SESSION_ROLE

        indexes = selected.indexes()
        if indexes:
            self.controller.select(indexes[0].data(SESSION_ROLE))

    # --- scanner and keys ----------------------------------------------------------------

    @Slot(str)
    def _on_scanner_scanned(self, raw: str) -> None:
        if self.current_screen() == "scanner_test":
            return  # the test screen shows bursts; nothing is recorded
        self.controller.scan(raw)

    @Slot(object)
    def _on_scanner_burst_finished(self, burst: Burst) -> None:
        self.pane.add_burst(burst)

    @Slot(str, str)
    def _on_serial_scanner_status_changed(self, state: str, text: str) -> None:
        self.serial_status.setText(text)
        self.serial_status.setProperty("state", state)  # the style sheet colours "disconnected"
        self.serial_status.style().unpolish(self.serial_status)
        self.serial_status.style().polish(self.serial_status)
        self.serial_status.setVisible(state != "off")

    @Slot()
    def _on_manual_entry_triggered(self) -> None:
        if self.current_screen() == "scanning":
            self.scanning.focus_manual()

    @Slot()
    def _on_find_triggered(self) -> None:
        if self.current_screen() == "scanning":
            self.scanning.focus_filter()

    @Slot()
    def _on_cancel_triggered(self) -> None:
        """Esc: leave the scanner test, else disarm the End OTC warning, else clear a field."""
        if self.pane.leave_scanner_test() or self.controller.cancel():
            return
        focused = QApplication.focusWidget()
        for field in (self.scanning.manual, self.scanning.text_filter):
            if focused is field:
                field.clear()
                self.fe_list.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    # --- demo ----------------------------------------------------------------------------

    @Slot()
    def _on_demo_sheet_triggered(self) -> None:
        from returns_desk.ui.demo_sheet import demo_groups, write_demo_sheet

        parcels = self.services.demo_parcels
        if parcels is None:
            return
        names = {v.fe_id: v.fe_name for v in self.controller.views.values()}
        folder = Path(self.services.settings.pdf_dir or self.services.data_dir)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"returns-desk-demo-barcodes-{stamp}.pdf"
        groups = demo_groups(parcels, names)
        self.services.jobs.submit("demo_sheet", lambda: write_demo_sheet(path, groups))

    @Slot()
    def _on_demo_scan_triggered(self) -> None:
        """Demo: type a waiting parcel's id as a scanner would, through the real path."""
        handle = self.windowHandle()
        selected = self.controller.selected
        if handle is None or self.services.demo_parcels is None:
            return
        model = self.controller.models.get(selected) if selected is not None else None
        self.demo_scanner.type_code(handle, self.demo_scanner.pick(model))

    @Slot(object)
    def _on_jobs_succeeded(self, done: JobDone) -> None:
        if done.kind == "demo_sheet":
            text = self.tr("Demo barcode sheet written to %1").replace("%1", str(done.result))
            self.pane.show_transient("info", text)
