"""What is printed: the Start OTC slip and the handover receipt, built from plain data.

Pure Python (no Qt), so every field of every slip is tested without a display and the
same layout feeds the PDF, the Windows driver and raw ESC/POS. All the words a clerk
reads are in ``TEXTS``, in one place, ready to be translated.

The receipt's QR code carries ``receipt_summary``: session and task ids, the counts, and
a short SHA-256 over the sorted parcel lists, so a paper receipt can later be checked
against the stored record with ``verify_summary``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from returns_desk.printing.layout import (
    Align,
    Barcode,
    Block,
    Field,
    Items,
    Layout,
    Qr,
    Separator,
    Signature,
    Size,
    Space,
    Text,
)

START_OTC_KIND = "start-otc"
HANDOVER_KIND = "handover"
SUMMARY_VERSION = "RD1"

TEXTS: dict[str, str] = {
    "start_title": "START OTC SLIP",
    "handover_title": "HANDOVER RECEIPT",
    "fe_name": "Field executive",
    "fe_id": "FE id",
    "partner": "Partner",
    "lob": "LOB",
    "task": "Task",
    "session": "Session",
    "start_otc": "Start OTC",
    "end_otc": "End OTC",
    "created": "Created",
    "expires": "Expires",
    "started": "Started",
    "ended": "Ended",
    "api_heading": "Marketplace count (End OTC)",
    "total_scanned": "Scanned by FE",
    "obd_eligible": "OBD eligible",
    "obd_failed": "OBD failed",
    "flyer_eligible": "Flyer eligible",
    "flyer_failed": "Flyer failed",
    "dock_heading": "Dock count",
    "fe_scanned": "Scanned by FE",
    "dock_scanned": "Scanned at dock",
    "matched": "Matched",
    "missing_at_dock": "Missing at dock",
    "unexpected_at_dock": "Unexpected at dock",
    "missing_heading": "Missing at dock ({count})",
    "unexpected_heading": "Unexpected at dock ({count})",
    "none": "None",
    "not_available": "-",
    "sign_clerk": "Clerk signature",
    "sign_fe": "Field executive signature",
    "qr_caption": "Scan to check this receipt against the record",
    "terminal": "Terminal",
    "printed": "Printed",
    "reprint": "REPRINT",
    "reprint_line": "printed {printed}, original printed {original}",
    "original_printed": "Original printed",
    "unknown_time": "unknown",
    "noted_heading": "Parcels noted at handover ({count})",
    "sign_fe_noted": "Field executive: parcels noted at handover",
}
#: a parcel's condition as printed (``store.models.Condition`` values)
CONDITION_TEXTS: dict[str, str] = {
    "good": "Good",
    "damaged": "Damaged",
    "tampered": "Tampered or open",
    "empty_or_wrong": "Empty or wrong item",
    "wet": "Wet",
}


def noted_line(condition: str, remark: str) -> str:
    """``Damaged - corner crushed``; a good parcel shows its remark alone (ASCII: ESC/POS)."""
    parts = [CONDITION_TEXTS.get(condition, condition)] if condition != "good" else []
    if remark:
        parts.append(remark)
    return " - ".join(parts)


TIME_FORMAT = "%Y-%m-%d %H:%M"
REPRINT_KEY_SUFFIX = "-reprint"  # in the PDF file name of a reprint


@dataclass(frozen=True)
class Reprint:
    """Marks a slip printed again: the paper says so, with when the original was printed.

    ``original_printed_at`` is None only when the original's time is not known (its job
    had not finished yet).
    """

    original_printed_at: datetime | None


@dataclass(frozen=True)
class SlipFe:
    fe_id: str
    name: str
    logistic_partner: str
    lob: str


@dataclass(frozen=True)
class StartOtcSlip:
    location: str
    fe: SlipFe
    task_id: str
    otc: str
    created_at: datetime
    expires_at: datetime
    terminal: str
    printed_at: datetime
    reprint: Reprint | None = None


@dataclass(frozen=True)
class EndStats:
    """The statistics the marketplace returns with the End OTC."""

    total_scanned: int
    obd_eligible: int
    obd_failed: int
    flyer_eligible: int
    flyer_failed: int


@dataclass(frozen=True)
class DockCounts:
    """The dock's own reconciliation of FE scans against clerk scans."""

    fe_scanned: int
    dock_scanned: int
    matched: int
    missing_at_dock: int
    unexpected_at_dock: int


@dataclass(frozen=True)
class HandoverReceipt:
    """Everything on the receipt. ``received`` (all tracking ids scanned at the dock) is
    not printed but goes into the QR hash, so the hash covers the whole parcel list."""

    location: str
    fe: SlipFe
    task_id: str
    start_otc: str | None
    end_otc: str
    api_stats: EndStats
    dock: DockCounts
    missing: Sequence[str]
    unexpected: Sequence[str]
    session_id: str
    started_at: datetime
    ended_at: datetime
    terminal: str
    printed_at: datetime
    operator: str | None = None
    received: Sequence[str] = field(default=())
    reprint: Reprint | None = None
    #: received parcels marked not good or with a remark: (tracking id, condition, remark)
    noted: Sequence[tuple[str, str, str]] = field(default=())

    def __post_init__(self) -> None:
        # lists are accepted for convenience but stored as tuples: the receipt crosses threads
        for name in ("missing", "unexpected", "received", "noted"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


def format_time(moment: datetime) -> str:
    """Local date and time as printed (naive datetimes are taken as local already)."""
    return moment.astimezone().strftime(TIME_FORMAT)


def _fe_fields(fe: SlipFe, task_id: str) -> list[Block]:
    return [
        Field(TEXTS["fe_name"], fe.name, bold=True),
        Field(TEXTS["fe_id"], fe.fe_id),
        Field(TEXTS["partner"], fe.logistic_partner),
        Field(TEXTS["lob"], fe.lob),
        Field(TEXTS["task"], task_id),
    ]


def _header(
    title: str, location: str, printed_at: datetime, reprint: Reprint | None
) -> list[Block]:
    return [
        Text(title, Size.LARGE, bold=True, align=Align.CENTER),
        *_reprint_lines(printed_at, reprint),
        Text(location, Size.NORMAL, align=Align.CENTER),
        Separator(),
    ]


def _original_time(reprint: Reprint) -> str:
    if reprint.original_printed_at is None:
        return TEXTS["unknown_time"]
    return format_time(reprint.original_printed_at)


def reprint_text(printed_at: datetime, reprint: Reprint) -> str:
    """``REPRINT - printed <time>, original printed <time>``; plain ASCII for ESC/POS too."""
    line = TEXTS["reprint_line"].format(
        printed=format_time(printed_at), original=_original_time(reprint)
    )
    return f"{TEXTS['reprint']} - {line}"


def _reprint_lines(printed_at: datetime, reprint: Reprint | None) -> list[Block]:
    """Under the title of a reprint, so a copy can never pass for the original."""
    if reprint is None:
        return []
    return [Text(reprint_text(printed_at, reprint), Size.NORMAL, bold=True, align=Align.CENTER)]


def _footer(terminal: str, printed_at: datetime, reprint: Reprint | None = None) -> list[Block]:
    blocks: list[Block] = [
        Separator(),
        Field(TEXTS["terminal"], terminal),
        Field(TEXTS["printed"], format_time(printed_at)),
    ]
    if reprint is not None:
        blocks.append(Field(TEXTS["original_printed"], _original_time(reprint), bold=True))
    return blocks


def _key(task_id: str, reprint: Reprint | None) -> str:
    return task_id + (REPRINT_KEY_SUFFIX if reprint is not None else "")


def _big_code(label: str, code: str) -> list[Block]:
    return [
        Text(label, Size.SMALL, align=Align.CENTER),
        Text(code, Size.HUGE, bold=True, align=Align.CENTER),
    ]


def build_start_otc_slip(slip: StartOtcSlip) -> Layout:
    """The slip handed to the FE when the handover starts: the OTC large, the task scannable."""
    blocks: list[Block] = [
        *_header(TEXTS["start_title"], slip.location, slip.printed_at, slip.reprint),
        *_fe_fields(slip.fe, slip.task_id),
        Separator(),
        *_big_code(TEXTS["start_otc"], slip.otc),
        Field(TEXTS["created"], format_time(slip.created_at)),
        Field(TEXTS["expires"], format_time(slip.expires_at), bold=True),
        Space(3.0),
        Barcode(slip.task_id),
        *_footer(slip.terminal, slip.printed_at, slip.reprint),
    ]
    return Layout(START_OTC_KIND, _key(slip.task_id, slip.reprint), slip.printed_at, tuple(blocks))


def build_handover_receipt(receipt: HandoverReceipt) -> Layout:
    """The evidence of a finished handover: both counts, every discrepancy, two signatures."""
    api, dock = receipt.api_stats, receipt.dock
    na = TEXTS["not_available"]
    clerk = TEXTS["sign_clerk"] + (f": {receipt.operator}" if receipt.operator else "")
    blocks: list[Block] = [
        *_header(TEXTS["handover_title"], receipt.location, receipt.printed_at, receipt.reprint),
        *_fe_fields(receipt.fe, receipt.task_id),
        Field(TEXTS["session"], receipt.session_id),
        Separator(),
        *_big_code(TEXTS["end_otc"], receipt.end_otc),
        Field(TEXTS["start_otc"], receipt.start_otc or na),
        Field(TEXTS["started"], format_time(receipt.started_at)),
        Field(TEXTS["ended"], format_time(receipt.ended_at)),
        Separator(),
        Text(TEXTS["api_heading"], bold=True),
        Field(TEXTS["total_scanned"], str(api.total_scanned)),
        Field(TEXTS["obd_eligible"], str(api.obd_eligible)),
        Field(TEXTS["obd_failed"], str(api.obd_failed)),
        Field(TEXTS["flyer_eligible"], str(api.flyer_eligible)),
        Field(TEXTS["flyer_failed"], str(api.flyer_failed)),
        Space(1.5),
        Text(TEXTS["dock_heading"], bold=True),
        Field(TEXTS["fe_scanned"], str(dock.fe_scanned)),
        Field(TEXTS["dock_scanned"], str(dock.dock_scanned)),
        Field(TEXTS["matched"], str(dock.matched)),
        Field(TEXTS["missing_at_dock"], str(dock.missing_at_dock), bold=dock.missing_at_dock > 0),
        Field(
            TEXTS["unexpected_at_dock"],
            str(dock.unexpected_at_dock),
            bold=dock.unexpected_at_dock > 0,
        ),
        Separator(),
        Text(TEXTS["missing_heading"].format(count=len(receipt.missing)), bold=True),
        Items(tuple(receipt.missing), empty=TEXTS["none"]),
        Space(1.5),
        Text(TEXTS["unexpected_heading"].format(count=len(receipt.unexpected)), bold=True),
        Items(tuple(receipt.unexpected), empty=TEXTS["none"]),
        *_noted(receipt),
        Separator(),
        Signature(clerk),
        Signature(f"{TEXTS['sign_fe']}: {receipt.fe.name}"),
        Space(2.0),
        Qr(receipt_summary(receipt), caption=TEXTS["qr_caption"]),
        *_footer(receipt.terminal, receipt.printed_at, receipt.reprint),
    ]
    key = _key(receipt.task_id, receipt.reprint)
    return Layout(HANDOVER_KIND, key, receipt.printed_at, tuple(blocks))


def _noted(receipt: HandoverReceipt) -> list[Block]:
    """The parcels noted at the handover, and the FE's signature under them: an OTP-only
    handover still leaves a remark on paper. Nothing when every parcel was fine."""
    if not receipt.noted:
        return []
    return [
        Separator(),
        Text(TEXTS["noted_heading"].format(count=len(receipt.noted)), bold=True),
        *[Field(code, noted_line(cond, remark)) for code, cond, remark in receipt.noted],
        Signature(f"{TEXTS['sign_fe_noted']}: {receipt.fe.name}"),
    ]


def parcel_hash(receipt: HandoverReceipt) -> str:
    """First 16 hex digits of SHA-256 over the sorted, tagged parcel lists."""
    lines = [f"R:{code}" for code in sorted(set(receipt.received))]
    lines += [f"M:{code}" for code in sorted(set(receipt.missing))]
    lines += [f"U:{code}" for code in sorted(set(receipt.unexpected))]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def receipt_summary(receipt: HandoverReceipt) -> str:
    """The QR content: short enough for a small QR code, enough to find and check the record.

    ``RD1;S=<session>;T=<task>;A=<api counts>;D=<dock counts>;H=<parcel hash>``
    """
    api, dock = receipt.api_stats, receipt.dock
    api_counts = (
        api.total_scanned,
        api.obd_eligible,
        api.obd_failed,
        api.flyer_eligible,
        api.flyer_failed,
    )
    dock_counts = (
        dock.fe_scanned,
        dock.dock_scanned,
        dock.matched,
        dock.missing_at_dock,
        dock.unexpected_at_dock,
    )
    return ";".join(
        (
            SUMMARY_VERSION,
            f"S={receipt.session_id}",
            f"T={receipt.task_id}",
            "A=" + "/".join(map(str, api_counts)),
            "D=" + "/".join(map(str, dock_counts)),
            f"H={parcel_hash(receipt)}",
        )
    )


def verify_summary(text: str, receipt: HandoverReceipt) -> bool:
    """Whether a scanned QR summary matches ``receipt`` as rebuilt from the record."""
    return text.strip() == receipt_summary(receipt)
