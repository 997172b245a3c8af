"""One Returns Desk per data folder: two would poll twice and race on the same database.

A ``QLockFile`` in the data folder says who runs (Qt writes the pid and host into it and
recovers the lock of a process that died); a ``QLocalServer`` named after the folder lets
a second launch ask the running one to come to the front, then exit.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from returns_desk.errors import DataFolderUnusableError

LOCK_FILE = "returns-desk.instance.lock"
ACTIVATE = b"activate\n"


def server_name(data_dir: Path) -> str:
    """A local-socket name unique to the data folder (and short enough for every OS)."""
    digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"returns-desk-{digest}"


class SingleInstance(QObject):
    """Hold the data folder for this process; ``activated`` fires when another launch knocks."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = data_dir
        self._name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # held for the whole run: only a dead holder is stale
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process may run; False when another instance holds the folder.

        ``DataFolderUnusableError`` when the folder cannot be made or written (read-only,
        full): that is not "already running", and the clerk must hear what is wrong.
        """
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderUnusableError(_why(self._folder, exc)) from None
        if not self._lock.tryLock(100):
            if self._lock.error() != QLockFile.LockError.LockFailedError:
                raise DataFolderUnusableError(_why(self._folder, _write_probe(self._folder)))
            # The holder's pid may have been reused after a crash: check and retry once.
            if not (self._lock.removeStaleLockFile() and self._lock.tryLock(100)):
                return False
        self._server = QLocalServer(self)
        if not self._server.listen(self._name):
            QLocalServer.removeServer(self._name)  # a socket file left by a crash
            self._server.listen(self._name)
        self._server.newConnection.connect(self._on_server_new_connection)
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    @staticmethod
    def activate_running(data_dir: Path, timeout_ms: int = 1000) -> bool:
        """Ask the instance that holds ``data_dir`` to show its window."""
        socket = QLocalSocket()
        socket.connectToServer(server_name(data_dir))
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(ACTIVATE)
        done = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return done

    @Slot()
    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_socket_ready_read(socket)

    @Slot()
    def _on_socket_ready_read(self, socket: QLocalSocket | None = None) -> None:
        if socket is None:
            sender = self.sender()
            socket = sender if isinstance(sender, QLocalSocket) else None
        if socket is not None and bytes(socket.readAll().data()).strip():
            self.activated.emit()


def _write_probe(folder: Path) -> OSError | None:
    """Why a file cannot be written in ``folder`` (the OS's own words), if it cannot."""
    try:
        fd, name = tempfile.mkstemp(prefix=".write-probe-", dir=folder)
        try:
            os.write(fd, b"x" * 4096)
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(name)
    except OSError as exc:
        return exc
    return None


def _why(folder: Path, exc: OSError | None) -> str:
    reason = (exc.strerror or type(exc).__name__) if exc is not None else "the lock file failed"
    return f"{folder}: {reason}"
