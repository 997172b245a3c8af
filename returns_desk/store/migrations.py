"""The schema as a numbered list of migrations on ``PRAGMA user_version``.

Migration ``n`` (1-based) takes a database from version ``n - 1`` to ``n``. Each runs in
its own ``BEGIN IMMEDIATE`` transaction together with its ``user_version`` bump, so a
crash mid-upgrade leaves the previous version intact. Never edit a released migration:
append a new one (and a data fixture for the old version in tests/store/test_migrations.py).
Statements are kept one per string because ``executescript`` would commit halfway; a step
that must compute (carrying data over) is a function of the connection, run in the same
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from returns_desk.store import summaries

Step = str | Callable[[sqlite3.Connection], None]

# 1: handovers, their state changes and codes; both sides of the reconciliation.
_V1 = (
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        location_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        fe_id TEXT NOT NULL,
        fe_name TEXT NOT NULL DEFAULT '',
        logistic_partner TEXT NOT NULL DEFAULT '',
        lob TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        closed_at INTEGER,
        next_url TEXT,
        shipments_posted_at INTEGER,
        drain_finished_at INTEGER,
        UNIQUE (location_id, task_id, fe_id)
    )""",
    "CREATE INDEX sessions_open ON sessions (opened_at) WHERE closed_at IS NULL",
    """CREATE TABLE state_changes (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        at INTEGER NOT NULL
    )""",
    "CREATE INDEX state_changes_session ON state_changes (session_id)",
    """CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        otc TEXT NOT NULL,
        created_at INTEGER,
        expiry_at INTEGER,
        received_at INTEGER NOT NULL,
        printed_at INTEGER,
        total_scanned INTEGER,
        obd_eligible INTEGER,
        obd_failed INTEGER,
        flyer_eligible INTEGER,
        flyer_failed INTEGER
    )""",
    "CREATE INDEX codes_session ON codes (session_id, kind)",
    """CREATE TABLE shipments (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        tracking_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        UNIQUE (session_id, tracking_id)
    )""",
    """CREATE TABLE scans (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        raw TEXT NOT NULL,
        code TEXT NOT NULL,
        result TEXT NOT NULL,
        scanned_at INTEGER NOT NULL,
        terminal TEXT NOT NULL,
        operator TEXT NOT NULL
    )""",
    "CREATE INDEX scans_session_code ON scans (session_id, code)",
)

# 2: the event log (append-only), the hand-on outbox, and export bookkeeping for retention.
_V2 = (
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
        detail TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX events_session ON events (session_id)",
    "CREATE INDEX events_at ON events (at)",
    """CREATE TRIGGER events_append_only BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        destination TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER,
        UNIQUE (destination, idempotency_key)
    )""",
    "CREATE INDEX outbox_due ON outbox (status, next_attempt_at)",
    "CREATE INDEX outbox_session ON outbox (session_id)",
    "ALTER TABLE sessions ADD COLUMN exported_at INTEGER",
)


def _handon_state_from_events(conn: sqlite3.Connection) -> None:
    """Move what the hand-on kept in the event log into the outbox rows (version 3).

    Until version 3 the hand-on derived from its events (``returns_desk.handon.ledger``):

    - an entry is in doubt if an attempt above its ``attempts`` was logged in flight
      (``handon.in_flight``), or its last ``handon.failed`` had ``unknown`` for its last
      attempt: that becomes ``in_flight_at`` (the time of that flight) and
      ``outcome_unknown``, for every entry not sent, so one skipped now is in doubt again
      once retried, as before;
    - an entry queued as "needs data" (a stub payload) got its body from its last
      ``handon.filled`` event (of its session): that body becomes the payload.

    An event that cannot be read is passed over rather than fail the upgrade.
    """
    flights: dict[int, tuple[int, int]] = {}  # outbox id -> (highest attempt, when)
    for at, detail in conn.execute(
        "SELECT at, detail FROM events WHERE kind = 'handon.in_flight' ORDER BY id"
    ):
        read = _ints(detail, "outbox_id", "attempt")
        if read is not None:
            (outbox_id, attempt), _ = read
            if attempt >= flights.get(outbox_id, (0, 0))[0]:
                flights[outbox_id] = (attempt, at)
    last_failure: dict[int, tuple[int, bool]] = {}  # outbox id -> (attempt, unknown)
    for (detail,) in conn.execute(
        "SELECT detail FROM events WHERE kind = 'handon.failed' ORDER BY id"
    ):
        read = _ints(detail, "outbox_id", "attempt")
        if read is not None:
            (outbox_id, attempt), values = read
            last_failure[outbox_id] = (attempt, bool(values.get("unknown")))
    filled: dict[int, list[tuple[int | None, Any]]] = {}  # outbox id -> [(session, body)]
    for session_id, detail in conn.execute(
        "SELECT session_id, detail FROM events WHERE kind = 'handon.filled' ORDER BY id"
    ):
        read = _ints(detail, "outbox_id")
        if read is not None and "body" in read[1]:
            filled.setdefault(read[0][0], []).append((session_id, read[1]["body"]))

    rows = conn.execute("SELECT id, session_id, payload, status, attempts FROM outbox").fetchall()
    for item_id, session_id, payload, status, attempts in rows:
        if status != "sent":
            flight, when = flights.get(item_id, (0, None))
            failed_attempt, unknown = last_failure.get(item_id, (0, False))
            in_flight_at = when if flight > attempts else None
            outcome_unknown = int(unknown and failed_attempt == attempts)
            if in_flight_at is not None or outcome_unknown:
                conn.execute(
                    "UPDATE outbox SET in_flight_at = ?, outcome_unknown = ? WHERE id = ?",
                    (in_flight_at, outcome_unknown, item_id),
                )
        bodies = [
            body
            for body_session, body in filled.get(item_id, ())
            if session_id is None or body_session == session_id
        ]
        if bodies and _is_stub(payload):
            conn.execute(
                "UPDATE outbox SET payload = ? WHERE id = ?",
                (json.dumps(bodies[-1], ensure_ascii=False, sort_keys=True, default=str), item_id),
            )


def _ints(detail: str, *keys: str) -> tuple[tuple[int, ...], dict[str, Any]] | None:
    """``detail``'s integer ``keys`` and the whole detail; None if it does not have them."""
    try:
        values = json.loads(detail)
        return tuple(int(values[key]) for key in keys), values
    except (ValueError, TypeError, KeyError):
        return None


def _is_stub(payload: str) -> bool:
    """A payload queued as "needs data" (``handon.ledger.STUB_MARK``)."""
    try:
        value = json.loads(payload)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("handon_needs_data") is True


# 3: the hand-on's "in flight" and "outcome unknown" marks in the outbox row (they were
# derived from the event log), completed "needs data" bodies in the row; events found by
# kind and by the outbox entry they are about (``Journal.outbox_events`` repeats the
# index's expression and condition, so that it is used).
_V3: tuple[Step, ...] = (
    "ALTER TABLE outbox ADD COLUMN in_flight_at INTEGER",
    "ALTER TABLE outbox ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX events_kind ON events (kind)",
    """CREATE INDEX events_outbox ON events (json_extract(detail, '$.outbox_id'))
        WHERE json_valid(detail)""",
    _handon_state_from_events,
)

# 4: claims evidence. A received parcel's condition and remark live on its first counted
# scan (the row that made it "received"); a claim's progress (filed, granted, rejected) is
# one row per parcel once someone acts on it (candidates are derived, see store/claims.py);
# photos are files in the data folder, each with its SHA-256 here.
_V4: tuple[Step, ...] = (
    "ALTER TABLE scans ADD COLUMN condition TEXT NOT NULL DEFAULT 'good'",
    "ALTER TABLE scans ADD COLUMN remark TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE scans ADD COLUMN condition_at INTEGER",
    """CREATE TABLE claims (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        tracking_id TEXT NOT NULL,
        status TEXT NOT NULL,
        reference TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, tracking_id)
    )""",
    """CREATE TABLE photos (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        tracking_id TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        taken_at INTEGER NOT NULL,
        terminal TEXT NOT NULL
    )""",
    "CREATE INDEX photos_parcel ON photos (session_id, tracking_id)",
)

# 5: per-handover summaries (``store/summaries.py``: the one definition of how they are
# counted), built here for the sessions recorded before and kept by the store from then on;
# the sessions' index for the history's pages; the outbox's for the hand-on view's pages of
# one status, newest first.
_V5: tuple[Step, ...] = (
    *summaries.CREATE,
    "CREATE INDEX outbox_status ON outbox (status, id)",
    summaries.rebuild,
)

# 6: site mode (docs/site.md): how far this terminal has shipped its own scans and
# shipments to the site database and read the other terminals' (per terminal: each ships
# in order); shipments that came from the site rather than the marketplace are not shipped.
_V6: tuple[Step, ...] = (
    """CREATE TABLE site_marks (
        kind TEXT NOT NULL,
        terminal TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (kind, terminal)
    ) WITHOUT ROWID""",
    "ALTER TABLE shipments ADD COLUMN from_site INTEGER NOT NULL DEFAULT 0",
    # this record's identity at the site: a terminal reinstalled with a new record under an
    # old terminal id is refused rather than its scans taken for the old record's
    "CREATE TABLE site_identity (id INTEGER PRIMARY KEY CHECK (id = 1), store_id TEXT NOT NULL)",
)

MIGRATIONS: tuple[tuple[Step, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def apply_migrations(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring ``conn``'s database up to ``target``; returns the version it was at.

    ``conn`` must be in autocommit mode (``isolation_level=None``) and outside a
    transaction. The version is re-read under the write lock, so two processes
    opening the same old database at once do not both migrate it.
    """
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"unknown schema version {target}")
    found = user_version(conn)
    for version in range(found + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if user_version(conn) < version:
                for step in MIGRATIONS[version - 1]:
                    if isinstance(step, str):
                        conn.execute(step)
                    else:
                        step(conn)
                conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return found
