"""Slips rebuilt from the local record alone: for F9 on a live handover and for reprints.

A closed handover is no longer in the engine, but everything on its slips is in the store:
the session (FE, task, times), its codes (the Start OTC, the End OTC with the marketplace's
statistics, when each was printed), the shipments the FE reported and the dock's scans.
The dock's counts and discrepancies come from replaying those into the workflow's own
``Reconciler``, exactly as the engine rebuilds a handover after a restart, so a slip made
here has the same counts, lists and QR summary as one made from the live engine.

No Qt: this runs in a job on a pool thread and in tests without a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from returns_desk.api.states import Lob
from returns_desk.printing.layout import Layout
from returns_desk.printing.slips import (
    DockCounts,
    EndStats,
    HandoverReceipt,
    Reprint,
    SlipFe,
    StartOtcSlip,
    Words,
    build_handover_receipt,
    build_start_otc_slip,
)
from returns_desk.store import Code, CodeKind, Session, Store
from returns_desk.workflow.barcode import BarcodeRules
from returns_desk.workflow.reconcile import Counts, ParcelStatus, Reconciler
from returns_desk.workflow.replay import replay_parcels

#: Event log kinds written when a slip goes to paper or PDF (``store.log_event``).
PRINTED_EVENT = "slip_printed"
REPRINTED_EVENT = "slip_reprinted"


@dataclass(frozen=True)
class SlipOrder:
    """One slip to print: the code it is for, and whether it is a reprint (decided at once)."""

    session_id: int
    kind: CodeKind
    code_id: int
    reprint: Reprint | None


@dataclass(frozen=True)
class PrintDone:
    order: SlipOrder
    where: str  # the printer and/or the PDF files, for the notice
    on_paper: bool = True  # False: only a PDF was saved, nothing printed


@dataclass(frozen=True)
class HandoverRecord:
    """One handover as the store has it, with the reconciliation replayed.

    ``start`` is the Start OTC in force (the last one received with an expiry), ``end``
    the End OTC; either may be missing. ``reprints`` lists the recorded reprints.
    """

    session: Session
    start: Code | None
    end: Code | None
    counts: Counts
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    received: tuple[str, ...]  # matched at the dock: what the QR hash covers as received
    operator: str | None  # the clerk who scanned (last scan with an operator)
    reprints: tuple[tuple[CodeKind, datetime], ...] = ()  # recorded reprints: which, when
    noted: tuple[tuple[str, str, str], ...] = ()  # (tracking id, condition, remark)

    @property
    def kinds(self) -> tuple[CodeKind, ...]:
        """The slips that can be printed, the handover receipt first."""
        found = []
        if self.end is not None:
            found.append(CodeKind.END)
        if self.start is not None:
            found.append(CodeKind.START)
        return tuple(found)

    def code(self, kind: CodeKind) -> Code | None:
        return self.end if kind is CodeKind.END else self.start

    def reprint_count(self, kind: CodeKind) -> int:
        return sum(1 for which, _ in self.reprints if which is kind)

    @property
    def ended_at(self) -> datetime | None:
        """When the handover ended: the End OTC's arrival, or else when it was closed.

        The End OTC's time first, because it never changes: the receipt printed at the dock
        and its reprint after the handover is marked complete say the same "Ended".
        """
        if self.end is not None:
            return self.end.received_at
        return self.session.closed_at

    def reprint_for(self, kind: CodeKind) -> Reprint | None:
        """A reprint when this slip was printed before (None: the next print is the original)."""
        code = self.code(kind)
        if code is None or code.printed_at is None:
            return None
        return Reprint(code.printed_at)


def current_code(codes: list[Code], kind: CodeKind) -> Code | None:
    """The code of ``kind`` in force among a session's ``codes`` (oldest first), or None."""
    of_kind = [c for c in codes if c.kind is kind]
    if kind is CodeKind.START:  # as the engine: a Start OTC without an expiry is not in force
        of_kind = [c for c in of_kind if c.expiry_at is not None]
    return of_kind[-1] if of_kind else None


def _record(store: Store, session: Session, rules: BarcodeRules | None) -> HandoverRecord:
    codes = store.codes(session.id)
    scans = store.scans(session.id)  # for the replay and the operator: read once
    reconciler = replay_parcels(store, session.id, Reconciler(rules), scans)  # as resume does
    missing, unexpected = reconciler.discrepancies()
    received = tuple(
        code
        for code, status in reconciler.classification(final=True).items()
        if status is ParcelStatus.MATCHED
    )
    operators = [s.operator for s in scans if s.operator]
    reprints = tuple(
        (CodeKind(e.detail["slip"]), e.at)
        for e in store.events(session.id, kind=REPRINTED_EVENT)
        if e.detail.get("slip") in set(CodeKind)
    )
    return HandoverRecord(
        session=session,
        start=current_code(codes, CodeKind.START),
        end=current_code(codes, CodeKind.END),
        counts=reconciler.counts,
        missing=tuple(missing),
        unexpected=tuple(unexpected),
        received=received,
        operator=operators[-1] if operators else None,
        reprints=reprints,
        noted=tuple((s.code, s.condition.value, s.remark) for s in store.noted(session.id)),
    )


def read_record(
    store: Store, session_id: int, rules: BarcodeRules | None = None
) -> HandoverRecord | None:
    """One handover from the store, read as one consistent snapshot (None: no such session)."""
    with store.snapshot():
        session = store.session(session_id)
        return None if session is None else _record(store, session, rules)


LOB_ON_PAPER = {Lob.LARGE: "LARGE", Lob.NON_LARGE: "NON-LARGE"}  # as the screen says it


def _fe(session: Session) -> SlipFe:
    lob = Lob.parse(session.lob)
    return SlipFe(
        session.fe_id,
        session.fe_name or session.fe_id,
        session.logistic_partner,
        LOB_ON_PAPER.get(lob) or session.lob or lob.value,
    )


def handover_receipt(
    record: HandoverRecord,
    *,
    terminal: str,
    printed_at: datetime,
    operator: str | None = None,
    reprint: Reprint | None = None,
) -> HandoverReceipt | None:
    """The receipt's data (None without an End OTC).

    The clerk on the signature line is the one who scanned (from the record), so a reprint
    names the same person as the original; ``operator`` is used when no scan names one.
    """
    end, counts, session = record.end, record.counts, record.session
    if end is None:
        return None
    return HandoverReceipt(
        location=session.location_id,
        fe=_fe(session),
        task_id=session.task_id,
        start_otc=record.start.otc if record.start is not None else None,
        end_otc=end.otc,
        api_stats=EndStats(
            end.total_scanned or 0,
            end.obd_eligible or 0,
            end.obd_failed or 0,
            end.flyer_eligible or 0,
            end.flyer_failed or 0,
        ),
        dock=DockCounts(
            counts.fe_scanned,
            counts.dock_scanned,
            counts.matched,
            len(record.missing),
            len(record.unexpected),
        ),
        missing=record.missing,
        unexpected=record.unexpected,
        session_id=str(session.id),
        started_at=session.opened_at,
        ended_at=record.ended_at or printed_at,
        terminal=terminal,
        printed_at=printed_at,
        operator=record.operator or operator or None,
        received=record.received,
        reprint=reprint,
        noted=record.noted,
    )


def start_otc_slip(
    record: HandoverRecord, *, terminal: str, printed_at: datetime, reprint: Reprint | None = None
) -> StartOtcSlip | None:
    """The Start OTC slip's data (None without a Start OTC)."""
    code, session = record.start, record.session
    if code is None or code.expiry_at is None:
        return None
    return StartOtcSlip(
        location=session.location_id,
        fe=_fe(session),
        task_id=session.task_id,
        otc=code.otc,
        created_at=code.created_at or code.received_at,
        expires_at=code.expiry_at,
        terminal=terminal,
        printed_at=printed_at,
        reprint=reprint,
    )


def build_slip(
    record: HandoverRecord,
    kind: CodeKind,
    *,
    terminal: str,
    printed_at: datetime,
    operator: str | None = None,
    reprint: Reprint | None = None,
    words: Words | None = None,
) -> Layout | None:
    """The Start OTC slip (``START``) or the handover receipt (``END``) of a record, or None.

    ``words``: the slip's words in the desk's language (English when None).
    """
    if kind is CodeKind.END:
        receipt = handover_receipt(
            record, terminal=terminal, printed_at=printed_at, operator=operator, reprint=reprint
        )
        return None if receipt is None else build_handover_receipt(receipt, words)
    slip = start_otc_slip(record, terminal=terminal, printed_at=printed_at, reprint=reprint)
    return None if slip is None else build_start_otc_slip(slip, words)
