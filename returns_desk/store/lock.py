"""One writing app instance per data folder, with an OS file lock.

The OS releases the lock when the holding process ends, however it ends (crash, power
cut, kill), so there is never a stale lock to clean up. The holder's pid is written
into the file only to name it in the message of the second instance.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from returns_desk.store.errors import DataFolderInUseError, StoreAccessError

LOCK_FILENAME = "returns-desk.lock"
#: Windows locks are mandatory: lock a byte past the pid so that others can read the pid.
_WINDOWS_LOCK_OFFSET = 4096


class DataFolderLock:
    """Non-blocking exclusive lock on ``folder/returns-desk.lock``; a context manager."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_FILENAME
        self._file: BinaryIO | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> None:
        """Take the lock or raise ``DataFolderInUseError`` at once (never waits)."""
        if self._file is not None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            file = open(self.path, "a+b")  # noqa: SIM115 (kept open: it is the lock)
        except OSError as exc:
            raise StoreAccessError(self.path, exc.strerror or str(exc)) from exc
        try:
            _lock(file)
        except OSError:
            holder = _read_pid(file)
            file.close()
            detail = f"data folder {self.folder}" + (f", process {holder}" if holder else "")
            raise DataFolderInUseError(detail=detail) from None
        except BaseException:
            file.close()
            raise
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n".encode("ascii"))
        file.flush()
        self._file = file

    def release(self) -> None:
        """Give the lock up; safe to call twice."""
        file, self._file = self._file, None
        if file is None:
            return
        try:
            file.seek(0)
            file.truncate()
            file.flush()
            _unlock(file)
        finally:
            file.close()

    def __enter__(self) -> DataFolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _read_pid(file: BinaryIO) -> str:
    try:
        file.seek(0)
        text = file.read(32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(file: BinaryIO) -> None:
        file.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(file: BinaryIO) -> None:
        file.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(file: BinaryIO) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(file: BinaryIO) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_UN)
