"""What site mode reads from and writes to the local record (docs/site.md).

The local record stays the terminal's own truth: every scan is committed here before the
clerk hears it. This terminal's scans and the shipments it fetched are shipped from here to
the site database in id order (the per-terminal log: idempotent by terminal and id); the
other terminals' scans and shipments are written here with the mark of how far each
terminal has been read, in the same transaction, so a crash reads nothing twice.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import msgspec

from returns_desk.store.database import Database
from returns_desk.store.models import to_datetime

#: the marks' kinds
SCANS_OUT, SHIPMENTS_OUT = "scans_out", "shipments_out"
SCANS_IN, SHIPMENTS_IN = "scans_in", "shipments_in"


class HandoverKey(msgspec.Struct, frozen=True):
    """A handover as every terminal of the site knows it (session ids are per terminal)."""

    location_id: str
    fe_id: str
    task_id: str


def mark_name(terminal: str, key: HandoverKey) -> str:
    """The mark of what was read of one terminal's rows of one handover (``*_IN``): per
    handover, because a handover this terminal starts following later is read from its
    start, whatever was read of the same terminal's other handovers."""
    return "\x1f".join((terminal, key.location_id, key.fe_id, key.task_id))


class OutgoingScan(msgspec.Struct, frozen=True):
    seq: int  # the scan's id in this terminal's record
    key: HandoverKey
    raw: str
    code: str
    result: str
    scanned_at: datetime
    operator: str


class OutgoingShipment(msgspec.Struct, frozen=True):
    seq: int  # the shipment's id in this terminal's record
    key: HandoverKey
    tracking_id: str
    fields: dict[str, Any]
    first_seen_at: datetime


class SiteLog(Database):
    def site_marks(self, kind: str) -> dict[str, int]:
        """terminal -> the last sequence number shipped (``*_OUT``) or read (``*_IN``)."""
        rows = self._rows("SELECT terminal, seq FROM site_marks WHERE kind = ?", (kind,))
        return {str(terminal): int(seq) for terminal, seq in rows}

    def set_site_mark(self, kind: str, terminal: str, seq: int) -> None:
        """Move a mark forward (inside the transaction that wrote what it covers)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO site_marks (kind, terminal, seq) VALUES (?, ?, ?) "
                "ON CONFLICT (kind, terminal) DO UPDATE SET seq = max(seq, excluded.seq)",
                (kind, terminal, seq),
            )

    def site_store_id(self) -> str:
        """This record's identity at the site, made once (a random UUID)."""
        rows = self._rows("SELECT store_id FROM site_identity WHERE id = 1")
        if rows:
            return str(rows[0][0])
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO site_identity (id, store_id) VALUES (1, ?)",
                (str(uuid.uuid4()),),
            )
        return str(self._rows("SELECT store_id FROM site_identity WHERE id = 1")[0][0])

    def forget_site_mark(self, kind: str, terminal: str) -> None:
        """Start a mark again from nothing (the site lost what it covered: ship it again)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM site_marks WHERE kind = ? AND terminal = ?", (kind, terminal))

    def own_scan_count(self, terminal: str, upto: int) -> int:
        """How many of this terminal's own scans have an id up to ``upto`` (at a reconnect:
        compared with how many the site has)."""
        rows = self._rows(
            "SELECT count(*) FROM scans WHERE terminal = ? AND id <= ?", (terminal, upto)
        )
        return int(rows[0][0])

    def own_shipment_count(self, upto: int) -> int:
        """How many shipments this terminal fetched itself have an id up to ``upto``."""
        rows = self._rows("SELECT count(*) FROM shipments WHERE from_site = 0 AND id <= ?", (upto,))
        return int(rows[0][0])

    def scans_to_ship(self, terminal: str, after: int, limit: int = 500) -> list[OutgoingScan]:
        """This terminal's own scans after ``after``, oldest first (others' came from the site)."""
        rows = self._rows(
            "SELECT s.id, x.location_id, x.fe_id, x.task_id, s.raw, s.code, s.result, "
            "s.scanned_at, s.operator FROM scans s JOIN sessions x ON x.id = s.session_id "
            "WHERE s.id > ? AND s.terminal = ? ORDER BY s.id LIMIT ?",
            (after, terminal, limit),
        )
        return [
            OutgoingScan(
                r[0], HandoverKey(r[1], r[2], r[3]), r[4], r[5], r[6], to_datetime(r[7]), r[8]
            )
            for r in rows
        ]

    def shipments_to_ship(self, after: int, limit: int = 500) -> list[OutgoingShipment]:
        """Shipments this terminal fetched from the marketplace after ``after``, oldest first."""
        rows = self._rows(
            "SELECT s.id, x.location_id, x.fe_id, x.task_id, s.tracking_id, s.fields, "
            "s.first_seen_at FROM shipments s JOIN sessions x ON x.id = s.session_id "
            "WHERE s.id > ? AND s.from_site = 0 ORDER BY s.id LIMIT ?",
            (after, limit),
        )
        return [
            OutgoingShipment(
                r[0], HandoverKey(r[1], r[2], r[3]), r[4], json.loads(r[5]), to_datetime(r[6])
            )
            for r in rows
        ]
