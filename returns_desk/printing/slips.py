"""What is printed: the Start OTC slip and the handover receipt, built from plain data.

Pure Python (no Qt), so every field of every slip is tested without a display and the
same layout feeds the PDF, the Windows driver and raw ESC/POS. All the words a clerk
reads are in ``TEXTS``, in one place, in English; a builder given ``words`` (the same keys,
translated: ``returns_desk.ui.i18n.slip_words``) prints those instead.

The receipt's QR code carries ``receipt_summary``: session and task ids, the counts, and
a short SHA-256 over the sorted parcel lists, so a paper receipt can later be checked
against the stored record with ``verify_summary``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from returns_desk.i18n import QT_TRANSLATE_NOOP
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
    "start_title": QT_TRANSLATE_NOOP("Slips", "START OTC SLIP"),
    "handover_title": QT_TRANSLATE_NOOP("Slips", "HANDOVER RECEIPT"),
    "fe_name": QT_TRANSLATE_NOOP("Slips", "Field executive"),
    "fe_id": QT_TRANSLATE_NOOP("Slips", "FE id"),
    "partner": QT_TRANSLATE_NOOP("Slips", "Partner"),
    "lob": QT_TRANSLATE_NOOP("Slips", "LOB"),
    "task": QT_TRANSLATE_NOOP("Slips", "Task"),
    "session": QT_TRANSLATE_NOOP("Slips", "Session"),
    "start_otc": QT_TRANSLATE_NOOP("Slips", "Start OTC"),
    "end_otc": QT_TRANSLATE_NOOP("Slips", "End OTC"),
    "created": QT_TRANSLATE_NOOP("Slips", "Created"),
    "expires": QT_TRANSLATE_NOOP("Slips", "Expires"),
    "started": QT_TRANSLATE_NOOP("Slips", "Started"),
    "ended": QT_TRANSLATE_NOOP("Slips", "Ended"),
    "api_heading": QT_TRANSLATE_NOOP("Slips", "Marketplace count (End OTC)"),
    "total_scanned": QT_TRANSLATE_NOOP("Slips", "Scanned by FE"),
    "obd_eligible": QT_TRANSLATE_NOOP("Slips", "OBD eligible"),
    "obd_failed": QT_TRANSLATE_NOOP("Slips", "OBD failed"),
    "flyer_eligible": QT_TRANSLATE_NOOP("Slips", "Flyer eligible"),
    "flyer_failed": QT_TRANSLATE_NOOP("Slips", "Flyer failed"),
    "dock_heading": QT_TRANSLATE_NOOP("Slips", "Dock count"),
    "fe_scanned": QT_TRANSLATE_NOOP("Slips", "Scanned by FE"),
    "dock_scanned": QT_TRANSLATE_NOOP("Slips", "Scanned at dock"),
    "matched": QT_TRANSLATE_NOOP("Slips", "Matched"),
    "missing_at_dock": QT_TRANSLATE_NOOP("Slips", "Missing at dock"),
    "unexpected_at_dock": QT_TRANSLATE_NOOP("Slips", "Unexpected at dock"),
    "missing_heading": QT_TRANSLATE_NOOP("Slips", "Missing at dock ({count})"),
    "unexpected_heading": QT_TRANSLATE_NOOP("Slips", "Unexpected at dock ({count})"),
    "none": QT_TRANSLATE_NOOP("Slips", "None"),
    "not_available": "-",
    "sign_clerk": QT_TRANSLATE_NOOP("Slips", "Clerk signature"),
    "sign_fe": QT_TRANSLATE_NOOP("Slips", "Field executive signature"),
    "qr_caption": QT_TRANSLATE_NOOP("Slips", "Scan to check this receipt against the record"),
    "terminal": QT_TRANSLATE_NOOP("Slips", "Terminal"),
    "printed": QT_TRANSLATE_NOOP("Slips", "Printed"),
    "reprint": QT_TRANSLATE_NOOP("Slips", "REPRINT"),
    "reprint_line": QT_TRANSLATE_NOOP("Slips", "printed {printed}, original printed {original}"),
    "original_printed": QT_TRANSLATE_NOOP("Slips", "Original printed"),
    "unknown_time": QT_TRANSLATE_NOOP("Slips", "unknown"),
    "noted_heading": QT_TRANSLATE_NOOP("Slips", "Parcels noted at handover ({count})"),
    # the FE's one signature when parcels were noted: it covers them too (not a second line)
    "sign_fe_noted": QT_TRANSLATE_NOOP(
        "Slips", "Field executive signature, also for the parcels noted"
    ),
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


TIME_FORMAT = "%Y-%m-%d %H:%M"  # in every language: the record and the paper agree
Words = Mapping[str, str]  # TEXTS' keys -> the words printed
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


def _fe_fields(fe: SlipFe, task_id: str, w: Words) -> list[Block]:
    return [
        Field(w["fe_name"], fe.name, bold=True),
        Field(w["fe_id"], fe.fe_id),
        Field(w["partner"], fe.logistic_partner),
        Field(w["lob"], fe.lob),
        Field(w["task"], task_id),
    ]


def _header(
    title: str, location: str, printed_at: datetime, reprint: Reprint | None, w: Words
) -> list[Block]:
    return [
        Text(title, Size.LARGE, bold=True, align=Align.CENTER),
        *_reprint_lines(printed_at, reprint, w),
        Text(location, Size.NORMAL, align=Align.CENTER),
        Separator(),
    ]


def _original_time(reprint: Reprint, w: Words) -> str:
    if reprint.original_printed_at is None:
        return w["unknown_time"]
    return format_time(reprint.original_printed_at)


def reprint_text(printed_at: datetime, reprint: Reprint, words: Words | None = None) -> str:
    """``REPRINT - printed <time>, original printed <time>``; plain ASCII in English."""
    w = words or TEXTS
    line = w["reprint_line"].format(
        printed=format_time(printed_at), original=_original_time(reprint, w)
    )
    return f"{w['reprint']} - {line}"


def _reprint_lines(printed_at: datetime, reprint: Reprint | None, w: Words) -> list[Block]:
    """Under the title of a reprint, so a copy can never pass for the original."""
    if reprint is None:
        return []
    return [Text(reprint_text(printed_at, reprint, w), Size.NORMAL, bold=True, align=Align.CENTER)]


def _footer(terminal: str, printed_at: datetime, reprint: Reprint | None, w: Words) -> list[Block]:
    blocks: list[Block] = [
        Separator(),
        Field(w["terminal"], terminal),
        Field(w["printed"], format_time(printed_at)),
    ]
    if reprint is not None:
        blocks.append(Field(w["original_printed"], _original_time(reprint, w), bold=True))
    return blocks


def _key(task_id: str, reprint: Reprint | None) -> str:
    return task_id + (REPRINT_KEY_SUFFIX if reprint is not None else "")


def _big_code(label: str, code: str) -> list[Block]:
    return [
        Text(label, Size.SMALL, align=Align.CENTER),
        Text(code, Size.HUGE, bold=True, align=Align.CENTER),
    ]


def build_start_otc_slip(slip: StartOtcSlip, words: Words | None = None) -> Layout:
    """The slip handed to the FE when the handover starts: the OTC large, the task scannable."""
    w = words or TEXTS
    blocks: list[Block] = [
        *_header(w["start_title"], slip.location, slip.printed_at, slip.reprint, w),
        *_fe_fields(slip.fe, slip.task_id, w),
        Separator(),
        *_big_code(w["start_otc"], slip.otc),
        Field(w["created"], format_time(slip.created_at)),
        Field(w["expires"], format_time(slip.expires_at), bold=True),
        Space(3.0),
        Barcode(slip.task_id),
        *_footer(slip.terminal, slip.printed_at, slip.reprint, w),
    ]
    return Layout(START_OTC_KIND, _key(slip.task_id, slip.reprint), slip.printed_at, tuple(blocks))


def build_handover_receipt(receipt: HandoverReceipt, words: Words | None = None) -> Layout:
    """The evidence of a finished handover: both counts, every discrepancy, two signatures."""
    w = words or TEXTS
    api, dock = receipt.api_stats, receipt.dock
    na = w["not_available"]
    clerk = w["sign_clerk"] + (f": {receipt.operator}" if receipt.operator else "")
    fe = w["sign_fe_noted"] if receipt.noted else w["sign_fe"]
    blocks: list[Block] = [
        *_header(w["handover_title"], receipt.location, receipt.printed_at, receipt.reprint, w),
        *_fe_fields(receipt.fe, receipt.task_id, w),
        Field(w["session"], receipt.session_id),
        Separator(),
        *_big_code(w["end_otc"], receipt.end_otc),
        Field(w["start_otc"], receipt.start_otc or na),
        Field(w["started"], format_time(receipt.started_at)),
        Field(w["ended"], format_time(receipt.ended_at)),
        Separator(),
        Text(w["api_heading"], bold=True),
        Field(w["total_scanned"], str(api.total_scanned)),
        Field(w["obd_eligible"], str(api.obd_eligible)),
        Field(w["obd_failed"], str(api.obd_failed)),
        Field(w["flyer_eligible"], str(api.flyer_eligible)),
        Field(w["flyer_failed"], str(api.flyer_failed)),
        Space(1.5),
        Text(w["dock_heading"], bold=True),
        Field(w["fe_scanned"], str(dock.fe_scanned)),
        Field(w["dock_scanned"], str(dock.dock_scanned)),
        Field(w["matched"], str(dock.matched)),
        Field(w["missing_at_dock"], str(dock.missing_at_dock), bold=dock.missing_at_dock > 0),
        Field(
            w["unexpected_at_dock"],
            str(dock.unexpected_at_dock),
            bold=dock.unexpected_at_dock > 0,
        ),
        Separator(),
        Text(w["missing_heading"].format(count=len(receipt.missing)), bold=True),
        Items(tuple(receipt.missing), empty=w["none"]),
        Space(1.5),
        Text(w["unexpected_heading"].format(count=len(receipt.unexpected)), bold=True),
        Items(tuple(receipt.unexpected), empty=w["none"]),
        *_noted(receipt, w),
        Separator(),
        Signature(clerk),
        Signature(f"{fe}: {receipt.fe.name}"),
        Space(2.0),
        Qr(receipt_summary(receipt), caption=w["qr_caption"]),
        *_footer(receipt.terminal, receipt.printed_at, receipt.reprint, w),
    ]
    key = _key(receipt.task_id, receipt.reprint)
    return Layout(HANDOVER_KIND, key, receipt.printed_at, tuple(blocks))


def _noted(receipt: HandoverReceipt, w: Mapping[str, str]) -> list[Block]:
    """The parcels noted at the handover: an OTP-only handover still leaves a remark on
    paper. The FE signs them with his one signature at the end (``sign_fe_noted``), not on
    a line of their own. Nothing when every parcel was fine."""
    if not receipt.noted:
        return []
    return [
        Separator(),
        Text(w["noted_heading"].format(count=len(receipt.noted)), bold=True),
        *[Field(code, noted_line(cond, remark)) for code, cond, remark in receipt.noted],
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
