"""The right-hand side of the window: the calm notice bar and the selected handover's screen.

The screen follows the controller a turn of the event loop later (coalesced), so applying a
batch of events and redrawing for it are two short pieces of work rather than one long one;
a scan is shown at once.

The screens are built when first needed, not with the pane: only the idle screen and the
notice bar come before the desk is ready, and ``prepare()`` builds (and renders) the others
one per turn of the event loop right after, so the desk takes scans a tenth of a second
sooner (``bench/startup.py``). Whatever asks for a screen before that gets it built then.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from returns_desk.api.states import OtcMode, TaskState
from returns_desk.ui.actions import Actions
from returns_desk.ui.controller import DeskController, ScanFeedback
from returns_desk.ui.kinds import BannerKind, Screen
from returns_desk.ui.notices import Notice
from returns_desk.ui.scanner.burst import Burst, BurstRules
from returns_desk.ui.screens.idle import IdleScreen
from returns_desk.ui.screens.start_otc import marketplace_now
from returns_desk.ui.timers import single_shot
from returns_desk.ui.widgets.banner import NoticeBar, ResultBanner
from returns_desk.ui.widgets.basics import OfferButton
from returns_desk.ui.workers import JobKind
from returns_desk.workflow.handover import HandoverView

if TYPE_CHECKING:
    from returns_desk.ui.screens.end_otc import EndOtcScreen
    from returns_desk.ui.screens.scanner_test import ScannerTestScreen
    from returns_desk.ui.screens.scanning import ScanningScreen
    from returns_desk.ui.screens.start_otc import StartOtcScreen

#: the screens in the order they are built after the desk is ready (the likeliest first)
LAZY_SCREENS = (Screen.SCANNING, Screen.START, Screen.END, Screen.SCANNER_TEST)


class HandoverPane(QWidget):
    def __init__(
        self,
        controller: DeskController,
        actions: Actions,
        rules: BurstRules,
        duplicate_window_s: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller, self._actions = controller, actions
        self._rules, self._duplicate_window_s = rules, duplicate_window_s
        self.notice = NoticeBar()
        self.idle = IdleScreen()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.idle)
        self._built: dict[Screen, QWidget] = {Screen.IDLE: self.idle}
        self._hooks: dict[Screen, list[Callable[[QWidget], None]]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self._refresh = single_shot(self, self._on_refresh_timeout)
        self._transient = single_shot(self, self._on_transient_timeout, 8000)
        self._banner_session: int | None = None
        self._banner_stage: tuple[object, ...] | None = None
        self._scan_notice = False  # the notice bar shows a refused scan
        # the notice of the moment shown, to say it again after a language switch (None:
        # plain text, which cannot be)
        self._transient_words: Callable[[], str] | None = None
        self._clock_shown_for: tuple[Screen | None, int | None] = (None, None)
        controller.views_updated.connect(self._refresh.start)
        controller.selection_changed.connect(self._refresh.start)
        controller.notice_changed.connect(self._on_controller_notice_changed)

    # --- the screens, built when first needed ------------------------------------------

    def screen_named(self, name: Screen) -> QWidget:
        """The screen ``name``, built now if it was not yet."""
        widget = self._built.get(name)
        if widget is None:
            widget = self._build(name)
        return widget

    def built(self, name: Screen) -> QWidget | None:
        """The screen ``name`` if it is built (None: nothing to update on it yet)."""
        return self._built.get(name)

    def when_built(self, name: Screen, hook: Callable[[QWidget], None]) -> None:
        """Call ``hook(screen)`` once the screen exists: now, or when it is built."""
        widget = self._built.get(name)
        if widget is not None:
            hook(widget)
        else:
            self._hooks.setdefault(name, []).append(hook)

    @property
    def screens(self) -> dict[Screen, QWidget]:
        """Every screen by name (all of them built)."""
        for name in LAZY_SCREENS:
            self.screen_named(name)
        return dict(self._built)

    @property
    def start_screen(self) -> StartOtcScreen:
        return cast("StartOtcScreen", self.screen_named(Screen.START))

    @property
    def scanning(self) -> ScanningScreen:
        return cast("ScanningScreen", self.screen_named(Screen.SCANNING))

    @property
    def end_screen(self) -> EndOtcScreen:
        return cast("EndOtcScreen", self.screen_named(Screen.END))

    @property
    def scanner_test(self) -> ScannerTestScreen:
        return cast("ScannerTestScreen", self.screen_named(Screen.SCANNER_TEST))

    def _build(self, name: Screen) -> QWidget:
        widget: QWidget
        if name is Screen.START:
            from returns_desk.ui.screens.start_otc import StartOtcScreen

            widget = StartOtcScreen(self._actions, self.stack)
        elif name is Screen.SCANNING:
            from returns_desk.ui.screens.scanning import ScanningScreen

            widget = scanning = ScanningScreen(self._actions, self.stack)
            scanning.banner.set_offer(OfferButton(self._actions.move_scan))
        elif name is Screen.END:
            from returns_desk.ui.screens.end_otc import EndOtcScreen

            widget = end = EndOtcScreen(self._actions, self.stack)
            end.banner.set_offer(OfferButton(self._actions.move_scan))
        elif name is Screen.SCANNER_TEST:
            from returns_desk.ui.screens.scanner_test import ScannerTestScreen

            widget = ScannerTestScreen(
                self._actions, self._rules, self._duplicate_window_s, self.stack
            )
        else:
            raise ValueError(f"no screen {name!r}")
        self._built[name] = widget
        self.stack.addWidget(widget)
        view = self.controller.selected_view()
        if name is Screen.END and view is not None and view.session_id == self._banner_session:
            self._show_end_ready(view)  # as it would be, had it been built with the pane
        for hook in self._hooks.pop(name, []):
            hook(widget)
        return widget

    def retranslate(self) -> None:
        """Every screen's words again, then the selected handover drawn in them: the last
        scan's banner and the notice bar too, not only from the next scan or notice on."""
        for screen in self._built.values():  # one built later is made in the new words
            screen.retranslate()  # type: ignore[attr-defined]
        for model in self.controller.models.values():
            model.retranslate()
        for banner in self._banners():
            banner.retranslate()
        self._retranslate_notice()
        self.show_selected()
        self.update_clock_texts()

    def _retranslate_notice(self) -> None:
        """The notice bar in the new language: a notice of the moment said again (or, when
        it was plain text, ended early), and the desk's standing notice made anew."""
        if self._transient.isActive():
            if self._transient_words is not None:
                self.notice.show_notice(self.notice.level, self._transient_words())
            else:
                self._transient.stop()
        self.controller.tick()  # the standing notice, in the words now installed
        if not self._transient.isActive():
            self._on_controller_notice_changed(self.controller.notice)

    def stop(self) -> None:
        self._refresh.stop()
        self._transient.stop()

    def prepare(self) -> None:
        """Build and render every screen, off screen, before any FE arrives: the first switch
        to a screen then costs no building, style polish, layout or glyph rendering in the
        middle of work.

        One screen a turn of the event loop, from the next one on: the desk is ready for a
        scan at once, and a scan that comes meanwhile goes in between two screens.
        """
        waiting = list(LAZY_SCREENS)

        def render_next() -> None:
            if waiting:
                screen = self.screen_named(waiting.pop(0))
                if screen is not self.stack.currentWidget():
                    screen.grab()
                timer.start()

        timer = single_shot(self, render_next)
        timer.start()

    def _banner_on(self, name: Screen) -> ResultBanner | None:
        """The result banner of the screen ``name`` (the one shown: built), if it has one."""
        if name is Screen.SCANNING:
            return self.scanning.banner
        if name is Screen.END:
            return self.end_screen.banner
        return None

    def _banners(self) -> list[ResultBanner]:
        """The banners of the screens built so far (scanning, End OTC)."""
        screens = (self._built_scanning(), self._built_end())
        return [screen.banner for screen in screens if screen is not None]

    def _built_scanning(self) -> ScanningScreen | None:
        return cast("ScanningScreen | None", self._built.get(Screen.SCANNING))

    def _built_end(self) -> EndOtcScreen | None:
        return cast("EndOtcScreen | None", self._built.get(Screen.END))

    # --- the selected handover -----------------------------------------------------------

    @property
    def shown_session(self) -> int | None:
        """The handover whose figures the screens show now (the selection, a turn later)."""
        return self._banner_session

    def current_screen(self) -> Screen:
        widget = self.stack.currentWidget()
        return next(name for name, screen in self._built.items() if screen is widget)

    @Slot()
    def _on_refresh_timeout(self) -> None:
        self.show_selected()

    def show_selected(self) -> None:
        """Show the selected handover on its screen, with its figures and actions."""
        self._refresh.stop()
        c = self.controller
        view = c.selected_view()
        name = c.screen()
        if self.current_screen() is not Screen.SCANNER_TEST:
            self.stack.setCurrentWidget(self.screen_named(name))
        stage = None if view is None else (view.session_id, view.end is not None, view.state)
        if view is not None and stage != self._banner_stage:
            # Another FE, the End OTC in, or the handover complete: the last scan's banner
            # belongs to what came before and is not left over the code or the summary.
            scanning = self._built_scanning()
            if self._banner_session != view.session_id and scanning is not None:
                scanning.show_ready()
            self._banner_session, self._banner_stage = view.session_id, stage
            self._show_end_ready(view)
        model = c.models.get(view.session_id) if view is not None else None
        # a screen built later gets its source when it is shown (this method again)
        if (scanning := self._built_scanning()) is not None:
            scanning.set_source(model)
        if (end := self._built_end()) is not None:
            end.set_source(model if name is Screen.END else None)
        if view is None:
            if c.dock is not None and not c.views:
                self.idle.show_message(
                    self.tr("No field executive at the dock"),
                    self.tr("They appear here as soon as the marketplace lists them."),
                )
        elif name is Screen.START:
            dock = c.dock
            offers = dock.offers_generate_start_otc if dock is not None else True
            self.start_screen.show_view(view, offers, dock.otc_mode if dock else OtcMode.UNKNOWN)
        elif name is Screen.SCANNING:
            self.scanning.header.show_view(view)
            self.scanning.show_counts(view.counts)
        elif name is Screen.END:
            self._show_end(view.session_id)
        if (name, self._banner_session) != self._clock_shown_for:
            self._clock_shown_for = (name, self._banner_session)
            self.update_clock_texts()  # otherwise once a second, from the tick
        self.update_actions()

    def _show_end_ready(self, view: HandoverView) -> None:
        def words() -> tuple[str, str]:
            return self.tr("READY"), self._end_hint(view)

        end = self._built_end()
        if end is not None:  # else done when it is built
            end.banner.show_result(BannerKind.READY, *_title_code_detail(words), words=words)

    def _end_hint(self, view: HandoverView) -> str:
        if view.state is TaskState.COMPLETED:
            return self.tr("Handover complete.")
        if view.end is not None:
            return self.tr("The End OTC is in: read it out to the FE.")
        return self.tr("Parcels found late can still be scanned.")

    def _show_end(self, session_id: int) -> None:
        view = self.controller.views[session_id]
        self.end_screen.show_view(
            view,
            armed=self.controller.armed == session_id,
            requesting=self.controller.busy(JobKind.END_OTC, session_id),
        )
        model = self.controller.models.get(session_id)
        self.end_screen.show_noted(model.noted() if model is not None else [])

    def update_actions(self) -> None:
        c, a = self.controller, self._actions
        a.generate_start.setEnabled(c.can_generate() and self.start_expired_or_missing())
        a.end_otc.setEnabled(c.can_end_otc())
        a.complete.setEnabled(c.can_complete())

    def start_expired_or_missing(self) -> bool:
        view = self.controller.selected_view()
        if view is None or view.start_code is None:
            return True
        return view.start_code.expired(marketplace_now(self.controller.skew_s))

    def update_clock_texts(self) -> None:
        """The Start OTC countdown, or the last and next sync on the scanning screen."""
        c = self.controller
        view = c.selected_view()
        name = c.screen()
        if name is Screen.START:
            self.start_screen.tick(marketplace_now(c.skew_s))
        elif name is Screen.SCANNING and view is not None:
            next_in = (
                view.next_poll_at - time.monotonic() if view.next_poll_at is not None else None
            )
            offline = view.last_error is not None or (
                c.dock is not None and c.dock.last_refresh_error is not None
            )
            online = c.services.online
            self.scanning.show_sync(view.last_synced_at, next_in, offline or not online)

    # --- scans ---------------------------------------------------------------------------

    @Slot(object)
    def show_scan(self, feedback: ScanFeedback) -> None:
        """The banner, the counters and the table row of a scan, at once."""
        if self._refresh.isActive():  # e.g. the scan selected the FE who is scanning
            self.show_selected()
        name = self.current_screen()
        banner = self._banner_on(name)
        if banner is None:  # no banner on this screen: say it in the notice bar
            words, code = feedback.words, feedback.code
            if words is None:
                self.show_transient("error", f"{feedback.title}: {code}. {feedback.detail}")
            else:

                def line() -> str:
                    title, detail = words()
                    return f"{title}: {code}. {detail}"

                self.show_transient("error", line)
            self._scan_notice = True
            return
        if feedback.recorded and self._scan_notice:  # a refused scan's bar is old news now
            self._transient.stop()
            self._on_transient_timeout()
        banner.show_result(
            feedback.kind, feedback.title, feedback.code, feedback.detail, words=feedback.words
        )
        if feedback.offers_move:  # F1 as a button too: a gloved hand has a big target
            banner.show_offer(self.controller.move_offer())
        view = self.controller.selected_view()
        if view is None or feedback.session_id != view.session_id:
            return
        if name is Screen.SCANNING:
            self.scanning.show_counts(view.counts)
            if feedback.row is not None:
                self.scanning.scroll_to_source_row(feedback.row)
            else:  # nothing of this scan in the table (moved away, refused): no row is left
                # as the "selected parcel" a condition key would mark
                self.scanning.table.setCurrentIndex(QModelIndex())
                self.scanning.table.clearSelection()
        else:
            self._show_end(view.session_id)
            self.end_screen.select_scanned(feedback.row)

    def add_burst(self, burst: Burst) -> None:
        """Only while the test shows: what was typed on the desk before is nobody's business."""
        if self.current_screen() is Screen.SCANNER_TEST:
            self.scanner_test.add_burst(burst)

    def show_scanner_test(self) -> None:
        if self.current_screen() is not Screen.SCANNER_TEST:
            self.stack.setCurrentWidget(self.scanner_test)

    def show_selected_banner(self, detail: Callable[[], str]) -> None:
        """The banner back to READY on the screen shown, with a line of what just happened
        (``detail`` makes it in the language installed when called)."""
        banner = self._banner_on(self.current_screen())
        if banner is None:
            self.show_transient("info", detail)
            return

        def words() -> tuple[str, str]:
            return self.tr("READY"), detail()

        banner.show_result(BannerKind.READY, *_title_code_detail(words), words=words)

    def leave_scanner_test(self) -> bool:
        if self.current_screen() is not Screen.SCANNER_TEST:
            return False
        self.stack.setCurrentWidget(self.screen_named(self.controller.screen()))
        self.show_selected()
        return True

    # --- the notice bar ------------------------------------------------------------------

    def show_transient(self, level: str, text: str | Callable[[], str]) -> None:
        """A notice of the moment (a refused scan, a file written), then back to the usual.

        ``text`` may be a function that makes it in the language installed when called: a
        language switch then says it again in the new one.
        """
        self._scan_notice = False
        self._transient_words = None if isinstance(text, str) else text
        self.notice.show_notice(level, text if isinstance(text, str) else text())
        self._transient.start()

    @Slot()
    def _on_transient_timeout(self) -> None:
        self._on_controller_notice_changed(self.controller.notice)

    @Slot(object)
    def _on_controller_notice_changed(self, notice: Notice | None) -> None:
        if self._transient.isActive():
            return
        if notice is None:
            self.notice.clear()
        else:
            self.notice.show_notice(notice.level, notice.text)


def _title_code_detail(words: Callable[[], tuple[str, str]]) -> tuple[str, str, str]:
    """A READY banner's title, (no) code and detail, from its words."""
    title, detail = words()
    return title, "", detail
