"""The desk's logic on the GUI thread: which handover is selected, scans, actions, events.

It knows the desk and the models, never a widget: the main window connects its signals to
the screens. Everything it knows about the handovers comes from the desk's events, through
the one bridge (``ui/event_bridge.py``), in the order the core published them; it never
re-reads the record or the engine to learn what changed. A scan goes one way: scanner ->
``scan`` -> desk (engine, store commit, event) -> the bridge flushed at once -> table,
counts, banner and sound, within the same call; everything that talks to the network goes
to the job pool and reports back to the callbacks given with it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import msgspec
from PySide6.QtCore import QObject, Signal, Slot

from returns_desk.api.states import TaskState
from returns_desk.desk import LoopFailed
from returns_desk.errors import ReturnsDeskError, ScanningClosedError, ScanningNotStartedError
from returns_desk.handon.events import HandonWaiting
from returns_desk.site.events import SiteNotice, SiteState, SiteStatusChanged
from returns_desk.store.models import ScanResult
from returns_desk.ui.kinds import BannerKind, Screen
from returns_desk.ui.models.fe_model import SESSION_ROLE, FeListModel, FeSortProxy
from returns_desk.ui.models.parcel_model import ParcelTableModel
from returns_desk.ui.notices import Notice, compute_notice
from returns_desk.ui.parcel_feed import ParcelFeed
from returns_desk.ui.services import DeskServices
from returns_desk.ui.sound import SoundPlayer
from returns_desk.ui.texts import tr, verdict_detail, verdict_title
from returns_desk.ui.timers import single_shot
from returns_desk.ui.workers import JobCrashed, JobDone, JobFailed, JobKind, OnDone, OnFailed
from returns_desk.workflow.events import (
    DockStatus,
    DockStatusChanged,
    HandoverChanged,
    HandoverCompleted,
    HandoverTracked,
    ParcelNoted,
    ParcelsReported,
    ScanRecorded,
    ScansMerged,
    ScanWithdrawn,
)
from returns_desk.workflow.handover import HandoverView
from returns_desk.workflow.reconcile import Verdict

log = logging.getLogger(__name__)

SCANNABLE = (TaskState.SCANNING, TaskState.END_OTC)
# how long the notice bar says that another terminal leads an FE again (site mode)
SITE_NOTICE_S = 600.0


class ScanFeedback(msgspec.Struct, frozen=True, kw_only=True):
    """What the banner shows after a scan; ``recorded`` is False when nothing was stored."""

    kind: BannerKind
    title: str
    code: str
    detail: str
    recorded: bool
    session_id: int | None = None
    row: int | None = None  # the parcel model's row, to scroll to
    result: ScanResult | None = None
    # the title and the detail again, in the language installed now: a language switch
    # redraws the banner already on screen (None: the words stay as they are)
    words: Words | None = None
    #: the scan is in another open FE's list: the banner offers F1 (``movable``)
    offers_move: bool = False


# makes a banner's title and detail in the language installed when it is called
Words = Callable[[], tuple[str, str]]


def said(words: Words, **fields: Any) -> ScanFeedback:
    """A feedback whose title and detail come from ``words`` (and can be said again)."""
    title, detail = words()
    return ScanFeedback(title=title, detail=detail, words=words, **fields)


def _refused_words(exc: ReturnsDeskError) -> tuple[str, str]:
    """A scan the desk did not record: why, and what to do."""
    if isinstance(exc, ScanningClosedError):
        title = tr("SCANNING CLOSED")
    elif isinstance(exc, ScanningNotStartedError):
        title = tr("NOT RECORDED")
    else:
        title = tr("NOT RECORDED — SCAN AGAIN")
    return title, exc.user_text


def _not_moved_words(exc: ReturnsDeskError) -> tuple[str, str]:
    return tr("NOT MOVED"), exc.user_text


def _moved_words(fe_name: str, count: int) -> tuple[str, str]:
    if count == 1:
        return tr("MOVED"), tr("Now recorded for %1.").replace("%1", fe_name)
    return tr("MOVED"), tr("%n scans moved to the FEs whose lists they are in.", None, count)


def screen_for(view: HandoverView | None) -> Screen:
    """The screen of a handover: it follows the FE's real state and never goes back."""
    if view is None:
        return Screen.IDLE
    if view.end is not None or view.state in (TaskState.END_OTC, TaskState.COMPLETED):
        return Screen.END
    if view.state is TaskState.SCANNING:
        return Screen.SCANNING
    if view.state in (TaskState.START_OTC, TaskState.UNKNOWN):
        return Screen.START  # unknown: before anything the marketplace answered moved it on
    return Screen.IDLE


class DeskController(QObject):
    views_updated = Signal()
    scan_shown = Signal(object)  # ScanFeedback
    notice_changed = Signal(object)  # Notice | None
    selection_changed = Signal(object)  # session id | None
    site_changed = Signal(object)  # SiteStatusChanged

    def __init__(
        self, services: DeskServices, sound: SoundPlayer, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.engine, self.sound = services, services.engine, sound
        self.timings = services.timings
        self.operator = services.settings.operator_name
        self.fe_model = FeListModel(self)
        self.fe_proxy = FeSortProxy(self)
        self.fe_proxy.setSourceModel(self.fe_model)
        self.views: dict[int, HandoverView] = {}
        self.dock: DockStatus | None = None  # the last initial load's flags
        self.selected: int | None = None
        self.armed: int | None = None  # handover whose first F8 warned about discrepancies
        self.requesting: set[tuple[JobKind, int | None]] = set()
        self.job_error: ReturnsDeskError | None = None
        self.handon_waiting: HandonWaiting | None = None
        # site mode: working with the site database or alone, and what the clerk must hear
        self.site: SiteStatusChanged | None = services.site_status()
        self.site_notices: list[tuple[float, SiteNotice]] = []
        #: the last scan, when it belongs to another open handover: (from, code, to)
        #: the last scans that belong to another open handover: (from, code, to); F1 moves them
        self.movable: list[tuple[int, str, int]] = []
        self._in_batch = False  # recording held scans: their offers to move add up
        self._notice: Notice | None = None
        self._screens: dict[int, Screen] = {}

        self.feed = ParcelFeed(self.timings, self)
        services.bridge.delivered.connect(self._on_bridge_delivered)
        self._arm_timer = single_shot(self, self.cancel, self.timings.arm_timeout_ms)

    def close(self) -> None:
        self._arm_timer.stop()
        self.feed.stop()

    # --- selection ---------------------------------------------------------------------

    def selected_view(self) -> HandoverView | None:
        return None if self.selected is None else self.views.get(self.selected)

    def select(self, session_id: int | None) -> None:
        if session_id == self.selected:
            return
        self.selected = session_id
        self.armed = None
        self.job_error = None
        if session_id is not None:
            self.model_for(session_id)
        self.selection_changed.emit(session_id)
        self._update_notice()

    def select_next(self) -> None:
        ids = [
            self.fe_proxy.index(row, 0).data(SESSION_ROLE)
            for row in range(self.fe_proxy.rowCount())
        ]
        if ids:
            at = ids.index(self.selected) + 1 if self.selected in ids else 0
            self.select(ids[at % len(ids)])

    def screen(self) -> Screen:
        """The selected handover's screen; once on End OTC, never back to scanning."""
        view = self.selected_view()
        name = screen_for(view)
        if view is not None:
            if self._screens.get(view.session_id) is Screen.END:
                name = Screen.END
            self._screens[view.session_id] = name
        return name

    @property
    def models(self) -> dict[int, ParcelTableModel]:
        return self.feed.models

    def model_for(self, session_id: int) -> ParcelTableModel:
        return self.feed.model_for(session_id)

    # --- scanning ----------------------------------------------------------------------

    def _scan_target(self) -> HandoverView | None:
        """The handover the clerk selected, whatever its state (the engine refuses a
        completed one); with none selected, the only one at the dock that is scanning. A
        scan never goes to another FE than the one selected."""
        view = self.selected_view()
        if view is not None:
            return view
        candidates = [v for v in self.views.values() if v.state in SCANNABLE]
        if len(candidates) == 1:
            self.select(candidates[0].session_id)
            return candidates[0]
        return None

    @Slot(str)
    def scan(self, raw: str) -> ScanFeedback:
        """One scan or manual entry: commit, count, row, sound, banner, in that order."""
        target = self._scan_target()
        if target is None:
            feedback = said(
                lambda: (
                    tr("NOT RECORDED"),
                    tr(
                        "No field executive is scanning. Select the FE whose parcels these are "
                        "(F6)."
                    ),
                ),
                kind=BannerKind.ERROR,
                code=raw.strip(),
                recorded=False,
            )
            self.sound.play("error")
            self.scan_shown.emit(feedback)
            self.refresh_now()  # perhaps the FE has just started scanning
            return feedback
        session_id = target.session_id
        if not self._in_batch:
            self.movable = []
        try:
            event = self.services.desk.scan(session_id, raw, operator=self.operator)
        except ReturnsDeskError as exc:
            feedback = said(
                partial(_refused_words, exc),
                kind=BannerKind.ERROR,
                code=raw.strip(),
                recorded=False,
                session_id=session_id,
            )
            self.sound.play("error")
            self.scan_shown.emit(feedback)
            return feedback
        self.services.bridge.flush()  # this scan's event (and any before it), applied now
        row = self.model_for(session_id).row_of(event.verdict.code)
        feedback = self._feedback(event.verdict, session_id, row)
        owner = event.belongs_to
        if owner is not None:  # said, never silently moved: one key moves it
            self.movable.append((session_id, event.verdict.code, owner.session_id))
            here, there = target.fe_name, owner.fe_name

            def words() -> tuple[str, str]:
                detail = tr("Recorded for %1, but it is in %2's list. F1 moves it to %2.")
                return tr("IN ANOTHER FE'S LIST"), detail.replace("%1", here).replace("%2", there)

            title, detail = words()
            feedback = msgspec.structs.replace(
                feedback, title=title, detail=detail, words=words, offers_move=True
            )
            self.sound.play("error")
        else:
            self.sound.play_result(event.verdict.result)
        self.scan_shown.emit(feedback)
        return feedback

    def _refuse(self, raw: str, words: Words, session_id: int | None) -> ScanFeedback:
        feedback = said(
            words, kind=BannerKind.ERROR, code=raw.strip(), recorded=False, session_id=session_id
        )
        self.sound.play("error")
        self.scan_shown.emit(feedback)
        return feedback

    def scan_batch(self, raws: list[str]) -> None:
        """Scans recorded together (held while a dialog was open): each is shown in turn, and
        every one that belongs to another FE stays offered to F1, not only the last."""
        self.movable = []
        self._in_batch = True
        try:
            for raw in raws:
                self.scan(raw)
        finally:
            self._in_batch = False
        if len(self.movable) > 1:
            n = len(self.movable)
            feedback = said(
                lambda: (
                    tr("IN ANOTHER FE'S LIST"),
                    tr("%n of these scans are in other FEs' lists. F1 moves them there.", None, n),
                ),
                kind=BannerKind.NOT_YET_REPORTED,
                code="",
                recorded=True,
                session_id=self.movable[-1][0],
                offers_move=True,
            )
            self.scan_shown.emit(feedback)

    @Slot()
    def move_offer(self) -> Callable[[], str] | None:
        """The words of F1's button while scans wait to be moved (None: nothing to move):
        "Move to Asha Rao", or "Move 2 scans" to several FEs' lists."""
        pending = list(self.movable)
        if not pending:
            return None
        owners = {to for _, _, to in pending}
        if len(pending) == 1 or len(owners) == 1:
            view = self.views.get(pending[-1][2])
            name = view.fe_name if view is not None else ""
            if name:
                return lambda: tr("Move to %1").replace("%1", name)
        return lambda: tr("Move %n scans", None, len(pending))

    def move_last_scan(self) -> ScanFeedback | None:
        """F1: the last scans that belong to other open handovers go there."""
        pending, self.movable = self.movable, []
        feedback = None
        for from_sid, code, to_sid in pending:
            try:
                event = self.services.engine.move_scan(
                    from_sid, code, to_sid, operator=self.operator
                )
            except ReturnsDeskError as exc:
                return self._refuse(code, partial(_not_moved_words, exc), from_sid)
            self.services.bridge.flush()
            feedback = said(
                partial(_moved_words, event.view.fe_name, len(pending)),
                kind=BannerKind.of(event.verdict.result),
                code=code if len(pending) == 1 else "",
                recorded=True,
                session_id=from_sid,
                result=event.verdict.result,
            )
            self.sound.play_result(event.verdict.result)
        if feedback is not None:
            self.scan_shown.emit(feedback)
        return feedback

    def _feedback(self, verdict: Verdict, session_id: int, row: int | None) -> ScanFeedback:
        result, first = verdict.result, verdict.first_scanned_at
        return said(
            lambda: (verdict_title(result), verdict_detail(result, first)),
            kind=BannerKind.of(verdict.result),
            code=verdict.code or tr("(empty)"),
            recorded=True,
            session_id=session_id,
            row=row,
            result=verdict.result,
        )

    # --- actions -----------------------------------------------------------------------

    def can_generate(self) -> bool:
        view = self.selected_view()
        dock = self.dock
        return (
            view is not None
            and view.state in (TaskState.START_OTC, TaskState.UNKNOWN)  # the answer decides
            and (dock is None or dock.offers_generate_start_otc)
            and (JobKind.START_OTC, None) not in self.requesting
            and self.services.online
        )

    def can_end_otc(self) -> bool:
        view = self.selected_view()
        return (
            view is not None
            # Only the marketplace refuses (NOT_ON_END_OTC_PAGE_ERROR): while scanning, or
            # whatever it calls the state, the clerk may ask; not before the Start OTC.
            and (view.state is not TaskState.START_OTC or not view.status_understood)
            and view.state is not TaskState.COMPLETED
            and view.end is None
            and (JobKind.END_OTC, view.session_id) not in self.requesting
            and self.services.online
        )

    def can_complete(self) -> bool:
        view = self.selected_view()
        return (
            view is not None
            and view.end is not None
            and view.state is not TaskState.COMPLETED
            and (JobKind.COMPLETE, view.session_id) not in self.requesting
        )

    @Slot()
    def generate_start_otc(self) -> None:
        if self.can_generate():
            self.submit(JobKind.START_OTC, None, self.engine.generate_start_otc)

    @Slot()
    def request_end_otc(self) -> None:
        view = self.selected_view()
        if view is None or not self.can_end_otc():
            return
        problems = view.counts.waiting + view.counts.not_yet_reported
        if problems and self.armed != view.session_id:
            self.armed = view.session_id  # one-way step: warn first, F8 again to go on
            self._arm_timer.start()
            self.views_updated.emit()
            return
        self.armed = None
        self._arm_timer.stop()
        sid = view.session_id
        self.submit(JobKind.END_OTC, sid, lambda: self.engine.request_end_otc(sid))

    @Slot()
    def complete(self) -> None:
        view = self.selected_view()
        if view is not None and self.can_complete():
            sid = view.session_id
            self.submit(JobKind.COMPLETE, sid, lambda: self.engine.complete(sid))

    @Slot()
    def refresh_now(self) -> None:
        if not self.services.online or (JobKind.REFRESH, None) in self.requesting:
            return
        view = self.selected_view()
        sid = view.session_id if view is not None and view.state in SCANNABLE else None

        def refresh() -> None:
            self.engine.refresh()
            if sid is not None:
                self.engine.poll(sid)

        self.submit(JobKind.REFRESH, None, refresh)

    @Slot()
    def cancel(self) -> bool:
        """Esc: disarm the End OTC warning; True when there was something to cancel."""
        self._arm_timer.stop()
        if self.armed is None and self.job_error is None and self.handon_waiting is None:
            return False
        self.armed, self.job_error, self.handon_waiting = None, None, None
        self.views_updated.emit()
        self._update_notice()
        return True

    def submit(
        self,
        kind: JobKind,
        session_id: int | None,
        fn: Callable[[], object],
        *,
        done: OnDone | None = None,
        failed: OnFailed | None = None,
    ) -> None:
        """A one-off job the desk waits for: marked busy, and its failure shown as the notice.

        ``done``/``failed`` are the caller's own (e.g. the slip printer's), called after the
        desk's bookkeeping, on the GUI thread.
        """
        key = (kind, session_id)
        self.requesting.add(key)
        self.job_error = None

        def on_done(result: JobDone) -> None:
            self.requesting.discard(key)
            self.services.trigger()
            self.views_updated.emit()
            if done is not None:
                done(result)

        def on_failed(failure: JobFailed) -> None:
            self.requesting.discard(key)
            self.job_error = failure.error
            self.views_updated.emit()
            self._update_notice()
            if failed is not None:
                failed(failure)

        def on_crashed(crash: JobCrashed) -> None:
            log.error("background job %s failed:\n%s", crash.kind, crash.traceback)
            self.requesting.discard(key)
            self.views_updated.emit()

        self.services.jobs.submit(
            kind, fn, session_id=session_id, done=on_done, failed=on_failed, crashed=on_crashed
        )
        self.views_updated.emit()
        self._update_notice()

    def busy(self, kind: JobKind, session_id: int | None = None) -> bool:
        return (kind, session_id) in self.requesting

    # --- events --------------------------------------------------------------------------

    @Slot(list)
    def _on_bridge_delivered(self, events: list[object]) -> None:
        """Apply the desk's events in order; one redraw and one notice for the batch."""
        changed: dict[int, HandoverView] = {}
        for event in events:
            if isinstance(event, ScanRecorded | ParcelNoted):
                changed[event.view.session_id] = self._take_view(event.view)
                self.feed.apply_row(event.view.session_id, event.seq, event.row)
            elif isinstance(event, ParcelsReported | HandoverTracked | ScansMerged):
                changed[event.view.session_id] = self._take_view(event.view)
                self.feed.add_rows(event.view.session_id, event.seq, event.rows)
            elif isinstance(event, ScanWithdrawn):
                changed[event.view.session_id] = self._take_view(event.view)
                self.feed.withdraw(event.view.session_id, event.seq, event.code, event.row)
            elif isinstance(event, HandoverChanged | HandoverCompleted):
                changed[event.view.session_id] = self._take_view(event.view)
            elif isinstance(event, DockStatusChanged):
                self.dock = event.status
            elif isinstance(event, LoopFailed):
                self.job_error = event.error
            elif isinstance(event, HandonWaiting):
                self.handon_waiting = event
            elif isinstance(event, SiteStatusChanged):
                self.site = event
                self.site_changed.emit(event)
            elif isinstance(event, SiteNotice):
                self.site_notices.append((time.monotonic(), event))
        if changed:
            self.fe_model.set_views(tuple(changed.values()))
        if self.selected is None or self.selected not in self.views:
            self._auto_select()
        self.views_updated.emit()
        self._update_notice()

    def _take_view(self, view: HandoverView) -> HandoverView:
        self.views[view.session_id] = view
        self.feed.set_final(
            view.session_id, view.end is not None or view.state is TaskState.COMPLETED
        )
        return view

    def _auto_select(self) -> None:
        for row in range(self.fe_proxy.rowCount()):
            sid = self.fe_proxy.index(row, 0).data(SESSION_ROLE)
            view = self.views.get(sid)
            if view is not None and view.state is not TaskState.COMPLETED:
                self.select(sid)
                return

    # --- the notice bar ----------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: the notice's "next try in" and the like."""
        self._update_notice()

    def _update_notice(self) -> None:
        waiting = self.handon_waiting
        notes = self.services.settings_notes
        if waiting is not None:
            notes = (*notes, tr("Hand-on waits: %1").replace("%1", waiting.error.user_text))
        notes = (*notes, *self._site_lines())
        notice = compute_notice(
            self.dock,
            self.selected_view(),
            engine_now=time.monotonic(),
            startup_error=self.services.startup_error,
            settings_notes=notes,
            job_error=self.job_error,
        )
        if notice != self._notice:
            self._notice = notice
            self.notice_changed.emit(notice)

    def _site_lines(self) -> tuple[str, ...]:
        """Site mode: working alone (and why), and for a while after the site is back, which
        FEs another terminal leads again."""
        lines: list[str] = []
        if self.site is not None and self.site.state is SiteState.ALONE and self.site.error:
            # the clerk's words only; the driver's detail is in the status bar's tooltip
            lines.append(type(self.site.error)().user_text)
        now = time.monotonic()
        self.site_notices = [(t, n) for t, n in self.site_notices if now - t < SITE_NOTICE_S]
        for _, notice in self.site_notices[-2:]:
            lines.append(
                tr("Terminal %1 leads %2 now; the scans made here meanwhile are kept.")
                .replace("%1", notice.leader)
                .replace("%2", notice.fe_name)
            )
        return tuple(lines)

    @property
    def notice(self) -> Notice | None:
        return self._notice

    @property
    def skew_s(self) -> float | None:
        """The marketplace's clock minus ours, as last seen (OTC expiry is in its time)."""
        return self.dock.clock_skew_s if self.dock is not None else None
