"""When the record is checked for damage, and how much disk it and its backups take.

``PRAGMA quick_check`` reads the whole database: on a busy dock's 90 days it takes seconds,
so it no longer runs at every open. ``check_if_due`` runs it (in the start-up job, off the
GUI thread) when the last check is a day old or more, or when the last run of the app did
not close the record (``Database.unclean_start``: the running mark was still there); a
backup is preceded by the full ``PRAGMA integrity_check`` (``retention.daily_backup``), so
a damaged database is never copied over a good backup. The last check is kept in
``returns-desk.integrity.json`` in the data folder (when, which, the answer).

No Qt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

from returns_desk.atomic import write_text_atomically
from returns_desk.store.database import Database
from returns_desk.store.errors import StoreCorruptError

log = logging.getLogger(__name__)

STATE_FILE = "returns-desk.integrity.json"
CHECK_EVERY = timedelta(days=1)
#: Warn when the disk has less free than this, or than three times the record (a backup
#: and the record's own growth need room).
LOW_DISK_BYTES = 1 << 30


class Check(msgspec.Struct, frozen=True):
    """A finished check of the database."""

    at: datetime
    full: bool  # integrity_check (True) or quick_check
    answer: str  # "ok" when healthy

    @property
    def ok(self) -> bool:
        return self.answer == "ok"


def last_check(folder: Path) -> Check | None:
    """The last check recorded in the data folder (None: never, or unreadable)."""
    try:
        data = json.loads((Path(folder) / STATE_FILE).read_text(encoding="utf-8"))
        return Check(datetime.fromisoformat(data["at"]), bool(data["full"]), str(data["answer"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _record(folder: Path, check: Check) -> None:
    text = json.dumps({"at": check.at.isoformat(), "full": check.full, "answer": check.answer})
    temp = Path(folder) / f".{STATE_FILE}.tmp"
    with contextlib.suppress(OSError):  # only bookkeeping: the next start checks again
        write_text_atomically(Path(folder) / STATE_FILE, text, temp=temp)


def run_check(db: Database, *, full: bool, now: datetime | None = None) -> Check:
    """Check the database now (slow: call it off the GUI thread); record and return it.

    A damaged database raises ``StoreCorruptError`` (after recording the answer).
    """
    pragma = "integrity_check" if full else "quick_check"
    rows = db._rows(f"PRAGMA {pragma}")
    answer = "; ".join(str(row[0]) for row in rows[:3])
    check = Check(now or datetime.now(UTC), full, answer)
    _record(db.path.parent, check)
    if not check.ok:
        log.error("the database failed its %s: %s", pragma, answer)
        raise StoreCorruptError(db.path, answer)
    db.unclean_start = False
    return check


def check_due(db: Database, now: datetime | None = None) -> bool:
    """A check is due: the app did not close the record last time, or a day has passed."""
    if db.unclean_start:
        return True
    last = last_check(db.path.parent)
    now = now or datetime.now(UTC)
    return last is None or not last.ok or now - last.at >= CHECK_EVERY


def check_if_due(db: Database, now: datetime | None = None) -> Check | None:
    """The quick check when it is due (see ``check_due``), else None."""
    return run_check(db, full=False, now=now) if check_due(db, now) else None


class DiskUse(msgspec.Struct, frozen=True):
    """What the record takes on disk, and what is left."""

    record: int  # the database with its -wal and -shm
    backups: int
    backup_files: int
    free: int

    @property
    def low(self) -> bool:
        """Little room left: less than ``LOW_DISK_BYTES``, or than three times the record."""
        return self.free < max(LOW_DISK_BYTES, 3 * self.record)


def disk_use(db_path: Path, backups_dir: Path) -> DiskUse:
    """Sizes from the file system (cheap: a few ``stat`` calls and one ``statvfs``)."""
    record = sum(_size(Path(f"{db_path}{side}")) for side in ("", "-wal", "-shm"))
    files = [p for p in _listing(backups_dir) if p.name.startswith("returns-desk-")]
    try:
        free = shutil.disk_usage(db_path.parent).free
    except OSError:
        free = 0
    return DiskUse(record, sum(_size(p) for p in files), len(files), free)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _listing(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []
