"""A site server that accepts packets but never answers (a backend stuck on a hung disk, a
process stopped) cannot hold a terminal's thread: the query is cut (site/watchdog.py)."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from returns_desk.errors import SiteDatabaseError
from returns_desk.sandbox.server import Sandbox
from returns_desk.site.connection import connect
from returns_desk.site.watchdog import guarded
from tests.site.conftest import Terminal, wait_for
from tests.site.pgcluster import PASSWORD, PgCluster

#: how long the test waits for a thread that should have been freed (a liveness check
#: against a hang, not a speed limit: the guards below are half a second)
HANG_S = 60.0


@contextmanager
def stopped(pid: int) -> Iterator[None]:
    """The backend process ``pid`` stopped (SIGSTOP): its kernel still acknowledges."""
    try:
        os.kill(pid, signal.SIGSTOP)
    except PermissionError:
        pytest.skip("this account may not stop the server's processes")
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list[BaseException | Any]]:
    outcome: list[BaseException | Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # the outcome is the test's to judge
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_a_query_on_a_stopped_backend_is_cut_not_waited_for(site_db: PgCluster) -> None:
    conn = connect(site_db.url, password=PASSWORD)
    try:
        pid = conn.info.backend_pid
        with stopped(pid):

            def query() -> Any:
                with guarded(conn, 0.5):
                    return conn.execute("SELECT 1").fetchone()

            thread, outcome = in_thread(query)
            thread.join(HANG_S)
            assert not thread.is_alive(), "the query still waits on the stopped server"
        (result,) = outcome
        assert isinstance(result, psycopg.OperationalError)
    finally:
        conn.close()
    with connect(site_db.url, password=PASSWORD) as fresh:  # the server itself is fine
        assert fresh.execute("SELECT 1").fetchone() == (1,)


def test_the_site_board_says_the_site_cannot_be_read_instead_of_hanging(
    sandbox: Sandbox, terminals: Callable[..., Terminal], site_db: PgCluster
) -> None:
    dock = terminals("DOCK-1").start()
    link = dock.desk.site
    link.query_guard_s = 0.5
    since = datetime.now(UTC) - timedelta(hours=1)
    wait_for(lambda: [t.terminal_id for t in link.board(since).terminals] == ["DOCK-1"])
    pid = link._board_conn.info.backend_pid  # the reader's own connection
    with stopped(pid):
        thread, outcome = in_thread(lambda: link.board(since))
        thread.join(HANG_S)
        assert not thread.is_alive(), "the board's read still waits on the stopped server"
    (result,) = outcome
    assert isinstance(result, SiteDatabaseError)  # the board says so; the desk goes on
    assert [t.terminal_id for t in link.board(since).terminals] == ["DOCK-1"]  # reconnected
