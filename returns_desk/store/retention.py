"""Retention: prune old handovers once reported, thin old payloads, keep daily backups.

A handover is pruned only when it is closed, older than the retention period (counted
from its closing) and its report was exported after it closed, nothing for it is
still waiting in the outbox, and none of its parcels has a claim still open or filed
(``store/claims.py``). So pruning never loses a record that was not handed on, nor the
evidence of a claim; the photo files of a pruned handover go with it.
Before that, the shipments' payload JSON (the marketplace's fields, which only the record
of the past needs) is thinned to the original tracking id once the handover is closed for
``thin_after_days``: the counts, slips, history and report need only the columns.

Backups are compressed (gzip) copies, one a day, the newest ``keep`` within a size budget;
each is preceded by the database's full integrity check, so a damaged database is never
copied (and never pushes a good backup out).
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from returns_desk.atomic import write_atomically
from returns_desk.settings.claims import ClaimSettings
from returns_desk.store.claims import sessions_with_open_claims
from returns_desk.store.errors import StoreAccessError
from returns_desk.store.integrity import check_if_due, run_check
from returns_desk.store.models import to_ms
from returns_desk.store.store import Store

DEFAULT_RETENTION_DAYS = 90
DEFAULT_THIN_AFTER_DAYS = 30
DEFAULT_BACKUPS_KEPT = 7
DEFAULT_BACKUP_BUDGET_MIB = 1024
_BACKUP_NAME = re.compile(r"^returns-desk-(\d{4}-\d{2}-\d{2})\.sqlite3(\.gz)?$")
_COMPRESS_LEVEL = 3  # most of gzip's gain on a database, at a fraction of level 9's time


def _now(store: Store, now: datetime | None) -> datetime:
    return now if now is not None else datetime.fromtimestamp(store.clock(), tz=UTC)


def prune(
    store: Store,
    older_than_days: int = DEFAULT_RETENTION_DAYS,
    now: datetime | None = None,
    claims: ClaimSettings | None = None,
    *,
    thin_after_days: int | None = DEFAULT_THIN_AFTER_DAYS,
) -> int:
    """Remove exported handovers closed more than ``older_than_days`` ago; returns how many.

    Their state changes, codes, shipments, scans, events and (sent or skipped) outbox
    items go with them. Events and finished outbox items of no session age out too.
    First, shipments of handovers closed more than ``thin_after_days`` ago (None: never)
    keep only their original tracking id of their payload (``thin``).
    """
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    if thin_after_days is not None:
        thin(store, thin_after_days, now)
    moment = _now(store, now)
    cutoff = to_ms(moment - timedelta(days=older_than_days))
    photos: list[str] = []
    with store.transaction() as conn:
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM sessions AS s WHERE closed_at IS NOT NULL AND closed_at < ? "
                "AND exported_at IS NOT NULL AND exported_at >= closed_at "
                "AND NOT EXISTS (SELECT 1 FROM outbox AS o WHERE o.session_id = s.id "
                "AND o.status NOT IN ('sent', 'skipped'))",
                (cutoff,),
            )
        ]
        keep = sessions_with_open_claims(store, ids, claims, now=moment)
        ids = [i for i in ids if i not in keep]
        for session_id in ids:
            photos.extend(p.path for p in store.photos(session_id))
        conn.executemany("DELETE FROM sessions WHERE id = ?", ((i,) for i in ids))
        conn.execute("DELETE FROM events WHERE session_id IS NULL AND at < ?", (cutoff,))
        conn.execute(
            "DELETE FROM outbox WHERE session_id IS NULL AND status IN ('sent', 'skipped') "
            "AND created_at < ?",
            (cutoff,),
        )
    folder = store.path.parent
    for relative in photos:  # after the commit: a file is never gone while its row is kept
        with contextlib.suppress(OSError):
            (folder / relative).unlink()
    return len(ids)


def thin(store: Store, older_than_days: int, now: datetime | None = None) -> int:
    """Shipments of handovers closed more than ``older_than_days`` ago keep, of their
    payload JSON, only the original tracking id; returns how many were thinned.

    Nothing reads the rest once a handover is closed (the slips, the history and the
    report use the columns), so the record stops growing with the marketplace's fields.
    The freed pages are reused by new rows (the file does not shrink by itself).
    """
    cutoff = to_ms(_now(store, now) - timedelta(days=older_than_days))
    with store.transaction() as conn:
        return conn.execute(
            "UPDATE shipments SET fields = json_object('trackingId', "
            "COALESCE(json_extract(fields, '$.trackingId'), tracking_id)) "
            "WHERE session_id IN (SELECT id FROM sessions WHERE closed_at < ?) "
            "AND fields != json_object('trackingId', "
            "COALESCE(json_extract(fields, '$.trackingId'), tracking_id))",
            (cutoff,),
        ).rowcount


def backup_name(day: datetime) -> str:
    return f"returns-desk-{day:%Y-%m-%d}.sqlite3.gz"


def backups(backups_dir: str | os.PathLike[str]) -> list[Path]:
    """The backup files in the folder, oldest first (other files are not ours)."""
    folder = Path(backups_dir)
    try:
        found = [p for p in folder.iterdir() if _BACKUP_NAME.match(p.name)]
    except FileNotFoundError:
        return []
    return sorted(found, key=lambda p: _BACKUP_NAME.match(p.name).group(1))  # type: ignore[union-attr]


def daily_backup(
    store: Store,
    backups_dir: str | os.PathLike[str],
    keep: int = DEFAULT_BACKUPS_KEPT,
    now: datetime | None = None,
    *,
    budget_mib: float = DEFAULT_BACKUP_BUDGET_MIB,
) -> Path | None:
    """Today's compressed backup if there is none yet (else None); then prune the backups.

    The database gets its full integrity check first (``StoreCorruptError``: no copy,
    no backup pruned); without a backup due, its quick check when that is due
    (``integrity.check_if_due``). The copy (``VACUUM INTO``) is compressed under a
    temporary name, synced, then renamed, so a file with today's name is always a complete
    backup. Then the newest ``keep`` are kept, fewer when they add up to more than
    ``budget_mib`` (the newest always stays). Days are local dates.
    """
    if keep < 1:
        raise ValueError("keep must be at least 1")
    folder = Path(backups_dir)
    moment = _now(store, now)
    target = folder / backup_name(moment.astimezone())
    made: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            run_check(store, full=True, now=moment)
            _compressed_copy(store, folder, target)
            made = target
        else:
            check_if_due(store, moment)
        kept = backups(folder)
        for old in kept[:-keep]:
            old.unlink()
        kept = kept[-keep:]
        budget = budget_mib * 2**20
        while len(kept) > 1 and sum(p.stat().st_size for p in kept) > budget:
            kept.pop(0).unlink()
    except OSError as exc:
        raise StoreAccessError(folder, exc.strerror or str(exc)) from exc
    return made


def _compressed_copy(store: Store, folder: Path, target: Path) -> None:
    copy, packed = folder / f".{target.name}.copy", folder / f".{target.name}.tmp"
    for stale in (copy, packed):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()

    def pack(raw: IO[bytes]) -> None:
        with open(copy, "rb") as source:
            with gzip.GzipFile(
                filename=target.name.removesuffix(".gz"),
                mode="wb",
                fileobj=raw,
                compresslevel=_COMPRESS_LEVEL,
                mtime=0,
            ) as out:
                shutil.copyfileobj(source, out, 1 << 20)

    try:
        store.copy_to(copy)
        write_atomically(target, pack, temp=packed)
    finally:
        with contextlib.suppress(FileNotFoundError):
            copy.unlink()
