"""What the hand-on tells the screens, as typed, immutable events (published from its thread)."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from returns_desk.errors import ReturnsDeskError


class OutboxChanged(msgspec.Struct, frozen=True):
    """Entries were queued, sent, failed or put back: views of the outbox may look again."""

    session_id: int | None = None  # the handover whose entries were queued, if that was it
    queued: int = 0


class HandonProblems(msgspec.Struct, frozen=True):
    """What keeps destinations from working (empty: every switched-on destination is ready)."""

    problems: Mapping[str, ReturnsDeskError] = msgspec.field(default_factory=dict)


class HandonWaiting(msgspec.Struct, frozen=True):
    """A completed handover's entries wait: the imported returns could not be read.

    They are queued as "needs data" and complete once the report is imported again.
    """

    session_id: int
    error: ReturnsDeskError


HandonEvent = OutboxChanged | HandonProblems | HandonWaiting
