"""Migration 3 carries the hand-on's state out of the event log without changing it.

Until schema 3 the hand-on derived which entries are in doubt, and the body of a completed
"needs data" entry, from its events (``returns_desk/handon/ledger.py`` then). The oracle
below is that logic, run on a version-2 database whose outbox was driven at random the way
the processor, the import and the admin drove it; after the upgrade the store must give the
same in-doubt set (now and once every entry is made pending again) and the same bodies.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from returns_desk.store import DB_FILENAME, OutboxStatus, Store
from returns_desk.store.migrations import apply_migrations
from tests.store.conftest import START

MS = int(START.timestamp() * 1000)
STUB_MARK = "handon_needs_data"
DOUBTFUL = ("pending", "needs_attention")
NOT_SENT = ("pending", "needs_attention", "needs_data", "skipped")


# --- the oracle: the event-log ledger of schema 2 ---------------------------------------


def _events(conn: sqlite3.Connection, kind: str) -> list[tuple[int | None, dict[str, Any]]]:
    rows = conn.execute("SELECT session_id, detail FROM events WHERE kind = ? ORDER BY id", (kind,))
    return [(session_id, json.loads(detail)) for session_id, detail in rows]


def old_in_doubt(conn: sqlite3.Connection, statuses: Iterable[str] = DOUBTFUL) -> set[int]:
    """``Ledger.in_doubt`` of schema 2 (``statuses``: its filter, pending/needs attention)."""
    flights: dict[int, int] = {}
    for _, detail in _events(conn, "handon.in_flight"):
        outbox_id = int(detail["outbox_id"])
        flights[outbox_id] = max(flights.get(outbox_id, 0), int(detail["attempt"]))
    last_failure: dict[int, tuple[int, bool]] = {}
    for _, detail in _events(conn, "handon.failed"):
        last_failure[int(detail["outbox_id"])] = (int(detail["attempt"]), bool(detail["unknown"]))
    doubt = set()
    wanted = set(statuses)
    for item_id, status, attempts in conn.execute("SELECT id, status, attempts FROM outbox"):
        if status not in wanted:
            continue
        attempt, unknown = last_failure.get(item_id, (0, False))
        if flights.get(item_id, 0) > attempts or (unknown and attempt == attempts):
            doubt.add(item_id)
    return doubt


def old_payloads(conn: sqlite3.Connection) -> dict[int, Any]:
    """What schema 2 would send for each entry (``Ledger.body``), else its payload as it is."""
    filled = _events(conn, "handon.filled")
    found = {}
    for item_id, session_id, payload in conn.execute("SELECT id, session_id, payload FROM outbox"):
        value = json.loads(payload)
        if isinstance(value, dict) and value.get(STUB_MARK) is True:
            bodies = [
                detail["body"]
                for event_session, detail in filled
                if (session_id is None or event_session == session_id)
                and detail.get("outbox_id") == item_id
            ]
            value = bodies[-1] if bodies else value
        found[item_id] = value
    return found


# --- a version-2 outbox, driven as the processor, the import and the admin did -----------


class V2Outbox:
    """The schema-2 store's outbox writes with the events the schema-2 ledger logged."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.at = MS
        self.filled: set[int] = set()

    def _tick(self) -> int:
        self.at += 1000
        return self.at

    def event(self, kind: str, item_id: int, session_id: int | None = None, **detail: Any) -> None:
        if session_id is None:
            session_id = self.get(item_id)["session_id"]
        detail = {"outbox_id": item_id, "destination": "omni", "key": f"K{item_id}", **detail}
        self.conn.execute(
            "INSERT INTO events (at, kind, session_id, detail) VALUES (?, ?, ?, ?)",
            (self._tick(), kind, session_id, json.dumps(detail, sort_keys=True)),
        )

    def get(self, item_id: int) -> dict[str, Any]:
        row = self.conn.execute(
            "SELECT session_id, status, attempts, payload FROM outbox WHERE id = ?", (item_id,)
        ).fetchone()
        return {"session_id": row[0], "status": row[1], "attempts": row[2], "payload": row[3]}

    def enqueue(self, key: str, session_id: int | None, *, stub: bool) -> int:
        payload = {STUB_MARK: True, "tracking_id": key} if stub else {"returnOrderCode": key}
        item_id = self.conn.execute(
            "INSERT INTO outbox (destination, idempotency_key, session_id, payload, status, "
            "next_attempt_at, created_at) VALUES ('omni', ?, ?, ?, ?, ?, ?)",
            (key, session_id, json.dumps(payload), "pending", self.at, self.at),
        ).lastrowid
        assert item_id is not None
        if stub:
            self.status(item_id, "needs_data")
            self.event("handon.needs_data", item_id, needs=["order_id"])
        else:
            self.event("handon.queued", item_id)
        return item_id

    def status(self, item_id: int, status: str) -> None:
        self.conn.execute("UPDATE outbox SET status = ? WHERE id = ?", (status, item_id))

    def in_flight(self, item_id: int) -> None:
        self.event("handon.in_flight", item_id, attempt=self.get(item_id)["attempts"] + 1)

    def sent(self, item_id: int, via: str = "send") -> None:
        attempt = self.get(item_id)["attempts"] + 1
        self.conn.execute(
            "UPDATE outbox SET status = 'sent', attempts = ?, sent_at = ? WHERE id = ?",
            (attempt, self.at, item_id),
        )
        self.event("handon.sent", item_id, attempt=attempt, via=via)

    def failed(self, item_id: int, *, unknown: bool, give_up: bool) -> None:
        attempt = self.get(item_id)["attempts"] + 1
        status = "needs_attention" if give_up else "pending"
        self.conn.execute(
            "UPDATE outbox SET status = ?, attempts = ? WHERE id = ?", (status, attempt, item_id)
        )
        self.event("handon.failed", item_id, attempt=attempt, unknown=unknown, gave_up=give_up)

    def fill(self, item_id: int, body: dict[str, Any]) -> None:
        self.event("handon.filled", item_id, body=body)
        self.status(item_id, "pending")
        self.filled.add(item_id)


def _drive(outbox: V2Outbox, item_id: int, rng: random.Random) -> None:
    """One step of an entry's life, as schema 2 could have recorded it."""
    item = outbox.get(item_id)
    status = item["status"]
    needs_data = STUB_MARK in item["payload"] and item_id not in outbox.filled
    roll = rng.random()
    if status == "needs_data":
        if roll < 0.6:
            outbox.fill(item_id, {"returnOrderCode": f"R{item_id}", "n": rng.randrange(99)})
        elif roll < 0.7:
            outbox.event("handon.skip", item_id)
            outbox.status(item_id, "skipped")
    elif status == "pending" and needs_data:
        outbox.status(item_id, "needs_data")  # the processor finds no body yet
    elif status == "pending":
        if roll < 0.15:  # in doubt from the last run: the look-up answers first
            outbox.event("handon.checked", item_id, result="delivered")
            outbox.sent(item_id, via="check")
            return
        if roll < 0.2:  # the look-up itself failed
            outbox.failed(item_id, unknown=True, give_up=False)
            return
        if roll < 0.27:
            outbox.event("handon.skip", item_id)
            outbox.status(item_id, "skipped")
            return
        outbox.in_flight(item_id)
        outcome = rng.random()
        if outcome < 0.3:
            outbox.sent(item_id)
        elif outcome < 0.75:
            outbox.failed(item_id, unknown=rng.random() < 0.5, give_up=rng.random() < 0.3)
        # else: killed before the outcome was recorded
    elif status in ("needs_attention", "skipped"):
        if roll < 0.5 and not needs_data:  # skipped while it needed data: not retried
            outbox.event("handon.retry", item_id, previous=status)
            outbox.status(item_id, "pending")
        elif roll < 0.6 and status == "needs_attention":
            outbox.event("handon.skip", item_id)
            outbox.status(item_id, "skipped")


def _build_v2(path: Path, seed: int, entries: int = 150) -> None:
    rng = random.Random(seed)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        apply_migrations(conn, 2)
        conn.execute("BEGIN")
        for n in (1, 2):
            conn.execute(
                "INSERT INTO sessions (id, location_id, task_id, fe_id, state, opened_at) "
                "VALUES (?, 'LOC1', ?, 'fe1', 'COMPLETED', ?)",
                (n, f"T{n}", MS),
            )
        outbox = V2Outbox(conn)
        ids = [
            outbox.enqueue(f"FMPR{n:04d}", rng.choice((1, 2, None)), stub=rng.random() < 0.3)
            for n in range(entries)
        ]
        steps = [item_id for item_id in ids for _ in range(rng.randrange(6))]
        rng.shuffle(steps)  # entries' lives interleaved, each some steps along
        for item_id in steps:
            _drive(outbox, item_id, rng)
        # events that name an entry but do not complete it: another session's, another kind
        for item_id in rng.sample(ids, 5):
            other = 2 if outbox.get(item_id)["session_id"] == 1 else 1
            outbox.event("handon.filled", item_id, other, body={"from": "another session"})
        conn.execute("COMMIT")


@pytest.mark.parametrize("seed", range(6))
def test_migration_3_gives_the_same_in_doubt_set_and_bodies_as_the_event_log(
    tmp_path: Path, seed: int
) -> None:
    path = tmp_path / DB_FILENAME
    _build_v2(path, seed)
    with closing(sqlite3.connect(path)) as conn:
        doubt = old_in_doubt(conn)
        doubt_once_pending = old_in_doubt(conn, NOT_SENT)
        payloads = old_payloads(conn)
        statuses = dict(conn.execute("SELECT id, status FROM outbox").fetchall())
        stored = {i: json.loads(p) for i, p in conn.execute("SELECT id, payload FROM outbox")}
    # the random walk reached every case the migration must carry over
    assert doubt and doubt_once_pending - doubt
    assert any(stored[i] != payloads[i] for i in stored)  # completed "needs data"
    assert any(STUB_MARK in payload for payload in payloads.values())  # still needing data
    assert len(set(statuses.values())) == 5

    with Store.open(path) as store:
        assert store.schema_version >= 3 and store.integrity_check() == "ok"
        assert {i.id for i in store.outbox_in_doubt()} == doubt
        items = store.outbox()
        assert {i.id: i.payload for i in items} == payloads
        assert {i.id: i.status.value for i in items} == statuses
        assert all(i.in_flight_at is None and not i.outcome_unknown for i in items if i.sent_at)
        for item in items:  # retried or completed: in doubt exactly when the events said so
            if item.status is not OutboxStatus.SENT:
                store.set_outbox_status(item.id, OutboxStatus.PENDING)
        assert {i.id for i in store.outbox_in_doubt()} == doubt_once_pending


def test_an_unreadable_hand_on_event_does_not_stop_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        apply_migrations(conn, 2)
        conn.execute(
            "INSERT INTO outbox (id, destination, idempotency_key, payload, next_attempt_at, "
            "created_at) VALUES (1, 'omni', 'K', '{}', 0, 0)"
        )
        for kind, detail in [
            ("handon.in_flight", "{}"),
            ("handon.in_flight", '{"outbox_id": 1, "attempt": "two"}'),
            ("handon.failed", "not json"),
            ("handon.filled", '{"outbox_id": 1}'),
            ("handon.in_flight", '{"outbox_id": 1, "attempt": 1}'),
        ]:
            conn.execute(
                "INSERT INTO events (at, kind, detail) VALUES (?, ?, ?)", (MS, kind, detail)
            )
    with Store.open(path) as store:
        (item,) = store.outbox_in_doubt()
        assert item.id == 1 and item.in_flight_at == START and item.payload == {}
