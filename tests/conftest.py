"""Suite-wide strictness: Qt offscreen, warnings are errors (pyproject), no leaked threads.

A test that leaves a Python thread or a QThread running fails in its teardown, because a
leaked poller or server would poll twice and race on the database in the real app.
"""

from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

_THREAD_GRACE_S = 2.0
_started_qthreads: list = []


def _track_qthreads() -> None:
    """Record every QThread the tests start (napari's ``_dangling_qthreads`` idea)."""
    try:
        from PySide6.QtCore import QThread
    except ImportError:  # core-only environment without Qt
        return
    original_start = QThread.start

    def start(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _started_qthreads.append(self)
        return original_start(self, *args, **kwargs)

    QThread.start = start  # type: ignore[method-assign]


_track_qthreads()


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Every test gets an empty in-memory credential store and no credential variables."""
    import keyring

    from tests.memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("RETURNS_DESK_CLIENT_ID", raising=False)
    monkeypatch.delenv("RETURNS_DESK_CLIENT_SECRET", raising=False)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Settings, data and logs of a test live in its own temporary folders."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "localappdata"))
    monkeypatch.setenv("APPDATA", str(home / "appdata"))
    # platformdirs asks Windows itself (SHGetKnownFolderPath), not these variables: its own
    # overrides keep a test on a Windows machine out of the user's real %LOCALAPPDATA%
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(home / "localappdata"))
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", str(home / "appdata"))
    monkeypatch.delenv("RETURNS_DESK_DATA_DIR", raising=False)
    # the per-machine admin folder (/etc/returns-desk, %ProgramData%): never the real one;
    # absent, so the admin file falls back to the (isolated) config folder
    from returns_desk import admin_pin

    monkeypatch.setattr(admin_pin, "machine_admin_dir", lambda: home / "machine-admin")
    return home


@pytest.fixture
def sandbox():  # type: ignore[no-untyped-def]
    """A fresh sandbox marketplace on a free loopback port, stopped after the test."""
    from returns_desk.sandbox.server import Sandbox, SandboxConfig

    with Sandbox(SandboxConfig()) as sb:
        yield sb


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """One throwaway PostgreSQL server for the whole run (tests/site/pgcluster.py), shared by
    the site tests and the settings dialog's site page; skipped where PostgreSQL is absent."""
    from tests.site.pgcluster import PgCluster, find_program

    if find_program("initdb") is None or find_program("pg_ctl") is None:
        pytest.skip("PostgreSQL is not installed (scripts/bootstrap.sh installs it)")
    cluster = PgCluster()
    cluster.start()
    yield cluster
    cluster.destroy()


@pytest.fixture
def device(tmp_path):  # type: ignore[no-untyped-def]
    """A serial (COM) scanner made of a real pseudo-terminal pair (POSIX only)."""
    from tests.devices.pty_scanner import PtyScanner

    scanner = PtyScanner(tmp_path / "ttyScanner")
    yield scanner
    scanner.close()


@pytest.fixture
def fast_retry():  # type: ignore[no-untyped-def]
    from returns_desk.api.transport import RetryPolicy

    return RetryPolicy(max_retries=3, backoff_base_s=0.001, backoff_cap_s=0.01, max_total_s=5.0)


@pytest.fixture
def client(sandbox, fast_retry):  # type: ignore[no-untyped-def]
    """The app's one API client, talking to the sandbox over real sockets."""
    from pydantic import SecretStr

    from returns_desk.api.client import ReturnsClient
    from returns_desk.api.transport import Timeouts, Transport
    from returns_desk.credentials import Credentials

    transport = Transport(timeouts=Timeouts(2.0, 5.0), retry=fast_retry)
    credentials = Credentials(client_id="sandbox", client_secret=SecretStr("sandbox"))
    with ReturnsClient(credentials, sandbox.base_url, transport=transport) as c:
        yield c


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item):  # type: ignore[no-untyped-def]
    item._threads_before = set(threading.enumerate())  # type: ignore[attr-defined]
    _started_qthreads.clear()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):  # type: ignore[no-untyped-def]
    yield  # every fixture of the test has been finalised here
    before = getattr(item, "_threads_before", set())
    deadline = time.monotonic() + _THREAD_GRACE_S
    # A thread Python did not start (a QThread that logged) is listed as a _DummyThread that
    # Python 3.11 never removes: those are QThreads, checked by their own list below.
    leaked = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]
    for thread in leaked:
        thread.join(max(0.0, deadline - time.monotonic()))
    leaked = [t.name for t in leaked if t.is_alive()]
    running_qthreads = []
    for qthread in _started_qthreads:
        try:
            if qthread.isRunning() and not qthread.wait(int(_THREAD_GRACE_S * 1000)):
                running_qthreads.append(type(qthread).__name__)
        except RuntimeError:  # the C++ object is already gone: it cannot be running
            pass
    _started_qthreads.clear()
    if leaked or running_qthreads:
        pytest.fail(f"test left threads running: {leaked + running_qthreads}", pytrace=False)
