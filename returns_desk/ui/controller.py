"""The desk's logic on the GUI thread: which handover is selected, scans, actions, snapshots.

It knows the engine and the models, never a widget: the main window connects its signals
to the screens. A scan is handled here synchronously (commit, counts, row, sound) because
the clerk must see and hear the result within one frame; everything that talks to the
network goes to the job pool, and every read of the engine for the screens comes as a
snapshot from the pump.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from returns_desk.api.models import TaskState
from returns_desk.errors import ReturnsDeskError
from returns_desk.store.models import ScanResult
from returns_desk.ui.models.fe_model import SESSION_ROLE, FeListModel, FeSortProxy
from returns_desk.ui.models.parcel_model import ParcelTableModel
from returns_desk.ui.notices import Notice, compute_notice
from returns_desk.ui.parcel_feed import ParcelFeed
from returns_desk.ui.services import DeskServices
from returns_desk.ui.snapshot import DockSnapshot, ParcelWant, SnapshotPump
from returns_desk.ui.sound import SoundPlayer
from returns_desk.ui.texts import tr, verdict_detail, verdict_title
from returns_desk.ui.timers import single_shot
from returns_desk.ui.workers import JobCrashed, JobDone, JobFailed
from returns_desk.workflow.handover import HandoverView
from returns_desk.workflow.reconcile import Verdict

log = logging.getLogger(__name__)

SCANNABLE = (TaskState.SCANNING, TaskState.END_OTC)
BANNER_KIND = {
    ScanResult.MATCHED: "matched",
    ScanResult.DUPLICATE: "duplicate",
    ScanResult.NOT_YET_REPORTED: "not_yet_reported",
    ScanResult.UNEXPECTED: "unexpected",
    ScanResult.WRONG_LABEL: "wrong_label",
    ScanResult.INVALID: "invalid",
}


@dataclass(frozen=True)
class ScanFeedback:
    """What the banner shows after a scan; ``recorded`` is False when nothing was stored."""

    kind: str
    title: str
    code: str
    detail: str
    session_id: int | None
    row: int | None  # the parcel model's row, to scroll to
    recorded: bool
    result: ScanResult | None = None


def screen_for(view: HandoverView | None) -> str:
    """The screen of a handover: it follows the FE's real state and never goes back."""
    if view is None:
        return "idle"
    if view.end is not None or view.state in (TaskState.END_OTC, TaskState.COMPLETED):
        return "end"
    if view.state is TaskState.SCANNING:
        return "scanning"
    if view.state in (TaskState.START_OTC, TaskState.UNKNOWN):
        return "start"  # unknown: before anything the marketplace answered moved it on
    return "idle"


class DeskController(QObject):
    views_updated = Signal()
    scan_shown = Signal(object)  # ScanFeedback
    notice_changed = Signal(object)  # Notice | None
    selection_changed = Signal(object)  # session id | None

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
        self.snapshot: DockSnapshot | None = None
        self.selected: int | None = None
        self.scan_seq = 0
        self.armed: int | None = None  # handover whose first F8 warned about discrepancies
        self.requesting: set[tuple[str, int | None]] = set()
        self.job_error: ReturnsDeskError | None = None
        self._notice: Notice | None = None
        self._screens: dict[int, str] = {}

        self.pump = SnapshotPump(
            self.engine,
            wants=self._parcel_wants,
            scan_seq=self._current_scan_seq,
            min_interval_ms=self.timings.refresh_min_interval_ms,
            parent=self,
        )
        self.feed = ParcelFeed(self.timings, self.pump.request, self)
        self.pump.snapshot_ready.connect(self._on_pump_snapshot_ready)
        self.pump.read_failed.connect(self._on_pump_read_failed)
        services.bridge.changed.connect(self.pump.request)
        jobs = services.jobs.signals
        jobs.succeeded.connect(self._on_jobs_succeeded)
        jobs.failed.connect(self._on_jobs_failed)
        jobs.crashed.connect(self._on_jobs_crashed)
        if services.worker is not None:
            services.worker.failed.connect(self._on_worker_failed)
            services.worker.crashed.connect(self._on_worker_crashed)
        self._arm_timer = single_shot(self, self.cancel, self.timings.arm_timeout_ms)

    def close(self) -> None:
        self._arm_timer.stop()
        self.feed.stop()
        self.pump.close(self.timings.stop_timeout_ms)

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

    def screen(self) -> str:
        """The selected handover's screen; once on End OTC, never back to scanning."""
        view = self.selected_view()
        name = screen_for(view)
        if view is not None:
            if self._screens.get(view.session_id) == "end":
                name = "end"
            self._screens[view.session_id] = name
        return name

    @property
    def models(self) -> dict[int, ParcelTableModel]:
        return self.feed.models

    def model_for(self, session_id: int) -> ParcelTableModel:
        return self.feed.model_for(session_id)

    # --- scanning ----------------------------------------------------------------------

    def _scan_target(self) -> HandoverView | None:
        view = self.selected_view()
        if view is not None and view.state in SCANNABLE:
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
            feedback = ScanFeedback(
                "error",
                tr("NOT RECORDED"),
                raw.strip(),
                tr("No field executive is scanning. Select the FE whose parcels these are (F6)."),
                None,
                None,
                False,
            )
            self.sound.play("error")
            self.scan_shown.emit(feedback)
            self.refresh_now()  # perhaps the FE has just started scanning
            return feedback
        session_id = target.session_id
        try:
            verdict = self.engine.scan(session_id, raw, operator=self.operator)
        except ReturnsDeskError as exc:
            feedback = ScanFeedback(
                "error", tr("NOT RECORDED — SCAN AGAIN"), raw.strip(), exc.user_text,
                session_id, None, False,
            )  # fmt: skip
            self.sound.play("error")
            self.scan_shown.emit(feedback)
            return feedback
        self.scan_seq += 1
        view = self.engine.view(session_id)  # O(1): the counts this scan made
        self.views[session_id] = view
        self.fe_model.update_view(view)
        row = self.model_for(session_id).apply_verdict(verdict)
        feedback = self._feedback(verdict, session_id, row)
        self.sound.play_result(verdict.result)
        self.scan_shown.emit(feedback)
        return feedback

    def _feedback(self, verdict: Verdict, session_id: int, row: int | None) -> ScanFeedback:
        code = verdict.code or tr("(empty)")
        return ScanFeedback(
            BANNER_KIND[verdict.result],
            verdict_title(verdict.result),
            code,
            verdict_detail(verdict.result, verdict.first_scanned_at),
            session_id,
            row,
            True,
            verdict.result,
        )

    # --- actions -----------------------------------------------------------------------

    def can_generate(self) -> bool:
        view = self.selected_view()
        snap = self.snapshot
        return (
            view is not None
            and view.state in (TaskState.START_OTC, TaskState.UNKNOWN)  # the answer decides
            and (snap is None or snap.offers_generate_start_otc)
            and ("start", None) not in self.requesting
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
            and ("end", view.session_id) not in self.requesting
            and self.services.online
        )

    def can_complete(self) -> bool:
        view = self.selected_view()
        return (
            view is not None
            and view.end is not None
            and view.state is not TaskState.COMPLETED
            and ("complete", view.session_id) not in self.requesting
        )

    @Slot()
    def generate_start_otc(self) -> None:
        if self.can_generate():
            self.submit("start", None, self.engine.generate_start_otc)

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
        self.submit("end", sid, lambda: self.engine.request_end_otc(sid))

    @Slot()
    def complete(self) -> None:
        view = self.selected_view()
        if view is not None and self.can_complete():
            sid = view.session_id
            self.submit("complete", sid, lambda: self.engine.complete(sid))

    @Slot()
    def refresh_now(self) -> None:
        if not self.services.online or ("refresh", None) in self.requesting:
            return
        view = self.selected_view()
        sid = view.session_id if view is not None and view.state in SCANNABLE else None

        def refresh() -> None:
            self.engine.refresh()
            if sid is not None:
                self.engine.poll(sid)

        self.submit("refresh", None, refresh)

    @Slot()
    def cancel(self) -> bool:
        """Esc: disarm the End OTC warning; True when there was something to cancel."""
        self._arm_timer.stop()
        if self.armed is None and self.job_error is None:
            return False
        self.armed, self.job_error = None, None
        self.views_updated.emit()
        self._update_notice()
        return True

    def submit(self, kind: str, session_id: int | None, fn: object) -> None:
        """A one-off job the desk waits for: marked busy, and its failure shown as the notice."""
        self.requesting.add((kind, session_id))
        self.job_error = None
        self.services.jobs.submit(kind, fn, session_id)  # type: ignore[arg-type]
        self.views_updated.emit()
        self._update_notice()

    @Slot(object)
    def _on_jobs_succeeded(self, done: JobDone) -> None:
        self.requesting.discard((done.kind, done.session_id))
        self.services.trigger()
        self.pump.request()
        self.views_updated.emit()

    @Slot(object)
    def _on_jobs_failed(self, failed: JobFailed) -> None:
        self.requesting.discard((failed.kind, failed.session_id))
        self.job_error = failed.error
        self.pump.request()
        self.views_updated.emit()
        self._update_notice()

    @Slot(object)
    def _on_jobs_crashed(self, crashed: JobCrashed) -> None:
        log.error("background job %s failed:\n%s", crashed.kind, crashed.traceback)
        self.requesting.discard((crashed.kind, crashed.session_id))
        self.views_updated.emit()

    @Slot(object)
    def _on_worker_failed(self, error: ReturnsDeskError) -> None:
        self.job_error = error
        self._update_notice()

    @Slot(str)
    def _on_worker_crashed(self, text: str) -> None:
        log.error("the engine worker hit a bug:\n%s", text)

    # --- snapshots ---------------------------------------------------------------------

    def _current_scan_seq(self) -> int:
        return self.scan_seq

    def _parcel_wants(self) -> list[ParcelWant]:
        return self.feed.wants(self.views)

    @Slot(object)
    def _on_pump_snapshot_ready(self, snap: DockSnapshot) -> None:
        self.snapshot = snap
        if snap.scan_seq != self.scan_seq:
            self.pump.request()  # a scan came in meanwhile: these counts may be older
        else:
            self.views = {v.session_id: v for v in snap.views}
            self.fe_model.set_views(snap.views)
        self.feed.take(snap, self.views)
        if self.selected is None or self.selected not in self.views:
            self._auto_select()
        self.views_updated.emit()
        self._update_notice()

    def _auto_select(self) -> None:
        for row in range(self.fe_proxy.rowCount()):
            sid = self.fe_proxy.index(row, 0).data(SESSION_ROLE)
            view = self.views.get(sid)
            if view is not None and view.state is not TaskState.COMPLETED:
                self.select(sid)
                return

    @Slot(str)
    def _on_pump_read_failed(self, text: str) -> None:
        log.error("reading the engine for the screen failed:\n%s", text)

    # --- the notice bar ----------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: the notice's "next try in" and the like."""
        self._update_notice()

    def _update_notice(self) -> None:
        notice = compute_notice(
            self.snapshot,
            self.selected_view(),
            engine_now=time.monotonic(),
            startup_error=self.services.startup_error,
            settings_notes=self.services.settings_notes,
            job_error=self.job_error,
        )
        if notice != self._notice:
            self._notice = notice
            self.notice_changed.emit(notice)

    @property
    def notice(self) -> Notice | None:
        return self._notice

    @property
    def skew_s(self) -> float | None:
        """The marketplace's clock minus ours, as last seen (OTC expiry is in its time)."""
        return self.snapshot.clock_skew_s if self.snapshot is not None else None
