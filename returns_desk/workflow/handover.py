"""One FE's handover as the engine keeps it in memory, and the frozen view the GUI gets."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import msgspec

from returns_desk.api.states import Lob, TaskState
from returns_desk.errors import ReturnsDeskError
from returns_desk.store.models import Condition
from returns_desk.workflow.reconcile import Counts, Reconciler

if TYPE_CHECKING:  # the wire model, with pydantic: not on the desk's start path
    from returns_desk.api.models import EndOtcDetails

#: The order of the states: the marketplace's flow never goes back.
STATE_ORDER = {
    TaskState.START_OTC: 0,
    TaskState.SCANNING: 1,
    TaskState.END_OTC: 2,
    TaskState.COMPLETED: 3,
}


def is_forward(current: TaskState, new: TaskState) -> bool:
    """Whether ``new`` may follow ``current`` (unknown states never move the handover)."""
    if new is TaskState.UNKNOWN:
        return False
    if current is TaskState.UNKNOWN:
        return True
    return STATE_ORDER[new] > STATE_ORDER[current]


class StartCode(msgspec.Struct, frozen=True):
    otc: str
    created_at: datetime | None
    expires_at: datetime

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


class Handover(msgspec.Struct, eq=False):
    """Mutable state of one handover; only the engine touches it, under its lock."""

    session_id: int
    location_id: str
    fe_id: str
    task_id: str
    fe_name: str
    logistic_partner: str
    lob: Lob
    state: TaskState
    state_raw: str = ""
    present: bool = True  # listed by the last initial load
    reconciler: Reconciler = msgspec.field(default_factory=Reconciler)
    start_code: StartCode | None = None
    end: EndOtcDetails | None = None
    # polling
    cursor: str | None = None
    posted: bool = False
    drained: bool = False
    next_poll_at: float = 0.0
    poll_failures: int = 0
    last_synced_at: datetime | None = None
    last_error: ReturnsDeskError | None = None
    polling: bool = False  # a poll is under way (outside the lock)
    drain_waiters: int = 0  # callers waiting for that poll to end (End OTC)
    # received parcels marked not good or with a remark: tracking id -> (condition, remark)
    conditions: dict[str, tuple[Condition, str]] = msgspec.field(default_factory=dict)

    def noted(self) -> list[NotedParcel]:
        return [NotedParcel(code, c, r) for code, (c, r) in self.conditions.items()]

    @property
    def needs_polling(self) -> bool:
        """Until the list is drained (has_more false, next_url null) or the End OTC is in.

        An FE on the Start OTC page is not polled, unless that is our guess rather than
        his last status: whatever the marketplace calls its states, parcels get synced.
        """
        if self.drained or self.end is not None or self.state is TaskState.COMPLETED:
            return False
        if self.state is TaskState.START_OTC:
            return TaskState.parse(self.state_raw) is not TaskState.START_OTC
        return True

    def view(self) -> HandoverView:
        return HandoverView(
            session_id=self.session_id,
            location_id=self.location_id,
            fe_id=self.fe_id,
            task_id=self.task_id,
            fe_name=self.fe_name,
            logistic_partner=self.logistic_partner,
            lob=self.lob,
            state=self.state,
            state_raw=self.state_raw,
            present=self.present,
            counts=self.reconciler.counts,
            start_code=self.start_code,
            end=self.end,
            drained=self.drained,
            last_synced_at=self.last_synced_at,
            next_poll_at=self.next_poll_at if self.needs_polling else None,
            last_error=self.last_error,
        )


class HandoverView(msgspec.Struct, frozen=True):
    """What the GUI shows of one handover; immutable, safe to send across threads."""

    session_id: int
    location_id: str
    fe_id: str
    task_id: str
    fe_name: str
    logistic_partner: str
    lob: Lob
    state: TaskState
    state_raw: str
    present: bool
    counts: Counts
    start_code: StartCode | None
    end: EndOtcDetails | None
    drained: bool
    last_synced_at: datetime | None
    next_poll_at: float | None  # engine clock (monotonic seconds)
    last_error: ReturnsDeskError | None

    @property
    def status_understood(self) -> bool:
        """Whether the marketplace's last status text is one the app recognises.

        When it is not, the card shows the text as it came, and no action is withheld on
        the strength of ``state`` (the marketplace's answer to the action decides).
        """
        return TaskState.parse(self.state_raw) is not TaskState.UNKNOWN


class NotedParcel(msgspec.Struct, frozen=True):
    """A received parcel marked not good or with a remark: noted at the handover."""

    tracking_id: str
    condition: Condition
    remark: str


class EndReport(msgspec.Struct, frozen=True):
    """The End OTC beside the dock's own count, with every discrepancy by tracking id."""

    handover: HandoverView
    end: EndOtcDetails
    missing_at_dock: list[str]
    unexpected_at_dock: list[str]
    noted: list[NotedParcel] = msgspec.field(default_factory=list)

    @property
    def api_total_agrees(self) -> bool:
        """The marketplace's total equals the parcels the app saw the FE report."""
        return self.end.total_scanned == self.handover.counts.fe_scanned

    @property
    def clean(self) -> bool:
        return self.api_total_agrees and not self.missing_at_dock and not self.unexpected_at_dock
