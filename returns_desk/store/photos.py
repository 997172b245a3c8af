"""Photo files of parcels: kept in the data folder, each with its SHA-256 in the store.

A photo is written once, atomically (a hidden part file, synced, then renamed), under
``photos/YYYY-MM-DD/<tracking id>-<time>-<terminal>-<n>.jpg`` (local date and time), and its
row (tracking id, time, terminal, SHA-256) is committed after the file is complete. Anyone
can later check a file against its hash (``check_photo``): a photo edited, replaced or
truncated after it was taken reads as ``modified``, a deleted one as ``missing``. No Qt: the
camera (ui/camera.py) hands over encoded bytes.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from returns_desk.atomic import write_atomically
from returns_desk.store.errors import StoreAccessError
from returns_desk.store.models import Photo
from returns_desk.store.store import Store

PHOTOS_DIR = "photos"
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class PhotoCheck(StrEnum):
    OK = "ok"  # the file's SHA-256 is the one recorded when it was taken
    MODIFIED = "modified"  # the file changed since
    MISSING = "missing"  # no file


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe(text: str) -> str:
    return _UNSAFE.sub("_", text).strip("_") or "x"


def save_photo(
    store: Store,
    session_id: int,
    tracking_id: str,
    data: bytes,
    *,
    terminal: str,
    at: datetime | None = None,
    suffix: str = ".jpg",
) -> Photo:
    """Write ``data`` (an encoded image) beside the database and record it with its hash."""
    if not data:
        raise ValueError("an empty photo")
    moment = at or datetime.fromtimestamp(store.clock(), tz=UTC)
    local = moment.astimezone()
    code = tracking_id.strip().upper()
    day = Path(PHOTOS_DIR) / local.strftime("%Y-%m-%d")
    stem = f"{_safe(code)}-{local.strftime('%H%M%S')}-{_safe(terminal)}"
    folder = store.path.parent / day
    try:
        folder.mkdir(parents=True, exist_ok=True)
        n = 1
        while (folder / f"{stem}-{n}{suffix}").exists():
            n += 1
        name = f"{stem}-{n}{suffix}"
        write_atomically(
            folder / name, lambda file: file.write(data), temp=folder / f".{name}.part"
        )
    except OSError as exc:
        raise StoreAccessError(folder, exc.strerror or str(exc)) from exc
    relative = (day / name).as_posix()
    return store.add_photo(
        session_id, code, relative, sha256_of(data), terminal=terminal, at=moment
    )


def photo_path(store: Store, photo: Photo) -> Path:
    return store.path.parent / photo.path


def check_photo(store: Store, photo: Photo) -> PhotoCheck:
    """Whether the file is still the one taken: its SHA-256 against the recorded one."""
    try:
        data = photo_path(store, photo).read_bytes()
    except OSError:
        return PhotoCheck.MISSING
    return PhotoCheck.OK if sha256_of(data) == photo.sha256 else PhotoCheck.MODIFIED
