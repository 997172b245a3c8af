"""The marketplace's enumerated states as the app reads them: plain enums, no pydantic.

The screens, the engine and the slips speak of these; they sit apart from the wire models
(``api/models.py``) so that the desk's start path, which needs the states but not the wire,
does not load pydantic (a tenth of a second before the desk is ready; docs/gui.md).
"""

from __future__ import annotations

import re
from enum import StrEnum


def _compact(text: str) -> str:
    """Lower case, letters and digits only: ``"End_OTC page"`` -> ``"endotcpage"``."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


class Lob(StrEnum):
    """Line of business of a field executive's vehicle: large appliances or the rest."""

    LARGE = "LARGE"
    NON_LARGE = "NON_LARGE"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, raw: str | None) -> Lob:
        compact = _compact(raw or "")
        if compact == "large":
            return cls.LARGE
        if compact in {"nonlarge", "small", "nonlrg"}:
            return cls.NON_LARGE
        return cls.UNKNOWN


class TaskState(StrEnum):
    """Where the field executive is in the handover, as far as the app can tell.

    The documents name one status, "Scanning"; ``parse`` reads other spellings as a hint
    for which screen to show, and anything else is ``UNKNOWN``. No action depends on
    this reading alone: the engine also moves a handover on the marketplace's own answers
    (a Start OTC for the FE, parcels reported, the list drained, an End OTC), and the
    marketplace's error codes decide whether an action is possible.
    """

    START_OTC = "START_OTC"
    SCANNING = "SCANNING"
    END_OTC = "END_OTC"
    COMPLETED = "COMPLETED"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, raw: str | None) -> TaskState:
        compact = _compact(raw or "")
        if compact in _STATE_SPELLINGS:
            return _STATE_SPELLINGS[compact]
        # Spellings not foreseen: the most specific words decide.
        if "endotc" in compact or "endotp" in compact:
            return cls.END_OTC
        if "startotc" in compact or "startotp" in compact:
            return cls.START_OTC
        if "scan" in compact:
            return cls.SCANNING
        return cls.UNKNOWN


_STATE_SPELLINGS: dict[str, TaskState] = {
    **dict.fromkeys(
        (
            "startotc",
            "startotcpage",
            "onstartotcpage",
            "startotcscreen",
            "onstartotcscreen",
            "atstartotc",
            "atstartotcpage",
            "startotcpending",
            "pendingstartotc",
            "awaitingstartotc",
            "waitingforstartotc",
            "startotcgenerated",
            "startotcrequired",
            "start",
            "arrived",
            "reached",
            "reachedlocation",
            "atlocation",
            "created",
            "assigned",
            "startotp",
            "startotppage",
        ),
        TaskState.START_OTC,
    ),
    **dict.fromkeys(
        (
            "scanning",
            "scan",
            "scanningpage",
            "onscanningpage",
            "scanninginprogress",
            "scaninprogress",
            "inprogress",
            "handoverinprogress",
            "scanningstarted",
            "startotcvalidated",
            "startotcverified",
            "startotpvalidated",
            "startotpverified",
        ),
        TaskState.SCANNING,
    ),
    **dict.fromkeys(
        (
            "endotc",
            "endotcpage",
            "onendotcpage",
            "endotcscreen",
            "onendotcscreen",
            "atendotc",
            "atendotcpage",
            "endotcpending",
            "pendingendotc",
            "awaitingendotc",
            "waitingforendotc",
            "endotcgenerated",
            "scanningcompleted",
            "scanningcomplete",
            "scancompleted",
            "scancomplete",
            "scanningdone",
            "scanningended",
            "scanned",
            "end",
            "endotp",
            "endotppage",
        ),
        TaskState.END_OTC,
    ),
    **dict.fromkeys(
        (
            "completed",
            "complete",
            "closed",
            "done",
            "finished",
            "handovercompleted",
            "handovercomplete",
            "endotcvalidated",
            "endotcverified",
            "endotpverified",
        ),
        TaskState.COMPLETED,
    ),
}


class OtcMode(StrEnum):
    """The seller's OTC configuration (``sellerConfig.enabledFor``)."""

    OLD_STATIC = "OldStatic"
    NEW_STATIC = "NewStatic"
    DYNAMIC_START_END = "DynamicStartEnd"
    DYNAMIC_END = "DynamicEnd"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, raw: str | None) -> OtcMode:
        compact = _compact(raw or "")
        for member in cls:
            if member is not cls.UNKNOWN and _compact(member.value) == compact:
                return member
        return cls.UNKNOWN

    @property
    def offers_generate_start_otc(self) -> bool:
        """Whether the "Generate Start OTC" action belongs on screen.

        Only dynamic Start OTCs are generated on demand; the static modes use fixed codes
        and ``DynamicEnd`` makes only the End OTC dynamic. An unknown mode offers the
        action: the API itself then says whether a code can be made.
        """
        return self in (OtcMode.DYNAMIC_START_END, OtcMode.UNKNOWN)
