"""A deadline for blocking network reads: past it, the sockets it watches are shut down.

A read blocked in the kernel (a slow or trickling HTTP answer, a database server that is
stuck while its machine still acknowledges packets) returns with an error once its socket
is shut down, and shutting a socket down is safe from another thread, unlike closing it.
The marketplace's transport (``api/transport.py``: a call's whole deadline, retries
included) and the site database's queries (``site/watchdog.py``) both use it.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class Deadline:
    """Shuts the sockets it watches once ``seconds`` have passed (a timer thread)."""

    _local = threading.local()

    def __init__(self, seconds: float, name: str = "returns-desk-deadline") -> None:
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.name = name
        self._timer.daemon = True

    @classmethod
    def note(cls, sock: socket.socket | None) -> None:
        """A socket the current thread's deadline (if any) should watch (called by the
        transport's tracking pools, which only see the socket once it is connected)."""
        deadline = getattr(cls._local, "current", None)
        if deadline is not None and sock is not None:
            deadline.watch(sock)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)

    def __enter__(self) -> Deadline:
        self._local.current = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._local.current = None
        self._timer.cancel()
        self._timer.join()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
