"""Claim candidates: what the seller may claim from the marketplace, and by when.

Every parcel of a completed handover that was missing at the dock (the FE scanned it, the
dock never did), unexpected at the dock (scanned here, never reported by the FE) or received
not good (damaged, tampered or open, empty or wrong item, wet) is a candidate, once per
parcel per handover. Candidates are derived from the record, not stored: only what someone
did about one (filed with the marketplace's reference, granted, rejected) is kept, in the
``claims`` table. So a changed claim window applies to every candidate at once.

The deadline is the handover's completion plus the marketplace's claim window
(``ClaimSettings.window_days``). No marketplace publishes its window in its API documents;
the default for Flipkart (14 days) is an assumption to check against the seller's own
agreement (docs/claims.md). A candidate not filed by its deadline is ``expired``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from returns_desk.settings.claims import ClaimSettings
from returns_desk.store.export import Classification, parcel_rows
from returns_desk.store.models import ClaimRecord, ClaimStatus, CodeKind, Condition, Session
from returns_desk.store.store import Store

#: Days to claim after the handover, per marketplace: an assumption (see the module text).
#: still to be acted on: retention keeps their handover and its photos
OPEN_STATUSES = (ClaimStatus.OPEN, ClaimStatus.FILED)


@dataclass(frozen=True)
class Claim:
    """One claim candidate with where it stands."""

    session_id: int
    location_id: str
    task_id: str
    fe_id: str
    fe_name: str
    tracking_id: str
    reasons: tuple[str, ...]  # "missing_at_dock", "unexpected_at_dock", a condition
    condition: str  # the condition marked at the dock ("" when not received here)
    remark: str
    marketplace: str
    window_days: int
    handed_over_at: datetime  # the handover's completion: the window starts here
    deadline: datetime
    status: ClaimStatus
    reference: str
    updated_at: datetime | None  # when the status was last recorded
    photos: int

    def days_left(self, now: datetime) -> float:
        return (self.deadline - now).total_seconds() / 86400

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


COLUMNS = (
    "session_id",
    "location_id",
    "task_id",
    "fe_id",
    "fe_name",
    "tracking_id",
    "reasons",
    "condition",
    "remark",
    "marketplace",
    "window_days",
    "handed_over_at",
    "deadline",
    "status",
    "reference",
    "updated_at",
    "photos",
)


def _handed_over_at(store: Store, session: Session) -> datetime | None:
    if session.closed_at is not None:
        return session.closed_at
    ends = store.codes(session.id, CodeKind.END)
    return ends[-1].received_at if ends else None


def session_claims(
    store: Store,
    session: Session,
    settings: ClaimSettings,
    now: datetime,
    recorded: dict[tuple[int, str], ClaimRecord] | None = None,
) -> list[Claim]:
    """The candidates of one closed handover (none while it is open: nothing is final).

    ``recorded``: every recorded claim (``store.claim_records()``), when already read.
    """
    if session.is_open:
        return []
    handed_over_at = _handed_over_at(store, session) or session.opened_at
    window = settings.window(settings.marketplace)
    deadline = handed_over_at + timedelta(days=window)
    recorded = store.claim_records() if recorded is None else recorded
    records = {code: r for (sid, code), r in recorded.items() if sid == session.id}
    photos: dict[str, int] = {}
    for photo in store.photos(session.id):
        photos[photo.tracking_id] = photos.get(photo.tracking_id, 0) + 1
    received = store.received(session.id)
    claims = []
    for row in parcel_rows(session, store.shipments(session.id), store.scans(session.id)):
        code = row["tracking_id"]
        kind = row["classification"]
        if not code or kind in (Classification.WRONG_LABEL, Classification.INVALID):
            continue
        scan = received.get(code)
        reasons = []
        if kind in (Classification.MISSING_AT_DOCK, Classification.UNEXPECTED_AT_DOCK):
            reasons.append(kind)
        if scan is not None and scan.condition is not Condition.GOOD:
            reasons.append(scan.condition.value)
        if not reasons:
            continue
        record = records.get(code)
        if record is not None:
            status = record.status
        else:
            status = ClaimStatus.OPEN if now < deadline else ClaimStatus.EXPIRED
        claims.append(
            Claim(
                session_id=session.id,
                location_id=session.location_id,
                task_id=session.task_id,
                fe_id=session.fe_id,
                fe_name=session.fe_name or session.fe_id,
                tracking_id=code,
                reasons=tuple(str(r) for r in reasons),
                condition=scan.condition.value if scan is not None else "",
                remark=scan.remark if scan is not None else "",
                marketplace=settings.marketplace,
                window_days=window,
                handed_over_at=handed_over_at,
                deadline=deadline,
                status=status,
                reference=record.reference if record is not None else "",
                updated_at=record.updated_at if record is not None else None,
                photos=photos.get(code, 0),
            )
        )
    return claims


def claim_candidates(
    store: Store,
    settings: ClaimSettings | None = None,
    *,
    now: datetime | None = None,
    status: ClaimStatus | str | None = None,
    session_ids: Iterable[int] | None = None,
) -> list[Claim]:
    """Every candidate (of one status), the nearest deadline first, read as one snapshot."""
    settings = settings or ClaimSettings()
    now = now or datetime.now(UTC)
    wanted = None if status is None else ClaimStatus(status)
    only = None if session_ids is None else set(session_ids)
    found: list[Claim] = []
    with store.snapshot():
        recorded = store.claim_records()
        for session in store.sessions():
            if only is not None and session.id not in only:
                continue
            found.extend(
                c
                for c in session_claims(store, session, settings, now, recorded)
                if wanted is None or c.status is wanted
            )
    return sorted(found, key=lambda c: (c.deadline, c.session_id, c.tracking_id))


def sessions_with_open_claims(
    store: Store,
    session_ids: Iterable[int],
    settings: ClaimSettings | None = None,
    *,
    now: datetime | None = None,
) -> set[int]:
    """Those of ``session_ids`` with a claim still open or filed: their evidence stays."""
    claims = claim_candidates(store, settings, now=now, session_ids=session_ids)
    return {c.session_id for c in claims if c.is_open}


def claim_row(claim: Claim) -> dict[str, object]:
    """One claim as a report row (``COLUMNS``)."""
    return {
        "session_id": claim.session_id,
        "location_id": claim.location_id,
        "task_id": claim.task_id,
        "fe_id": claim.fe_id,
        "fe_name": claim.fe_name,
        "tracking_id": claim.tracking_id,
        "reasons": " ".join(claim.reasons),
        "condition": claim.condition,
        "remark": claim.remark,
        "marketplace": claim.marketplace,
        "window_days": claim.window_days,
        "handed_over_at": claim.handed_over_at,
        "deadline": claim.deadline,
        "status": claim.status.value,
        "reference": claim.reference,
        "updated_at": claim.updated_at,
        "photos": claim.photos,
    }
