"""A query the site's server never answers is cut, so no thread waits on it for ever.

Keepalives and ``tcp_user_timeout`` (``site/connection.py``) notice a peer that is gone; they
cannot notice one whose kernel still acknowledges every packet while the server process is
stuck (a backend blocked on a hung disk, a process stopped), and ``statement_timeout`` is the
stuck server's own to enforce. libpq has no client-side query timeout, so ``guarded(conn,
seconds)`` puts the connection's socket under the app's one ``Deadline``
(``returns_desk/deadline.py``, as the marketplace's transport does): past it, the socket is
shut down, the read libpq is blocked in returns, psycopg raises ``OperationalError``, and
the caller's usual handling applies (the terminal works alone; an End OTC asked here does
not wait for the site). The socket object only wraps libpq's descriptor and is detached
afterwards, never closed: libpq still owns it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from returns_desk.deadline import Deadline


@contextmanager
def guarded(conn: Any, seconds: float) -> Iterator[Any]:
    """Use ``conn`` for at most ``seconds``; past that its socket is shut down."""
    try:
        sock: socket.socket | None = socket.socket(fileno=conn.fileno())
    except Exception:  # a closed connection (psycopg raises): nothing to watch
        sock = None
    try:
        with Deadline(seconds, name="site query deadline") as deadline:
            if sock is not None:
                deadline.watch(sock)
            yield conn
    finally:
        if sock is not None:
            sock.detach()
