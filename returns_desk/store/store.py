"""The store of handovers: sessions, codes, both sides of the reconciliation.

Each write method is one transaction and returns only after its COMMIT, so what it
returns (a scan id, the new tracking ids) is already on disk. Inside
``with store.transaction():`` the methods join the outer transaction instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from returns_desk.store import summaries
from returns_desk.store.database import SCAN_BUSY_WAIT_S
from returns_desk.store.errors import HandoverCompletedError, ParcelNotReceivedError
from returns_desk.store.history import HistoryReads
from returns_desk.store.journal import Journal
from returns_desk.store.models import (
    ClaimRecord,
    ClaimStatus,
    Code,
    CodeKind,
    Condition,
    Photo,
    ScanRecord,
    ScanResult,
    Session,
    SessionCounts,
    Shipment,
    StateChange,
    to_datetime,
)
from returns_desk.store.site_log import SiteLog

_SESSION_COLUMNS = (
    "id, location_id, task_id, fe_id, fe_name, logistic_partner, lob, state, opened_at, "
    "closed_at, next_url, shipments_posted_at, drain_finished_at, exported_at"
)
_CODE_COLUMNS = (
    "id, session_id, kind, otc, created_at, expiry_at, received_at, printed_at, "
    "total_scanned, obd_eligible, obd_failed, flyer_eligible, flyer_failed"
)
_SCAN_COLUMNS = (
    "id, session_id, raw, code, result, scanned_at, terminal, operator, condition, remark, "
    "condition_at"
)
#: dock scans that received a parcel (the first of a code carries its condition)
_RECEIVED = "result IN ('matched', 'not_yet_reported', 'unexpected')"
_CLAIM_COLUMNS = "session_id, tracking_id, status, reference, updated_at"
_PHOTO_COLUMNS = "id, session_id, tracking_id, path, sha256, taken_at, terminal"
_INSERT_SCAN = (
    "INSERT INTO scans (session_id, raw, code, result, scanned_at, terminal, operator) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SHIPMENT = (
    "INSERT INTO shipments (session_id, tracking_id, fields, first_seen_at, from_site) "
    "VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (session_id, tracking_id) DO NOTHING"
)


def _claim(row: tuple[Any, ...]) -> ClaimRecord:
    return ClaimRecord(row[0], row[1], ClaimStatus(row[2]), row[3], to_datetime(row[4]))


def tracking_id_of(shipment: Mapping[str, Any]) -> str:
    """The shipment's tracking id as matched against dock scans: trimmed, upper case."""
    value = shipment.get("trackingId", shipment.get("tracking_id"))
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"a shipment without a tracking id: {dict(shipment)!r}")
    return value.strip().upper()


class Store(Journal, HistoryReads, SiteLog):
    """The durable record of every handover on this terminal (see docs/store.md)."""

    # --- sessions --------------------------------------------------------------------

    def open_session(
        self,
        location_id: str,
        task_id: str,
        fe_id: str,
        *,
        state: str,
        fe_name: str = "",
        logistic_partner: str = "",
        lob: str = "",
        at: datetime | None = None,
    ) -> Session:
        """The handover of this FE for this task here, created (with its first state) if new."""
        ms = self._ms(at)
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM sessions WHERE location_id = ? AND task_id = ? AND fe_id = ?",
                (location_id, task_id, fe_id),
            ).fetchone()
            if row is None:
                session_id = conn.execute(
                    "INSERT INTO sessions (location_id, task_id, fe_id, fe_name, "
                    "logistic_partner, lob, state, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (location_id, task_id, fe_id, fe_name, logistic_partner, lob, state, ms),
                ).lastrowid
                conn.execute(
                    "INSERT INTO state_changes (session_id, state, at) VALUES (?, ?, ?)",
                    (session_id, state, ms),
                )
                summaries.create_empty(conn, int(session_id or 0))
            else:
                session_id = row[0]
            found = self.session(int(session_id or 0))
        assert found is not None
        return found

    def set_state(self, session_id: int, state: str, *, at: datetime | None = None) -> bool:
        """Record a state change; False (nothing written) if already in that state."""
        ms = self._ms(at)
        with self.transaction() as conn:
            row = conn.execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                raise KeyError(f"no session {session_id}")
            if row[0] == state:
                return False
            conn.execute("UPDATE sessions SET state = ? WHERE id = ?", (state, session_id))
            conn.execute(
                "INSERT INTO state_changes (session_id, state, at) VALUES (?, ?, ?)",
                (session_id, state, ms),
            )
        return True

    def close_session(
        self, session_id: int, *, state: str | None = None, at: datetime | None = None
    ) -> None:
        """End the handover (optionally with a last state); closing twice keeps the first time."""
        ms = self._ms(at)
        with self.transaction() as conn:
            if state is not None:
                self.set_state(session_id, state, at=at)
            cur = conn.execute(
                "UPDATE sessions SET closed_at = COALESCE(closed_at, ?) WHERE id = ?",
                (ms, session_id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"no session {session_id}")

    def session(self, session_id: int) -> Session | None:
        rows = self._rows(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        return Session.from_row(rows[0]) if rows else None

    def find_session(self, location_id: str, task_id: str, fe_id: str) -> Session | None:
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions "
            "WHERE location_id = ? AND task_id = ? AND fe_id = ?",
            (location_id, task_id, fe_id),
        )
        return Session.from_row(rows[0]) if rows else None

    def open_sessions(self) -> list[Session]:
        """Every handover not closed, oldest first: what to rebuild after a restart."""
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE closed_at IS NULL "
            "ORDER BY opened_at, id"
        )
        return [Session.from_row(r) for r in rows]

    def sessions(self, *, opened_since: datetime | None = None) -> list[Session]:
        """Every handover (opened at or after ``opened_since``), oldest first."""
        since = -(2**62) if opened_since is None else self._ms(opened_since)
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE opened_at >= ? ORDER BY opened_at, id",
            (since,),
        )
        return [Session.from_row(r) for r in rows]

    def state_changes(self, session_id: int) -> list[StateChange]:
        rows = self._rows(
            "SELECT id, session_id, state, at FROM state_changes WHERE session_id = ? ORDER BY id",
            (session_id,),
        )
        return [StateChange(r[0], r[1], r[2], to_datetime(r[3])) for r in rows]

    def mark_exported(self, session_ids: Iterable[int], *, at: datetime | None = None) -> None:
        """Note that these sessions' report was written (retention may then prune them)."""
        ms = self._ms(at)
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE sessions SET exported_at = ? WHERE id = ?", ((ms, i) for i in session_ids)
            )

    # --- codes -----------------------------------------------------------------------

    def record_code(
        self,
        session_id: int,
        kind: CodeKind | str,
        otc: str,
        *,
        created_at: datetime | None = None,
        expiry_at: datetime | None = None,
        received_at: datetime | None = None,
        total_scanned: int | None = None,
        obd_eligible: int | None = None,
        obd_failed: int | None = None,
        flyer_eligible: int | None = None,
        flyer_failed: int | None = None,
    ) -> Code:
        """Keep a Start or End OTC as received (End OTC with its statistics)."""
        kind = CodeKind(kind)
        values = (
            session_id,
            kind.value,
            otc,
            None if created_at is None else self._ms(created_at),
            None if expiry_at is None else self._ms(expiry_at),
            self._ms(received_at),
            None,
            total_scanned,
            obd_eligible,
            obd_failed,
            flyer_eligible,
            flyer_failed,
        )
        with self.transaction() as conn:
            code_id = conn.execute(
                f"INSERT INTO codes ({_CODE_COLUMNS.split(', ', 1)[1]}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            ).lastrowid
            summaries.on_code(
                conn, session_id, int(code_id or 0), kind.value, expiry_at is not None
            )
        return Code.from_row((code_id, *values))

    def mark_code_printed(self, code_id: int, *, at: datetime | None = None) -> None:
        ms = self._ms(at)
        with self.transaction() as conn:
            if (
                conn.execute("UPDATE codes SET printed_at = ? WHERE id = ?", (ms, code_id)).rowcount
                != 1
            ):
                raise KeyError(f"no code {code_id}")

    def codes(self, session_id: int, kind: CodeKind | str | None = None) -> list[Code]:
        """The session's codes, oldest first (the last of a kind is the one in force)."""
        sql = f"SELECT {_CODE_COLUMNS} FROM codes WHERE session_id = ?"
        params: list[int | str] = [session_id]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(CodeKind(kind).value)
        return [Code.from_row(r) for r in self._rows(sql + " ORDER BY id", tuple(params))]

    # --- the marketplace's side ------------------------------------------------------

    def record_shipments_page(
        self,
        session_id: int,
        shipments: list[dict[str, Any]],
        next_url: str | None,
        finished: bool,
        *,
        at: datetime | None = None,
        from_site: bool = False,
    ) -> list[str]:
        """Store one page and the cursor after it atomically; returns the new tracking ids.

        A page delivered twice (a restart after the commit, an overlapping page) inserts
        nothing twice. ``next_url`` replaces the cursor as given; ``finished`` (the FE has
        finished: no more pages) sets the drain flag, a later unfinished page clears it.
        Any page also records that the shipments call (POST) was made, except one that
        ``from_site`` (site mode: another terminal fetched it), which is never shipped back.
        """
        ms = self._ms(at)
        rows = [
            (tracking_id_of(s), json.dumps(s, ensure_ascii=False, default=str)) for s in shipments
        ]
        new: list[str] = []
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE sessions SET next_url = ?, shipments_posted_at = CASE WHEN ? "
                "THEN shipments_posted_at ELSE COALESCE(shipments_posted_at, ?) END, "
                "drain_finished_at = CASE WHEN ? "
                "THEN COALESCE(drain_finished_at, ?) END WHERE id = ?",
                (next_url, from_site, ms, finished, ms, session_id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"no session {session_id}")
            for tracking_id, fields in rows:
                inserted = conn.execute(
                    _INSERT_SHIPMENT, (session_id, tracking_id, fields, ms, from_site)
                ).rowcount
                if inserted:
                    new.append(tracking_id)
            summaries.on_shipments(conn, session_id, new)
        return new

    def shipments(self, session_id: int) -> list[Shipment]:
        rows = self._rows(
            "SELECT id, session_id, tracking_id, fields, first_seen_at FROM shipments "
            "WHERE session_id = ? ORDER BY id",
            (session_id,),
        )
        return [Shipment(r[0], r[1], r[2], json.loads(r[3]), to_datetime(r[4])) for r in rows]

    # --- the dock's side -------------------------------------------------------------

    def record_scan(
        self,
        session_id: int,
        raw: str,
        code: str,
        result: ScanResult | str,
        *,
        terminal: str,
        operator: str,
        at: datetime | None = None,
    ) -> ScanRecord:
        """Keep one dock scan durably; call it before the clerk is shown the result.

        It runs on the GUI thread, so it waits for a database another program holds at
        most ``SCAN_BUSY_WAIT_S`` (then ``StoreBusyError``: NOT RECORDED, scan again), not
        the store's usual busy timeout.
        """
        result = ScanResult(result)
        ms = self._ms(at)
        with self.busy_wait(SCAN_BUSY_WAIT_S), self.transaction() as conn:
            summaries.before_scan(conn, session_id, code, result.value, ms)
            scan_id = conn.execute(
                _INSERT_SCAN, (session_id, raw, code, result.value, ms, terminal, operator)
            ).lastrowid
            if result is ScanResult.MOVED:
                summaries.on_moved(conn, session_id)
        return ScanRecord(
            int(scan_id or 0),
            session_id,
            raw,
            code,
            result,
            to_datetime(ms),
            terminal,
            operator,
        )

    def scans(self, session_id: int) -> list[ScanRecord]:
        rows = self._rows(
            f"SELECT {_SCAN_COLUMNS} FROM scans WHERE session_id = ? ORDER BY id", (session_id,)
        )
        return [ScanRecord.from_row(r) for r in rows]

    def first_scan(self, session_id: int, code: str) -> ScanRecord | None:
        """The first scan of a code in a handover ("already verified at 14:03")."""
        rows = self._rows(
            f"SELECT {_SCAN_COLUMNS} FROM scans WHERE session_id = ? AND code = ? "
            "ORDER BY id LIMIT 1",
            (session_id, code),
        )
        return ScanRecord.from_row(rows[0]) if rows else None

    # --- condition and remark at the dock ----------------------------------------------

    def set_condition(
        self,
        session_id: int,
        tracking_id: str,
        condition: Condition | str,
        remark: str = "",
        *,
        at: datetime | None = None,
    ) -> ScanRecord:
        """Mark a received parcel's condition and remark (on its first counted scan).

        Until the handover is completed; then ``HandoverCompletedError``. A parcel never
        scanned here: ``ParcelNotReceivedError``. Returns the updated scan.
        """
        condition = Condition(condition)
        code = tracking_id.strip().upper()
        remark = " ".join(remark.split())[:500]
        ms = self._ms(at)
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT closed_at FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
            if row is None:
                raise KeyError(f"no session {session_id}")
            if row[0] is not None:
                raise HandoverCompletedError(detail=code)  # the clerk's words: no file path
            first = conn.execute(
                f"SELECT id FROM scans WHERE session_id = ? AND code = ? AND {_RECEIVED} "
                "ORDER BY id LIMIT 1",
                (session_id, code),
            ).fetchone()
            if first is None:
                raise ParcelNotReceivedError(detail=code)
            conn.execute(
                "UPDATE scans SET condition = ?, remark = ?, condition_at = ? WHERE id = ?",
                (condition.value, remark, ms, first[0]),
            )
            updated = conn.execute(
                f"SELECT {_SCAN_COLUMNS} FROM scans WHERE id = ?", (first[0],)
            ).fetchone()
        return ScanRecord.from_row(updated)

    def received(self, session_id: int) -> dict[str, ScanRecord]:
        """Each parcel received at the dock: its first counted scan (with its condition)."""
        found: dict[str, ScanRecord] = {}
        for row in self._rows(
            f"SELECT {_SCAN_COLUMNS} FROM scans WHERE session_id = ? AND {_RECEIVED} "
            "AND code != '' ORDER BY id",
            (session_id,),
        ):
            scan = ScanRecord.from_row(row)
            found.setdefault(scan.code, scan)
        return found

    def noted(self, session_id: int) -> list[ScanRecord]:
        """Received parcels marked not good or with a remark, in scan order."""
        return [scan for scan in self.received(session_id).values() if scan.noted]

    # --- claims and photos -----------------------------------------------------------

    def set_claim_status(
        self,
        session_id: int,
        tracking_id: str,
        status: ClaimStatus | str,
        reference: str = "",
        *,
        at: datetime | None = None,
    ) -> ClaimRecord:
        """Record a claim filed (with the marketplace's reference), granted or rejected."""
        status = ClaimStatus(status)
        if status in (ClaimStatus.OPEN, ClaimStatus.EXPIRED):
            raise ValueError(f"{status.value} is derived, not recorded")
        code = tracking_id.strip().upper()
        ms = self._ms(at)
        with self.transaction() as conn:
            if (
                conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
                is None
            ):
                raise KeyError(f"no session {session_id}")
            conn.execute(
                "INSERT INTO claims (session_id, tracking_id, status, reference, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, tracking_id) DO UPDATE SET "
                "status = excluded.status, reference = CASE WHEN excluded.reference = '' "
                "THEN claims.reference ELSE excluded.reference END, "
                "updated_at = excluded.updated_at",
                (session_id, code, status.value, reference.strip(), ms),
            )
            self.log_event(
                "claim_" + status.value, session_id, tracking_id=code, reference=reference.strip()
            )
            row = conn.execute(
                f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE session_id = ? AND tracking_id = ?",
                (session_id, code),
            ).fetchone()
        return _claim(row)

    def claim_records(self) -> dict[tuple[int, str], ClaimRecord]:
        """Every recorded claim, by (session id, tracking id)."""
        rows = self._rows(f"SELECT {_CLAIM_COLUMNS} FROM claims")
        return {(r[0], r[1]): _claim(r) for r in rows}

    def add_photo(
        self,
        session_id: int,
        tracking_id: str,
        path: str,
        sha256: str,
        *,
        terminal: str,
        at: datetime | None = None,
    ) -> Photo:
        """Record a photo file (``path`` relative to the data folder) and its SHA-256."""
        code = tracking_id.strip().upper()
        ms = self._ms(at)
        with self.transaction() as conn:
            photo_id = conn.execute(
                "INSERT INTO photos (session_id, tracking_id, path, sha256, taken_at, terminal) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, code, path, sha256, ms, terminal),
            ).lastrowid
        return Photo(int(photo_id or 0), session_id, code, path, sha256, to_datetime(ms), terminal)

    def photos(self, session_id: int, tracking_id: str | None = None) -> list[Photo]:
        sql = f"SELECT {_PHOTO_COLUMNS} FROM photos WHERE session_id = ?"
        params: list[object] = [session_id]
        if tracking_id is not None:
            sql += " AND tracking_id = ?"
            params.append(tracking_id.strip().upper())
        rows = self._rows(sql + " ORDER BY id", tuple(params))
        return [Photo(r[0], r[1], r[2], r[3], r[4], to_datetime(r[5]), r[6]) for r in rows]

    def sessions_with_parcel(self, tracking_id: str) -> list[Session]:
        """The handovers in which either side saw this tracking id, oldest first."""
        code = tracking_id.strip().upper()
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id IN ("
            "SELECT session_id FROM shipments WHERE tracking_id = ? "
            "UNION SELECT session_id FROM scans WHERE code = ?) ORDER BY opened_at, id",
            (code, code),
        )
        return [Session.from_row(r) for r in rows]

    def rebuild_summaries(self, session_id: int | None = None) -> None:
        """Recompute the kept summaries from the rows (a repair; the store keeps them)."""
        with self.transaction() as conn:
            summaries.rebuild(conn, session_id)

    def counts(self, session_id: int) -> SessionCounts:
        """How many shipments were reported and how many dock scans had each result."""
        with self.snapshot():
            shipments = self._rows(
                "SELECT COUNT(*) FROM shipments WHERE session_id = ?", (session_id,)
            )[0][0]
            by_result = dict(
                self._rows(
                    "SELECT result, COUNT(*) FROM scans WHERE session_id = ? GROUP BY result",
                    (session_id,),
                )
            )
        return SessionCounts(
            shipments=shipments,
            scans=sum(by_result.values()),
            **{r.value: by_result.get(r.value, 0) for r in ScanResult},
        )
