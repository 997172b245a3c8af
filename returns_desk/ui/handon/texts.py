"""Words for the hand-on's codes: destinations, states, history events and problems.

The core keeps codes (``omni``, ``needs_attention``, ``handon.failed``); the UI turns them
into words here, through ``QCoreApplication.translate`` (context ``"Handon"``), so the
view, the import dialog and the settings page say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from returns_desk.errors import ReturnsDeskError
from returns_desk.handon import OMNI, POS
from returns_desk.store import Event, OutboxStatus
from returns_desk.ui.i18n import tr


def destination_name(destination: str) -> str:
    return {OMNI: tr("Omni"), POS: tr("Unicommerce POS")}.get(destination, destination)


def status_text(status: OutboxStatus) -> str:
    return {
        OutboxStatus.PENDING: tr("Waiting"),
        OutboxStatus.SENT: tr("Sent"),
        OutboxStatus.NEEDS_DATA: tr("Needs data"),
        OutboxStatus.NEEDS_ATTENTION: tr("Needs attention"),
        OutboxStatus.SKIPPED: tr("Skipped"),
    }[status]


def time_text(moment: datetime | None) -> str:
    """Local time, to the second; the day too, because entries can wait for days."""
    return "" if moment is None else moment.astimezone().strftime("%d %b %H:%M:%S")


def problem_line(destination: str, error: ReturnsDeskError) -> str:
    """One calm line for the banner: whose trouble, what is wrong, what to do."""
    return (
        tr("%1: %2 %3")
        .replace("%1", destination_name(destination))
        .replace("%2", error.message)
        .replace("%3", error.action)
    )


def _messages(items: Any) -> str:
    if not isinstance(items, list):
        return ""
    texts = [str(i.get("message") or i.get("description") or i) for i in items if i]
    return "; ".join(t for t in texts if t)


def event_text(event: Event) -> str:
    """What happened to an entry, in one line (a filled body is never shown)."""
    d: Mapping[str, Any] = event.detail
    attempt = str(d.get("attempt", ""))
    kind = event.kind.removeprefix("handon.")
    if kind == "queued":
        return tr("Queued")
    if kind == "needs_data":
        return tr("Needs data: %1").replace("%1", str(d.get("problems") or ""))
    if kind == "filled":
        return tr("Completed from the returns report")
    if kind == "in_flight":
        return tr("Attempt %1 sent").replace("%1", attempt)
    if kind == "checked":
        return tr("Asked the destination whether it has it: %1").replace(
            "%1", str(d.get("result", ""))
        )
    if kind == "sent":
        text = tr("Delivered (attempt %1)").replace("%1", attempt)
        if d.get("duplicate"):
            text += " " + tr("— the destination already had it")
        if d.get("note"):
            text += f" ({d['note']})"
        warnings = _messages(d.get("warnings"))
        return text + (" " + tr("Warnings: %1").replace("%1", warnings) if warnings else "")
    if kind == "failed":
        text = tr("Attempt %1 failed: %2").replace("%1", attempt).replace("%2", str(d.get("code")))
        if d.get("http_status"):
            text += f" (HTTP {d['http_status']})"
        if d.get("error"):
            text += f" — {d['error']}"
        errors = _messages(d.get("errors"))
        if errors:
            text += " " + tr("Errors: %1").replace("%1", errors)
        if d.get("gave_up"):
            text += " " + tr("— needs attention")
        return text
    if kind == "retry":
        return tr("Retry asked by the admin")
    if kind == "skip":
        reason = str(d.get("reason") or "")
        return tr("Skipped by the admin: %1").replace("%1", reason) if reason else tr("Skipped")
    return event.kind
