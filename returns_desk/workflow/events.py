"""What the engine tells the rest of the app, as typed, immutable events.

The engine publishes each event while it still holds its lock, so every subscriber sees
them in the order the changes happened; subscribers must therefore only hand the event on
(append to a queue, set a flag), never do real work in the publishing thread. An event
carries what its subscribers need (the handover's view, the classified rows), so no screen
re-reads the record to learn what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import msgspec

from returns_desk.api.states import OtcMode
from returns_desk.errors import ReturnsDeskError
from returns_desk.workflow.handover import HandoverView
from returns_desk.workflow.reconcile import ParcelRow, Verdict


class DockStatus(msgspec.Struct, frozen=True):
    """What the last initial load said about the dock as a whole."""

    offers_generate_start_otc: bool = True
    no_returns_today: bool = False
    last_refresh_error: ReturnsDeskError | None = None
    last_refreshed_at: datetime | None = None
    clock_skew_s: float | None = None
    clock_skew_warning: bool = False
    otc_mode: OtcMode = OtcMode.UNKNOWN  # the seller's OTC configuration (enabledFor)


class HandoverTracked(msgspec.Struct, frozen=True):
    """The engine follows a handover from now on (resumed, or an FE seen for the first
    time): its view and every parcel either side has seen so far."""

    seq: int
    view: HandoverView
    rows: tuple[ParcelRow, ...]


class HandoverChanged(msgspec.Struct, frozen=True):
    """Something about one handover changed: state, codes, presence, sync time, error."""

    seq: int
    view: HandoverView


class ParcelsReported(msgspec.Struct, frozen=True):
    """A page of the FE's shipments is stored: its new rows, already classified."""

    seq: int
    view: HandoverView
    rows: tuple[ParcelRow, ...]


class ScanRecorded(msgspec.Struct, frozen=True):
    """A dock scan is committed: its verdict, the row it made or touched, the new counts."""

    seq: int
    view: HandoverView
    verdict: Verdict
    row: ParcelRow | None  # None: nothing to show (an empty code)
    scan_id: int
    terminal: str
    #: another open handover whose FE reported this code (this one did not): the clerk is
    #: told, and may move the scan there (``DockEngine.move_scan``)
    belongs_to: HandoverView | None = None


class ScansMerged(msgspec.Struct, frozen=True):
    """Site mode: other terminals' scans of this handover are in the record: the rows they
    touched and the new counts (no banner, no sound: the clerk did not scan them here)."""

    seq: int
    view: HandoverView
    rows: tuple[ParcelRow, ...]
    terminals: tuple[str, ...]
    count: int


class ParcelNoted(msgspec.Struct, frozen=True):
    """The clerk marked a received parcel's condition or remark (committed): its row."""

    seq: int
    view: HandoverView
    row: ParcelRow | None


class ScanWithdrawn(msgspec.Struct, frozen=True):
    """A dock scan was moved to another handover: its code no longer counts here."""

    seq: int
    view: HandoverView
    code: str
    row: ParcelRow | None  # what is left of the code here (None: nothing, the row goes)


class HandoverCompleted(msgspec.Struct, frozen=True):
    """The clerk (or the FE leaving after the End OTC) completed a handover."""

    seq: int
    view: HandoverView


class DockStatusChanged(msgspec.Struct, frozen=True):
    """An initial load finished or failed."""

    seq: int
    status: DockStatus


EngineEvent = (
    HandoverTracked
    | HandoverChanged
    | ParcelsReported
    | ScanRecorded
    | ScansMerged
    | ParcelNoted
    | ScanWithdrawn
    | HandoverCompleted
    | DockStatusChanged
)
Publish = Callable[[object], None]
