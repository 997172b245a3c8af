"""One writing app per data folder, checked across real processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from returns_desk.store import DataFolderInUseError, DataFolderLock, Store

# the local record must behave the same on the Windows terminals
pytestmark = pytest.mark.windows

_HOLDER = (
    "import sys\n"
    "from returns_desk.store import DataFolderLock\n"
    "lock = DataFolderLock(sys.argv[1])\n"
    "lock.acquire()\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
    "lock.release()\n"
)


def _holder(folder: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line == "locked\n", proc.communicate(timeout=10)[1]
    return proc


def test_a_second_process_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    try:
        with pytest.raises(DataFolderInUseError) as caught:
            DataFolderLock(tmp_path).acquire()
        text = caught.value.user_text
        assert "already running on this terminal" in text
        assert str(tmp_path) in text and f"process {proc.pid}" in text
        with pytest.raises(DataFolderInUseError):
            Store.open(tmp_path, single_writer=True)
    finally:
        proc.communicate("", timeout=10)  # the holder releases and exits
    with DataFolderLock(tmp_path) as lock:
        assert lock.held


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    proc.kill()
    proc.communicate(timeout=10)
    with DataFolderLock(tmp_path) as lock:
        assert lock.held
        assert lock.path.read_text().strip().isdigit()


def test_the_lock_is_exclusive_in_one_process_too_and_release_is_idempotent(tmp_path: Path) -> None:
    first = DataFolderLock(tmp_path)
    first.acquire()
    first.acquire()  # already held: nothing to do
    with pytest.raises(DataFolderInUseError):
        DataFolderLock(tmp_path).acquire()
    first.release()
    first.release()
    assert not first.held
    with DataFolderLock(tmp_path):
        pass


def test_the_app_store_holds_the_lock_until_closed(tmp_path: Path) -> None:
    store = Store.open(tmp_path, single_writer=True)
    try:
        with pytest.raises(DataFolderInUseError):
            Store.open(tmp_path, single_writer=True)
        with Store.open(tmp_path) as reader:  # an export job does not take the lock
            assert reader.open_sessions() == []
    finally:
        store.close()
    Store.open(tmp_path, single_writer=True).close()
