"""The evidence pack of a parcel (or of every claim in a handover), built from the record.

What a marketplace asks for with a claim, on A4: the tracking id as a Code 128 barcode, the
handover it came in (FE, task, both OTCs and when each was received), the marketplace's End
OTC statistics beside the dock's own counts, what each side saw of the parcel, the condition
and remark marked at the dock, the claim's reasons and deadline, and every photo with its
time, terminal and SHA-256, each checked against its file now (a modified photo says so).

Pure Python (no Qt) like ``slips.py``: the layout is rendered by ``render_qt`` into a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from returns_desk.printing.layout import (
    Align,
    Barcode,
    Block,
    Field,
    Image,
    Layout,
    Separator,
    Size,
    Space,
    Text,
)
from returns_desk.printing.record import HandoverRecord, read_record
from returns_desk.printing.slips import CONDITION_TEXTS
from returns_desk.settings.claims import ClaimSettings
from returns_desk.store.claims import Claim, session_claims
from returns_desk.store.models import Photo, ScanRecord
from returns_desk.store.photos import PhotoCheck, check_photo, photo_path
from returns_desk.store.store import Store

EVIDENCE_KIND = "evidence"

REASON_TEXTS = {
    "missing_at_dock": "Missing at dock (scanned by the FE, never received)",
    "unexpected_at_dock": "Unexpected at dock (received, never reported by the FE)",
    **{value: f"Received {text.lower()}" for value, text in CONDITION_TEXTS.items()},
}
CHECK_TEXTS = {
    PhotoCheck.OK: "File unchanged since it was taken (SHA-256 matches)",
    PhotoCheck.MODIFIED: "WARNING: FILE MODIFIED after it was taken (SHA-256 differs)",
    PhotoCheck.MISSING: "WARNING: FILE MISSING from the data folder",
}


def stamp(moment: datetime | None) -> str:
    """A time with its offset, to the second: evidence must not be ambiguous."""
    if moment is None:
        return "-"
    return moment.astimezone().isoformat(sep=" ", timespec="seconds")


@dataclass(frozen=True)
class ParcelEvidence:
    tracking_id: str
    reported_at: datetime | None  # first seen in the FE's scans (API)
    scans: tuple[ScanRecord, ...]  # every dock scan of it, duplicates included
    received: ScanRecord | None  # the first counted scan: its condition and remark
    claim: Claim | None
    photos: tuple[tuple[Photo, PhotoCheck, str], ...]  # photo, check now, file path


@dataclass(frozen=True)
class HandoverEvidence:
    record: HandoverRecord
    parcels: tuple[ParcelEvidence, ...]


def _parcel(
    store: Store, record: HandoverRecord, code: str, claims: dict[str, Claim]
) -> ParcelEvidence:
    sid = record.session.id
    reported = [s.first_seen_at for s in store.shipments(sid) if s.tracking_id == code]
    scans = tuple(s for s in store.scans(sid) if s.code == code)
    photos = tuple(
        (p, check_photo(store, p), str(photo_path(store, p))) for p in store.photos(sid, code)
    )
    return ParcelEvidence(
        code,
        reported[0] if reported else None,
        scans,
        store.received(sid).get(code),
        claims.get(code),
        photos,
    )


def read_evidence(
    store: Store,
    *,
    tracking_id: str | None = None,
    session_id: int | None = None,
    claims: ClaimSettings | None = None,
    now: datetime | None = None,
) -> list[HandoverEvidence]:
    """A parcel in every handover it appears in, or every claim parcel of one handover."""
    settings = claims or ClaimSettings()
    now = now or datetime.now(UTC)
    found: list[HandoverEvidence] = []
    with store.snapshot():
        if tracking_id is not None:
            code = tracking_id.strip().upper()
            sessions = store.sessions_with_parcel(code)
        else:
            session = store.session(session_id) if session_id is not None else None
            sessions = [session] if session is not None else []
        for session in sessions:
            record = read_record(store, session.id)
            assert record is not None
            by_code = {c.tracking_id: c for c in session_claims(store, session, settings, now)}
            codes = [code] if tracking_id is not None else list(by_code)
            parcels = tuple(_parcel(store, record, c, by_code) for c in codes)
            found.append(HandoverEvidence(record, parcels))
    return found


def _handover_blocks(record: HandoverRecord) -> list[Block]:
    session, start, end, counts = record.session, record.start, record.end, record.counts
    blocks: list[Block] = [
        Text(f"Handover (session {session.id})", Size.LARGE, bold=True),
        Field("Seller location", session.location_id),
        Field("Field executive", f"{session.fe_name or session.fe_id} ({session.fe_id})"),
        Field("Logistics partner", session.logistic_partner or "-"),
        Field("LOB", session.lob or "-"),
        Field("Task", session.task_id, bold=True),
        Field("Start OTC", start.otc if start is not None else "-", bold=True),
        Field("Start OTC created", stamp(start.created_at if start else None)),
        Field("Start OTC received", stamp(start.received_at if start else None)),
        Field("End OTC", end.otc if end is not None else "-", bold=True),
        Field("End OTC received", stamp(end.received_at if end else None)),
        Field("Handover opened", stamp(session.opened_at)),
        Field("Handover completed", stamp(session.closed_at)),
        Space(1.5),
        Text("Marketplace (End OTC statistics) / this dock", bold=True),
    ]
    if end is not None:
        blocks += [
            Field(
                "Total scanned: marketplace / FE scans received",
                f"{end.total_scanned} / {counts.fe_scanned}",
            ),
            Field("OBD eligible / failed (marketplace)", f"{end.obd_eligible} / {end.obd_failed}"),
            Field(
                "Flyer eligible / failed (marketplace)",
                f"{end.flyer_eligible} / {end.flyer_failed}",
            ),
        ]
    else:
        blocks.append(Field("Marketplace statistics", "no End OTC received"))
    blocks += [
        Field("Scanned at dock", str(counts.dock_scanned)),
        Field("Matched", str(counts.matched)),
        Field("Missing at dock", str(len(record.missing)), bold=bool(record.missing)),
        Field("Unexpected at dock", str(len(record.unexpected)), bold=bool(record.unexpected)),
    ]
    return blocks


def _status(record: HandoverRecord, code: str) -> str:
    if code in record.missing:
        return "Missing at dock"
    if code in record.unexpected:
        return "Unexpected at dock"
    if code in record.received:
        return "Matched (both sides scanned it)"
    return "Open handover: not final"


def _parcel_blocks(record: HandoverRecord, parcel: ParcelEvidence) -> list[Block]:
    first = parcel.scans[0] if parcel.scans else None
    received = parcel.received
    blocks: list[Block] = [
        Separator(),
        Text(f"Parcel {parcel.tracking_id}", Size.LARGE, bold=True),
        Barcode(parcel.tracking_id, height_mm=14.0),
        Field("At the dock", _status(record, parcel.tracking_id), bold=True),
        Field("Reported by the FE (first seen)", stamp(parcel.reported_at)),
        Field("Scanned at dock (first)", stamp(first.scanned_at if first else None)),
        Field("Dock scans", str(len(parcel.scans))),
    ]
    if first is not None:
        blocks += [
            Field("Terminal", first.terminal),
            Field("Operator", first.operator or "-"),
            Field("Raw scan", first.raw.strip() or "-"),
        ]
    if received is not None:
        blocks += [
            Field("Condition", CONDITION_TEXTS[received.condition.value], bold=True),
            Field("Remark", received.remark or "-"),
            Field("Condition marked", stamp(received.condition_at)),
        ]
    claim = parcel.claim
    if claim is not None:
        blocks += [
            Space(1.5),
            Text("Claim", bold=True),
            *[Text(REASON_TEXTS.get(r, r)) for r in claim.reasons],
            Field("Marketplace", claim.marketplace),
            Field("Claim window", f"{claim.window_days} days from the handover"),
            Field("Deadline", stamp(claim.deadline), bold=True),
            Field("Status", claim.status.value),
            Field("Reference", claim.reference or "-"),
        ]
    blocks += [Space(1.5), Text(f"Photos ({len(parcel.photos)})", bold=True)]
    for n, (photo, check, path) in enumerate(parcel.photos, start=1):
        blocks += [
            Image(
                path, caption=f"Photo {n}: taken {stamp(photo.taken_at)}, terminal {photo.terminal}"
            ),
            Text(f"SHA-256 {photo.sha256}", Size.SMALL),
            Text(CHECK_TEXTS[check], Size.SMALL, bold=check is not PhotoCheck.OK),
            Space(2.0),
        ]
    if not parcel.photos:
        blocks.append(Text("No photo was taken of this parcel at the dock.", Size.SMALL))
    return blocks


def build_evidence_pack(
    evidence: list[HandoverEvidence], *, key: str, terminal: str, generated_at: datetime
) -> Layout:
    """The pack's layout; ``key`` (the tracking id or ``session-N``) names its PDF."""
    blocks: list[Block] = [
        Text("CLAIM EVIDENCE PACK", Size.LARGE, bold=True, align=Align.CENTER),
        Text(f"Returns Desk record of {key}", align=Align.CENTER),
        Separator(),
    ]
    for handover in evidence:
        blocks += _handover_blocks(handover.record)
        for parcel in handover.parcels:
            blocks += _parcel_blocks(handover.record, parcel)
        blocks.append(Separator())
    blocks += [
        Field("Generated", stamp(generated_at)),
        Field("Generated on terminal", terminal),
        Text(
            "Times are this terminal's, with their UTC offset. Each photo's SHA-256 was "
            "recorded when it was taken; the check above was made when this pack was generated.",
            Size.SMALL,
        ),
    ]
    return Layout(EVIDENCE_KIND, key, generated_at, tuple(blocks))
