"""A query the site's server never answers is cut, so no thread waits on it for ever.

Keepalives and ``tcp_user_timeout`` (``site/connection.py``) notice a peer that is gone; they
cannot notice one whose kernel still acknowledges every packet while the server process is
stuck (a backend blocked on a hung disk, a process stopped), and ``statement_timeout`` is the
stuck server's own to enforce. libpq has no client-side query timeout, so ``guarded(conn,
seconds)`` arms a deadline: past it, one watchdog thread shuts the connection's socket
down. The read libpq is blocked in then returns, psycopg raises ``OperationalError``, and the
caller's usual handling applies (the terminal works alone; an End OTC asked here does not
wait for the site). Shutting a socket down is safe from another thread, unlike closing the
connection under a query; the socket is detached, never closed, so libpq still owns it.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)


class Watchdog:
    """Deadlines for connections in use; the one thread that cuts those overdue."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Condition()
        self._armed: dict[int, tuple[float, Any]] = {}
        self._queue: list[tuple[float, int]] = []
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None
        self.cut_count = 0  # how many connections were cut (for the tests and the log)

    def arm(self, conn: Any, seconds: float) -> int:
        with self._lock:
            token = next(self._tokens)
            deadline = self._clock() + seconds
            self._armed[token] = (deadline, conn)
            heapq.heappush(self._queue, (deadline, token))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="site watchdog", daemon=True)
                self._thread.start()
            self._lock.notify()
            return token

    def disarm(self, token: int) -> None:
        with self._lock:
            self._armed.pop(token, None)
            self._lock.notify()

    def _run(self) -> None:
        while True:
            with self._lock:
                while self._queue and self._queue[0][1] not in self._armed:
                    heapq.heappop(self._queue)  # disarmed in time
                if not self._queue:  # nothing to watch: the thread ends (the next arm
                    self._thread = None  # starts another), so none outlives the queries
                    return
                deadline, token = self._queue[0]
                wait = deadline - self._clock()
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                heapq.heappop(self._queue)
                _, conn = self._armed.pop(token)
                self.cut_count += 1
            log.warning("site: the database did not answer in time; the connection is cut")
            cut(conn)


def cut(conn: Any) -> None:
    """Shut the connection's socket down (both ways) without closing it."""
    try:
        fd = conn.fileno()
    except Exception:  # already closed
        return
    try:
        sock = socket.socket(fileno=fd)
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.detach()


_WATCHDOG = Watchdog()


@contextmanager
def guarded(conn: Any, seconds: float) -> Iterator[Any]:
    """Use ``conn`` for at most ``seconds``; past that its socket is cut (see above)."""
    token = _WATCHDOG.arm(conn, seconds)
    try:
        yield conn
    finally:
        _WATCHDOG.disarm(token)
