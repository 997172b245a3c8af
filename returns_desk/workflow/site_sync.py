"""What site mode hands the engine, and what the engine asks of it (docs/site.md).

Qt-free and free of the database driver: ``returns_desk/site/`` reads the site database
and calls ``DockEngine.merge_site`` with a ``SiteBatch``; the engine asks its ``SiteGate``
whether this terminal polls an FE's shipments (it holds the FE's lease) or reads them from
the site database instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

import msgspec

from returns_desk.store.site_log import HandoverKey


class SiteHandover(msgspec.Struct, frozen=True):
    """A handover as the site database has it."""

    key: HandoverKey
    fe_name: str
    logistic_partner: str
    lob: str
    state: str  # a TaskState value
    drained: bool
    leader: str | None


class IncomingShipment(msgspec.Struct, frozen=True):
    terminal: str  # the terminal that fetched it from the marketplace
    seq: int
    key: HandoverKey
    fields: dict[str, Any]


class IncomingScan(msgspec.Struct, frozen=True):
    terminal: str  # the terminal where it was scanned
    seq: int
    key: HandoverKey
    raw: str
    code: str
    result: str  # as that terminal recorded it ("moved": its scans of the code stop counting)
    operator: str
    scanned_at: datetime


class SiteBatch(msgspec.Struct, frozen=True):
    """One catch-up: handovers first (so every scan finds its handover), then the FE's
    shipments, then the dock's scans."""

    handovers: tuple[SiteHandover, ...] = ()
    shipments: tuple[IncomingShipment, ...] = ()
    scans: tuple[IncomingScan, ...] = ()
    #: the handovers' drain flags apply (False: more of their shipments follow in the next
    #: batch, so none is called complete before its last page is in)
    final: bool = True

    def __bool__(self) -> bool:
        return bool(self.handovers or self.shipments or self.scans)


class SiteGate(Protocol):
    """The engine's questions to site mode (any thread; answered from memory)."""

    def may_poll(self, key: HandoverKey) -> bool:
        """Whether this terminal polls the FE's shipments now: it holds the lease, or the
        site database is out of reach and the terminal works alone."""
        ...

    def take_over(self, key: HandoverKey) -> tuple[str | None, bool] | None:
        """Lead this FE from now on (End OTC asked here); the site's cursor and whether the
        first shipments call was made, or None when working alone."""
        ...
