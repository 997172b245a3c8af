"""The link between one terminal and the site database (docs/site.md).

Two threads of its own:

- the *site sync* thread ships this terminal's scans and the shipments it fetched (its
  per-terminal log: the local record in id order, idempotent by terminal and id), holds the
  polling lease of the FEs it leads, and reads what the other terminals shipped into the
  engine (``DockEngine.merge_site``), on every notification, after every local scan, and
  at least every ``catch_up_s``;
- the *site listener* thread waits on ``LISTEN`` and wakes the sync thread.

When the database is out of reach the terminal works alone: it scans and polls its FEs
itself (``may_poll``), says so (``SiteStatusChanged``), and catches up when the database
is back; two terminals that took the same FE while apart keep both sets of scans, one
lease wins, and the other terminal's clerk is told (``SiteNotice``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import psycopg
from psycopg.types.json import Jsonb

from returns_desk.api.states import TaskState
from returns_desk.errors import (
    ReturnsDeskError,
    SiteDatabaseError,
    SiteSchemaError,
    SiteTerminalIdError,
)
from returns_desk.settings.site import SiteSettings
from returns_desk.site.board import Board, SiteHistoryRow, read_board, site_history
from returns_desk.site.connection import STATEMENT_TIMEOUT_MS, connect_site, database_error
from returns_desk.site.events import SiteNotice, SiteState, SiteStatusChanged
from returns_desk.site.schema import SCHEMA, require_current
from returns_desk.site.watchdog import guarded
from returns_desk.store import Store
from returns_desk.store.site_log import (
    SCANS_IN,
    SCANS_OUT,
    SHIPMENTS_IN,
    SHIPMENTS_OUT,
    HandoverKey,
    mark_name,
)
from returns_desk.workflow.engine import DockEngine
from returns_desk.workflow.events import (
    HandoverChanged,
    HandoverCompleted,
    HandoverTracked,
    ParcelsReported,
    Publish,
    ScanRecorded,
    ScanWithdrawn,
)
from returns_desk.workflow.site_sync import IncomingScan, IncomingShipment, SiteBatch, SiteHandover

log = logging.getLogger(__name__)
_T = TypeVar("_T")

CHANNEL = "returns_desk"
_BATCH = 500
#: rows merged into the engine per transaction (and per hold of its lock)
MERGE_SCANS, MERGE_SHIPMENTS = 200, 1000
#: a handover's state at the site only moves forward: a terminal behind the others (its
#: initial load not yet run) never moves it back
_RANK_SQL = (
    "coalesce(array_position(ARRAY['START_OTC', 'SCANNING', 'END_OTC', 'COMPLETED'], {}), 0)"
)


#: the longest one query may take before its connection is cut (site/watchdog.py): the
#: server's own statement timeout and a margin; a round of the sync (several statements, a
#: catch-up merged into the record) gets four times that
QUERY_GUARD_S = STATEMENT_TIMEOUT_MS / 1000 + 5
ROUND_GUARD_S = 4 * QUERY_GUARD_S


class SiteLink:
    """This terminal's side of the site database."""

    def __init__(
        self,
        settings: SiteSettings,
        *,
        terminal_id: str,
        location_id: str,
        store: Store,
        engine: DockEngine,
        publish: Publish,
        app_version: str = "",
        connect: Callable[[str], Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        # how long a query (a round) may wait on the server before it is cut (watchdog)
        self.query_guard_s, self.round_guard_s = QUERY_GUARD_S, ROUND_GUARD_S
        self.terminal_id, self.location_id = terminal_id, location_id
        self._store, self._engine, self._publish = store, engine, publish
        self._app_version = app_version
        self._connect = connect or (lambda role: connect_site(settings, terminal_id, role))
        self._clock = clock
        self._lock = threading.Lock()
        self._wake = threading.Event()
        # why the sync thread woke: something to read (a notification, the catch-up timer, a
        # reconnect) or handovers to lease; a local scan only ships
        self._pull_wanted = True
        self._leases_wanted = True
        self._stopping = threading.Event()
        self._state = SiteState.CONNECTING
        self._alone_since: datetime | None = None
        self._error: ReturnsDeskError | None = None
        self._others: tuple[str, ...] = ()
        self._leading: dict[HandoverKey, bool] = {}
        self._leaders: dict[HandoverKey, str | None] = {}
        self._polled_alone: set[HandoverKey] = set()
        self._published: dict[HandoverKey, tuple[Any, ...]] = {}
        self._seen: dict[HandoverKey, SiteHandover] = {}
        self._conn: Any = None
        self._listen_conn: Any = None
        self._claim_conn: Any = None
        self._claim_lock = threading.Lock()
        self._board_conn: Any = None
        self._board_lock = threading.Lock()
        self._next_heartbeat = 0.0
        self._next_leases = 0.0
        self._store_id = ""
        self._sync = threading.Thread(target=self._run, name="site sync", daemon=True)
        self._listener = threading.Thread(target=self._listen, name="site listener", daemon=True)

    # --- life -----------------------------------------------------------------------

    def start(self) -> None:
        self._sync.start()
        self._listener.start()

    def stop(self, timeout_s: float = 5.0) -> bool:
        """Ship what is left (within ``timeout_s``), then close; True when both threads ended."""
        self._stopping.set()
        self._wake.set()
        for thread in (self._sync, self._listener):
            if thread.is_alive():
                thread.join(timeout_s)
        with self._claim_lock:
            _close(self._claim_conn)
            self._claim_conn = None
        with self._board_lock:
            _close(self._board_conn)
            self._board_conn = None
        return not (self._sync.is_alive() or self._listener.is_alive())

    def wake(self, *, pull: bool = True) -> None:
        """Ship now, and with ``pull`` read what the other terminals shipped too."""
        if pull:
            self._pull_wanted = True
        self._wake.set()

    def on_event(self, event: object) -> None:
        """The bus's subscriber (any thread): what changed here is shipped at once; a handover
        that appeared or changed is leased and published too."""
        if isinstance(event, HandoverTracked | HandoverChanged | HandoverCompleted):
            self._leases_wanted = True
            self._wake.set()
        elif isinstance(event, ScanRecorded | ScanWithdrawn | ParcelsReported):
            self._wake.set()

    @property
    def state(self) -> SiteState:
        return self._state

    def status(self) -> SiteStatusChanged:
        with self._lock:
            return SiteStatusChanged(self._state, self._alone_since, self._error, self._others)

    # --- the engine's questions (SiteGate) --------------------------------------------

    def may_poll(self, key: HandoverKey) -> bool:
        with self._lock:
            if self._state is SiteState.ALONE:
                self._polled_alone.add(key)
                return True
            return self._leading.get(key, False)

    def take_over(self, key: HandoverKey) -> tuple[str | None, bool] | None:
        """Lead this FE from now on (the clerk asked for its End OTC here); working alone,
        the End OTC does not wait for a connection that is known to fail."""
        if self._state is SiteState.ALONE:
            return None
        try:
            conn = self._connect("end otc")
        except SiteDatabaseError:
            return None
        try:
            with guarded(conn, self.query_guard_s):  # the clerk waits: never on a stuck server
                row = conn.execute(
                    f"UPDATE {SCHEMA}.handovers SET leader = %s, "
                    "lease_until = now() + make_interval(secs => %s), changed_at = now() "
                    "WHERE location_id = %s AND fe_id = %s AND task_id = %s "
                    "RETURNING cursor, posted",
                    (self.terminal_id, self.settings.lease_s, *_key_tuple(key)),
                ).fetchone()
        except Exception as exc:
            log.info("site: could not take over %s: %s", key, database_error(exc))
            return None
        finally:
            _close(conn)
        if row is None:
            return None
        with self._lock:
            self._leading[key] = True
            self._leaders[key] = self.terminal_id
        return row[0], bool(row[1])

    # --- the site board (read off the GUI thread) ------------------------------------

    def board(self, since: datetime) -> Board:
        """The location's terminals and handovers since ``since``; ``SiteDatabaseError``
        when the site database cannot be read now."""
        return self._read(lambda conn: read_board(conn, self.location_id, since))

    def history(self, since: datetime, words: list[str]) -> list[SiteHistoryRow]:
        """The session history's "whole site": the location's handovers since ``since``."""
        return self._read(lambda conn: site_history(conn, self.location_id, since, words))

    def _read(self, read: Callable[[Any], _T]) -> _T:
        """A read for a screen (a reader thread), on a connection of its own."""
        with self._board_lock:
            try:
                if self._board_conn is None:
                    self._board_conn = self._connect("board")
                with guarded(self._board_conn, self.query_guard_s):
                    return read(self._board_conn)
            except SiteDatabaseError:
                raise
            except Exception as exc:
                _close(self._board_conn)
                self._board_conn = None
                raise database_error(exc) from None

    # --- hand-on claims -------------------------------------------------------------

    def claim(self, destination: str, idempotency_key: str) -> str | None:
        """The terminal that hands this return on to ``destination`` for the whole site (this
        one's id: send it); None when the site database cannot say now (wait, never guess)."""
        with self._claim_lock:
            try:
                if self._claim_conn is None:
                    self._claim_conn = self._connect("hand-on")
                conn = self._claim_conn
                with guarded(conn, self.query_guard_s):
                    conn.execute(
                        f"INSERT INTO {SCHEMA}.handon_claims "
                        "(destination, idempotency_key, location_id, terminal_id) "
                        "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                        (destination, idempotency_key, self.location_id, self.terminal_id),
                    )
                    row = conn.execute(
                        f"SELECT terminal_id FROM {SCHEMA}.handon_claims "
                        "WHERE destination = %s AND idempotency_key = %s",
                        (destination, idempotency_key),
                    ).fetchone()
            except SiteDatabaseError:
                return None
            except Exception as exc:
                log.info("site: hand-on claim failed: %s", database_error(exc))
                _close(self._claim_conn)
                self._claim_conn = None
                return None
        return str(row[0]) if row else None

    def claim_sent(self, destination: str, idempotency_key: str) -> None:
        """Note at the site that the return was handed on (for the board; best effort)."""
        with self._claim_lock:
            if self._claim_conn is None:
                return
            try:
                with guarded(self._claim_conn, self.query_guard_s):
                    self._claim_conn.execute(
                        f"UPDATE {SCHEMA}.handon_claims SET sent_at = now() "
                        "WHERE destination = %s AND idempotency_key = %s AND terminal_id = %s",
                        (destination, idempotency_key, self.terminal_id),
                    )
            except Exception as exc:
                log.info("site: could not note a hand-on as sent: %s", database_error(exc))
                _close(self._claim_conn)
                self._claim_conn = None

    # --- the sync thread ------------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        try:
            self._store_id = self._store.site_store_id()
            while not self._stopping.is_set():
                try:
                    if self._conn is None:
                        self._conn = self._connect("sync")
                        with guarded(self._conn, self.round_guard_s):
                            require_current(self._conn)
                            self._heartbeat()  # before anything is shipped under this id
                            self._next_heartbeat = self._next_leases = 0.0
                            self._pull_wanted = True
                            self._check_shipped()
                    with guarded(self._conn, self.round_guard_s):
                        self._round()
                    failures = 0
                    self._connected()
                except (SiteDatabaseError, SiteSchemaError, SiteTerminalIdError) as exc:
                    failures += 1
                    self._alone(exc)
                except ReturnsDeskError as exc:  # the local record was busy: next round
                    failures += 1
                    log.warning("site: a round was cut short: %s", exc)
                except (psycopg.Error, OSError) as exc:
                    failures += 1
                    self._alone(database_error(exc))
                wait = self.settings.catch_up_s if failures == 0 else min(10.0, 0.5 * 2**failures)
                if self._stopping.is_set():
                    break
                if not self._wake.wait(wait):
                    self._pull_wanted = True  # the catch-up: read even without a notification
                self._wake.clear()
            self._final_ship()
        except Exception:
            log.exception("the site sync hit a bug; this terminal works alone")
            self._alone(SiteDatabaseError("site sync stopped"))
        finally:
            _close(self._conn)
            self._conn = None
            self._store.release_thread()

    def _final_ship(self) -> None:
        """At shutdown: what this terminal scanned last goes out now if it can."""
        if self._conn is None:
            return
        try:
            with guarded(self._conn, self.query_guard_s):
                self._ship_scans()
                self._ship_shipments()
        except Exception as exc:
            log.info("site: last scans not shipped before closing: %s", database_error(exc))

    def _round(self) -> None:
        """Ship always (cheap when nothing is new); lease when handovers changed or a third
        of the lease has gone by; read when told to or by the catch-up timer."""
        now = self._clock()
        if now >= self._next_heartbeat:
            self._heartbeat()
            self._next_heartbeat = now + 5.0
        self._ship_scans()
        self._ship_shipments()
        if self._leases_wanted or now >= self._next_leases:
            self._leases_wanted = False
            self._leases()
            self._next_leases = now + self.settings.lease_s / 3
            self._pull_wanted = True
        if self._pull_wanted:
            self._pull_wanted = False
            self._pull()

    def _connected(self) -> None:
        with self._lock:
            if self._state is SiteState.CONNECTED:
                return
            was_alone = self._state is SiteState.ALONE
            self._state, self._alone_since, self._error = SiteState.CONNECTED, None, None
            status = SiteStatusChanged(SiteState.CONNECTED, None, None, self._others)
        if was_alone:
            log.info("site: the site database is back; caught up")
        self._publish(status)

    def _alone(self, error: ReturnsDeskError) -> None:
        _close(self._conn)
        self._conn = None
        with self._lock:
            first = self._state is not SiteState.ALONE
            changed = first or str(self._error) != str(error)
            if first:
                self._alone_since = datetime.now(UTC)
            self._state, self._error = SiteState.ALONE, error
            status = SiteStatusChanged(SiteState.ALONE, self._alone_since, error, self._others)
        if first:
            log.warning("site: working alone: %s", error)
        if changed:
            self._publish(status)  # the desk makes the polls another terminal led due now

    # --- what one round does ----------------------------------------------------------

    def _heartbeat(self) -> None:
        """This terminal is alive; refused when the id is another record's (its sequence
        numbers would collide with this one's, and scans would be dropped as repeats)."""
        conn = self._conn
        mine = conn.execute(
            f"INSERT INTO {SCHEMA}.terminals (terminal_id, store_id, location_id, app_version) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (terminal_id) DO UPDATE SET "
            "location_id = EXCLUDED.location_id, app_version = EXCLUDED.app_version, "
            f"last_seen_at = now() WHERE {SCHEMA}.terminals.store_id = EXCLUDED.store_id "
            "RETURNING terminal_id",
            (self.terminal_id, self._store_id, self.location_id, self._app_version),
        ).fetchone()
        if mine is None:
            raise SiteTerminalIdError(self.terminal_id)
        rows = conn.execute(
            f"SELECT terminal_id FROM {SCHEMA}.terminals WHERE location_id = %s "
            "AND terminal_id <> %s ORDER BY terminal_id",
            (self.location_id, self.terminal_id),
        ).fetchall()
        others = tuple(str(r[0]) for r in rows)
        with self._lock:
            changed, self._others = others != self._others, others
            status = SiteStatusChanged(self._state, self._alone_since, self._error, others)
        if changed and self._state is SiteState.CONNECTED:
            self._publish(status)

    def _check_shipped(self) -> None:
        """At every (re)connect: does the site still have every scan this terminal shipped?
        A server that lost its last commits in a crash, or one restored from an older
        backup, has fewer: they are shipped again (idempotent: nothing is counted twice)."""
        me = self.terminal_id
        for kind, table, count in (
            (SCANS_OUT, "scans", self._store.own_scan_count),
            (SHIPMENTS_OUT, "shipments", lambda _, upto: self._store.own_shipment_count(upto)),
        ):
            mark = self._store.site_marks(kind).get(me, 0)
            if not mark:
                continue
            (at_site,) = self._conn.execute(
                f"SELECT count(*) FROM {SCHEMA}.{table} WHERE terminal_id = %s AND seq <= %s",
                (me, mark),
            ).fetchone()
            shipped = count(me, mark)
            if at_site < shipped:
                log.warning(
                    "site: the site database has %d of the %d %s shipped from here; "
                    "shipping them again",
                    at_site,
                    shipped,
                    table,
                )
                self._store.forget_site_mark(kind, me)

    def _ship_scans(self) -> None:
        self._ship(
            SCANS_OUT,
            lambda after: self._store.scans_to_ship(self.terminal_id, after, _BATCH),
            "scans",
            ("raw", "code", "result", "operator", "scanned_at"),
            lambda s: (s.raw, s.code, s.result, s.operator, s.scanned_at),
        )

    def _ship_shipments(self) -> None:
        self._ship(
            SHIPMENTS_OUT,
            lambda after: self._store.shipments_to_ship(after, _BATCH),
            "shipments",
            ("tracking_id", "fields", "first_seen_at"),
            lambda s: (s.tracking_id, Jsonb(s.fields), s.first_seen_at),
            cursors=True,
        )
        self._publish_cursors(None)

    def _ship(
        self,
        kind: str,
        batch_after: Callable[[int], Sequence[Any]],
        table: str,
        columns: tuple[str, ...],
        values: Callable[[Any], tuple[Any, ...]],
        *,
        cursors: bool = False,
    ) -> None:
        """This terminal's rows after its mark, in id order, a batch a transaction with its
        NOTIFY; the mark moves only once the site committed (idempotent by terminal and
        sequence number: a batch shipped twice inserts nothing twice)."""
        me = self.terminal_id
        mark = self._store.site_marks(kind).get(me, 0)
        names = ("terminal_id", "seq", "location_id", "fe_id", "task_id", *columns)
        sql = (
            f"INSERT INTO {SCHEMA}.{table} ({', '.join(names)}) "
            f"VALUES ({', '.join(['%s'] * len(names))}) ON CONFLICT DO NOTHING"
        )
        while batch := batch_after(mark):
            rows = [(me, r.seq, *_key_tuple(r.key), *values(r)) for r in batch]
            with self._conn.transaction():
                with self._conn.cursor() as cur:
                    cur.executemany(sql, rows)
                if cursors:
                    self._publish_cursors({r.key for r in batch})
                self._notify()
            mark = batch[-1].seq
            self._store.set_site_mark(kind, me, mark)

    def _publish_cursors(self, keys: set[HandoverKey] | None) -> None:
        """The cursor and the drain of the FEs this terminal leads, so that a terminal taking
        one over carries on from there, and the others know the list is complete."""
        with self._lock:
            led = [k for k, leading in self._leading.items() if leading]
        for key in led if keys is None else [k for k in keys if k in led]:
            session = self._store.find_session(key.location_id, key.task_id, key.fe_id)
            if session is None:
                continue
            state = (session.next_url, session.shipments_posted, session.drain_finished)
            if self._published.get(key) == state:
                continue
            updated = self._conn.execute(
                f"UPDATE {SCHEMA}.handovers SET cursor = %s, posted = %s, drained = %s, "
                "changed_at = now() WHERE location_id = %s AND fe_id = %s AND task_id = %s "
                "AND leader = %s",
                (*state, *_key_tuple(key), self.terminal_id),
            ).rowcount
            if updated:
                self._published[key] = state
                self._notify()

    def _notify(self) -> None:
        self._conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, self.location_id))

    def _leases(self) -> None:
        """Every handover this terminal follows, at the site; the lease of those that still
        need polling taken or renewed (the first terminal to ask leads; a lease not renewed
        within ``lease_s`` passes to the next terminal that asks)."""
        notices: list[SiteNotice] = []
        adopt: list[tuple[HandoverKey, str | None, bool]] = []
        for view in self._engine.views():
            key = HandoverKey(view.location_id, view.fe_id, view.task_id)
            if key.location_id != self.location_id:
                continue
            state = view.state.value
            wants = view.state is not TaskState.COMPLETED and not view.drained
            row = self._conn.execute(
                f"INSERT INTO {SCHEMA}.handovers AS h (location_id, fe_id, task_id, fe_name, "
                "logistic_partner, lob, state, leader, lease_until, completed_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, CASE WHEN %s THEN %s END, "
                "CASE WHEN %s THEN now() + make_interval(secs => %s) END, "
                "CASE WHEN %s = 'COMPLETED' THEN now() END) "
                "ON CONFLICT (location_id, fe_id, task_id) DO UPDATE SET "
                "fe_name = CASE WHEN EXCLUDED.fe_name <> '' THEN EXCLUDED.fe_name "
                "ELSE h.fe_name END, "
                f"state = CASE WHEN {_RANK_SQL.format('EXCLUDED.state')} > "
                f"{_RANK_SQL.format('h.state')} THEN EXCLUDED.state ELSE h.state END, "
                "completed_at = COALESCE(h.completed_at, EXCLUDED.completed_at), "
                "leader = CASE WHEN %s AND (h.leader IS NULL OR h.leader = EXCLUDED.leader "
                "OR h.lease_until < now()) THEN %s ELSE h.leader END, "
                "lease_until = CASE WHEN %s AND (h.leader IS NULL OR h.leader = %s "
                "OR h.lease_until < now()) THEN now() + make_interval(secs => %s) "
                "ELSE h.lease_until END "
                "RETURNING leader, cursor, posted, state",
                (
                    *_key_tuple(key), view.fe_name, view.logistic_partner, view.lob.value,
                    state, wants, self.terminal_id, wants, self.settings.lease_s, state,
                    wants, self.terminal_id, wants, self.terminal_id, self.settings.lease_s,
                ),
            ).fetchone()  # fmt: skip
            leader = row[0]
            mine = leader == self.terminal_id
            with self._lock:
                was = self._leading.get(key)
                self._leading[key] = mine
                self._leaders[key] = leader
                lost_after_alone = not mine and key in self._polled_alone
                if mine or lost_after_alone:
                    self._polled_alone.discard(key)
            if mine and not was:
                adopt.append((key, row[1], bool(row[2])))
            if lost_after_alone and leader is not None and wants:
                notices.append(SiteNotice(view.fe_name, str(leader)))
        for key, cursor, posted in adopt:
            self._engine.adopt_cursor(key, cursor, posted)
        for notice in notices:
            log.warning(
                "site: %s leads %s again; both terminals' scans are kept",
                notice.leader,
                notice.fe_name,
            )
            self._publish(notice)

    def _pull(self) -> None:
        """What the other terminals shipped since this one last read, for the handovers
        this terminal follows, and every open handover of the location."""
        conn = self._conn
        rows = conn.execute(
            f"SELECT fe_id, task_id, fe_name, logistic_partner, lob, state, drained, leader "
            f"FROM {SCHEMA}.handovers WHERE location_id = %s AND (completed_at IS NULL "
            "OR completed_at > now() - interval '1 day')",
            (self.location_id,),
        ).fetchall()
        handovers = tuple(
            SiteHandover(
                HandoverKey(self.location_id, r[0], r[1]), r[2], r[3], r[4], r[5], r[6], r[7]
            )
            for r in rows
        )
        followed = [
            HandoverKey(v.location_id, v.fe_id, v.task_id)
            for v in self._engine.views()
            if v.location_id == self.location_id and v.state is not TaskState.COMPLETED
        ]
        shipments: list[IncomingShipment] = []
        scans: list[IncomingScan] = []
        if followed and self._others:
            pairs = [(t, k) for k in followed for t in self._others]
            shipments = self._shipments_after(pairs, self._store.site_marks(SHIPMENTS_IN))
            scans = self._scans_after(pairs, self._store.site_marks(SCANS_IN))
        changed = tuple(h for h in handovers if self._changed(h))
        # In chunks, each its own transaction and its own hold of the engine's lock, so a
        # scan at this terminal never waits behind a long catch-up. The rows come ordered by
        # terminal and handover, then sequence number: any prefix keeps the marks right. A
        # handover is called drained only with its last chunk of shipments.
        chunks = [
            tuple(shipments[start : start + MERGE_SHIPMENTS])
            for start in range(0, len(shipments), MERGE_SHIPMENTS)
        ] or [()]
        for n, chunk in enumerate(chunks):
            final = n == len(chunks) - 1
            if changed or chunk:
                self._engine.merge_site(SiteBatch(changed, chunk, final=final))
        self._remember(changed)
        for start in range(0, len(scans), MERGE_SCANS):
            self._engine.merge_site(SiteBatch(scans=tuple(scans[start : start + MERGE_SCANS])))

    def _changed(self, handover: SiteHandover) -> bool:
        return self._seen.get(handover.key) != handover

    def _remember(self, handovers: Iterable[SiteHandover]) -> None:
        seen = dict(self._seen)
        seen.update((h.key, h) for h in handovers)
        self._seen = seen

    def _after(
        self, table: str, columns: str, pairs: list[tuple[str, HandoverKey]], marks: dict[str, int]
    ) -> list[tuple[Any, ...]]:
        """One round trip: what each other terminal shipped of each followed handover since
        this terminal's mark of it (an index range per pair)."""
        terminals = [t for t, _ in pairs]
        fe_ids = [k.fe_id for _, k in pairs]
        task_ids = [k.task_id for _, k in pairs]
        after = [marks.get(mark_name(t, k), 0) for t, k in pairs]
        return list(
            self._conn.execute(
                f"SELECT m.terminal_id, m.fe_id, m.task_id, r.* FROM unnest("
                "%s::text[], %s::text[], %s::text[], %s::bigint[]) "
                "AS m(terminal_id, fe_id, task_id, after) CROSS JOIN LATERAL ("
                f"SELECT {columns} FROM {SCHEMA}.{table} x WHERE x.location_id = %s "
                "AND x.fe_id = m.fe_id AND x.task_id = m.task_id "
                "AND x.terminal_id = m.terminal_id AND x.seq > m.after "
                "ORDER BY x.seq LIMIT %s) r",
                (terminals, fe_ids, task_ids, after, self.location_id, _BATCH * 4),
            ).fetchall()
        )

    def _shipments_after(
        self, pairs: list[tuple[str, HandoverKey]], marks: dict[str, int]
    ) -> list[IncomingShipment]:
        rows = self._after("shipments", "x.seq, x.fields", pairs, marks)
        return [
            IncomingShipment(r[0], int(r[3]), HandoverKey(self.location_id, r[1], r[2]), r[4])
            for r in rows
        ]

    def _scans_after(
        self, pairs: list[tuple[str, HandoverKey]], marks: dict[str, int]
    ) -> list[IncomingScan]:
        columns = "x.seq, x.raw, x.code, x.result, x.operator, x.scanned_at"
        rows = self._after("scans", columns, pairs, marks)
        return [
            IncomingScan(
                r[0],
                int(r[3]),
                HandoverKey(self.location_id, r[1], r[2]),
                raw=r[4],
                code=r[5],
                result=r[6],
                operator=r[7],
                scanned_at=r[8],
            )
            for r in rows
        ]

    # --- the listener thread ----------------------------------------------------------

    def _listen(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                if self._listen_conn is None:
                    self._listen_conn = self._connect("listener")
                    self._listen_conn.execute(f"LISTEN {CHANNEL}")
                    self.wake()  # catch up on what was missed meanwhile
                failures = 0
                for note in self._listen_conn.notifies(timeout=0.5):
                    if note.payload == self.location_id:
                        self.wake()
            except Exception as exc:
                log.debug("site listener: %s", exc)
                _close(self._listen_conn)
                self._listen_conn = None
                failures += 1
                self._stopping.wait(min(10.0, 0.5 * 2**failures))
        _close(self._listen_conn)
        self._listen_conn = None


def _key_tuple(key: HandoverKey) -> tuple[str, str, str]:
    return key.location_id, key.fe_id, key.task_id


def _close(conn: Any) -> None:
    if conn is not None:
        with contextlib.suppress(Exception):
            conn.close()
