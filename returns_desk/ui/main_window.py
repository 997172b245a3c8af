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
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QItemSelection, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QIcon, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from returns_desk.resources import resource_path
from returns_desk.ui.fit import available_area, fit_to_screen
from returns_desk.ui.i18n import ensure_language
from returns_desk.ui.theme import APP_ICON

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton, QMessageBox

    from returns_desk.settings import Settings
    from returns_desk.site.events import SiteStatusChanged
    from returns_desk.ui.claims_dialog import ClaimsDialog
    from returns_desk.ui.kinds import Screen
    from returns_desk.ui.models.parcel_model import ParcelTableModel
    from returns_desk.ui.scanner.burst import Burst
    from returns_desk.ui.scanner.reach import Reach
    from returns_desk.ui.scanner.serial_input import SerialInput
    from returns_desk.ui.screens.end_otc import EndOtcScreen
    from returns_desk.ui.screens.scanner_test import ScannerTestScreen
    from returns_desk.ui.screens.scanning import ScanningScreen
    from returns_desk.ui.screens.start_otc import StartOtcScreen
    from returns_desk.ui.services import DeskServices
    from returns_desk.ui.site_board import SiteBoard
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
        #: the session is ending (log off, shut down): a close from the system never asks
        self._session_ending = False
        #: whether the language switch saves the choice (not for a run with --lang)
        self.save_language = True
        ensure_language()  # "1 handover", "3 handovers": English plurals come from its catalogue
        self.setWindowIcon(QIcon(str(resource_path(APP_ICON))))
        if fit_to_screen(self, 1600, 900):  # a small screen: all of it
            self.setWindowState(QtCore.Qt.WindowState.WindowMaximized)
        self.opening = QLabel()
        self.opening.setObjectName("openingRecord")  # centred by the style sheet
        self.setCentralWidget(self.opening)
        self.retranslate()
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
        from returns_desk.ui.camera import PhotoTaker, open_frame_source
        from returns_desk.ui.condition import CONDITION_KEYS, ConditionMarker
        from returns_desk.ui.controller import DeskController
        from returns_desk.ui.demo_scanner import DemoScanner
        from returns_desk.ui.gc_pacer import GcPacer
        from returns_desk.ui.handover_pane import HandoverPane
        from returns_desk.ui.kinds import Screen
        from returns_desk.ui.language import LanguageSwitch
        from returns_desk.ui.scanner.burst import BurstRules
        from returns_desk.ui.scanner.input import ScannerInput
        from returns_desk.ui.slip_printing import SlipPrinting
        from returns_desk.ui.sound import SoundPlayer
        from returns_desk.ui.widgets.fe_list import FeListView

        assert not self._attached, "the desk is attached once"
        self._attached = True
        self.services = services
        settings = services.settings

        self.gc_pacer = GcPacer(parent=self)
        self.sound = SoundPlayer(enabled=settings.sounds, backend=sound_backend, parent=self)
        self.controller = c = DeskController(services, self.sound, self)
        self.desk_actions = a = Actions(self)
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
            reach=self._scanner_reach,
            parent=self,
        )
        self.held_scans: list[str] = []  # read while a dialog was in front: offered, F3 records
        self.quit_box: QMessageBox | None = None  # Ctrl+Q / close box, handovers open
        self.demo_scanner = DemoScanner(parent=self)
        self.serial_scanner: SerialInput | None = None  # a scanner in serial (COM port) mode
        if settings.scanner_port:  # pyserial and the reader load only then
            from returns_desk.ui.scanner.serial_input import SerialInput

            self.serial_scanner = SerialInput.from_settings(settings, parent=self)

        self.fe_list = FeListView()
        self.fe_list.setModel(c.fe_proxy)
        # narrower on a screen under 1366 pixels, so the handover keeps its width
        self.fe_list.setFixedWidth(370 if available_area(self).width() >= 1366 else 320)
        self.heading = heading = QLabel()
        heading.setObjectName("screenTitle")
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(heading)
        left.addWidget(self.fe_list, 1)
        self.pane = HandoverPane(c, a, rules, settings.duplicate_window_s)
        self.notice = self.pane.notice
        central = QWidget()
        central.setObjectName("screen")
        layout = QHBoxLayout(central)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(18)
        layout.addLayout(left)
        layout.addWidget(self.pane, 1)
        self.setCentralWidget(central)
        # (the opening label went with setCentralWidget)
        self.language = LanguageSwitch(
            services,
            self.pane.show_transient,
            persist=self.save_language and services.demo_parcels is None,
            parent=self,
        )
        self._build_menus()
        self._build_status_bar()
        self.admin = AdminMenu(self, self.admin_menu, services, self.pane.show_transient)
        self.slips = SlipPrinting(services, c, a, self.pane.show_transient, self)
        self.admin.applied.connect(self.apply_live_settings)
        self.conditions = ConditionMarker(
            services.engine, lambda: c.selected, self._condition_row, self
        )
        for action, condition in zip(a.conditions, CONDITION_KEYS, strict=True):
            action.triggered.connect(partial(self.conditions.mark, condition))
        a.remark.triggered.connect(self._on_remark_triggered)
        self.conditions.marked.connect(self.pane.show_transient)
        self.conditions.marked.connect(lambda *_: self.pane.show_selected())
        source, why = open_frame_source(settings.camera.device, settings.camera.resolution, self)
        self.photos = PhotoTaker(
            source,
            services.store,
            settings.terminal_id,
            self.conditions.parcel,
            unavailable=why,
            jobs=services.jobs,
            parent=self,
        )
        a.photo.triggered.connect(self._on_photo_triggered)
        a.claims.triggered.connect(self.open_claims)
        self.claims_dialog: ClaimsDialog | None = None
        a.site_board.setVisible(services.site_mode)  # site mode only
        a.site_board.setEnabled(services.site_mode)
        a.site_board.triggered.connect(self.open_site_board)
        self.site_board: SiteBoard | None = None
        c.site_changed.connect(self._show_site_status)
        self._show_site_status(c.site)
        self.photos.saved.connect(self.pane.show_transient)
        if settings.camera.auto_capture:
            self.conditions.condition_changed.connect(self._on_condition_changed)

        c.scan_shown.connect(self.pane.show_scan)
        c.scan_shown.connect(self.gc_pacer.activity)
        c.selection_changed.connect(self._on_controller_selection_changed)
        self.fe_list.selectionModel().selectionChanged.connect(self._on_fe_list_selection_changed)
        self.scanner.scanned.connect(self._on_scanner_scanned)
        self.scanner.burst_started.connect(self._on_scanner_burst_started)
        self.scanner.burst_finished.connect(self._on_scanner_burst_finished)
        self.scanner.caps_lock_suspected.connect(self.caps_warning.setVisible)
        self.scanner.held.connect(self._on_scanner_held)
        if self.serial_scanner is not None:
            self.serial_scanner.scanned.connect(self._on_serial_scanner_scanned)
            self.serial_scanner.burst_finished.connect(self._on_scanner_burst_finished)
            self.serial_scanner.status_changed.connect(self._on_serial_scanner_status_changed)
            self.pane.when_built(Screen.SCANNER_TEST, self._follow_serial_status)
        self.pane.when_built(Screen.SCANNING, self._wire_scanning)
        a.generate_start.triggered.connect(c.generate_start_otc)
        a.refresh.triggered.connect(c.refresh_now)
        a.move_scan.triggered.connect(c.move_last_scan)
        a.next_fe.triggered.connect(c.select_next)
        a.manual_entry.triggered.connect(self._on_manual_entry_triggered)
        a.find.triggered.connect(self._on_find_triggered)
        a.end_otc.triggered.connect(c.request_end_otc)
        a.complete.triggered.connect(c.complete)
        a.cancel.triggered.connect(self._on_cancel_triggered)
        a.scanner_test.triggered.connect(self._on_scanner_test_triggered)
        a.record_held.triggered.connect(self._on_record_held_triggered)
        a.open_pdf_folder.triggered.connect(self._on_open_pdf_folder_triggered)
        a.open_pdf_folder.setEnabled(bool(settings.pdf_dir))
        a.demo_sheet.triggered.connect(self._on_demo_sheet_triggered)
        a.demo_scan.triggered.connect(self._on_demo_scan_triggered)
        a.quit.triggered.connect(self.ask_to_quit)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # until shutdown(): log off never waits for a question
            app.commitDataRequest.connect(self._on_session_ending)
        demo = services.demo_parcels is not None
        a.demo_sheet.setEnabled(demo)
        a.demo_scan.setEnabled(demo)
        self.tick = QTimer(self)
        self.tick.setInterval(services.timings.tick_ms)
        self.tick.timeout.connect(self._on_tick_timeout)
        self.retranslate()
        self.show_selected()
        c.tick()  # the first notice (e.g. a terminal that is not set up)

    def changeEvent(self, event: QEvent) -> None:
        """A new catalogue installed (the language switch): every word again, at once."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The window's words in the language now installed; each screen does its own."""
        if not self._attached:
            self.setWindowTitle(self.tr("Returns Desk"))
            self.opening.setText(self.tr("Returns Desk\n\nOpening the dock record…"))
            return
        settings = self.services.settings
        title = self.tr("Returns Desk — %1 — terminal %2")
        title = title.replace("%1", settings.seller_location_id or "?")
        title = title.replace("%2", settings.terminal_id)
        demo = self.services.sandbox is not None
        self.setWindowTitle(title + (self.tr(" (demo)") if demo else ""))
        self.heading.setText(self.tr("At the dock"))
        self.desk_actions.retranslate()
        self.language.retranslate()
        self.admin.retranslate()
        self.slips.retranslate()
        self.desk_menu.setTitle(self.tr("&Desk"))
        self.handover_menu.setTitle(self.tr("&Handover"))
        self.admin_menu.setTitle(self.tr("&Admin"))
        if self.demo_menu is not None:
            self.demo_menu.setTitle(self.tr("De&mo"))
        self._retranslate_status_bar()
        self._show_site_status(self.controller.site)
        self.pane.retranslate()
        if self.fe_list.isVisible():  # a list not shown yet paints in the new words anyway
            # (and at start-up the first viewport() costs ~25 ms: PySide resolves every
            # widget class to find the type of a widget made in C++)
            self.fe_list.viewport().update()
        self.last_refresh.clear()  # the next tick writes it again

    def _build_menus(self) -> None:
        a = self.desk_actions
        self.desk_menu = desk = self.menuBar().addMenu("")
        for action in (a.refresh, a.next_fe, a.manual_entry, a.find, a.record_held, a.move_scan):
            desk.addAction(action)
        desk.addSeparator()
        desk.addAction(self.language.action)
        desk.addSeparator()
        desk.addAction(a.quit)
        self.handover_menu = handover = self.menuBar().addMenu("")
        for action in (a.generate_start, a.end_otc, a.print_slip, a.print_preview):
            handover.addAction(action)
        handover.addAction(a.open_pdf_folder)
        handover.addAction(a.session_history)
        handover.addAction(a.claims)
        handover.addAction(a.site_board)
        handover.addSeparator()
        condition = handover.addMenu(self.tr("Parcel &condition"))
        for action in (*a.conditions, a.remark, a.photo):
            condition.addAction(action)
        handover.addSeparator()
        for action in (a.complete, a.cancel):
            handover.addAction(action)
        self.admin_menu = self.menuBar().addMenu("")
        self.admin_menu.addAction(a.scanner_test)
        self.demo_menu = None
        if self.services.demo_parcels is not None:
            self.demo_menu = demo = self.menuBar().addMenu("")
            demo.addAction(a.demo_scan)
            demo.addAction(a.demo_sheet)

    def _build_status_bar(self) -> None:
        self.where = QLabel()
        self.caps_warning = QLabel()
        self.caps_warning.setObjectName("capsWarning")
        self.caps_warning.hide()
        self.serial_status = QLabel()
        self.serial_status.setObjectName("serialScanner")
        self.serial_status.hide()
        self.last_refresh = QLabel()
        self.site_status = QLabel()
        self.site_status.setObjectName("siteStatus")
        self.site_status.hide()
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.where)
        bar.addWidget(self.caps_warning)
        bar.addWidget(self.serial_status)
        self.demo_hint: QLabel | None = None
        if self.services.demo_parcels is not None:  # a newcomer has no scanner to hand yet
            self.demo_hint = QLabel()
            self.demo_hint.setObjectName("demoHint")
            bar.addWidget(self.demo_hint)
        bar.addPermanentWidget(self.site_status)
        bar.addPermanentWidget(self.last_refresh)
        bar.addPermanentWidget(self.language.button)
        # When everything shows at once (demo hint, Caps Lock, serial scanner) the texts are
        # cut at the right rather than the window growing wider than a 1366-pixel screen.
        for label in (self.where, self.caps_warning, self.serial_status, self.demo_hint):
            if label is not None:
                label.setMinimumWidth(80)

    def _retranslate_status_bar(self) -> None:
        settings = self.services.settings
        # the words "location" and "operator" are in the tooltip: the bar has room for values
        where = self.tr("%1 · Terminal %2")
        where = where.replace("%1", settings.seller_location_id or "?")
        where = where.replace("%2", settings.terminal_id)
        tip = self.tr("Location %1 · Terminal %2").replace("%1", settings.seller_location_id or "?")
        tip = tip.replace("%2", settings.terminal_id)
        if settings.operator_name:
            where += self.tr(" · %1").replace("%1", settings.operator_name)  # the clerk
            tip += "\n" + self.tr("Operator %1").replace("%1", settings.operator_name)
        self.where.setText(where)
        self.where.setToolTip(tip)
        self.caps_warning.setText(self.tr("Caps Lock on? Scans come in lower case"))
        if self.demo_hint is not None:
            self.demo_hint.setText(self.tr("DEMO · F12 pretends to scan a parcel"))

    # --- settings that apply at once ------------------------------------------------------

    LIVE_SETTINGS = (
        "printer_name", "paper", "page_size_name", "print_raw_escpos", "pdf_dir", "sounds",
        "operator_name", "scanner_min_length", "scanner_mean_gap_ms", "scanner_max_gap_ms",
        "duplicate_window_s",
    )  # fmt: skip

    @Slot(object)
    def apply_live_settings(self, saved: Settings) -> None:
        """What can change without a restart does: printing, PDFs, sounds, scanner timings.

        The slips read ``services.settings`` when they print, so the next F9 uses them.
        """
        from returns_desk.ui.scanner.burst import BurstRules

        live = {name: getattr(saved, name) for name in self.LIVE_SETTINGS}
        services = self.services
        services.settings = settings = services.settings.replace(**live)
        self.sound.enabled = settings.sounds
        self.controller.operator = settings.operator_name
        rules = BurstRules(
            settings.scanner_min_length, settings.scanner_mean_gap_ms, settings.scanner_max_gap_ms
        )
        self.scanner.set_rules(rules, settings.duplicate_window_s)
        self.desk_actions.open_pdf_folder.setEnabled(bool(settings.pdf_dir))
        self._retranslate_status_bar()

    @Slot()
    def _on_open_pdf_folder_triggered(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = self.services.settings.pdf_dir
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(folder))

    # --- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Install the scanner filter, resume open handovers, start polling and the clock.

        The desk's loops start last: their threads load what they need (requests, the
        hand-on's models) while the window already takes scans, not before everything here.
        """
        assert self._attached, "attach(services) first"
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.pane.prepare()  # the screens rendered once, in the next turns of the event loop
        self.gc_pacer.start()
        self.photos.start()
        self.scanner.install(app)
        if self.serial_scanner is not None:
            self.serial_scanner.start()
        self.admin.start()  # the disk check
        self.tick.start()
        self.services.start()

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
        self.photos.stop()
        self.scanner.uninstall()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.commitDataRequest.disconnect(self._on_session_ending)
        if self.serial_scanner is not None:
            self.serial_scanner.stop()  # returns at once: the read is cancelled, then joined
        self.controller.close()
        self.slips.close()
        self.admin.close()
        self.services.shutdown()
        self.gc_pacer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The close box and Alt+F4 ask like Ctrl+Q while a handover is open.

        Only a close from the window system is spontaneous (``QWidget.close()``,
        ``QApplication.quit()`` and ``closeAllWindows()`` are not), so code, tests and the app
        quitting close at once; so does every close once the desk is shut down (``aboutToQuit``,
        Windows ending the session) or the session has asked for its data (log off).
        """
        if (
            event.spontaneous()
            and not self._closed
            and not self._session_ending
            and self._open_handover_names()
        ):
            event.ignore()
            self.ask_to_quit()  # Quit closes again, by code: this time it goes through
            return
        self.shutdown()
        super().closeEvent(event)

    @Slot()
    def _on_session_ending(self) -> None:
        """Log off or shut down (``commitDataRequest``): nothing may hold it up, not even the
        question (every scan is saved already), so closes from then on never ask. Not undone
        if the log off is cancelled: one close box that does not ask loses nothing."""
        self._session_ending = True

    def _open_handover_names(self) -> list[str]:
        """The FEs whose handover is not completed yet: what quitting would leave open."""
        if not self._attached:
            return []
        from returns_desk.api.states import TaskState

        return [
            v.fe_name or v.fe_id
            for v in self.controller.views.values()
            if v.state is not TaskState.COMPLETED
        ]

    @Slot()
    def ask_to_quit(self) -> None:
        """Ctrl+Q (and the close box): closes at once when no handover is open; else asks
        first, Stay being the default of both Enter and Esc, so a stray key never closes the
        desk (nothing would be lost: every scan is saved, and open handovers are taken up at
        the next start)."""
        from PySide6.QtWidgets import QMessageBox

        names = self._open_handover_names()
        if not names:
            self.close()
            return
        if self.quit_box is not None and self.quit_box.isVisible():
            return
        text = self.tr("%n handover(s) open: %1.", "", len(names)).replace("%1", ", ".join(names))
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Quit Returns Desk?"))
        box.setText(self.tr("Quit Returns Desk?") + "\n\n" + text)
        box.setInformativeText(
            self.tr(
                "Nothing is lost: every scan is saved here, and the open handovers are taken "
                "up again when Returns Desk starts."
            )
        )
        stay = box.addButton(self.tr("Stay  (Enter / Esc)"), QMessageBox.ButtonRole.RejectRole)
        leave = box.addButton(self.tr("&Quit"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        stay.setFocus()
        box.finished.connect(lambda _: self._on_quit_box_finished(box, leave))
        self.quit_box = box
        box.open()

    def _on_quit_box_finished(self, box: QMessageBox, leave: QAbstractButton) -> None:
        quitting = box.clickedButton() is leave
        box.deleteLater()
        self.quit_box = None
        if quitting:
            self.close()
        else:
            self.activateWindow()  # the keys (and the scanner) back on the desk at once

    @Slot()
    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # --- what is shown -------------------------------------------------------------------

    def current_screen(self) -> Screen:
        from returns_desk.ui.kinds import Screen

        return self.pane.current_screen() if self._attached else Screen.OPENING

    def show_selected(self) -> None:
        self.pane.show_selected()

    @Slot()
    def _on_tick_timeout(self) -> None:
        from returns_desk.ui.texts import clock_text

        self.pane.update_clock_texts()
        self.pane.update_actions()
        self.slips.update()
        self.controller.tick()
        dock = self.controller.dock
        if dock is not None and dock.last_refreshed_at is not None:
            text = self.tr("Marketplace checked %1")
            text = text.replace("%1", clock_text(dock.last_refreshed_at))
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

    def _scanner_reach(self, window: QWindow) -> Reach:
        from returns_desk.ui.scanner.reach import reach_of

        return reach_of(self.windowHandle(), window)

    @Slot(str)
    def _on_scanner_held(self, raw: str) -> None:
        """A scan read while a dialog was in front: not recorded; F3 records it, Esc drops it."""
        from returns_desk.ui.controller import said
        from returns_desk.ui.kinds import BannerKind

        self.held_scans.append(raw)
        self.desk_actions.record_held.setEnabled(True)
        view = self.controller.selected_view()
        name = view.fe_name if view is not None else None
        held = len(self.held_scans)

        def words() -> tuple[str, str]:  # again in the new language after a switch
            who = name if name is not None else self.tr("the selected FE")
            detail = self.tr(
                "Read while another window was open. Close it, then F3: record %n held scan(s) "
                "for %1 · Esc: drop",
                "",
                held,
            ).replace("%1", who)
            return self.tr("HELD — NOT RECORDED"), detail

        feedback = said(words, kind=BannerKind.HELD, code=raw.strip(), recorded=False)
        self.sound.play("error")
        self.pane.show_scan(feedback)

    @Slot()
    def _on_record_held_triggered(self) -> None:
        held, self.held_scans = self.held_scans, []
        self.desk_actions.record_held.setEnabled(False)
        self.controller.scan_batch(held)

    def drop_held_scans(self) -> bool:
        """Esc: forget the held scans; True when there were some."""
        if not self.held_scans:
            return False
        self.held_scans = []
        self.desk_actions.record_held.setEnabled(False)
        self.pane.show_selected_banner(lambda: self.tr("Held scans dropped: nothing was recorded."))
        return True

    @Slot()
    def _on_scanner_test_triggered(self) -> None:
        """The scanner test is an admin screen: behind the admin PIN, when one is set."""
        from returns_desk.ui.admin.pin_dialog import PinDialog

        if self.current_screen() == "scanner_test":
            return
        pin_hash = self.services.settings.admin_pin_hash
        if not pin_hash:
            self.pane.show_scanner_test()
            return
        purpose = self.tr("Enter the admin PIN to open the scanner test.")
        dialog = PinDialog(pin_hash, self, purpose=purpose)
        dialog.accepted.connect(self.pane.show_scanner_test)
        dialog.finished.connect(dialog.deleteLater)
        self.pin_dialog = dialog  # for the tests
        dialog.open()

    @Slot(str)
    def _on_serial_scanner_scanned(self, raw: str) -> None:
        """A serial scanner's label comes whatever is in front: held while a dialog is."""
        from PySide6.QtGui import QGuiApplication

        in_front = QGuiApplication.focusWindow()
        if QApplication.activeModalWidget() is not None or (
            in_front is not None and in_front is not self.windowHandle()
        ):
            self._on_scanner_held(raw)
            return
        self._on_scanner_scanned(raw)

    @Slot(str)
    def _on_scanner_scanned(self, raw: str) -> None:
        if self.current_screen() == "scanner_test":  # Screen.SCANNER_TEST
            return  # the test screen shows bursts; nothing is recorded
        self.controller.scan(raw)

    @Slot()
    def _on_scanner_burst_started(self) -> None:
        self.services.engine.give_way_to_scans()

    @Slot(object)
    def _on_scanner_burst_finished(self, burst: Burst) -> None:
        self.pane.add_burst(burst)

    # the screens, by name (built when first asked for), for the tests and the screenshots
    @property
    def scanning(self) -> ScanningScreen:
        return self.pane.scanning

    @property
    def start_screen(self) -> StartOtcScreen:
        return self.pane.start_screen

    @property
    def end_screen(self) -> EndOtcScreen:
        return self.pane.end_screen

    @property
    def scanner_test(self) -> ScannerTestScreen:
        return self.pane.scanner_test

    def _wire_scanning(self, screen: QWidget) -> None:
        """The scanning screen's fields: a typed code is a scan, a remark goes on the parcel."""
        scanning = cast("ScanningScreen", screen)
        scanning.manual_entered.connect(self.controller.scan)
        scanning.remark_entered.connect(self.conditions.remark)

    def _follow_serial_status(self, screen: QWidget) -> None:
        """The scanner test shows the serial scanner's state: the one now, then each change."""
        serial = self.serial_scanner
        assert serial is not None
        test = cast("ScannerTestScreen", screen)
        test.set_serial_status(serial.state, serial.status_text)
        serial.status_changed.connect(test.set_serial_status)

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

    def _condition_row(self) -> tuple[ParcelTableModel, int] | None:
        """The parcel a condition key marks: the scanning table's selected row, or the End
        OTC screen's (its selected row, else the late scan it does not list)."""
        from returns_desk.ui.condition import source_row

        name = self.current_screen()
        if name == "scanning":  # shown, so built
            return source_row(self.pane.scanning.table)
        if name == "end":
            return self.pane.end_screen.marked_row()
        return None

    @Slot()
    def open_claims(self) -> ClaimsDialog:
        """The Claims view (one dialog, read again each time it is opened)."""
        from returns_desk.ui.claims_dialog import ClaimsDialog

        if self.claims_dialog is None:
            s = self.services
            self.claims_dialog = ClaimsDialog(s.store, s.settings, s.jobs, s.data_dir, parent=self)
        else:
            self.claims_dialog.reload()
        self.claims_dialog.open()
        return self.claims_dialog

    @Slot()
    def open_site_board(self) -> SiteBoard:
        """The site board (site mode): read-only, refreshed while it is open."""
        from returns_desk.ui.site_board import SiteBoard

        if self.site_board is None:
            self.site_board = SiteBoard(self.services, parent=self)
        else:
            self.site_board.refresh()
            self.site_board.timer.start()
        self.site_board.open()
        return self.site_board

    @Slot(object)
    def _show_site_status(self, status: SiteStatusChanged | None) -> None:
        """Site mode: with how many other terminals this one works, or that it works alone
        (amber, and since when); a single terminal shows nothing."""
        from returns_desk.site.events import SiteState

        label = self.site_status
        if status is None:
            label.hide()
            return
        if status.state is SiteState.ALONE:
            since = status.alone_since.astimezone().strftime("%H:%M") if status.alone_since else ""
            label.setText(self.tr("Site: working alone since %1").replace("%1", since))
            label.setProperty("alone", True)
            label.setToolTip(status.error.user_text if status.error else "")
        elif status.state is SiteState.CONNECTED:
            label.setText(self.tr("Site: %n other terminal(s)", "", len(status.terminals)))
            label.setProperty("alone", False)
            label.setToolTip(", ".join(status.terminals))
        else:
            label.setText(self.tr("Site: connecting…"))
            label.setProperty("alone", False)
        label.style().unpolish(label)
        label.style().polish(label)
        label.show()

    @Slot()
    def _on_photo_triggered(self) -> None:
        if self.current_screen() in ("scanning", "end"):
            self.photos.take()

    @Slot(int, str, str)
    def _on_condition_changed(self, session_id: int, code: str, condition: str) -> None:
        if condition != "good" and self.photos.available:
            self.photos.take((session_id, code))

    @Slot()
    def _on_remark_triggered(self) -> None:
        if self.current_screen() == "scanning":
            self.scanning.focus_remark(self.conditions.current_remark())

    @Slot()
    def _on_find_triggered(self) -> None:
        if self.current_screen() == "scanning":
            self.scanning.focus_filter()

    @Slot()
    def _on_cancel_triggered(self) -> None:
        """Esc: leave the scanner test, else disarm the End OTC warning, else clear a field."""
        if self.pane.leave_scanner_test() or self.drop_held_scans() or self.controller.cancel():
            return
        from returns_desk.ui.kinds import Screen

        focused = QApplication.focusWidget()
        if self.pane.built(Screen.SCANNING) is None:
            return
        for field in (self.scanning.manual, self.scanning.text_filter, self.scanning.remark):
            if focused is field:
                field.clear()
                self.fe_list.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    # --- demo ----------------------------------------------------------------------------

    @Slot()
    def _on_demo_sheet_triggered(self) -> None:
        from returns_desk.ui.demo_sheet import demo_groups, write_demo_sheet
        from returns_desk.ui.workers import JobKind

        parcels = self.services.demo_parcels
        if parcels is None:
            return
        names = {v.fe_id: v.fe_name for v in self.controller.views.values()}
        folder = Path(self.services.settings.pdf_dir or self.services.data_dir)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"returns-desk-demo-barcodes-{stamp}.pdf"
        groups = demo_groups(parcels, names)
        self.services.jobs.submit(
            JobKind.DEMO_SHEET,
            lambda: write_demo_sheet(path, groups),
            done=self._on_demo_sheet_written,
        )

    @Slot()
    def _on_demo_scan_triggered(self) -> None:
        """Demo: type a waiting parcel's id as a scanner would, through the real path."""
        handle = self.windowHandle()
        selected = self.controller.selected
        if handle is None or self.services.demo_parcels is None:
            return
        model = self.controller.models.get(selected) if selected is not None else None
        self.demo_scanner.type_code(handle, self.demo_scanner.pick(model))

    def _on_demo_sheet_written(self, done: JobDone) -> None:
        text = self.tr("Demo barcode sheet written to %1").replace("%1", str(done.result))
        self.pane.show_transient("info", text)
