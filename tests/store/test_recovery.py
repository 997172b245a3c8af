"""A damaged file: a clear error with its path, and a way out that keeps the file."""

from __future__ import annotations

import random
import sqlite3
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from returns_desk.store import (
    DB_FILENAME,
    Store,
    StoreAccessError,
    StoreCorruptError,
    StoreMissingError,
    quarantine,
)
from tests.store.conftest import new_session

# the local record must behave the same on the Windows terminals
pytestmark = pytest.mark.windows


def _assert_corrupt(path: Path, **options: bool) -> StoreCorruptError:
    with pytest.raises(StoreCorruptError) as caught:
        Store.open(path, **options)
    error = caught.value
    assert error.path == path and str(path) in error.user_text
    assert "damaged" in error.user_text and "kept" in error.user_text
    return error


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    path.write_bytes(b"PK\x03\x04 this is a zip file, not a database " * 100)
    _assert_corrupt(path)


def test_a_database_with_damaged_pages(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with Store.open(path) as store:
        session = new_session(store)
        with store.transaction():
            for i in range(3000):
                store.record_scan(
                    session.id,
                    f"raw{i}",
                    f"ABCD{i:010d}",
                    "not_yet_reported",
                    terminal="t",
                    operator="o",
                )
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    rng = random.Random(7)
    for n in range(5, 15):  # scribble over a few whole b-tree pages, headers included
        data[n * page : (n + 1) * page] = rng.randbytes(page)
    path.write_bytes(bytes(data))
    _assert_corrupt(path, quick_check=True)  # the app: in its daily check (test_retention)
    with Store.open(path) as store:  # without it, the damage is met when read
        with pytest.raises(StoreCorruptError):
            store.scans(1)


def test_quarantine_keeps_the_file_and_a_fresh_database_opens(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    junk = b"not a database at all" * 50
    path.write_bytes(junk)
    Path(f"{path}-wal").write_bytes(b"wal")
    _assert_corrupt(path)
    kept = quarantine(path, now=datetime(2026, 3, 4, 5, 6, 7))
    assert kept.name == "returns-desk.corrupt-20260304-050607.sqlite3"
    assert kept.read_bytes() == junk and Path(f"{kept}-wal").read_bytes() == b"wal"
    assert not path.exists() and not Path(f"{path}-wal").exists()
    with Store.open(path) as store:
        assert store.open_sessions() == [] and store.integrity_check() == "ok"
    # a second damaged file in the same second does not overwrite the first
    store.close()
    path.unlink()
    Path(f"{path}-wal").unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)
    path.write_bytes(junk[::-1])
    second = quarantine(tmp_path, now=datetime(2026, 3, 4, 5, 6, 7))
    assert second != kept and second.read_bytes() == junk[::-1] and kept.read_bytes() == junk


def test_an_empty_file_is_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    path.touch()
    with Store.open(path) as store:
        assert store.open_sessions() == []


def test_open_without_create_never_makes_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreMissingError) as caught:
        Store.open(tmp_path / "nothing" / DB_FILENAME, create=False)
    assert "no Returns Desk database" in caught.value.user_text
    assert not (tmp_path / "nothing").exists()


@pytest.mark.skipif(
    sys.platform == "win32", reason="Windows refuses to delete an open database (next test)"
)
def test_a_database_removed_while_open_is_not_silently_recreated(tmp_path: Path) -> None:
    import threading

    path = tmp_path / DB_FILENAME
    with Store.open(path) as store:
        session = new_session(store)
        errors: list[BaseException] = []

        def late_worker() -> None:
            try:
                store.record_scan(session.id, "x", "X", "invalid", terminal="t", operator="o")
            except BaseException as exc:
                errors.append(exc)

        for side in ("", "-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
        thread = threading.Thread(target=late_worker)
        thread.start()
        thread.join()
        assert [type(e) for e in errors] == [StoreAccessError] and not path.exists()


@pytest.mark.skipif(sys.platform != "win32", reason="Windows' file-sharing rule")
def test_windows_refuses_to_delete_an_open_database_and_the_record_goes_on(
    tmp_path: Path,
) -> None:
    """What the test above guards against cannot happen on a terminal: the delete is refused."""
    path = tmp_path / DB_FILENAME
    with Store.open(path) as store:
        session = new_session(store)
        with pytest.raises(PermissionError):
            path.unlink()
        store.record_scan(session.id, "x", "X", "invalid", terminal="t", operator="o")
        assert len(store.scans(session.id)) == 1
    path.unlink()  # closed: now it may go


def test_raw_sqlite_agrees_the_fresh_file_is_healthy(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    Store.open(path).close()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
