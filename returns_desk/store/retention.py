"""Retention: prune old handovers once reported, and keep a week of daily backups.

A handover is pruned only when it is closed, older than the retention period (counted
from its closing) and its report was exported after it closed, nothing for it is
still waiting in the outbox, and none of its parcels has a claim still open or filed
(``store/claims.py``). So pruning never loses a record that was not handed on, nor the
evidence of a claim; the photo files of a pruned handover go with it.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from returns_desk.settings.claims import ClaimSettings
from returns_desk.store.claims import sessions_with_open_claims
from returns_desk.store.errors import StoreAccessError
from returns_desk.store.models import to_ms
from returns_desk.store.store import Store

DEFAULT_RETENTION_DAYS = 90
DEFAULT_BACKUPS_KEPT = 7
_BACKUP_NAME = re.compile(r"^returns-desk-(\d{4}-\d{2}-\d{2})\.sqlite3$")


def _now(store: Store, now: datetime | None) -> datetime:
    return now if now is not None else datetime.fromtimestamp(store.clock(), tz=UTC)


def prune(
    store: Store,
    older_than_days: int = DEFAULT_RETENTION_DAYS,
    now: datetime | None = None,
    claims: ClaimSettings | None = None,
) -> int:
    """Remove exported handovers closed more than ``older_than_days`` ago; returns how many.

    Their state changes, codes, shipments, scans, events and (sent or skipped) outbox
    items go with them. Events and finished outbox items of no session age out too.
    """
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
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


def backup_name(day: datetime) -> str:
    return f"returns-desk-{day:%Y-%m-%d}.sqlite3"


def daily_backup(
    store: Store,
    backups_dir: str | os.PathLike[str],
    keep: int = DEFAULT_BACKUPS_KEPT,
    now: datetime | None = None,
) -> Path | None:
    """Today's backup copy if there is none yet (else None); then keep the newest ``keep``.

    The copy is made under a temporary name, synced, then renamed, so a file with
    today's name is always a complete database. Days are local dates.
    """
    if keep < 1:
        raise ValueError("keep must be at least 1")
    folder = Path(backups_dir)
    target = folder / backup_name(_now(store, now).astimezone())
    made: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            tmp = folder / f".{target.name}.tmp"
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            try:
                store.copy_to(tmp)
                with open(tmp, "rb+") as file:
                    os.fsync(file.fileno())
                os.replace(tmp, target)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
            made = target
        backups = sorted(p for p in folder.iterdir() if _BACKUP_NAME.match(p.name))
        for old in backups[:-keep]:
            old.unlink()
    except OSError as exc:
        raise StoreAccessError(folder, exc.strerror or str(exc)) from exc
    return made
