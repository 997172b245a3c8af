"""Per-handover summaries kept as the handover goes, so the history never replays parcels.

One ``session_summaries`` row per session holds what the history list shows: how many
parcels the FE reported, how many distinct codes the dock scanned and accepted as parcels,
how many matched, every scan counted, the last scan's time, and which Start and End OTC
are in force (their printed times are read through those ids, from ``codes``). The store
updates the row in the same transaction as the write that changes it (``record_scan``,
``record_shipments_page``, ``record_code``), so it is as durable and as current as the
record itself; migration 5 builds it for sessions recorded before.

The counts are the live reconciliation's (``workflow.reconcile.Reconciler``) as the dock
recorded them: a scan whose result was ``duplicate`` is not counted, an empty code is not
a parcel, and a code counts as a parcel (``accepted``) when the FE reported it or the dock
took it for one when scanned (``matched``, ``not_yet_reported``, or ``unexpected`` once
the FE's list was final). So
``missing = reported - matched`` and ``unexpected = accepted - matched``.

A ``moved`` record (a parcel moved to another FE's handover) is a correction, not a scan:
the code's earlier scans here no longer count, as ``store.models.counted_scans`` says, and
a later scan of it here counts afresh. The store recomputes that session's summary in the
same transaction as the correction (``on_moved``).

No Qt; plain SQL on the caller's connection, inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3

#: Results that say the dock took a code for a parcel when it was scanned.
PARCEL_RESULTS = ("matched", "not_yet_reported", "unexpected")

CREATE = (
    """CREATE TABLE session_summaries (
        session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        reported INTEGER NOT NULL DEFAULT 0,
        scanned INTEGER NOT NULL DEFAULT 0,
        accepted INTEGER NOT NULL DEFAULT 0,
        matched INTEGER NOT NULL DEFAULT 0,
        scans INTEGER NOT NULL DEFAULT 0,
        last_scan_at INTEGER,
        start_code_id INTEGER,
        end_code_id INTEGER
    )""",
    # The history's order and range (newest first, from a day on), used for paging.
    "CREATE INDEX sessions_opened ON sessions (opened_at, id)",
)

# A scan that counts (``store.models.counted_scans``): not a ``moved`` correction, and not
# taken back by a later one of its code in its session. ``{t}`` is the scans' alias.
_COUNTED = """{t}.result != 'moved' AND NOT EXISTS (
    SELECT 1 FROM scans AS m WHERE m.session_id = {t}.session_id AND m.code = {t}.code
    AND m.result = 'moved' AND m.id > {t}.id)"""

# Distinct codes the dock counted (first counted non-duplicate scan of each non-empty code),
# with whether the FE reported each and what the dock said at that first scan.
_FIRST_SCANS = f"""
    SELECT f.session_id, f.code, f.result,
           EXISTS (SELECT 1 FROM shipments AS h
                   WHERE h.session_id = f.session_id AND h.tracking_id = f.code) AS reported
    FROM (SELECT session_id, code, result, MIN(id) FROM scans AS c
          WHERE result != 'duplicate' AND code != '' AND {_COUNTED.format(t="c")} {{where}}
          GROUP BY session_id, code) AS f
"""

# The one counted, non-duplicate scan of a code before a new one (after its last correction).
_SCANNED_BEFORE = """
    SELECT result FROM scans WHERE session_id = :sid AND code = :code
    AND result NOT IN ('duplicate', 'moved') AND id > COALESCE((SELECT MAX(id) FROM scans
        WHERE session_id = :sid AND code = :code AND result = 'moved'), 0)
    ORDER BY id LIMIT 1
"""

_REBUILD = f"""
    INSERT OR REPLACE INTO session_summaries (session_id, reported, scanned, accepted, matched,
        scans, last_scan_at, start_code_id, end_code_id)
    SELECT s.id,
        (SELECT COUNT(*) FROM shipments AS h WHERE h.session_id = s.id),
        COALESCE(d.scanned, 0), COALESCE(d.accepted, 0), COALESCE(d.matched, 0),
        (SELECT COUNT(*) FROM scans AS c WHERE c.session_id = s.id AND {_COUNTED.format(t="c")}),
        (SELECT MAX(scanned_at) FROM scans AS c
            WHERE c.session_id = s.id AND {_COUNTED.format(t="c")}),
        (SELECT MAX(id) FROM codes AS k WHERE k.session_id = s.id AND k.kind = 'start'
            AND k.expiry_at IS NOT NULL),
        (SELECT MAX(id) FROM codes AS k WHERE k.session_id = s.id AND k.kind = 'end')
    FROM sessions AS s LEFT JOIN (
        SELECT session_id, COUNT(*) AS scanned, SUM(reported) AS matched,
            SUM(reported OR result IN {PARCEL_RESULTS}) AS accepted
        FROM ({_FIRST_SCANS.format(where="{where}")}) GROUP BY session_id
    ) AS d ON d.session_id = s.id
"""


def rebuild(conn: sqlite3.Connection, session_id: int | None = None) -> None:
    """Compute the summary of one session (or of all) from its rows, replacing what was kept.

    For migration 5, a ``moved`` correction and the bench's generator; the store keeps them
    up to date itself.
    """
    if session_id is None:
        conn.execute(_REBUILD.format(where=""))
        return
    sql = _REBUILD.format(where="AND session_id = :id") + " WHERE s.id = :id"
    conn.execute(sql, {"id": session_id})


def create_empty(conn: sqlite3.Connection, session_id: int) -> None:
    """The summary row of a new session (nothing reported or scanned yet)."""
    conn.execute("INSERT OR IGNORE INTO session_summaries (session_id) VALUES (?)", (session_id,))


def on_shipments(conn: sqlite3.Connection, session_id: int, tracking_ids: list[str]) -> None:
    """Newly stored shipments: reported, and matched where the dock already scanned them."""
    if not tracking_ids:
        return
    matched = accepted = 0
    for tracking_id in tracking_ids:
        row = conn.execute(_SCANNED_BEFORE, {"sid": session_id, "code": tracking_id}).fetchone()
        if row is not None:
            matched += 1
            accepted += row[0] not in PARCEL_RESULTS  # an odd code is a parcel after all
    _bump(conn, session_id, reported=len(tracking_ids), matched=matched, accepted=accepted)


def before_scan(conn: sqlite3.Connection, session_id: int, code: str, result: str, at: int) -> None:
    """A dock scan about to be inserted (so "scanned before" means before this one).

    A ``moved`` correction is not a scan: ``on_moved`` recomputes once it is inserted.
    """
    if result == "moved":
        return
    first = (
        result != "duplicate"
        and code != ""
        and conn.execute(_SCANNED_BEFORE, {"sid": session_id, "code": code}).fetchone() is None
    )
    scanned = matched = accepted = 0
    if first:
        scanned = 1
        reported = conn.execute(
            "SELECT 1 FROM shipments WHERE session_id = ? AND tracking_id = ?", (session_id, code)
        ).fetchone()
        matched = int(reported is not None)
        accepted = int(reported is not None or result in PARCEL_RESULTS)
    conn.execute(
        "UPDATE session_summaries SET scanned = scanned + ?, matched = matched + ?, "
        "accepted = accepted + ?, scans = scans + 1, "
        "last_scan_at = MAX(COALESCE(last_scan_at, ?), ?) WHERE session_id = ?",
        (scanned, matched, accepted, at, at, session_id),
    )


def on_moved(conn: sqlite3.Connection, session_id: int) -> None:
    """A ``moved`` correction inserted: the code's earlier scans here no longer count.

    Recomputed from the rows (one handover's, in the correction's transaction) rather than
    decremented, so the summary is what ``counted_scans`` and the reconciliation say.
    """
    rebuild(conn, session_id)


def on_code(
    conn: sqlite3.Connection, session_id: int, code_id: int, kind: str, has_expiry: bool
) -> None:
    """A code received: the last End OTC, and the last Start OTC with an expiry, are in force."""
    if kind == "end":
        conn.execute(
            "UPDATE session_summaries SET end_code_id = ? WHERE session_id = ?",
            (code_id, session_id),
        )
    elif has_expiry:
        conn.execute(
            "UPDATE session_summaries SET start_code_id = ? WHERE session_id = ?",
            (code_id, session_id),
        )


def _bump(conn: sqlite3.Connection, session_id: int, **deltas: int) -> None:
    sets = ", ".join(f"{name} = {name} + :{name}" for name in deltas)
    conn.execute(
        f"UPDATE session_summaries SET {sets} WHERE session_id = :session_id",
        {**deltas, "session_id": session_id},
    )
