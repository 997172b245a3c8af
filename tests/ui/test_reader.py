"""A screen's reader: off the GUI thread, on its own pool, only the newest answer arrives."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from returns_desk.errors import ReturnsDeskError
from returns_desk.store import DB_FILENAME, Store
from returns_desk.ui.reader import LatestReader, ReadDone
from returns_desk.ui.workers import JobKind


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / DB_FILENAME) as opened:
        yield opened


def test_an_older_read_is_dropped_queued_and_ignored_running(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    reader = LatestReader(store, JobKind.HISTORY)
    answers: list[ReadDone] = []
    reader.done.connect(answers.append)
    release, ran = threading.Event(), []

    def slow() -> str:
        ran.append("slow")
        release.wait(5)
        return "slow"

    def queued() -> str:
        ran.append("queued")
        return "queued"

    reader.read("first", slow)
    qtbot.waitUntil(lambda: ran == ["slow"])  # running on the reader's thread
    reader.read("first", queued)  # waits behind it...
    reader.read("first", lambda: threading.get_ident())  # ...and is superseded at once
    release.set()
    qtbot.waitUntil(lambda: reader.pending == 0)
    assert ran == ["slow"]  # the superseded one never read at all
    assert len(answers) == 1 and answers[0].tag == "first"
    assert answers[0].result != threading.get_ident()  # not on the GUI thread
    reader.close()


def test_more_belongs_to_the_current_read_and_a_failure_is_reported(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    reader = LatestReader(store, JobKind.HISTORY)
    answers: list[ReadDone] = []
    errors: list[ReturnsDeskError] = []
    reader.done.connect(answers.append)
    reader.failed.connect(errors.append)
    reader.read("first", lambda: 1)
    reader.more("more", lambda: 2)
    qtbot.waitUntil(lambda: len(answers) == 2)
    assert [(a.tag, a.result) for a in answers] == [("first", 1), ("more", 2)]

    def broken() -> None:
        raise ReturnsDeskError("the record cannot be read")

    reader.read("first", broken)
    qtbot.waitUntil(lambda: len(errors) == 1)
    reader.close()
    assert not reader.read("first", lambda: 3)  # closed: nothing more is read
