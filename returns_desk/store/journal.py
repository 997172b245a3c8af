"""The append-only event log and the hand-on outbox.

The store must never receive secrets (tokens, client secrets, passwords, Authorization
headers): callers log what happened and what the API answered, not how they were
authorised. As a second line of defence, ``log_event`` replaces the value of any key
named like a secret with ``"[redacted]"`` before it is written.

An outbox item is written in the same transaction as the change that makes it due
(``with store.transaction(): store.close_session(...); store.enqueue_outbox(...)``), so
a crash can never complete a handover without queueing its hand-on, or the other way.
Each attempt to send one is marked in flight (committed before the request leaves) and
its outcome clears the mark, so the entries whose last attempt may have arrived are a
query (``outbox_in_doubt``), not a reading of the event log.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from returns_desk.store.database import Database
from returns_desk.store.errors import OutboxAlreadySentError
from returns_desk.store.models import Event, OutboxItem, OutboxStatus, from_ms, to_datetime

REDACTED = "[redacted]"
_SECRET_KEY = re.compile(
    r"token|secret|passw|authori[sz]ation|api[-_]?key|credential|cookie", re.IGNORECASE
)
_MAX_ERROR_CHARS = 2000

_OUTBOX_COLUMNS = (
    "id, destination, idempotency_key, session_id, payload, status, attempts, "
    "next_attempt_at, last_error, created_at, sent_at, in_flight_at, outcome_unknown"
)
_EVENT_COLUMNS = "id, at, kind, session_id, detail"
# the expression and condition of the index events_outbox (migration 3), so it is used
SELECT_OUTBOX_EVENTS = (
    f"SELECT {_EVENT_COLUMNS} FROM events "
    "WHERE json_valid(detail) AND json_extract(detail, '$.outbox_id') = ? ORDER BY id"
)


def redact(value: Any) -> Any:
    """``value`` with every mapping key that names a secret masked, at any depth."""
    if isinstance(value, Mapping):
        return {
            str(k): REDACTED if _SECRET_KEY.search(str(k)) else redact(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [redact(v) for v in value]
    return value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _outbox_item(row: tuple[Any, ...]) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        destination=row[1],
        idempotency_key=row[2],
        session_id=row[3],
        payload=json.loads(row[4]),
        status=OutboxStatus(row[5]),
        attempts=row[6],
        next_attempt_at=to_datetime(row[7]),
        last_error=row[8],
        created_at=to_datetime(row[9]),
        sent_at=from_ms(row[10]),
        in_flight_at=from_ms(row[11]),
        outcome_unknown=bool(row[12]),
    )


def _event(row: tuple[Any, ...]) -> Event:
    return Event(row[0], to_datetime(row[1]), row[2], row[3], json.loads(row[4]))


class Journal(Database):
    """Event log and outbox on top of the connection layer."""

    # --- event log -------------------------------------------------------------------

    def log_event(
        self, kind: str, session_id: int | None = None, *, at: datetime | None = None, **detail: Any
    ) -> int:
        """Append one event (``detail`` as JSON, secrets redacted); returns its id."""
        ms = self._ms(at)
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO events (at, kind, session_id, detail) VALUES (?, ?, ?, ?)",
                (ms, kind, session_id, _json(redact(detail))),
            )
        return int(cur.lastrowid or 0)

    def events(
        self, session_id: int | None = None, *, kind: str | None = None, limit: int = 10_000
    ) -> list[Event]:
        """Events oldest first, of one session (or all) and optionally of one kind."""
        where: list[str] = []
        params: list[int | str] = []
        if session_id is not None:
            where.append("session_id = ?")
            params.append(session_id)
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        sql = f"SELECT {_EVENT_COLUMNS} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._rows(sql + " ORDER BY id LIMIT ?", (*params, limit))
        return [_event(r) for r in rows]

    def event_sessions(self, kind: str) -> set[int]:
        """The sessions that have at least one event of ``kind`` (an indexed read)."""
        rows = self._rows(
            "SELECT DISTINCT session_id FROM events WHERE kind = ? AND session_id IS NOT NULL",
            (kind,),
        )
        return {int(row[0]) for row in rows}

    def outbox_events(self, item_id: int) -> list[Event]:
        """The events about one outbox entry (their ``outbox_id`` names it), oldest first."""
        rows = self._rows(SELECT_OUTBOX_EVENTS, (item_id,))
        return [_event(r) for r in rows]

    # --- outbox ----------------------------------------------------------------------

    def enqueue_outbox(
        self,
        destination: str,
        idempotency_key: str,
        payload: Any,
        *,
        session_id: int | None = None,
        at: datetime | None = None,
        next_attempt_at: datetime | None = None,
    ) -> OutboxItem:
        """Queue a hand-on; the same (destination, key) again returns the queued item."""
        ms = self._ms(at)
        due = ms if next_attempt_at is None else self._ms(next_attempt_at)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO outbox (destination, idempotency_key, session_id, payload, "
                "status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (destination, idempotency_key) DO NOTHING",
                (destination, idempotency_key, session_id, _json(payload), "pending", due, ms),
            )
            row = conn.execute(
                f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE destination = ? "
                "AND idempotency_key = ?",
                (destination, idempotency_key),
            ).fetchone()
        return _outbox_item(row)

    def due_outbox(self, now: datetime | None = None, limit: int = 50) -> list[OutboxItem]:
        """Pending items whose next attempt is due, the longest-waiting first."""
        rows = self._rows(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE status = 'pending' "
            "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
            (self._ms(now), limit),
        )
        return [_outbox_item(r) for r in rows]

    def outbox_item(self, item_id: int) -> OutboxItem | None:
        rows = self._rows(f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE id = ?", (item_id,))
        return _outbox_item(rows[0]) if rows else None

    def outbox(
        self, *, status: OutboxStatus | str | None = None, session_id: int | None = None
    ) -> list[OutboxItem]:
        where: list[str] = ["1"]
        params: list[int | str] = []
        if status is not None:
            where.append("status = ?")
            params.append(OutboxStatus(status).value)
        if session_id is not None:
            where.append("session_id = ?")
            params.append(session_id)
        sql = f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE {' AND '.join(where)} ORDER BY id"
        return [_outbox_item(r) for r in self._rows(sql, tuple(params))]

    def outbox_page(
        self,
        *,
        status: OutboxStatus | str | None = None,
        search: str = "",
        after_id: int | None = None,
        limit: int = 200,
    ) -> list[OutboxItem]:
        """Up to ``limit`` entries, newest first, of one status (or all) whose key contains
        ``search`` (any case), after ``after_id``: a page of the hand-on view, filtered here."""
        where, params = self._outbox_filter(status, search)
        if after_id is not None:
            where.append("id < ?")
            params.append(after_id)
        rows = self._rows(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE {' AND '.join(where)} "
            "ORDER BY id DESC LIMIT ?",
            (*params, limit),
        )
        return [_outbox_item(r) for r in rows]

    def outbox_count(self, *, status: OutboxStatus | str | None = None, search: str = "") -> int:
        """How many entries ``outbox_page`` lists, page after page."""
        where, params = self._outbox_filter(status, search)
        sql = f"SELECT COUNT(*) FROM outbox WHERE {' AND '.join(where)}"
        return int(self._rows(sql, tuple(params))[0][0])

    @staticmethod
    def _outbox_filter(
        status: OutboxStatus | str | None, search: str
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = ["1"]
        params: list[Any] = []
        if status is not None:
            where.append("status = ?")
            params.append(OutboxStatus(status).value)
        if search.strip():
            where.append("instr(upper(idempotency_key), ?) > 0")
            params.append(search.strip().upper())
        return where, params

    def outbox_in_doubt(self) -> list[OutboxItem]:
        """Entries to check with their destination before sending again, oldest first.

        Pending or needing attention, with an attempt left in flight (no outcome was
        recorded: a crash) or whose last attempt failed without a usable answer.
        """
        rows = self._rows(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox "
            "WHERE status IN ('pending', 'needs_attention') "
            "AND (in_flight_at IS NOT NULL OR outcome_unknown = 1) ORDER BY id"
        )
        return [_outbox_item(r) for r in rows]

    def outbox_counts(self) -> dict[tuple[str, OutboxStatus], int]:
        """How many entries each destination has in each status (absent: none)."""
        rows = self._rows(
            "SELECT destination, status, COUNT(*) FROM outbox GROUP BY destination, status"
        )
        return {(r[0], OutboxStatus(r[1])): r[2] for r in rows}

    def mark_outbox_in_flight(self, item_id: int, *, at: datetime | None = None) -> bool:
        """An attempt is about to leave: commit this before the request does.

        Only a pending entry can be sent: False (nothing written) if it is in another
        status, e.g. skipped by the admin meanwhile. Its outcome clears the mark.
        """
        ms = self._ms(at)
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox SET in_flight_at = ? WHERE id = ? AND status = 'pending'",
                (ms, item_id),
            )
            if cur.rowcount:
                return True
            if conn.execute("SELECT 1 FROM outbox WHERE id = ?", (item_id,)).fetchone() is None:
                raise KeyError(f"no outbox item {item_id}")
        return False

    def mark_outbox_sent(self, item_id: int, *, at: datetime | None = None) -> None:
        ms = self._ms(at)
        self._update_outbox(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
            "last_error = NULL, in_flight_at = NULL, outcome_unknown = 0 WHERE id = ?",
            (ms, item_id),
        )

    def mark_outbox_failed(
        self,
        item_id: int,
        error: str,
        *,
        retry_at: datetime | None,
        at: datetime | None = None,
        unknown: bool = False,
    ) -> None:
        """One more failed attempt: retry at ``retry_at``, or (None) give up for a person.

        ``unknown``: there was no usable answer (connection lost, timeout), so the
        attempt may have arrived and the entry is in doubt until checked or sent.
        """
        if retry_at is None:
            status, due = OutboxStatus.NEEDS_ATTENTION, self._ms(at)
        else:
            status, due = OutboxStatus.PENDING, self._ms(retry_at)
        self._update_outbox(
            "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, "
            "next_attempt_at = ?, in_flight_at = NULL, outcome_unknown = ? WHERE id = ?",
            (status.value, error[:_MAX_ERROR_CHARS], due, int(unknown), item_id),
        )

    def update_outbox_payload(
        self,
        item_id: int,
        payload: Any,
        *,
        status: OutboxStatus | str = OutboxStatus.PENDING,
        error: str | None = None,
        at: datetime | None = None,
    ) -> None:
        """Replace what an entry will send (a "needs data" entry completed), due at ``at``.

        ``status`` and ``error`` as in ``set_outbox_status``. A sent entry keeps what it
        was sent with: ``OutboxAlreadySentError``.
        """
        status = OutboxStatus(status)
        if status is OutboxStatus.SENT:
            raise ValueError("use mark_outbox_sent for a sent item")
        error = None if error is None else error[:_MAX_ERROR_CHARS]
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox SET payload = ?, status = ?, last_error = COALESCE(?, last_error), "
                "next_attempt_at = ? WHERE id = ? AND status != 'sent'",
                (_json(payload), status.value, error, self._ms(at), item_id),
            )
            if cur.rowcount != 1:
                if conn.execute("SELECT 1 FROM outbox WHERE id = ?", (item_id,)).fetchone():
                    raise OutboxAlreadySentError(self.path, f"outbox item {item_id}")
                raise KeyError(f"no outbox item {item_id}")

    def set_outbox_status(
        self,
        item_id: int,
        status: OutboxStatus | str,
        *,
        error: str | None = None,
        at: datetime | None = None,
    ) -> None:
        """needs_data / needs_attention / skipped, or pending again (due at ``at``, now)."""
        status = OutboxStatus(status)
        error = None if error is None else error[:_MAX_ERROR_CHARS]
        if status is OutboxStatus.SENT:
            raise ValueError("use mark_outbox_sent for a sent item")
        self._update_outbox(
            "UPDATE outbox SET status = ?, last_error = COALESCE(?, last_error), "
            "next_attempt_at = ? WHERE id = ?",
            (status.value, error, self._ms(at), item_id),
        )

    def _update_outbox(self, sql: str, params: tuple[Any, ...]) -> None:
        with self.transaction() as conn:
            if conn.execute(sql, params).rowcount != 1:
                raise KeyError(f"no outbox item {params[-1]}")
