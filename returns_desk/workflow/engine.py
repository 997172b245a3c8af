"""The handover engine: every FE at the dock, its poller, its reconciliation, its record.

Qt-free and thread-safe. The GUI calls ``scan`` on its own thread (no network, answered
from memory and committed to the store before it returns); a background loop calls
``run_due`` (initial-load refreshes and shipment polls); one-off jobs call
``generate_start_otc`` and ``request_end_otc``. Network calls never run under the
engine's lock, so a slow marketplace never delays a scan. Each thread gets its own API
client (one ``requests.Session`` per thread).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from returns_desk.api.client import ReturnsClient
from returns_desk.api.models import EndOtcDetails, Lob, SellerConfig, TaskState
from returns_desk.errors import (
    NotOnEndOtcPageError,
    ReturnsDeskError,
    ShipmentSyncError,
    TripsheetTaskNotFoundError,
)
from returns_desk.store import (
    CodeKind,
    Condition,
    HandoverCompletedError,
    ScanRecord,
    Session,
    Store,
)
from returns_desk.workflow.barcode import BarcodeRules, normalise
from returns_desk.workflow.handover import (
    EndReport,
    Handover,
    HandoverView,
    ParcelRow,
    StartCode,
    is_forward,
)
from returns_desk.workflow.reconcile import Reconciler, Verdict
from returns_desk.workflow.replay import replay_parcels

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineConfig:
    location_id: str
    terminal_id: str = "DOCK-1"
    poll_interval_s: float = 30.0
    refresh_interval_s: float = 30.0
    idle_refresh_interval_s: float = 300.0  # no returns expected today
    backoff_cap_s: float = 300.0
    page_size: int = 25
    end_otc_attempts: int = 3
    end_otc_retry_wait_s: float = 2.0
    clock_skew_warning_s: float = 60.0
    barcode_rules: BarcodeRules = field(default_factory=BarcodeRules)


def backoff_s(interval_s: float, failures: int, cap_s: float) -> float:
    """30 s, 60 s, 120 s ... capped: how long to wait after ``failures`` failures in a row."""
    if failures <= 0:
        return interval_s
    return min(cap_s, interval_s * 2 ** (failures - 1))


class DockEngine:
    """All handovers at one seller location."""

    def __init__(
        self,
        client_factory: Callable[[], ReturnsClient],
        store: Store,
        config: EngineConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
        on_change: Callable[[], None] | None = None,
        on_completed: Callable[[Store, int], object] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self._client_factory = client_factory
        self._clock, self._now, self._sleep = clock, now, sleep
        self._on_change = on_change
        self._on_completed = on_completed  # e.g. the hand-on outbox entries
        self._lock = threading.RLock()
        self._local = threading.local()
        self._clients: list[ReturnsClient] = []
        self._handovers: dict[int, Handover] = {}
        self.seller_config = SellerConfig()
        self.no_returns_today = False
        self.last_refresh_error: ReturnsDeskError | None = None
        self.last_refreshed_at: datetime | None = None
        self._refresh_failures = 0
        self._next_refresh_at = 0.0
        self._last_client: ReturnsClient | None = None

    # --- reading ---------------------------------------------------------------------

    def views(self) -> list[HandoverView]:
        """Every handover of this run, open ones first, by FE name."""
        with self._lock:
            handovers = list(self._handovers.values())
            return [
                h.view()
                for h in sorted(
                    handovers, key=lambda h: (h.state is TaskState.COMPLETED, h.fe_name.lower())
                )
            ]

    def view(self, session_id: int) -> HandoverView:
        with self._lock:
            return self._get(session_id).view()

    def parcels(self, session_id: int) -> list[ParcelRow]:
        """Every tracking id either side has seen for this handover, FE's order first."""
        with self._lock:
            handover = self._get(session_id)
            rec = handover.reconciler
            final = handover.end is not None or handover.state is TaskState.COMPLETED
            marks = handover.conditions
            return [
                ParcelRow(
                    code,
                    status,
                    rec.reported_at(code),
                    rec.first_scanned_at(code),
                    *marks.get(code, (Condition.GOOD, "")),
                )
                for code, status in rec.classification(final=final).items()
            ]

    @property
    def offers_generate_start_otc(self) -> bool:
        return self.seller_config.offers_generate_start_otc

    @property
    def clock_skew_s(self) -> float | None:
        """The marketplace's clock minus the terminal's, as last seen."""
        client = self._last_client
        return client.server_clock_offset_s if client is not None else None

    @property
    def clock_skew_warning(self) -> bool:
        skew = self.clock_skew_s
        return skew is not None and abs(skew) > self.config.clock_skew_warning_s

    # --- start-up -------------------------------------------------------------------

    def resume(self) -> int:
        """Rebuild every open handover of this location from the store; returns how many."""
        sessions = [
            s for s in self.store.open_sessions() if s.location_id == self.config.location_id
        ]
        with self._lock:
            for session in sessions:
                if session.id in self._handovers:
                    continue
                self._track(
                    session,
                    fe_name=session.fe_name,
                    logistic_partner=session.logistic_partner,
                    lob=Lob.parse(session.lob),
                    state=TaskState.parse(session.state),
                    state_raw=session.state,
                    present=False,  # until the next initial load lists the FE again
                )
        if sessions:
            self.store.log_event("resumed", handovers=len(sessions))
        self._changed()
        return len(sessions)

    def _track(
        self,
        session: Session,
        *,
        fe_name: str,
        logistic_partner: str,
        lob: Lob,
        state: TaskState,
        state_raw: str = "",
        present: bool = True,
    ) -> Handover:
        """Keep the handover of ``session``: its cursor and its record from the store."""
        handover = Handover(
            session_id=session.id,
            location_id=session.location_id,
            fe_id=session.fe_id,
            task_id=session.task_id,
            fe_name=fe_name,
            logistic_partner=logistic_partner,
            lob=lob,
            state=state,
            state_raw=state_raw,
            present=present,
            reconciler=Reconciler(self.config.barcode_rules),
            cursor=session.next_url,
            posted=session.shipments_posted,
            drained=session.drain_finished,
        )
        self._replay(handover)
        self._handovers[session.id] = handover
        return handover

    def _replay(self, handover: Handover) -> None:
        replay_parcels(self.store, handover.session_id, handover.reconciler)
        handover.conditions = {
            s.code: (s.condition, s.remark) for s in self.store.noted(handover.session_id)
        }
        for code in self.store.codes(handover.session_id):
            if code.kind is CodeKind.START and code.expiry_at is not None:
                handover.start_code = StartCode(code.otc, code.created_at, code.expiry_at)
            elif code.kind is CodeKind.END:
                handover.end = EndOtcDetails(
                    otc=code.otc,
                    totalScanned=code.total_scanned or 0,
                    obdEligible=code.obd_eligible or 0,
                    obdFailed=code.obd_failed or 0,
                    flyerEligible=code.flyer_eligible or 0,
                    flyerFailed=code.flyer_failed or 0,
                )

    # --- the background loop ---------------------------------------------------------

    def run_due(self) -> float:
        """Do whatever is due (refresh, polls); seconds until something is due again."""
        now = self._clock()
        if now >= self._next_refresh_at:
            self.refresh()
        with self._lock:
            due = [
                h.session_id
                for h in self._handovers.values()
                if h.needs_polling and not h.polling and h.next_poll_at <= self._clock()
            ]
        for session_id in due:
            self.poll(session_id)
        with self._lock:
            wake = [self._next_refresh_at] + [
                h.next_poll_at for h in self._handovers.values() if h.needs_polling
            ]
        return max(0.0, min(wake) - self._clock())

    def refresh(self) -> None:
        """Initial load: which FEs are here and where each is. Never raises expected errors."""
        config = self.config
        try:
            load = self._client().initial_load(config.location_id)
        except TripsheetTaskNotFoundError:
            self._refresh_done(idle=True)
            return
        except ReturnsDeskError as exc:
            self._refresh_failures += 1
            self.last_refresh_error = exc
            self._next_refresh_at = self._clock() + backoff_s(
                config.refresh_interval_s, self._refresh_failures, config.backoff_cap_s
            )
            self.store.log_event("initial_load_failed", code=exc.code, detail=exc.detail)
            self._changed()
            return
        with self._lock:
            self.seller_config = load.seller_config
            listed: set[int] = set()
            for fe_id, fe in load.fe_details.items():
                handover = self._handover_for(
                    fe_id, fe.task.id, fe.fe_name, fe.logistic_partner, fe.lob_raw, fe.task.state
                )
                listed.add(handover.session_id)
                handover.present = True
                handover.state_raw = fe.task.status_raw
                self._move(handover, fe.task.state)
            for handover in self._handovers.values():
                if handover.session_id not in listed and handover.present:
                    handover.present = False
                    if handover.end is not None:  # the FE verified the End OTC and left
                        self._move(handover, TaskState.COMPLETED)
        self._refresh_done(idle=False)

    def _refresh_done(self, *, idle: bool) -> None:
        self.no_returns_today = idle
        self.last_refresh_error = None
        self._refresh_failures = 0
        self.last_refreshed_at = self._now()
        interval = self.config.idle_refresh_interval_s if idle else self.config.refresh_interval_s
        self._next_refresh_at = self._clock() + interval
        self._changed()

    def _handover_for(
        self, fe_id: str, task_id: str, name: str, partner: str, lob_raw: str, state: TaskState
    ) -> Handover:
        """The handover of this FE and task, opened in the store on first sight."""
        for handover in self._handovers.values():
            if handover.fe_id == fe_id and handover.task_id == task_id:
                if name:
                    handover.fe_name = name
                return handover
        session = self.store.open_session(
            self.config.location_id,
            task_id,
            fe_id,
            state=state.value,
            fe_name=name,
            logistic_partner=partner,
            lob=lob_raw,
        )
        # a session the store already had (e.g. closed) keeps its record
        handover = self._track(
            session,
            fe_name=name or fe_id,
            logistic_partner=partner,
            lob=Lob.parse(lob_raw),
            state=state,
        )
        self.store.log_event("fe_arrived", session.id, fe_id=fe_id, task_id=task_id)
        return handover

    def _move(self, handover: Handover, new: TaskState) -> None:
        """Follow the FE forward; the marketplace's flow has no way back."""
        if new is handover.state:
            return
        if not is_forward(handover.state, new):
            if new is not TaskState.UNKNOWN:
                self.store.log_event(
                    "state_regression_ignored",
                    handover.session_id,
                    current=handover.state.value,
                    reported=new.value,
                )
            return
        if new is TaskState.COMPLETED:
            # Closing and queueing the hand-on is one transaction: both or neither.
            with self.store.transaction():
                self.store.close_session(handover.session_id, state=new.value)
                if self._on_completed is not None:
                    self._on_completed(self.store, handover.session_id)
            handover.state = new
            return
        self.store.set_state(handover.session_id, new.value)
        handover.state = new
        if handover.needs_polling:
            handover.next_poll_at = min(handover.next_poll_at, self._clock())

    # --- shipments ------------------------------------------------------------------

    def poll(self, session_id: int) -> ReturnsDeskError | None:
        """Fetch what the FE scanned since the cursor; drain full pages at once.

        Each page and its cursor are committed together before the next is asked for, so
        a crash at any point resumes from the last stored page and counts nothing twice.
        Returns the error that stopped it (the handover's backoff is set), or None.
        """
        with self._lock:
            handover = self._get(session_id)
            if handover.polling:
                return None
            handover.polling = True
            cursor, posted = handover.cursor, handover.posted
        client = self._client()
        page_size = self.config.page_size
        try:
            while True:
                if posted and cursor:
                    page = client.next_shipments(cursor)
                else:
                    page = client.first_shipments(handover.task_id, handover.fe_id, page_size)
                kept_cursor = page.next_url or (None if page.finished else cursor)
                new_ids = self.store.record_shipments_page(
                    session_id,
                    [s.fields for s in page.scanned_shipments],
                    kept_cursor,
                    page.finished,
                )
                with self._lock:
                    handover.posted, handover.cursor = True, kept_cursor
                    handover.reconciler.add_reported(new_ids, self._now())
                    handover.drained = page.finished
                    handover.last_synced_at = self._now()
                    handover.poll_failures, handover.last_error = 0, None
                posted, cursor = True, kept_cursor
                self._changed()
                full = len(page.scanned_shipments) >= page_size
                if page.finished or not page.next_url or not full:
                    break
        except ReturnsDeskError as exc:
            with self._lock:
                handover.poll_failures += 1
                handover.last_error = exc
                handover.next_poll_at = self._clock() + backoff_s(
                    self.config.poll_interval_s, handover.poll_failures, self.config.backoff_cap_s
                )
                handover.polling = False
            self.store.log_event("shipments_failed", session_id, code=exc.code, detail=exc.detail)
            self._changed()
            return exc
        with self._lock:
            handover.next_poll_at = self._clock() + self.config.poll_interval_s
            handover.polling = False
        return None

    # --- codes ---------------------------------------------------------------------

    def generate_start_otc(self) -> dict[int, StartCode]:
        """Start OTCs for every FE on the Start OTC page, kept in the store."""
        details = self._client().start_otc(self.config.location_id)
        received = self._now()
        codes: dict[int, StartCode] = {}
        with self._lock:
            for fe_id, otc in details.otc_details.items():
                handover = self._handover_for(
                    fe_id,
                    otc.task_id,
                    otc.fe_name,
                    otc.logistic_partner,
                    otc.lob_raw,
                    TaskState.START_OTC,
                )
                code = StartCode(otc.otc, otc.created_at, otc.expiry_time)
                if handover.start_code != code:
                    self.store.record_code(
                        handover.session_id,
                        CodeKind.START,
                        otc.otc,
                        created_at=otc.created_at,
                        expiry_at=otc.expiry_time,
                        received_at=received,
                    )
                    handover.start_code = code
                codes[handover.session_id] = code
        self._changed()
        return codes

    def request_end_otc(self, session_id: int) -> EndReport:
        """The End OTC, once the rules allow it: on the End OTC page, synced, drained."""
        with self._lock:
            handover = self._get(session_id)
            if handover.end is not None:
                return self.end_report(session_id)
        if handover.state is not TaskState.END_OTC:
            self.refresh()
        if handover.state is not TaskState.END_OTC:
            raise NotOnEndOtcPageError()
        end: EndOtcDetails | None = None
        for attempt in range(1, self.config.end_otc_attempts + 1):
            error = self.poll(session_id)  # the final drain
            if error is not None and attempt == self.config.end_otc_attempts:
                raise error
            try:
                end = self._client().end_otc(handover.fe_id, handover.task_id)
                break
            except ShipmentSyncError:
                self.store.log_event("end_otc_sync_retry", session_id, attempt=attempt)
                if attempt == self.config.end_otc_attempts:
                    raise
                self._sleep(self.config.end_otc_retry_wait_s)
            except NotOnEndOtcPageError:
                self.store.log_event("end_otc_refused_still_scanning", session_id)
                raise
        assert end is not None
        self.store.record_code(
            session_id,
            CodeKind.END,
            end.otc,
            received_at=self._now(),
            total_scanned=end.total_scanned,
            obd_eligible=end.obd_eligible,
            obd_failed=end.obd_failed,
            flyer_eligible=end.flyer_eligible,
            flyer_failed=end.flyer_failed,
        )
        with self._lock:
            handover.end = end
        self._changed()
        return self.end_report(session_id)

    def end_report(self, session_id: int) -> EndReport:
        with self._lock:
            handover = self._get(session_id)
            if handover.end is None:
                raise NotOnEndOtcPageError(message="There is no End OTC for this handover yet.")
            missing, unexpected = handover.reconciler.discrepancies()
            return EndReport(handover.view(), handover.end, missing, unexpected, handover.noted())

    def complete(self, session_id: int) -> None:
        """The clerk marks the handover complete (after the FE verified the End OTC)."""
        with self._lock:
            handover = self._get(session_id)
            if handover.end is None:
                raise NotOnEndOtcPageError(message="Get the End OTC before completing.")
            self._move(handover, TaskState.COMPLETED)
        self._changed()

    # --- the dock's scans ------------------------------------------------------------

    def scan(self, session_id: int, raw: str, *, operator: str = "") -> Verdict:
        """Classify one barcode and commit it to the store before the clerk sees the result."""
        code = normalise(raw, self.config.barcode_rules)
        now = self._now()
        with self._lock:
            handover = self._get(session_id)
            verdict = handover.reconciler.scan(code, now)
            try:
                self.store.record_scan(
                    session_id,
                    raw,
                    code,
                    verdict.result,
                    terminal=self.config.terminal_id,
                    operator=operator,
                    at=now,
                )
            except BaseException:
                handover.reconciler.forget(verdict)  # not acknowledged: not counted
                raise
        self._changed()
        return verdict

    def set_condition(
        self,
        session_id: int,
        tracking_id: str,
        condition: Condition | str,
        remark: str = "",
    ) -> ScanRecord:
        """Mark a received parcel's condition and remark; refused once completed.

        ``HandoverCompletedError`` after completion, ``ParcelNotReceivedError`` for a
        parcel not scanned here. The mark is committed before it is shown.
        """
        with self._lock:
            handover = self._get(session_id)
            if handover.state is TaskState.COMPLETED:
                raise HandoverCompletedError(self.store.path, f"session {session_id}")
            scan = self.store.set_condition(
                session_id, tracking_id, condition, remark, at=self._now()
            )
            if scan.noted:
                handover.conditions[scan.code] = (scan.condition, scan.remark)
            else:
                handover.conditions.pop(scan.code, None)
        self._changed()
        return scan

    # --- plumbing -------------------------------------------------------------------

    def close(self) -> None:
        """Close every API client this engine made (the store belongs to the caller)."""
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.close()

    def _client(self) -> ReturnsClient:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = self._client_factory()
            with self._lock:
                self._clients.append(client)
        self._last_client = client
        return client

    def _get(self, session_id: int) -> Handover:
        try:
            return self._handovers[session_id]
        except KeyError:
            raise KeyError(f"no handover with session id {session_id}") from None

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()
