"""The schema as a numbered list of migrations on ``PRAGMA user_version``.

Migration ``n`` (1-based) takes a database from version ``n - 1`` to ``n``. Each runs in
its own ``BEGIN IMMEDIATE`` transaction together with its ``user_version`` bump, so a
crash mid-upgrade leaves the previous version intact. Never edit a released migration:
append a new one (and a data fixture for the old version in tests/store/test_migrations.py).
Statements are kept one per string because ``executescript`` would commit halfway.
"""

from __future__ import annotations

import sqlite3

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

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2)
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
                for statement in MIGRATIONS[version - 1]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return found
