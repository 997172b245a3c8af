"""Words for the core's codes and enums: the core returns codes, the UI turns them into words.

Every string goes through ``QCoreApplication.translate`` so that translations can be added
without touching the code (context ``"Texts"``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from returns_desk.api.states import Lob, TaskState
from returns_desk.store.models import Condition, ScanResult
from returns_desk.ui.i18n import time_text, tr
from returns_desk.workflow.reconcile import ParcelStatus

if TYPE_CHECKING:
    from returns_desk.printing.record import PrintDone


def state_text(state: TaskState) -> str:
    return {
        TaskState.START_OTC: tr("Start OTC"),
        TaskState.SCANNING: tr("Scanning"),
        TaskState.END_OTC: tr("End OTC"),
        TaskState.COMPLETED: tr("Completed"),
    }.get(state, tr("Unknown"))


def lob_text(lob: Lob) -> str:
    return {Lob.LARGE: tr("LARGE"), Lob.NON_LARGE: tr("NON-LARGE")}.get(lob, tr("LOB ?"))


def status_text(status: ParcelStatus) -> str:
    return {
        ParcelStatus.MATCHED: tr("Matched"),
        ParcelStatus.WAITING: tr("Waiting for dock scan"),
        ParcelStatus.NOT_YET_REPORTED: tr("Not in FE's list yet"),
        ParcelStatus.MISSING_AT_DOCK: tr("Missing at dock"),
        ParcelStatus.UNEXPECTED_AT_DOCK: tr("Unexpected at dock"),
        ParcelStatus.WRONG_LABEL: tr("Wrong label (order id)"),
        ParcelStatus.INVALID: tr("Not a tracking id"),
    }[status]


def condition_text(condition: Condition) -> str:
    return {
        Condition.GOOD: tr("Good"),
        Condition.DAMAGED: tr("Damaged"),
        Condition.TAMPERED: tr("Tampered or open"),
        Condition.EMPTY_OR_WRONG: tr("Empty or wrong item"),
        Condition.WET: tr("Wet"),
    }[condition]


def noted_text(condition: Condition, remark: str) -> str:
    """The condition column: "Damaged · corner crushed"; a good parcel without a remark: ""."""
    parts = [condition_text(condition)] if condition is not Condition.GOOD else []
    if remark:
        parts.append(remark)
    return " · ".join(parts)


def verdict_title(result: ScanResult) -> str:
    return {
        ScanResult.MATCHED: tr("MATCHED"),
        ScanResult.DUPLICATE: tr("ALREADY SCANNED"),
        ScanResult.NOT_YET_REPORTED: tr("NOT IN THE FE'S LIST YET"),
        ScanResult.UNEXPECTED: tr("UNEXPECTED PARCEL"),
        ScanResult.WRONG_LABEL: tr("WRONG LABEL"),
        ScanResult.INVALID: tr("NOT A TRACKING ID"),
    }[result]


def verdict_detail(result: ScanResult, first_scanned_at: datetime | None = None) -> str:
    if result is ScanResult.DUPLICATE:
        if first_scanned_at is not None:
            return tr("Verified at %1 — not counted again.").replace(
                "%1", clock_text(first_scanned_at)
            )
        return tr("Verified earlier — not counted again.")
    return {
        ScanResult.MATCHED: tr("The FE scanned this parcel too. Put it on the received pile."),
        ScanResult.NOT_YET_REPORTED: tr(
            "Not reported by the FE so far. Keep it aside: it may still come with the next sync."
        ),
        ScanResult.UNEXPECTED: tr("The FE never reported this parcel. Keep it aside."),
        ScanResult.WRONG_LABEL: tr("This is an order id. Scan the tracking barcode instead."),
        ScanResult.INVALID: tr("This barcode is not a tracking id. Check the label."),
    }[result]


def paper_text(name: str) -> str:
    """A paper setting as the admin and the preview name it: "80 mm roll"."""
    return {"58mm": tr("58 mm roll"), "80mm": tr("80 mm roll"), "a4": tr("A4 sheet")}.get(
        name, name
    )


def clock_text(moment: datetime | None) -> str:
    """A time of day in the terminal's local time, or a dash."""
    if moment is None:
        return "—"
    return time_text(moment)


def countdown_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def done_text(done: PrintDone) -> str:
    """What the clerk is told: printed on paper, or only saved as a PDF (and where)."""
    reprint = done.order.reprint is not None
    if done.on_paper:
        text = tr("Reprint printed: %1") if reprint else tr("Slip printed: %1")
    else:
        text = (
            tr("Reprint saved as PDF (not printed): %1. Ctrl+O opens the folder.")
            if reprint
            else tr("Slip saved as PDF (not printed): %1. Ctrl+O opens the folder.")
        )
    return text.replace("%1", done.where)
