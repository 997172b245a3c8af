"""Opening the database safely, one connection per thread, and explicit transactions.

Every write runs in ``BEGIN IMMEDIATE ... COMMIT`` on a WAL database with
``synchronous=FULL``: when a write method returns, the commit is on disk. Each thread
gets its own connection (``check_same_thread`` stays on, so accidental sharing is an
error, not corruption); a thread's connection is closed when that thread ends, or by
``close()``/``release_thread()`` called in it, because sqlite3 refuses to close a
connection from any other thread.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, Self

from returns_desk.store.errors import (
    StoreAccessError,
    StoreBusyError,
    StoreCorruptError,
    StoreMissingError,
    StoreTooNewError,
)
from returns_desk.store.lock import DataFolderLock
from returns_desk.store.migrations import SCHEMA_VERSION, apply_migrations, user_version
from returns_desk.store.models import to_ms

DB_FILENAME = "returns-desk.sqlite3"
RUNNING_FILENAME = "returns-desk.running"  # while an app holds the folder; a crash leaves it
DEFAULT_BUSY_TIMEOUT_S = 5.0
#: How long a scan (on the GUI thread) waits for a database another program has locked.
SCAN_BUSY_WAIT_S = 0.25
_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")

#: A newer app's schema version is a few migrations ahead; far beyond is a damaged header.
MAX_VERSIONS_AHEAD = 32
_HEADER_BEHIND = re.compile(r"already exists|duplicate column")

# Primary SQLite result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_BUSY, _LOCKED, _CORRUPT, _NOTADB = 5, 6, 11, 26
_ACCESS = {3, 8, 10, 13, 14}  # PERM, READONLY, IOERR, FULL, CANTOPEN


def database_path(folder: str | os.PathLike[str]) -> Path:
    """The database file inside a data folder."""
    return Path(folder) / DB_FILENAME


def translate(exc: sqlite3.Error, path: Path) -> Exception:
    """An expected sqlite failure as the store's typed error; anything else unchanged."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    text = str(exc)
    if code in (_BUSY, _LOCKED) or "database is locked" in text:
        return StoreBusyError(path, text)
    if code in (_CORRUPT, _NOTADB) or "not a database" in text or "malformed" in text:
        return StoreCorruptError(path, text)
    if code in _ACCESS:
        return StoreAccessError(path, text)
    return exc


def raise_translated(exc: sqlite3.Error, path: Path) -> NoReturn:
    """Raise ``exc`` as the store's typed error (chained), or unchanged if not expected."""
    translated = translate(exc, path)
    if translated is exc:
        raise exc
    raise translated from exc


def quarantine(path: str | os.PathLike[str], *, now: datetime | None = None) -> Path:
    """Set a damaged database aside (renamed, never deleted) so a fresh one can be made.

    ``returns-desk.sqlite3`` becomes ``returns-desk.corrupt-YYYYmmdd-HHMMSS.sqlite3`` and
    its ``-wal``/``-shm`` files follow it under the same new name, so IT can still try
    to recover scans from it. Close every store on the file first. Returns the new path.
    """
    path = Path(path)
    if path.is_dir():
        path = database_path(path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    stem, suffix = path.name.split(".", 1)[0], "".join(path.suffixes) or ".sqlite3"
    target = path.with_name(f"{stem}.corrupt-{stamp}{suffix}")
    n = 1
    while any(Path(f"{target}{side}").exists() for side in ("", *_SIDE_FILES)):
        n += 1
        target = path.with_name(f"{stem}.corrupt-{stamp}-{n}{suffix}")
    try:
        os.replace(path, target)
        for side in _SIDE_FILES:
            if Path(f"{path}{side}").exists():
                os.replace(f"{path}{side}", f"{target}{side}")
    except OSError as exc:
        raise StoreAccessError(path, exc.strerror or str(exc)) from exc
    return target


class _ThreadConnection:
    """A thread's connection; dropped with the thread's locals, it closes in that thread."""

    __slots__ = ("__weakref__", "conn", "depth", "owner")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.depth = 0  # transaction nesting: 0 outside, 1 in BEGIN, >1 in savepoints
        self.owner = threading.get_ident()

    def close(self) -> None:
        # From another thread sqlite3 refuses (ProgrammingError): that thread's exit closes it.
        with contextlib.suppress(Exception):
            self.conn.close()

    def __del__(self) -> None:
        self.close()


class Database:
    """The connection side of the store: open, check, migrate, transact, close."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float],
        busy_timeout_s: float,
        lock: DataFolderLock | None,
    ) -> None:
        self.path = path
        self.clock = clock
        self._busy_timeout_s = busy_timeout_s
        self._lock = lock
        self._local = threading.local()
        self._guard = threading.Lock()
        # This process's writers queue here, so that SQLite's busy timeout (short for a
        # scan, see ``busy_wait``) is spent only on a lock another program holds.
        self._write_lock = threading.Lock()
        self._open: weakref.WeakSet[_ThreadConnection] = weakref.WeakSet()
        self._closed = False
        #: the last app on this folder did not close the record (its running mark was left):
        #: the integrity check is due now (``store.integrity``)
        self.unclean_start = False

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], float] = time.time,
        create: bool = True,
        single_writer: bool = False,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
        quick_check: bool = False,
    ) -> Self:
        """Open (and with ``create``, make) the database and bring its schema up to date.

        ``path`` is the database file, or an existing data folder (then the file
        ``returns-desk.sqlite3`` in it). ``single_writer`` takes the data folder's lock
        for as long as the store is open: the app does, an export job does not.
        A too-new file, or one that is not a database, raises before anything is written
        to it. ``quick_check`` reads the whole file for damage first (seconds on a big
        record): the app instead checks once a day in the background (``store.integrity``).
        """
        path = Path(path).expanduser().absolute()
        if path.is_dir():
            path = database_path(path)
        lock = DataFolderLock(path.parent) if single_writer else None
        if not path.exists() and not create:
            raise StoreMissingError(path.parent)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreAccessError(path.parent, exc.strerror or str(exc)) from exc
        if lock is not None:
            lock.acquire()
        store = cls(path, clock=clock, busy_timeout_s=busy_timeout_s, lock=lock)
        try:
            store._check_before_writing(create)
            conn = store._thread(create=create).conn
            if quick_check:
                store._check_integrity(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            try:
                apply_migrations(conn)
            except sqlite3.OperationalError as exc:
                if not _HEADER_BEHIND.search(str(exc)):
                    raise
                # A header version lower than what the file holds: the header is damaged.
                raise StoreCorruptError(path, f"schema version does not match: {exc}") from exc
        except sqlite3.Error as exc:
            store.close()
            raise_translated(exc, path)
        except BaseException:
            store.close()
            raise
        if lock is not None:
            store._mark_running()
        return store

    def _mark_running(self) -> None:
        """Leave a mark while this app holds the folder; found at the next open, it means
        the app did not close the record (a crash, a power cut)."""
        mark = self.path.parent / RUNNING_FILENAME
        self.unclean_start = mark.exists()
        with contextlib.suppress(OSError):
            mark.write_text(str(os.getpid()), encoding="utf-8")

    # --- checks ----------------------------------------------------------------------

    def _check_before_writing(self, create: bool) -> None:
        """Refuse a newer or foreign file from its header alone: nothing is written."""
        try:
            with open(self.path, "rb") as file:
                header = file.read(100)
        except FileNotFoundError:
            if not create:
                raise StoreMissingError(self.path.parent) from None
            return
        except OSError as exc:
            raise StoreAccessError(self.path, exc.strerror or str(exc)) from exc
        if not header:
            return  # an empty file is an empty database
        if len(header) < 100 or not header.startswith(_HEADER):
            raise StoreCorruptError(self.path, "file is not a database")
        found = int.from_bytes(header[60:64], "big")
        wal = Path(f"{self.path}-wal")
        if found <= SCHEMA_VERSION and wal.exists() and wal.stat().st_size:
            found = self._probe_version()  # a newer header may still sit in the WAL
        if found > SCHEMA_VERSION + MAX_VERSIONS_AHEAD:  # no release adds that many
            raise StoreCorruptError(self.path, f"the header's schema version {found} is not real")
        if found > SCHEMA_VERSION:
            raise StoreTooNewError(
                self.path, f"database version {found}, this app knows up to {SCHEMA_VERSION}"
            )

    def _probe_version(self) -> int:
        conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            return user_version(conn)
        except sqlite3.Error as exc:
            raise_translated(exc, self.path)
        finally:
            conn.close()

    def _check_integrity(self, conn: sqlite3.Connection) -> None:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise StoreCorruptError(self.path, "; ".join(str(r[0]) for r in rows[:3]))

    def integrity_check(self) -> str:
        """The full ``PRAGMA integrity_check`` answer ("ok" when healthy); slow on big files."""
        rows = self._rows("PRAGMA integrity_check")
        return "\n".join(str(row[0]) for row in rows)

    def copy_to(self, target: str | os.PathLike[str]) -> None:
        """A consistent, compacted copy of the database (``VACUUM INTO``) at ``target``.

        Writers are not blocked for long (WAL); ``target`` must not exist. Not inside a
        transaction: SQLite cannot vacuum there.
        """
        holder = self._thread()
        if holder.depth:
            raise RuntimeError("copy_to cannot run inside a transaction")
        try:
            holder.conn.execute("VACUUM INTO ?", (os.fspath(target),))
        except sqlite3.Error as exc:
            raise_translated(exc, self.path)

    @property
    def schema_version(self) -> int:
        return int(self._rows("PRAGMA user_version")[0][0])

    # --- connections -----------------------------------------------------------------

    def _thread(self, *, create: bool = False) -> _ThreadConnection:
        holder: _ThreadConnection | None = getattr(self._local, "holder", None)
        if holder is not None and not self._closed:
            return holder
        if self._closed:
            self.release_thread()
            raise RuntimeError(f"the store on {self.path} is closed")
        # Only the first connection of open() may create the file: later ones must not
        # silently start an empty database if the file was removed underneath the app.
        mode = "rwc" if create else "rw"
        try:
            conn = sqlite3.connect(
                f"{self.path.as_uri()}?mode={mode}",
                uri=True,
                timeout=self._busy_timeout_s,
                isolation_level=None,  # we say BEGIN and COMMIT ourselves
                cached_statements=256,
            )
        except sqlite3.Error as exc:
            raise_translated(exc, self.path)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000):d}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            conn.close()
            raise_translated(exc, self.path)
        holder = _ThreadConnection(conn)
        with self._guard:
            self._open.add(holder)
        self._local.holder = holder
        return holder

    def _connection(self) -> sqlite3.Connection:
        return self._thread().conn

    @property
    def open_connections(self) -> int:
        """How many threads still hold a connection (for tests and diagnostics)."""
        with self._guard:
            return sum(1 for holder in self._open if _is_open(holder.conn))

    def release_thread(self) -> None:
        """Close the calling thread's connection (a worker calls this when it is done)."""
        holder = getattr(self._local, "holder", None)
        if holder is not None:
            self._local.holder = None
            holder.close()

    def close(self) -> None:
        """Close this thread's connection and release the folder lock; idempotent.

        Other threads' connections close as those threads end (or at their next use
        of the store, which then raises).
        """
        self._closed = True
        self.release_thread()
        with self._guard:
            holders = list(self._open)
        for holder in holders:
            if holder.owner == threading.get_ident():
                holder.close()
        if self._lock is not None:
            with contextlib.suppress(OSError):
                (self.path.parent / RUNNING_FILENAME).unlink(missing_ok=True)
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- transactions ----------------------------------------------------------------

    @contextmanager
    def busy_wait(self, seconds: float) -> Iterator[None]:
        """Within the block, wait at most ``seconds`` for a lock another program holds."""
        conn = self._thread().conn
        conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000):d}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000):d}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic, durable write: ``BEGIN IMMEDIATE`` ... ``COMMIT``.

        Nested use (a ``record_*`` method inside ``with store.transaction():``) joins the
        outer transaction through a savepoint: nothing is committed before the outer
        block ends, and an exception undoes only the inner block's writes.
        """
        holder = self._thread()
        conn = holder.conn
        if holder.depth:
            savepoint = f"sp{holder.depth}"
            conn.execute(f"SAVEPOINT {savepoint}")
            holder.depth += 1
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO {savepoint}")
                conn.execute(f"RELEASE {savepoint}")
                raise
            else:
                conn.execute(f"RELEASE {savepoint}")
            finally:
                holder.depth -= 1
            return
        if not self._write_lock.acquire(timeout=self._busy_timeout_s):
            raise StoreBusyError(self.path, "another part of the app kept it busy")
        try:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise_translated(exc, self.path)
            holder.depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(conn)
                raise_translated(exc, self.path)
            except BaseException:
                self._rollback(conn)
                raise
            finally:
                holder.depth = 0
        finally:
            self._write_lock.release()

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one consistent state, without blocking writers (WAL)."""
        holder = self._thread()
        if holder.depth:
            yield holder.conn
            return
        holder.conn.execute("BEGIN")
        holder.depth = 1
        try:
            yield holder.conn
        finally:
            holder.depth = 0
            self._rollback(holder.conn)

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            conn.execute("ROLLBACK")

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise_translated(exc, self.path)

    def _ms(self, at: datetime | None) -> int:
        return round(self.clock() * 1000) if at is None else to_ms(at)


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018 - raises once closed
    except sqlite3.ProgrammingError as exc:
        return "closed" not in str(exc)  # another thread's connection is still open
    return True
