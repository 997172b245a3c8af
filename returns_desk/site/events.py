"""What site mode tells the rest of the app (the screens subscribe), without the driver:
importing these never loads psycopg, so a single terminal's screens stay as they were."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import msgspec

from returns_desk.errors import ReturnsDeskError


class SiteState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    ALONE = "alone"  # the site database is out of reach: this terminal works on its own


class SiteStatusChanged(msgspec.Struct, frozen=True):
    """Whether this terminal works with the site or alone, and who else is there."""

    state: SiteState
    alone_since: datetime | None = None
    error: ReturnsDeskError | None = None
    terminals: tuple[str, ...] = ()  # the other terminals of the location seen lately


class SiteNotice(msgspec.Struct, frozen=True):
    """Something the clerk must hear: after working alone, another terminal leads an FE
    this one polled meanwhile (both terminals' scans are kept)."""

    fe_name: str
    leader: str
