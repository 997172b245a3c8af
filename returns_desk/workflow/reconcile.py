"""Live reconciliation of one handover: what the FE scanned against what the dock scanned.

The final classification of a tracking id depends only on two sets (reported by the FE,
scanned at the dock), never on the order in which scans and API pages arrived; each scan
and each reported shipment costs O(1), and the counts are kept up to date incrementally.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

import msgspec

from returns_desk.store.models import Condition, ScanResult
from returns_desk.workflow.barcode import BarcodeRules, LabelKind, label_kind

__all__ = ["Counts", "ParcelRow", "ParcelStatus", "Reconciler", "ScanResult", "Verdict"]


class ParcelStatus(StrEnum):
    """Where one tracking id stands; ``final`` decides the words once the FE has finished."""

    MATCHED = "matched"
    WAITING = "waiting"  # reported by the FE, not scanned at the dock (yet)
    NOT_YET_REPORTED = "not_yet_reported"  # scanned at the dock, not reported (yet)
    MISSING_AT_DOCK = "missing_at_dock"  # final: the FE handed it over on paper only
    UNEXPECTED_AT_DOCK = "unexpected_at_dock"  # final: at the dock, never reported
    WRONG_LABEL = "wrong_label"
    INVALID = "invalid"

    def finalised(self) -> ParcelStatus:
        """The words once the FE has finished: still waiting is missing, not yet reported is
        unexpected (the only place this rule is written)."""
        return _FINAL.get(self, self)


_FINAL = {
    ParcelStatus.WAITING: ParcelStatus.MISSING_AT_DOCK,
    ParcelStatus.NOT_YET_REPORTED: ParcelStatus.UNEXPECTED_AT_DOCK,
}


class ParcelRow(msgspec.Struct, frozen=True):
    """One tracking id as both sides see it, classified by the reconciler (live, not final).

    Screens show ``status.finalised()`` once the handover has its End OTC; they never
    decide a status themselves.
    """

    tracking_id: str
    status: ParcelStatus
    reported_at: datetime | None  # first seen in an API page
    scanned_at: datetime | None  # first scanned at the dock
    condition: Condition = Condition.GOOD  # as the clerk marked it (the engine adds it)
    remark: str = ""


class Verdict(msgspec.Struct, frozen=True):
    result: ScanResult
    code: str
    kind: LabelKind
    at: datetime
    first_scanned_at: datetime | None = None  # for a duplicate: when it was verified


class Counts(msgspec.Struct, frozen=True):
    fe_scanned: int = 0
    dock_scanned: int = 0
    matched: int = 0
    waiting: int = 0  # FE reported, not at the dock yet (missing, once final)
    not_yet_reported: int = 0  # at the dock, not reported yet (unexpected, once final)
    rejected: int = 0  # wrong labels and invalid codes (distinct codes)

    @property
    def missing_at_dock(self) -> int:
        return self.waiting

    @property
    def unexpected_at_dock(self) -> int:
        return self.not_yet_reported


class Reconciler:
    """The two lists of one handover and their difference."""

    def __init__(self, rules: BarcodeRules | None = None) -> None:
        self.rules = rules or BarcodeRules()
        self._reported: dict[str, datetime | None] = {}
        self._scanned: dict[str, datetime] = {}  # every distinct code scanned: first time
        self._kinds: dict[str, LabelKind] = {}
        self._matched = 0
        self._accepted = 0  # scanned codes that are reported or look like a parcel

    # --- the two inputs ---------------------------------------------------------------

    @staticmethod
    def normalised(tracking_ids: Iterable[str]) -> list[str]:
        """The FE's tracking ids as the reconciler keys them."""
        return [code for raw in tracking_ids if (code := raw.strip().upper())]

    def add_reported(self, tracking_ids: Iterable[str], at: datetime | None = None) -> list[str]:
        """Shipments from an API page; returns dock codes that just became matched."""
        now_matched = []
        for code in self.normalised(tracking_ids):
            if code in self._reported:
                continue
            self._reported[code] = at
            if code in self._scanned:
                self._matched += 1
                if not self._looks_like_parcel(code):
                    self._accepted += 1  # an odd-looking code is a parcel after all
                now_matched.append(code)
        return now_matched

    def scan(self, code: str, at: datetime) -> Verdict:
        """Classify one normalised dock scan and remember it."""
        kind = self._kind(code)
        first = self._scanned.get(code)
        if first is not None:
            return Verdict(ScanResult.DUPLICATE, code, kind, at, first_scanned_at=first)
        if kind is LabelKind.EMPTY:
            return Verdict(ScanResult.INVALID, code, kind, at)
        self._scanned[code] = at
        if code in self._reported:
            self._matched += 1
            self._accepted += 1
            return Verdict(ScanResult.MATCHED, code, kind, at)
        if kind is LabelKind.SHIPMENT:
            self._accepted += 1
            return Verdict(ScanResult.NOT_YET_REPORTED, code, kind, at)
        if kind in (LabelKind.ORDER_ID, LabelKind.ORDER_ITEM_ID):
            return Verdict(ScanResult.WRONG_LABEL, code, kind, at)
        return Verdict(ScanResult.INVALID, code, kind, at)

    def forget(self, verdict: Verdict) -> None:
        """Undo a scan that could not be recorded: the clerk was never told, so it never was."""
        if verdict.result is not ScanResult.DUPLICATE:
            self.withdraw(verdict.code)

    def withdraw(self, code: str) -> bool:
        """Take back the dock's scan of ``code`` (not recorded, or moved to another handover)."""
        if self._scanned.pop(code, None) is None:
            return False
        if code in self._reported:
            self._matched -= 1
            self._accepted -= 1
        elif self._looks_like_parcel(code):
            self._accepted -= 1
        return True

    def is_reported(self, code: str) -> bool:
        return code in self._reported

    # --- what it adds up to -----------------------------------------------------------

    @property
    def counts(self) -> Counts:
        reported, matched, accepted = len(self._reported), self._matched, self._accepted
        return Counts(
            fe_scanned=reported,
            dock_scanned=accepted,
            matched=matched,
            waiting=reported - matched,
            not_yet_reported=accepted - matched,
            rejected=len(self._scanned) - accepted,
        )

    def status(self, code: str, *, final: bool = False) -> ParcelStatus | None:
        """Where one code stands (None: neither side has seen it)."""
        reported, scanned = code in self._reported, code in self._scanned
        if reported and scanned:
            status = ParcelStatus.MATCHED
        elif reported:
            status = ParcelStatus.WAITING
        elif not scanned:
            return None
        else:
            kind = self._kind(code)
            if kind is LabelKind.SHIPMENT:
                status = ParcelStatus.NOT_YET_REPORTED
            elif kind in (LabelKind.ORDER_ID, LabelKind.ORDER_ITEM_ID):
                status = ParcelStatus.WRONG_LABEL
            else:
                status = ParcelStatus.INVALID
        return status.finalised() if final else status

    def row(self, code: str) -> ParcelRow | None:
        """The live row of one code (None: neither side has seen it)."""
        status = self.status(code)
        if status is None:
            return None
        return ParcelRow(code, status, self._reported.get(code), self._scanned.get(code))

    def rows(self, codes: Iterable[str] | None = None) -> tuple[ParcelRow, ...]:
        """Live rows of ``codes`` (default: every code, the FE's order first)."""
        if codes is None:
            codes = dict.fromkeys(self._reported) | dict.fromkeys(self._scanned)
        return tuple(row for code in codes if (row := self.row(code)) is not None)

    def classification(self, *, final: bool = False) -> dict[str, ParcelStatus]:
        """Every code either side has seen, with its status (for reports, not per scan)."""
        codes = dict.fromkeys(self._reported) | dict.fromkeys(self._scanned)
        return {code: status for code in codes if (status := self.status(code, final=final))}

    def discrepancies(self) -> tuple[list[str], list[str]]:
        """Final lists: reported but not at the dock; at the dock but never reported."""
        missing = [c for c in self._reported if c not in self._scanned]
        unexpected = [
            c
            for c in self._scanned
            if c not in self._reported and self._kind(c) is LabelKind.SHIPMENT
        ]
        return missing, unexpected

    def first_scanned_at(self, code: str) -> datetime | None:
        return self._scanned.get(code)

    def reported_at(self, code: str) -> datetime | None:
        return self._reported.get(code)

    def _kind(self, code: str) -> LabelKind:
        kind = self._kinds.get(code)
        if kind is None:
            kind = self._kinds[code] = label_kind(code, self.rules)
        return kind

    def _looks_like_parcel(self, code: str) -> bool:
        return self._kind(code) is LabelKind.SHIPMENT
