"""Queueing the hand-on of completed handovers, outside the engine and its lock.

The engine notes each completion in the event log in the transaction that closes the
handover; the hand-on queues its entries later, on its own thread, and notes that in the
same transaction as the entries. So a crash in between loses nothing: at the next start the
completions without a "queued" note are queued then. The imported-returns file is read at
most once per change of the file (it can hold weeks of records); a damaged file makes the
entries wait as "needs data" with a notice, it never stops the queueing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from returns_desk.errors import ReturnsDeskError
from returns_desk.handon.outbox import enqueue_for_completed_handover
from returns_desk.handon.records import RecordBook, ReturnRecord
from returns_desk.settings.handon import HandonSettings
from returns_desk.store import OutboxItem, Store

#: Written with the entries of a completed handover (``detail.entries``: how many).
QUEUED_EVENT = "handon_queued"


def pending_completions(store: Store, completed_kind: str) -> list[int]:
    """Completed handovers whose hand-on is not queued yet, oldest first."""
    return sorted(store.event_sessions(completed_kind) - store.event_sessions(QUEUED_EVENT))


@dataclass(frozen=True)
class Loaded:
    records: dict[str, ReturnRecord]
    error: ReturnsDeskError | None  # the file could not be read: no records this time


class RecordCache:
    """The imported returns, read again only when the file changed (size or time)."""

    def __init__(self, book: RecordBook) -> None:
        self.book = book
        self._stamp: tuple[int, int] | None = None
        self._loaded = Loaded({}, None)

    @classmethod
    def in_folder(cls, data_folder: str | os.PathLike[str]) -> RecordCache:
        return cls(RecordBook.in_folder(data_folder))

    @property
    def path(self) -> Path:
        return self.book.path

    def load(self) -> Loaded:
        try:
            stat = self.book.path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None  # no file yet (or unreadable: load says which)
        if stamp is None or stamp != self._stamp:
            try:
                self._loaded = Loaded(self.book.load(), None)
            except ReturnsDeskError as exc:
                self._loaded = Loaded({}, exc)
            self._stamp = stamp
        return self._loaded


def queue_completed(
    store: Store, session_id: int, settings: HandonSettings, records: dict[str, ReturnRecord]
) -> list[OutboxItem]:
    """The entries of one completed handover, and the note that they are queued: one
    transaction, so a handover is queued exactly once however often this is retried."""
    with store.transaction():
        if store.events(session_id, kind=QUEUED_EVENT, limit=1):  # queued before a crash
            return []
        items = enqueue_for_completed_handover(store, session_id, settings, records)
        store.log_event(QUEUED_EVENT, session_id, entries=len(items))
    return items
