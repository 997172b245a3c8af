"""The main window: the FEs at the dock on the left, the selected handover's screen on the right.

It only wires things together: the controller decides, the screens show, the scanner filter
feeds scans in, the actions carry the function keys.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from returns_desk.resources import resource_path
from returns_desk.ui.actions import Actions
from returns_desk.ui.controller import DeskController, ScanFeedback
from returns_desk.ui.demo_sheet import demo_groups, write_demo_sheet
from returns_desk.ui.gc_pacer import GcPacer
from returns_desk.ui.models.fe_model import SESSION_ROLE
from returns_desk.ui.notices import Notice
from returns_desk.ui.scanner.burst import Burst, BurstRules
from returns_desk.ui.scanner.input import ScannerInput
from returns_desk.ui.screens.end_otc import EndOtcScreen
from returns_desk.ui.screens.idle import IdleScreen
from returns_desk.ui.screens.scanner_test import ScannerTestScreen
from returns_desk.ui.screens.scanning import ScanningScreen
from returns_desk.ui.screens.start_otc import StartOtcScreen, marketplace_now
from returns_desk.ui.services import DeskServices
from returns_desk.ui.sound import Backend, SoundPlayer
from returns_desk.ui.texts import clock_text
from returns_desk.ui.theme import APP_ICON
from returns_desk.ui.widgets.banner import NoticeBar
from returns_desk.ui.widgets.fe_list import FeListView
from returns_desk.ui.workers import JobDone

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: DeskServices,
        *,
        scanner_clock: Callable[[], float] = time.monotonic,
        sound_backend: Backend | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        settings = services.settings
        self._closed = False
        self.setWindowIcon(QIcon(str(resource_path(APP_ICON))))
        title = self.tr("Returns Desk — %1 — terminal %2")
        title = title.replace("%1", settings.seller_location_id or "?")
        title = title.replace("%2", settings.terminal_id)
        self.setWindowTitle(title + (self.tr(" (demo)") if services.sandbox is not None else ""))
        self.resize(1600, 900)

        self.gc_pacer = GcPacer(parent=self)
        self.sound = SoundPlayer(enabled=settings.sounds, backend=sound_backend, parent=self)
        self.controller = DeskController(services, self.sound, self)
        self.actions = Actions(self)
        for action in self.actions.all():
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

        # --- layout ----------------------------------------------------------------------
        self.fe_list = FeListView()
        self.fe_list.setModel(self.controller.fe_proxy)
        self.fe_list.setMinimumWidth(400)
        self.fe_list.setMaximumWidth(460)
        heading = QLabel(self.tr("At the dock"))
        heading.setObjectName("screenTitle")
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(heading)
        left.addWidget(self.fe_list, 1)

        self.notice = NoticeBar()
        self.idle = IdleScreen()
        self.start_screen = StartOtcScreen(self.actions)
        self.scanning = ScanningScreen(self.actions)
        self.end_screen = EndOtcScreen(self.actions)
        self.scanner_test = ScannerTestScreen(self.actions, rules, settings.duplicate_window_s)
        self.stack = QStackedWidget()
        self.screens: dict[str, QWidget] = {
            "idle": self.idle,
            "start": self.start_screen,
            "scanning": self.scanning,
            "end": self.end_screen,
            "scanner_test": self.scanner_test,
        }
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self.notice)
        right.addWidget(self.stack, 1)
        central = QWidget()
        central.setObjectName("screen")
        layout = QHBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(18)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status_bar()

        # --- wiring ----------------------------------------------------------------------
        c = self.controller
        # Screens follow the controller in the next turn of the event loop (coalesced): applying
        # a snapshot and redrawing for it are then two short pieces of work, not one long one.
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._on_refresh_timeout)
        c.views_updated.connect(self._refresh.start)
        c.scan_shown.connect(self._on_controller_scan_shown)
        c.notice_changed.connect(self._on_controller_notice_changed)
        c.selection_changed.connect(self._on_controller_selection_changed)
        self.fe_list.selectionModel().selectionChanged.connect(self._on_fe_list_selection_changed)
        self.scanner.scanned.connect(self._on_scanner_scanned)
        self.scanner.burst_finished.connect(self._on_scanner_burst_finished)
        self.scanner.caps_lock_suspected.connect(self._on_scanner_caps_lock_suspected)
        self.scanning.manual_entered.connect(self._on_scanning_manual_entered)
        services.jobs.signals.succeeded.connect(self._on_jobs_succeeded)
        a = self.actions
        a.generate_start.triggered.connect(c.generate_start_otc)
        a.refresh.triggered.connect(c.refresh_now)
        a.next_fe.triggered.connect(self._on_next_fe_triggered)
        a.manual_entry.triggered.connect(self._on_manual_entry_triggered)
        a.find.triggered.connect(self._on_find_triggered)
        a.end_otc.triggered.connect(c.request_end_otc)
        a.complete.triggered.connect(c.complete)
        a.cancel.triggered.connect(self._on_cancel_triggered)
        a.scanner_test.triggered.connect(self._on_scanner_test_triggered)
        a.demo_sheet.triggered.connect(self._on_demo_sheet_triggered)
        a.quit.triggered.connect(self.close)
        self.tick = QTimer(self)
        self.tick.setInterval(services.timings.tick_ms)
        self.tick.timeout.connect(self._on_tick_timeout)
        self._banner_session: int | None = None
        self._bursts: deque[Burst] = deque(maxlen=50)  # for the scanner test screen
        self._clock_shown_for: tuple[str, int | None] = ("", None)
        self._transient = QTimer(self)
        self._transient.setSingleShot(True)
        self._transient.setInterval(8000)
        self._transient.timeout.connect(self._on_transient_timeout)
        self.show_selected()
        self.controller.tick()  # the first notice (e.g. a terminal that is not set up)

    def _build_menus(self) -> None:
        a = self.actions
        desk = self.menuBar().addMenu(self.tr("&Desk"))
        for action in (a.refresh, a.next_fe, a.manual_entry, a.find):
            desk.addAction(action)
        desk.addSeparator()
        desk.addAction(a.quit)
        handover = self.menuBar().addMenu(self.tr("&Handover"))
        for action in (a.generate_start, a.end_otc, a.print_slip, a.complete, a.cancel):
            handover.addAction(action)
        admin = self.menuBar().addMenu(self.tr("&Admin"))
        admin.addAction(a.scanner_test)
        if self.services.demo_parcels is not None:
            demo = self.menuBar().addMenu(self.tr("De&mo"))
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
        self.last_refresh = QLabel()
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.where)
        bar.addWidget(self.caps_warning)
        bar.addPermanentWidget(self.last_refresh)

    # --- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Install the scanner filter, resume open handovers, start polling and the clock."""
        app = QApplication.instance()
        assert app is not None
        self._prepare_screens()
        self.gc_pacer.start()
        self.scanner.install(app)
        self.services.start()
        self.tick.start()
        self.controller.pump.request()

    def _prepare_screens(self) -> None:
        """Render every screen once, off screen, before any FE arrives: the first switch to a
        screen then costs no style polish, layout or glyph rendering in the middle of work."""
        for screen in self.screens.values():
            if screen is not self.stack.currentWidget():
                screen.grab()

    def shutdown(self) -> None:
        """Stop everything once: scanner filter, timers, snapshot reads, worker, jobs, store."""
        if self._closed:
            return
        self._closed = True
        self.tick.stop()
        self._refresh.stop()
        self._transient.stop()
        self.scanner.uninstall()
        self.controller.close()
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

    # --- showing the selected handover ---------------------------------------------------

    def current_screen(self) -> str:
        widget = self.stack.currentWidget()
        return next(name for name, screen in self.screens.items() if screen is widget)

    @Slot()
    def _on_refresh_timeout(self) -> None:
        self.show_selected()

    def show_selected(self) -> None:
        """Show the selected handover on its screen, with its figures and actions."""
        self._refresh.stop()
        c = self.controller
        view = c.selected_view()
        name = c.screen()
        if self.current_screen() != "scanner_test":
            self.stack.setCurrentWidget(self.screens[name])
        if view is not None and self._banner_session != view.session_id:
            self._banner_session = view.session_id
            self.scanning.show_ready()
            self.end_screen.banner.show_result(
                "ready", self.tr("READY"), "", self.tr("Parcels found late can still be scanned.")
            )
        model = c.models.get(view.session_id) if view is not None else None
        self.scanning.set_source(model)
        self.end_screen.set_source(model if name == "end" else None)
        if view is None:
            if c.snapshot is not None and not c.views:
                self.idle.show_message(
                    self.tr("No field executive at the dock"),
                    self.tr("They appear here as soon as the marketplace lists them."),
                )
        elif name == "start":
            offers = c.snapshot.offers_generate_start_otc if c.snapshot is not None else True
            self.start_screen.show_view(view, offers)
        elif name == "scanning":
            self.scanning.header.show_view(view)
            self.scanning.show_counts(view.counts)
        elif name == "end":
            self.end_screen.show_view(
                view,
                armed=c.armed == view.session_id,
                requesting=("end", view.session_id) in c.requesting,
            )
        if (name, self._banner_session) != self._clock_shown_for:
            self._clock_shown_for = (name, self._banner_session)
            self._update_clock_texts()  # otherwise once a second, from the tick
        a = self.actions
        a.generate_start.setEnabled(c.can_generate() and self._start_expired_or_missing())
        a.end_otc.setEnabled(c.can_end_otc())
        a.complete.setEnabled(c.can_complete())
        a.demo_sheet.setEnabled(self.services.demo_parcels is not None)

    def _start_expired_or_missing(self) -> bool:
        view = self.controller.selected_view()
        if view is None or view.start_code is None:
            return True
        return view.start_code.expired(marketplace_now(self._skew()))

    def _skew(self) -> float | None:
        snap = self.controller.snapshot
        return snap.clock_skew_s if snap is not None else None

    def _update_clock_texts(self) -> None:
        c = self.controller
        view = c.selected_view()
        name = c.screen()
        if name == "start":
            self.start_screen.tick(marketplace_now(self._skew()))
        elif name == "scanning" and view is not None:
            next_in = (
                view.next_poll_at - time.monotonic() if view.next_poll_at is not None else None
            )
            offline = view.last_error is not None or (
                c.snapshot is not None and c.snapshot.last_refresh_error is not None
            )
            self.scanning.show_sync(
                view.last_synced_at, next_in, offline or not self.services.online
            )
        snap = c.snapshot
        if snap is not None and snap.last_refreshed_at is not None:
            text = self.tr("Marketplace checked %1").replace(
                "%1", clock_text(snap.last_refreshed_at)
            )
            if self.last_refresh.text() != text:
                self.last_refresh.setText(text)

    @Slot()
    def _on_tick_timeout(self) -> None:
        self._update_clock_texts()
        self.controller.tick()
        generate = self.controller.can_generate() and self._start_expired_or_missing()
        if generate != self.actions.generate_start.isEnabled():
            self.actions.generate_start.setEnabled(generate)

    @Slot(object)
    def _on_controller_scan_shown(self, feedback: ScanFeedback) -> None:
        self.gc_pacer.activity()
        if self._refresh.isActive():  # e.g. the scan selected the FE who is scanning
            self.show_selected()
        name = self.current_screen()
        banner = {"scanning": self.scanning.banner, "end": self.end_screen.banner}.get(name)
        if banner is None:  # no banner on this screen: say it in the notice bar
            self.show_transient("error", f"{feedback.title}: {feedback.code}. {feedback.detail}")
            return
        banner.show_result(feedback.kind, feedback.title, feedback.code, feedback.detail)
        view = self.controller.selected_view()
        if view is None or feedback.session_id != view.session_id:
            return
        if name == "scanning":
            self.scanning.show_counts(view.counts)
            if feedback.row is not None:
                self.scanning.scroll_to_source_row(feedback.row)
        else:
            self.end_screen.show_view(
                view,
                armed=self.controller.armed == view.session_id,
                requesting=("end", view.session_id) in self.controller.requesting,
            )

    def show_transient(self, level: str, text: str) -> None:
        """A notice of the moment (a refused scan, a file written), then back to the usual."""
        self.notice.show_notice(level, text)
        self._transient.start()

    @Slot()
    def _on_transient_timeout(self) -> None:
        self._on_controller_notice_changed(self.controller.notice)

    def report_bug(self, text: str) -> None:
        """An uncaught exception (a bug): logged by the hook, said calmly here."""
        self.show_transient(
            "error", self.tr("Internal error, logged for IT support: %1").replace("%1", text)
        )

    @Slot(object)
    def _on_controller_notice_changed(self, notice: Notice | None) -> None:
        if self._transient.isActive():
            return
        if notice is None:
            self.notice.clear()
        else:
            self.notice.show_notice(notice.level, notice.text)

    @Slot(object)
    def _on_controller_selection_changed(self, session_id: int | None) -> None:
        proxy = self.controller.fe_proxy
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            if index.data(SESSION_ROLE) == session_id:
                if self.fe_list.currentIndex() != index:
                    self.fe_list.setCurrentIndex(index)
                break
        self._refresh.start()

    @Slot(QItemSelection, QItemSelection)
    def _on_fe_list_selection_changed(
        self, selected: QItemSelection, deselected: QItemSelection
    ) -> None:
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
        if self.current_screen() == "scanner_test":
            self.scanner_test.add_burst(burst)
        else:
            self._bursts.append(burst)

    @Slot(bool)
    def _on_scanner_caps_lock_suspected(self, suspected: bool) -> None:
        self.caps_warning.setVisible(suspected)

    @Slot(str)
    def _on_scanning_manual_entered(self, text: str) -> None:
        self.controller.scan(text)

    @Slot()
    def _on_next_fe_triggered(self) -> None:
        self.controller.select_next()

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
        if self.current_screen() == "scanner_test":
            self.stack.setCurrentWidget(self.screens[self.controller.screen()])
            self.show_selected()
            return
        if self.controller.cancel():
            return
        focused = QApplication.focusWidget()
        for field in (self.scanning.manual, self.scanning.text_filter):
            if focused is field:
                field.clear()
                self.fe_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _on_scanner_test_triggered(self) -> None:
        """The test screen, with the bursts received while it was hidden (the last 50)."""
        if self.current_screen() == "scanner_test":
            return
        for burst in self._bursts:
            self.scanner_test.add_burst(burst)
        self._bursts.clear()
        self.stack.setCurrentWidget(self.scanner_test)

    @Slot()
    def _on_demo_sheet_triggered(self) -> None:
        parcels = self.services.demo_parcels
        if parcels is None:
            return
        names = {v.fe_id: v.fe_name for v in self.controller.views.values()}
        folder = Path(self.services.settings.pdf_dir or self.services.data_dir)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"returns-desk-demo-barcodes-{stamp}.pdf"
        groups = demo_groups(parcels, names)
        self.services.jobs.submit("demo_sheet", lambda: write_demo_sheet(path, groups))

    @Slot(object)
    def _on_jobs_succeeded(self, done: JobDone) -> None:
        if done.kind == "demo_sheet":
            self.show_transient(
                "info", self.tr("Demo barcode sheet written to %1").replace("%1", str(done.result))
            )

    def selected_index(self) -> QModelIndex:
        return self.fe_list.currentIndex()
