"""What the calm notice bar says: network and API trouble, what to do, when the next try is.

Expected trouble never opens a dialog: the clerk keeps scanning (scans are recorded
offline) and reads one or two lines above the screen. "No returns today" is information,
not an error.
"""

from __future__ import annotations

import msgspec

from returns_desk.errors import ConfigurationError, ReturnsDeskError
from returns_desk.ui.i18n import tr
from returns_desk.workflow.events import DockStatus
from returns_desk.workflow.handover import HandoverView

_LEVELS = {"info": 0, "warn": 1, "error": 2}


class Notice(msgspec.Struct, frozen=True):
    level: str  # "info", "warn" or "error"
    text: str


def error_line(error: ReturnsDeskError, next_in_s: float | None = None) -> str:
    """What is wrong, when the next try is (if known), what to do."""
    parts = [error.user_message]  # in the desk's language, as ``user_text``
    if next_in_s is not None and error.retryable:
        parts.append(tr("Next try in %1 s.").replace("%1", str(max(1, round(next_in_s)))))
    parts.append(error.user_action)
    return " ".join(p for p in parts if p)


def compute_notice(
    dock: DockStatus | None,
    selected: HandoverView | None,
    *,
    engine_now: float,
    startup_error: ReturnsDeskError | None = None,
    job_error: ReturnsDeskError | None = None,
    settings_notes: tuple[str, ...] = (),
) -> Notice | None:
    """The most important one or two things to say, or None when all is well."""
    notices: list[Notice] = []
    if startup_error is not None:
        notices.append(Notice("error", startup_error.user_text))
    notices.extend(Notice("warn", note) for note in settings_notes)
    if job_error is not None:
        notices.append(Notice("warn", job_error.user_text))
    if selected is not None and selected.last_error is not None:
        next_in = selected.next_poll_at - engine_now if selected.next_poll_at is not None else None
        line = tr("Parcels of %1: ").replace("%1", selected.fe_name)
        notices.append(Notice("warn", line + error_line(selected.last_error, next_in)))
    if dock is not None:
        refresh_error = dock.last_refresh_error
        poll_error = selected.last_error if selected is not None else None
        if refresh_error is not None and (
            poll_error is None or refresh_error.message != poll_error.message
        ):  # the same trouble twice is said once
            # one only an admin can put right (no credentials, a wrong address) is an error
            level = "error" if isinstance(refresh_error, ConfigurationError) else "warn"
            notices.append(Notice(level, error_line(refresh_error)))
        if dock.clock_skew_warning and dock.clock_skew_s is not None:
            notices.append(
                Notice(
                    "warn",
                    tr(
                        "This terminal's clock is %1 s off the marketplace's. OTC countdowns "
                        "are corrected; ask IT support to set the time."
                    ).replace("%1", str(round(dock.clock_skew_s))),
                )
            )
        if dock.no_returns_today:
            notices.append(
                Notice(
                    "info",
                    tr(
                        "No returns are expected at this location today. "
                        "The app checks again regularly."
                    ),
                )
            )
    if not notices:
        return None
    notices.sort(key=lambda n: -_LEVELS[n.level])
    shown = notices[:2]
    return Notice(shown[0].level, "\n".join(n.text for n in shown))
