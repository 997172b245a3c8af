"""What the site board shows, read from the site database (Qt-free; off the GUI thread):
every terminal of the location, and every handover of the day with its counts as the whole
site has them. Also the rows of ``returns-desk export --site``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from returns_desk.site.schema import SCHEMA

#: results that received a parcel at the dock (``store.models``: the first of a code counts)
_RECEIVED = "('matched', 'not_yet_reported', 'unexpected', 'duplicate')"
#: a scan still counts: no ``moved`` correction of its code in its handover came after it
#: (F1 moved it to another FE's handover; ``store.models.counted_scans`` is the local rule)
_NOT_MOVED = f"""NOT EXISTS (SELECT 1 FROM {SCHEMA}.scans m
    WHERE (m.location_id, m.fe_id, m.task_id, m.code) = (c.location_id, c.fe_id, c.task_id, c.code)
      AND m.result = 'moved' AND m.scanned_at >= c.scanned_at)"""
#: a terminal not heard from for this long is shown as gone quiet
QUIET_AFTER_S = 30


@dataclass(frozen=True, slots=True)
class TerminalRow:
    terminal_id: str
    app_version: str
    last_seen_at: datetime
    quiet: bool  # not heard from lately: closed, or cut off from the site database


@dataclass(frozen=True, slots=True)
class HandoverRow:
    fe_id: str
    task_id: str
    fe_name: str
    state: str
    leader: str | None  # the terminal polling the FE's shipments (lease still valid)
    reported: int  # the FE's shipments
    received: int  # distinct parcels scanned at any terminal of the site
    matched: int
    scanned_by: tuple[str, ...]  # the terminals that scanned for this handover

    @property
    def waiting(self) -> int:
        return self.reported - self.matched


@dataclass(frozen=True)
class Board:
    terminals: tuple[TerminalRow, ...]
    handovers: tuple[HandoverRow, ...]


def read_board(conn: Any, location_id: str, since: datetime) -> Board:
    """The location's terminals, and its handovers opened since ``since`` or still open."""
    terminals = tuple(
        TerminalRow(r[0], r[1], r[2], bool(r[3]))
        for r in conn.execute(
            f"SELECT terminal_id, app_version, last_seen_at, "
            f"last_seen_at < now() - make_interval(secs => {QUIET_AFTER_S}) "
            f"FROM {SCHEMA}.terminals WHERE location_id = %s ORDER BY terminal_id",
            (location_id,),
        ).fetchall()
    )
    rows = conn.execute(
        f"""SELECT h.fe_id, h.task_id, h.fe_name, h.state,
                CASE WHEN h.lease_until > now() THEN h.leader END,
                (SELECT count(DISTINCT s.tracking_id) FROM {SCHEMA}.shipments s
                  WHERE (s.location_id, s.fe_id, s.task_id) = (h.location_id, h.fe_id, h.task_id)),
                (SELECT count(DISTINCT c.code) FROM {SCHEMA}.scans c
                  WHERE (c.location_id, c.fe_id, c.task_id) = (h.location_id, h.fe_id, h.task_id)
                    AND c.result IN {_RECEIVED} AND {_NOT_MOVED}),
                (SELECT count(DISTINCT c.code) FROM {SCHEMA}.scans c
                  WHERE EXISTS (SELECT 1 FROM {SCHEMA}.shipments s
                    WHERE (s.location_id, s.fe_id, s.task_id, s.tracking_id)
                        = (c.location_id, c.fe_id, c.task_id, c.code))
                    AND (c.location_id, c.fe_id, c.task_id) = (h.location_id, h.fe_id, h.task_id)
                    AND c.result IN {_RECEIVED} AND {_NOT_MOVED}),
                ARRAY(SELECT DISTINCT c.terminal_id FROM {SCHEMA}.scans c
                  WHERE (c.location_id, c.fe_id, c.task_id) = (h.location_id, h.fe_id, h.task_id)
                  ORDER BY 1)
            FROM {SCHEMA}.handovers h
            WHERE h.location_id = %s AND (h.opened_at >= %s OR h.completed_at IS NULL)
            ORDER BY h.completed_at IS NOT NULL, h.opened_at""",
        (location_id, since),
    ).fetchall()
    handovers = tuple(
        HandoverRow(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), int(r[7]), tuple(r[8]))
        for r in rows
    )
    return Board(terminals, handovers)


#: the columns of ``returns-desk export --site`` (one row per handover and tracking id)
SITE_EXPORT_COLUMNS = (
    "location_id", "fe_id", "fe_name", "task_id", "state", "tracking_id", "reported",
    "first_scanned_at", "scanned_by", "status",
)  # fmt: skip


def site_rows(conn: Any, location_id: str | None, since: datetime) -> Iterator[tuple[Any, ...]]:
    """Every parcel of the site's handovers opened since ``since``, as both sides saw it,
    streamed from a server-side cursor (flat memory, whatever the history)."""
    where = "h.opened_at >= %s" + (" AND h.location_id = %s" if location_id else "")
    params: tuple[Any, ...] = (since, location_id) if location_id else (since,)
    query = f"""
        WITH parcels AS (
            SELECT s.location_id, s.fe_id, s.task_id, s.tracking_id AS code, true AS reported
              FROM {SCHEMA}.shipments s
            UNION
            SELECT c.location_id, c.fe_id, c.task_id, c.code, false
              FROM {SCHEMA}.scans c WHERE c.result IN {_RECEIVED} AND {_NOT_MOVED}
        ), first_scans AS (
            SELECT DISTINCT ON (location_id, fe_id, task_id, code)
                   location_id, fe_id, task_id, code, scanned_at, terminal_id
              FROM {SCHEMA}.scans c WHERE c.result IN {_RECEIVED} AND {_NOT_MOVED}
             ORDER BY location_id, fe_id, task_id, code, scanned_at
        )
        SELECT h.location_id, h.fe_id, h.fe_name, h.task_id, h.state, p.code,
               bool_or(p.reported), min(f.scanned_at), min(f.terminal_id)
          FROM {SCHEMA}.handovers h
          JOIN parcels p USING (location_id, fe_id, task_id)
          LEFT JOIN first_scans f ON (f.location_id, f.fe_id, f.task_id, f.code)
                                   = (p.location_id, p.fe_id, p.task_id, p.code)
         WHERE {where}
         GROUP BY h.location_id, h.fe_id, h.fe_name, h.task_id, h.state, h.opened_at, p.code
         ORDER BY h.opened_at, h.fe_id, p.code"""
    with conn.transaction(), conn.cursor(name="site_export") as cursor:
        cursor.itersize = 5000
        cursor.execute(query, params)
        for row in cursor:
            reported, scanned_at = bool(row[6]), row[7]
            if reported and scanned_at is not None:
                status = "matched"
            elif reported:
                status = "missing_at_dock" if row[4] in ("END_OTC", "COMPLETED") else "waiting"
            else:
                status = "unexpected_at_dock"
            yield (*row[:6], reported, scanned_at, row[8] or "", status)


@dataclass(frozen=True, slots=True)
class SiteHistoryRow:
    """One handover of the site as the history lists it, with the whole site's counts."""

    fe_id: str
    task_id: str
    fe_name: str
    logistic_partner: str
    lob: str
    state: str
    opened_at: datetime
    completed_at: datetime | None
    reported: int
    received: int
    matched: int
    scans: int
    last_scan_at: datetime | None


def site_history(
    conn: Any, location_id: str, since: datetime, words: list[str], limit: int = 500
) -> list[SiteHistoryRow]:
    """The location's handovers opened since ``since``, newest first, each find word in the
    FE's name or id, the task, the partner or the state (the session history's "whole site")."""
    where, params = "h.location_id = %s AND h.opened_at >= %s", [location_id, since]
    for word in words:
        where += (
            " AND (h.fe_name ILIKE %s OR h.fe_id ILIKE %s OR h.task_id ILIKE %s"
            " OR h.logistic_partner ILIKE %s OR h.state ILIKE %s)"
        )
        params += [f"%{word}%"] * 5
    key = "(c.location_id, c.fe_id, c.task_id) = (h.location_id, h.fe_id, h.task_id)"
    rows = conn.execute(
        f"""SELECT h.fe_id, h.task_id, h.fe_name, h.logistic_partner, h.lob, h.state,
                h.opened_at, h.completed_at,
                (SELECT count(DISTINCT c.tracking_id) FROM {SCHEMA}.shipments c WHERE {key}),
                (SELECT count(DISTINCT c.code) FROM {SCHEMA}.scans c
                  WHERE {key} AND c.result IN {_RECEIVED} AND {_NOT_MOVED}),
                (SELECT count(DISTINCT c.code) FROM {SCHEMA}.scans c
                  WHERE {key} AND c.result IN {_RECEIVED} AND {_NOT_MOVED}
                    AND EXISTS (SELECT 1 FROM {SCHEMA}.shipments s
                      WHERE (s.location_id, s.fe_id, s.task_id, s.tracking_id)
                          = (c.location_id, c.fe_id, c.task_id, c.code))),
                (SELECT count(*) FROM {SCHEMA}.scans c WHERE {key} AND c.result <> 'moved'),
                (SELECT max(c.scanned_at) FROM {SCHEMA}.scans c WHERE {key})
            FROM {SCHEMA}.handovers h WHERE {where}
            ORDER BY h.opened_at DESC LIMIT %s""",
        (*params, limit),
    ).fetchall()
    return [
        SiteHistoryRow(
            fe_id=r[0],
            task_id=r[1],
            fe_name=r[2],
            logistic_partner=r[3],
            lob=r[4],
            state=r[5],
            opened_at=r[6],
            completed_at=r[7],
            reported=int(r[8]),
            received=int(r[9]),
            matched=int(r[10]),
            scans=int(r[11]),
            last_scan_at=r[12],
        )
        for r in rows
    ]
