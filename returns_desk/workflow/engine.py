"""The handover engine: every FE at the dock, its poller, its reconciliation, its record.

Qt-free and thread-safe. The GUI calls ``scan`` on its own thread (no network, answered
from memory and committed to the store before it returns); a background loop calls
``run_due`` (initial-load refreshes and shipment polls); one-off jobs call
``generate_start_otc`` and ``request_end_otc``. Network calls never run under the
engine's lock, so a slow marketplace never delays a scan. Each thread gets its own API
client (one ``requests.Session`` per thread).

Every change is published as a typed event (``workflow/events.py``) while the lock is held,
so subscribers see changes in the order they happened. Nothing whose cost grows with the
history runs under the lock: completing a handover only closes it and notes it in the event
log; the hand-on reacts to ``HandoverCompleted`` on its own thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from returns_desk.api.states import Lob, OtcMode, TaskState
from returns_desk.errors import (
    NotOnEndOtcPageError,
    RequestTimeoutError,
    ReturnsDeskError,
    ScanningClosedError,
    ScanningNotStartedError,
    ShipmentSyncError,
    TripsheetTaskNotFoundError,
)
from returns_desk.store import (
    CodeKind,
    Condition,
    HandoverCompletedError,
    ScanRecord,
    ScanResult,
    Session,
    Store,
)
from returns_desk.store.site_log import SCANS_IN, SHIPMENTS_IN, HandoverKey, mark_name
from returns_desk.workflow.barcode import BarcodeRules, check_raw_scan, normalise
from returns_desk.workflow.events import (
    DockStatus,
    DockStatusChanged,
    EngineEvent,
    HandoverChanged,
    HandoverCompleted,
    HandoverTracked,
    ParcelNoted,
    ParcelsReported,
    Publish,
    ScanRecorded,
    ScansMerged,
    ScanWithdrawn,
)
from returns_desk.workflow.handover import (
    EndReport,
    Handover,
    HandoverView,
    StartCode,
    is_forward,
)
from returns_desk.workflow.reconcile import ParcelRow, Reconciler
from returns_desk.workflow.replay import replay_parcels
from returns_desk.workflow.site_sync import SiteBatch, SiteGate, SiteHandover

if TYPE_CHECKING:  # requests and pydantic load with the first client, on the loop's thread
    from returns_desk.api.client import ReturnsClient
    from returns_desk.api.models import EndOtcDetails

log = logging.getLogger(__name__)
_E = TypeVar("_E", bound=EngineEvent)

#: The event-log entry written in the transaction that completes a handover: the hand-on
#: finds completions it has not queued yet from these, after a crash too.
COMPLETED_EVENT = "handover_completed"


class EngineConfig(msgspec.Struct, frozen=True):
    location_id: str
    terminal_id: str = "DOCK-1"
    poll_interval_s: float = 30.0
    refresh_interval_s: float = 30.0
    idle_refresh_interval_s: float = 300.0  # no returns expected today
    backoff_cap_s: float = 300.0
    page_size: int = 25
    end_otc_attempts: int = 3
    end_otc_retry_wait_s: float = 2.0
    #: how long End OTC waits for a drain already under way (a poll's own calls time out)
    drain_wait_s: float = 120.0
    clock_skew_warning_s: float = 60.0
    barcode_rules: BarcodeRules = msgspec.field(default_factory=BarcodeRules)


def backoff_s(interval_s: float, failures: int, cap_s: float) -> float:
    """30 s, 60 s, 120 s ... capped: how long to wait after ``failures`` failures in a row."""
    if failures <= 0:
        return interval_s
    return min(cap_s, interval_s * 2.0 ** (failures - 1))


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
        publish: Publish | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self._client_factory = client_factory
        self._clock, self._now, self._sleep = clock, now, sleep
        self._publish = publish
        self._seq = 0  # numbers the events: a screen applies a row only if it is newer
        self._quiet_until = 0.0  # engine clock: drains pause between pages until then
        self._lock = threading.RLock()
        #: notified whenever a poll ends, so a caller can wait for a drain under way
        self._poll_ended = threading.Condition(self._lock)
        self._local = threading.local()
        self._clients: list[ReturnsClient] = []
        self._handovers: dict[int, Handover] = {}
        #: the seller's OTC configuration (``sellerConfig.enabledFor``) of the last initial load
        self.otc_mode = OtcMode.UNKNOWN
        self.no_returns_today = False
        self.last_refresh_error: ReturnsDeskError | None = None
        self.last_refreshed_at: datetime | None = None
        self._refresh_failures = 0
        self._next_refresh_at = 0.0
        self._last_client: ReturnsClient | None = None
        self._site: SiteGate | None = None  # site mode: who polls which FE

    def attach_site(self, gate: SiteGate) -> None:
        """Site mode: poll an FE's shipments only while ``gate`` says this terminal leads it."""
        self._site = gate

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

    def parcels(self, session_id: int) -> tuple[ParcelRow, ...]:
        """Every tracking id either side has seen for this handover, FE's order first.

        O(parcels) under the lock: for tools and tests. Screens get their rows from the
        events instead (``HandoverTracked``, ``ParcelsReported``, ``ScanRecorded``).
        """
        with self._lock:
            handover = self._get(session_id)
            return self._rows(handover)

    def status(self) -> DockStatus:
        """The dock-wide flags of the last initial load."""
        return DockStatus(
            offers_generate_start_otc=self.offers_generate_start_otc,
            no_returns_today=self.no_returns_today,
            last_refresh_error=self.last_refresh_error,
            last_refreshed_at=self.last_refreshed_at,
            clock_skew_s=self.clock_skew_s,
            clock_skew_warning=self.clock_skew_warning,
            otc_mode=self.otc_mode,
        )

    @property
    def offers_generate_start_otc(self) -> bool:
        return self.otc_mode.offers_generate_start_otc

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
        """Rebuild every open handover of this location from the store; returns how many.

        The record is replayed before the lock is taken: scans never wait for a replay.
        """
        sessions = [
            s for s in self.store.open_sessions() if s.location_id == self.config.location_id
        ]
        built = [
            self._build(
                session,
                fe_name=session.fe_name,
                logistic_partner=session.logistic_partner,
                lob=Lob.parse(session.lob),
                state=TaskState.parse(session.state),
                state_raw=session.state,
                present=False,  # until the next initial load lists the FE again
            )
            for session in sessions
        ]
        rows = [self._rows(handover) for handover in built]  # not yet shared: no lock
        with self._lock:
            for handover, its_rows in zip(built, rows, strict=True):
                if handover.session_id not in self._handovers:
                    self._register(handover, its_rows)
            self._emit_status()
        if sessions:
            self.store.log_event("resumed", handovers=len(sessions))
        return len(sessions)

    def _register(self, handover: Handover, rows: tuple[ParcelRow, ...]) -> None:
        """Follow ``handover`` from now on and tell the screens its parcels (under the lock).

        ``rows``: its parcels, classified before the lock where the caller could (resume)."""
        self._handovers[handover.session_id] = handover
        self._emit(HandoverTracked, view=handover.view(), rows=rows)

    def _build(
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
        """A handover of ``session`` with its cursor and its record replayed from the store."""
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
                # the wire model: loaded here, on a resumed End OTC, not on every start
                from returns_desk.api.models import EndOtcDetails

                handover.end = EndOtcDetails(
                    otc=code.otc,
                    total_scanned=code.total_scanned or 0,
                    obd_eligible=code.obd_eligible or 0,
                    obd_failed=code.obd_failed or 0,
                    flyer_eligible=code.flyer_eligible or 0,
                    flyer_failed=code.flyer_failed or 0,
                )

    # --- the background loop ---------------------------------------------------------

    def run_due(self) -> float:
        """Do whatever is due (refresh, polls); seconds until something is due again."""
        now = self._clock()
        if now >= self._next_refresh_at:
            self.refresh()
        with self._lock:
            due = [
                h
                for h in self._handovers.values()
                if h.needs_polling and not h.polling and h.next_poll_at <= self._clock()
            ]
            due_ids = []
            for h in due:
                if self._site is None or self._site.may_poll(self._key(h)):
                    due_ids.append(h.session_id)
                else:  # another terminal polls this FE; its pages come from the site
                    h.next_poll_at = self._clock() + self.config.poll_interval_s
                    self._emit_view(h)  # the card's "next in" follows
        for session_id in due_ids:
            self.poll(session_id)
        with self._lock:
            wake = [self._next_refresh_at] + [
                h.next_poll_at for h in self._handovers.values() if h.needs_polling
            ]
        return max(0.0, min(wake) - self._clock())

    def refresh(self) -> ReturnsDeskError | None:
        """Initial load: which FEs are here and where each is.

        Never raises expected errors: returns the one that stopped it (also kept in
        ``last_refresh_error``), so a caller can say what actually failed.
        """
        config = self.config
        try:
            load = self._client().initial_load(config.location_id)
        except TripsheetTaskNotFoundError:
            self._refresh_done(idle=True)
            return None
        except ReturnsDeskError as exc:
            self._refresh_failures += 1
            self.last_refresh_error = exc
            self._next_refresh_at = self._clock() + backoff_s(
                config.refresh_interval_s, self._refresh_failures, config.backoff_cap_s
            )
            self.store.log_event("initial_load_failed", code=exc.code, detail=exc.detail)
            with self._lock:
                self._emit_status()
            return exc
        with self._lock:
            self.otc_mode = load.seller_config.enabled_for
            listed: set[int] = set()
            for fe_id, fe in load.fe_details.items():
                handover = self._handover_for(
                    fe_id,
                    fe.task.id,
                    fe.fe_name,
                    fe.logistic_partner,
                    fe.lob_raw,
                    fe.task.state,
                    fe.task.status_raw,
                )
                listed.add(handover.session_id)
                before = handover.view()
                handover.present = True
                handover.state_raw = fe.task.status_raw
                self._move(handover, fe.task.state)
                self._emit_if_changed(handover, before)
            for handover in list(self._handovers.values()):
                if handover.session_id not in listed and handover.present:
                    handover.present = False
                    if handover.end is not None:  # the FE verified the End OTC and left
                        self._move(handover, TaskState.COMPLETED)
                    else:
                        self._emit_view(handover)
        self._refresh_done(idle=False)
        return None

    def _refresh_done(self, *, idle: bool) -> None:
        self.no_returns_today = idle
        self.last_refresh_error = None
        self._refresh_failures = 0
        self.last_refreshed_at = self._now()
        interval = self.config.idle_refresh_interval_s if idle else self.config.refresh_interval_s
        self._next_refresh_at = self._clock() + interval
        with self._lock:
            self._emit_status()

    def _handover_for(
        self,
        fe_id: str,
        task_id: str,
        name: str,
        partner: str,
        lob_raw: str,
        state: TaskState,
        state_raw: str = "",
    ) -> Handover:
        """The handover of this FE and task, opened in the store on first sight (its first
        event already carries the marketplace's own words for the status)."""
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
        handover = self._build(
            session,
            fe_name=name or fe_id,
            logistic_partner=partner,
            lob=Lob.parse(lob_raw),
            state=state,
            state_raw=state_raw,
        )
        self._register(handover, self._rows(handover))
        self.store.log_event("fe_arrived", session.id, fe_id=fe_id, task_id=task_id)
        return handover

    def _move(self, handover: Handover, new: TaskState) -> None:
        """Follow the FE forward; the marketplace's flow has no way back.

        Publishes ``HandoverCompleted`` on completion; other moves are published by the
        caller, with whatever else changed at the same time.
        """
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
            # Closed and noted for the hand-on in one transaction: O(1), whatever the
            # history; the hand-on queues its entries on its own thread from the event.
            with self.store.transaction():
                self.store.close_session(handover.session_id, state=new.value)
                self.store.log_event(COMPLETED_EVENT, handover.session_id)
            handover.state = new
            self._emit(HandoverCompleted, view=handover.view())
            return
        self.store.set_state(handover.session_id, new.value)
        handover.state = new
        if handover.needs_polling:
            handover.next_poll_at = min(handover.next_poll_at, self._clock())

    # --- shipments ------------------------------------------------------------------

    def poll(self, session_id: int, *, wait_s: float = 0.0) -> ReturnsDeskError | None:
        """Fetch what the FE scanned since the cursor; drain full pages at once.

        Each page and its cursor are committed together before the next is asked for, so
        a crash at any point resumes from the last stored page and counts nothing twice.
        A page with ``has_more`` false and ``next_url`` null means scanning is complete
        (the documents): the list is drained and nothing is fetched again; the cursor that
        read that last page is kept, so that if the marketplace ever says otherwise (a
        SHIPMENT_SYNC_ERROR) only that page is read again, never the list from its start.
        One drain per handover: when another thread's poll is under way, this one returns
        at once, or with ``wait_s`` waits that long for it to end and then drains the rest.
        Returns the error that stopped it (the handover's backoff is set), or None.
        """
        with self._lock:
            handover = self._get(session_id)
            if handover.polling:
                if wait_s <= 0:
                    return None
                handover.drain_waiters += 1
                try:
                    ended = self._poll_ended.wait_for(lambda: not handover.polling, wait_s)
                finally:
                    handover.drain_waiters -= 1
                if not ended:
                    return RequestTimeoutError(
                        f"the shipments sync under way did not end within {wait_s:g} s"
                    )
            if handover.drained:
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
                kept_cursor = page.next_url or cursor
                new_ids = self.store.record_shipments_page(
                    session_id,
                    [s.fields for s in page.scanned_shipments],
                    kept_cursor,
                    page.finished,
                )
                with self._lock:
                    handover.posted, handover.cursor = True, kept_cursor
                    handover.poll_failures, handover.last_error = 0, None
                    self._take_reported(handover, new_ids, page.finished)
                posted, cursor = True, kept_cursor
                full = len(page.scanned_shipments) >= page_size
                if page.finished or not page.next_url or not full:
                    break
                self._give_way()  # a scan arriving goes first; the next page waits a moment
        except ReturnsDeskError as exc:
            with self._lock:
                handover.poll_failures += 1
                handover.last_error = exc
                handover.next_poll_at = self._clock() + backoff_s(
                    self.config.poll_interval_s, handover.poll_failures, self.config.backoff_cap_s
                )
                handover.polling = False
                self._poll_ended.notify_all()
                self._emit_view(handover)
            self.store.log_event("shipments_failed", session_id, code=exc.code, detail=exc.detail)
            return exc
        except BaseException:
            with self._lock:
                handover.polling = False
                self._poll_ended.notify_all()
            raise
        with self._lock:
            handover.next_poll_at = self._clock() + self.config.poll_interval_s
            handover.polling = False
            self._poll_ended.notify_all()
            self._emit_view(handover)
        return None

    def _take_reported(self, handover: Handover, new_ids: list[str], finished: bool) -> None:
        """The FE's newly stored shipments, from the marketplace or the site (under the lock)."""
        rec = handover.reconciler
        rec.add_reported(new_ids, self._now())
        handover.drained = finished
        handover.last_synced_at = self._now()
        # The marketplace's own data moves the FE on, whatever his status says.
        if new_ids and handover.state in (TaskState.START_OTC, TaskState.UNKNOWN):
            self._move(handover, TaskState.SCANNING)
        if finished:
            self._move(handover, TaskState.END_OTC)
        rows = self._rows(handover, rec.normalised(new_ids))
        self._emit(ParcelsReported, view=handover.view(), rows=rows)

    # --- site mode -------------------------------------------------------------------

    @staticmethod
    def _key(handover: Handover | HandoverView) -> HandoverKey:
        return HandoverKey(handover.location_id, handover.fe_id, handover.task_id)

    def adopt_cursor(self, key: HandoverKey, cursor: str | None, posted: bool) -> None:
        """This terminal now leads the FE: carry on from the site's cursor rather than
        reading the list again from its start (a cursor of our own that is further on wins:
        a page is never read twice either way, the store ignores a repeated shipment)."""
        with self._lock:
            handover = self._by_key(key)
            if handover is None or not posted or handover.posted:
                return
            handover.cursor, handover.posted = cursor, True

    def poll_skipped_now(self) -> None:
        """The site database is out of reach: the FEs another terminal led are polled here
        now, rather than at the end of the wait their skipped poll set."""
        with self._lock:
            now = self._clock()
            for handover in self._handovers.values():
                if handover.needs_polling:
                    handover.next_poll_at = min(handover.next_poll_at, now)

    def merge_site(self, batch: SiteBatch) -> None:
        """The other terminals' handovers, shipments and scans, into the record and the
        reconciliation, with how far each terminal was read, in one transaction.

        Under the lock, O(batch): never the history. A scan already counted here (the same
        parcel scanned at two terminals) is kept as a duplicate and counted once.
        """
        with self._lock:
            for site_handover in batch.handovers:
                self._follow_site(site_handover)
            by_key: dict[HandoverKey, list[str]] = {}
            drained: dict[HandoverKey, bool] = (
                {h.key: h.drained for h in batch.handovers} if batch.final else {}
            )
            touched: dict[int, dict[str, None]] = {}
            terminals: dict[int, set[str]] = {}
            undo: list[tuple[Handover, Any]] = []
            new_reported: dict[int, list[str]] = {}
            try:
                with self.store.transaction():
                    shipment_marks: dict[str, int] = {}
                    pages: dict[HandoverKey, list[dict[str, Any]]] = {}
                    for shipment in batch.shipments:
                        if self._by_key(shipment.key) is None:
                            continue  # not followed here: left unread (its mark stays)
                        pages.setdefault(shipment.key, []).append(shipment.fields)
                        name = mark_name(shipment.terminal, shipment.key)
                        shipment_marks[name] = max(shipment_marks.get(name, 0), shipment.seq)
                    for key, fields in pages.items():
                        handover = self._by_key(key)
                        assert handover is not None
                        by_key[key] = new_reported[handover.session_id] = (
                            self.store.record_shipments_page(
                                handover.session_id,
                                fields,
                                handover.cursor,
                                drained.get(key, handover.drained),
                                from_site=True,
                            )
                        )
                    for name, seq in shipment_marks.items():
                        self.store.set_site_mark(SHIPMENTS_IN, name, seq)
                    scan_marks: dict[str, int] = {}
                    for scan in batch.scans:
                        handover = self._by_key(scan.key)
                        if handover is None:
                            continue  # not followed here: left unread (its mark stays)
                        name = mark_name(scan.terminal, scan.key)
                        scan_marks[name] = max(scan_marks.get(name, 0), scan.seq)
                        rec = handover.reconciler
                        if scan.result == ScanResult.MOVED.value:
                            result = ScanResult.MOVED
                        else:
                            verdict = rec.scan(scan.code, scan.scanned_at)
                            undo.append((handover, verdict))
                            result = verdict.result
                        self.store.record_scan(
                            handover.session_id,
                            scan.raw,
                            scan.code,
                            result,
                            terminal=scan.terminal,
                            operator=scan.operator,
                            at=scan.scanned_at,
                        )
                        if result is ScanResult.MOVED:
                            rec.withdraw(scan.code)
                        touched.setdefault(handover.session_id, {})[scan.code] = None
                        terminals.setdefault(handover.session_id, set()).add(scan.terminal)
                    for name, seq in scan_marks.items():
                        self.store.set_site_mark(SCANS_IN, name, seq)
            except BaseException:
                for handover, verdict in reversed(undo):
                    handover.reconciler.forget(verdict)
                raise
            for session_id, ids in new_reported.items():
                handover = self._handovers[session_id]
                key = self._key(handover)
                self._take_reported(handover, ids, drained.get(key, handover.drained))
            for key, finished in drained.items():
                handover = self._by_key(key)
                if handover is not None and finished and key not in by_key and not handover.drained:
                    self._take_reported(handover, [], True)
            for session_id, codes in touched.items():
                handover = self._handovers[session_id]
                self._emit(
                    ScansMerged,
                    view=handover.view(),
                    rows=self._rows(handover, codes),
                    terminals=tuple(sorted(terminals[session_id])),
                    count=len(codes),
                )

    def _follow_site(self, site: SiteHandover) -> None:
        """Track a handover another terminal has (under the lock); a completed one closes."""
        key = site.key
        if key.location_id != self.config.location_id:
            return
        state = TaskState.parse(site.state) if site.state else TaskState.UNKNOWN
        handover = self._by_key(key)
        if handover is None:
            if state is TaskState.COMPLETED:
                return  # finished before this terminal saw it: nothing to do here
            handover = self._handover_for(
                key.fe_id, key.task_id, site.fe_name, site.logistic_partner, site.lob, state
            )
        before = handover.view()
        if state is TaskState.COMPLETED:
            self._move(handover, TaskState.COMPLETED)
        elif state is not TaskState.UNKNOWN:
            self._move(handover, state)
        self._emit_if_changed(handover, before)

    def _by_key(self, key: HandoverKey) -> Handover | None:
        for handover in self._handovers.values():
            if (handover.fe_id, handover.task_id, handover.location_id) == (
                key.fe_id,
                key.task_id,
                key.location_id,
            ):
                return handover
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
                self._move(handover, TaskState.START_OTC)  # the marketplace's answer
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
                    self._emit_view(handover)
                codes[handover.session_id] = code
        return codes

    def request_end_otc(self, session_id: int) -> EndReport:
        """The End OTC: every shipment synced first, then the marketplace decides.

        The app never refuses on its own reading of the task status (the documents name
        only "Scanning"): it waits for a drain under way, drains what is left, and asks.
        The marketplace's answer is what the clerk sees: the End OTC, or its
        NOT_ON_END_OTC_PAGE_ERROR; a failed drain is reported as what it is.
        """
        with self._lock:
            handover = self._get(session_id)
            if handover.end is not None:
                return self.end_report(session_id)
        if self._site is not None:  # this terminal leads the FE from now on
            taken = self._site.take_over(self._key(handover))
            if taken is not None:
                self.adopt_cursor(self._key(handover), *taken)
        end: EndOtcDetails | None = None
        attempts = self.config.end_otc_attempts
        for attempt in range(1, attempts + 1):
            error = self.poll(session_id, wait_s=self.config.drain_wait_s)  # the final drain
            if error is not None:
                raise error  # asking now would only earn a SHIPMENT_SYNC_ERROR
            try:
                end = self._client().end_otc(handover.fe_id, handover.task_id)
                break
            except ShipmentSyncError:
                self.store.log_event("end_otc_sync_retry", session_id, attempt=attempt)
                if attempt == attempts:
                    raise
                with self._lock:  # the marketplace says not all are synced: read again
                    handover.drained = False
                self._sleep(self.config.end_otc_retry_wait_s)
            except NotOnEndOtcPageError:
                self.store.log_event("end_otc_refused_not_on_page", session_id)
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
            self._move(handover, TaskState.END_OTC)  # the answer says where the FE is
            self._emit_view(handover)
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

    # --- the dock's scans ------------------------------------------------------------

    def scan(self, session_id: int, raw: str, *, operator: str = "") -> ScanRecorded:
        """Classify one barcode and commit it to the store before the clerk sees the result.

        Returns the event it published: the verdict, the row and the handover's counts.
        """
        check_raw_scan(raw)  # ScanTextError: NOT RECORDED, nothing counted
        code = normalise(raw, self.config.barcode_rules)
        now = self._now()
        with self._lock:
            handover = self._get(session_id)
            if handover.state is TaskState.COMPLETED:  # its record is final
                raise ScanningClosedError(handover.fe_name)
            if handover.state is TaskState.START_OTC:  # the FE's list cannot exist yet
                raise ScanningNotStartedError(handover.fe_name)
            verdict = handover.reconciler.scan(code, now)
            try:
                record = self.store.record_scan(
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
            row = self._row(handover, code) if code else None
            terminal = self.config.terminal_id
            belongs_to = None
            if verdict.result is ScanResult.NOT_YET_REPORTED:
                belongs_to = self._owner_elsewhere(session_id, code)
            return self._emit(
                ScanRecorded,
                view=handover.view(),
                verdict=verdict,
                row=row,
                scan_id=record.id,
                terminal=terminal,
                belongs_to=belongs_to,
            )

    def _owner_elsewhere(self, session_id: int, code: str) -> HandoverView | None:
        """Another open handover at the dock whose FE reported ``code`` (under the lock)."""
        for other in self._handovers.values():
            if (
                other.session_id != session_id
                and other.state is not TaskState.COMPLETED
                and other.reconciler.is_reported(code)
            ):
                return other.view()
        return None

    def move_scan(
        self, from_session: int, code: str, to_session: int, *, operator: str = ""
    ) -> ScanRecorded:
        """Move the dock's scan of ``code`` to the handover it belongs to, in one transaction:
        a ``moved`` correction in the first (its scans of the code no longer count) and the
        scan in the second. Refused for a completed handover on either side."""
        now = self._now()
        with self._lock:
            source, target = self._get(from_session), self._get(to_session)
            for handover in (source, target):
                if handover.state is TaskState.COMPLETED:
                    raise ScanningClosedError(handover.fe_name)
            verdict = target.reconciler.scan(code, now)
            terminal = self.config.terminal_id
            try:
                with self.store.transaction():
                    self.store.record_scan(
                        from_session, code, code, ScanResult.MOVED,
                        terminal=terminal, operator=operator, at=now,
                    )  # fmt: skip
                    record = self.store.record_scan(
                        to_session, code, code, verdict.result,
                        terminal=terminal, operator=operator, at=now,
                    )  # fmt: skip
                    self.store.log_event(
                        "scan_moved", from_session, code=code, to_session=to_session
                    )
            except BaseException:
                target.reconciler.forget(verdict)
                raise
            source.reconciler.withdraw(code)
            self._emit(ScanWithdrawn, view=source.view(), code=code, row=self._row(source, code))
            return self._emit(
                ScanRecorded,
                view=target.view(),
                verdict=verdict,
                row=self._row(target, code),
                scan_id=record.id,
                terminal=terminal,
            )

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
                raise HandoverCompletedError(detail=tracking_id)  # the clerk's words: no path
            scan = self.store.set_condition(
                session_id, tracking_id, condition, remark, at=self._now()
            )
            if scan.noted:
                handover.conditions[scan.code] = (scan.condition, scan.remark)
            else:
                handover.conditions.pop(scan.code, None)
            row = self._row(handover, scan.code)
            self._emit(ParcelNoted, view=handover.view(), row=row)
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

    def _emit(self, kind: type[_E], **fields: Any) -> _E:
        """Number and publish one event (call with the lock held: events stay in order)."""
        self._seq += 1
        event = kind(seq=self._seq, **fields)
        if self._publish is not None:
            self._publish(event)
        return event

    def _rows(
        self, handover: Handover, codes: Iterable[str] | None = None
    ) -> tuple[ParcelRow, ...]:
        """The reconciler's rows, with the conditions the clerk marked (under the lock)."""
        rows = handover.reconciler.rows(codes)
        marks = handover.conditions
        if not marks:
            return rows
        return tuple(self._marked(row, marks) for row in rows)

    def _row(self, handover: Handover, code: str) -> ParcelRow | None:
        row = handover.reconciler.row(code)
        return None if row is None else self._marked(row, handover.conditions)

    @staticmethod
    def _marked(row: ParcelRow, marks: dict[str, tuple[Condition, str]]) -> ParcelRow:
        mark = marks.get(row.tracking_id)
        return (
            row if mark is None else msgspec.structs.replace(row, condition=mark[0], remark=mark[1])
        )

    def give_way_to_scans(self, seconds: float = 0.15) -> None:
        """A scan is arriving (its first key): the drain pauses between pages for a moment,
        so the clerk's scan does not share the interpreter with a page being parsed."""
        self._quiet_until = max(self._quiet_until, self._clock() + seconds)

    def _give_way(self) -> None:
        wait = self._quiet_until - self._clock()
        if wait > 0:  # once per page: a clerk scanning without a pause still lets it drain
            self._sleep(min(wait, 0.2))

    def _emit_view(self, handover: Handover) -> None:
        self._emit(HandoverChanged, view=handover.view())

    def _emit_if_changed(self, handover: Handover, before: HandoverView) -> None:
        if handover.view() != before:
            self._emit_view(handover)

    def _emit_status(self) -> None:
        status = self.status()
        self._emit(DockStatusChanged, status=status)
