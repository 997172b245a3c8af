"""The site database's schema, versioned like the local store's (``store/migrations.py``).

Everything lives in its own PostgreSQL schema, ``returns_desk``, so the site database may be
shared with other software. ``migrate`` takes a transaction-scoped advisory lock, so two
terminals upgrading at once do not both migrate; a terminal refuses a database newer than
it knows (``SiteSchemaError``) rather than writing to it.
"""

from __future__ import annotations

from typing import Any

from returns_desk.errors import SiteSchemaError

SCHEMA = "returns_desk"
_LOCK_ID = 0x52445349  # pg_advisory_xact_lock: one migrator at a time

# 1: terminals, handovers (with the polling lease), the FE's shipments and the dock's scans
# as each terminal shipped them (idempotent by terminal and sequence number), and the
# hand-on claims (one hand-on per return for the whole site).
_V1 = (
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    f"""CREATE TABLE {SCHEMA}.schema_version (
        version integer NOT NULL,
        migrated_at timestamptz NOT NULL DEFAULT now()
    )""",
    f"""CREATE TABLE {SCHEMA}.terminals (
        terminal_id text PRIMARY KEY,
        store_id text NOT NULL,
        location_id text NOT NULL,
        app_version text NOT NULL DEFAULT '',
        started_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
    )""",
    f"""CREATE TABLE {SCHEMA}.handovers (
        location_id text NOT NULL,
        fe_id text NOT NULL,
        task_id text NOT NULL,
        fe_name text NOT NULL DEFAULT '',
        logistic_partner text NOT NULL DEFAULT '',
        lob text NOT NULL DEFAULT '',
        state text NOT NULL DEFAULT '',
        leader text,
        lease_until timestamptz,
        cursor text,
        posted boolean NOT NULL DEFAULT false,
        drained boolean NOT NULL DEFAULT false,
        opened_at timestamptz NOT NULL DEFAULT now(),
        changed_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (location_id, fe_id, task_id)
    )""",
    f"CREATE INDEX handovers_opened ON {SCHEMA}.handovers (location_id, opened_at)",
    f"""CREATE TABLE {SCHEMA}.shipments (
        terminal_id text NOT NULL,
        seq bigint NOT NULL,
        location_id text NOT NULL,
        fe_id text NOT NULL,
        task_id text NOT NULL,
        tracking_id text NOT NULL,
        fields jsonb NOT NULL,
        first_seen_at timestamptz NOT NULL,
        PRIMARY KEY (terminal_id, seq)
    )""",
    # not unique: terminals that polled the same FE while apart each ship what they
    # fetched; readers take each tracking id once
    f"""CREATE INDEX shipments_parcel
        ON {SCHEMA}.shipments (location_id, fe_id, task_id, tracking_id)""",
    f"""CREATE INDEX shipments_handover
        ON {SCHEMA}.shipments (location_id, fe_id, task_id, terminal_id, seq)""",
    f"""CREATE TABLE {SCHEMA}.scans (
        terminal_id text NOT NULL,
        seq bigint NOT NULL,
        location_id text NOT NULL,
        fe_id text NOT NULL,
        task_id text NOT NULL,
        raw text NOT NULL,
        code text NOT NULL,
        result text NOT NULL,
        operator text NOT NULL DEFAULT '',
        scanned_at timestamptz NOT NULL,
        shipped_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (terminal_id, seq)
    )""",
    f"CREATE INDEX scans_code ON {SCHEMA}.scans (location_id, fe_id, task_id, code)",
    f"""CREATE INDEX scans_handover
        ON {SCHEMA}.scans (location_id, fe_id, task_id, terminal_id, seq)""",
    f"""CREATE TABLE {SCHEMA}.handon_claims (
        destination text NOT NULL,
        idempotency_key text NOT NULL,
        location_id text NOT NULL,
        terminal_id text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        PRIMARY KEY (destination, idempotency_key)
    )""",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: Any) -> int:
    """The site database's version: 0 when it has no schema of ours yet."""
    exists = conn.execute(
        "SELECT to_regclass(%s) IS NOT NULL", (f"{SCHEMA}.schema_version",)
    ).fetchone()[0]
    if not exists:
        return 0
    row = conn.execute(f"SELECT max(version) FROM {SCHEMA}.schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: Any) -> tuple[int, int]:
    """Create or upgrade the schema (idempotent); the versions before and after.

    Each version is its own transaction; ``conn`` must be in autocommit mode.
    """
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise SiteSchemaError(
            f"the site database is at version {found}, this app knows {SCHEMA_VERSION}"
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_ID,))
            if schema_version(conn) >= version:
                continue  # another terminal did it while this one waited
            for step in MIGRATIONS[version - 1]:
                conn.execute(step)
            conn.execute(f"INSERT INTO {SCHEMA}.schema_version (version) VALUES (%s)", (version,))
    return found, max(found, SCHEMA_VERSION)


def require_current(conn: Any) -> None:
    """Refuse a site database without our schema, or of another version."""
    found = schema_version(conn)
    if found != SCHEMA_VERSION:
        raise SiteSchemaError(
            f"the site database is at version {found}, this app needs {SCHEMA_VERSION}"
        )
