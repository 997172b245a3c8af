"""The outbox worker: delivers to the stand-ins, reports problems, stops at once."""

from __future__ import annotations

import logging
import time
from collections import deque

from returns_desk.handon import OMNI, POS, DestinationCredentialsMissingError
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.settings import Settings
from returns_desk.store import OutboxStatus, Store
from returns_desk.ui.handon import HandonView, OutboxWorker
from tests.handon.conftest import records_for
from tests.ui.handon.conftest import queue


def test_the_worker_delivers_queued_entries_and_the_view_follows(
    qtbot, store: Store, settings: Settings, stand_ins: DestinationStandIns, credentials, data_dir
) -> None:  # type: ignore[no-untyped-def]
    ids = ["FMPW1", "FMPW2", "FMPW3"]
    queue(store, settings, ids, records_for(ids))
    view = HandonView(store, data_dir)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.count(OMNI, "waiting") == 3)
    worker = OutboxWorker(store, settings)
    worker.changed.connect(view.entries_changed)
    worker.problems.connect(view.show_problems)
    try:
        with qtbot.waitSignal(worker.problems, timeout=5000) as blocker:
            worker.start()
        assert blocker.args == [{}]
        # only ``changed`` refreshes the view here
        qtbot.waitUntil(lambda: view.count(OMNI, "sent") == 3 and view.count(POS, "sent") == 3)
    finally:
        assert worker.stop()
    assert all(item.status is OutboxStatus.SENT for item in store.outbox())
    assert stand_ins.accepted(OMNI) == {f"R-{key}": 1 for key in ids}
    assert stand_ins.accepted("pos") == {f"SP-{key}": 1 for key in ids}
    assert view.problem_lines() == []


def test_a_destination_without_credentials_is_a_calm_line_and_its_entries_wait(
    qtbot, store: Store, settings: Settings, data_dir
) -> None:  # type: ignore[no-untyped-def]
    queue(store, settings, ["FMPW9"], records_for(["FMPW9"]))
    view = HandonView(store, data_dir)
    qtbot.addWidget(view)
    worker = OutboxWorker(store, settings)
    worker.problems.connect(view.show_problems)
    try:
        with qtbot.waitSignal(worker.problems, timeout=5000) as blocker:
            worker.start()
    finally:
        assert worker.stop()
    problems = blocker.args[0]
    assert set(problems) == {OMNI, POS}
    assert all(isinstance(p, DestinationCredentialsMissingError) for p in problems.values())
    lines = view.problem_lines()
    assert len(lines) == 2 and lines[0].startswith("Omni: No user name and password")
    assert {item.status for item in store.outbox()} == {OutboxStatus.PENDING}
    view.show_problems({})
    assert view.problem_lines() == []


def test_stop_is_immediate_while_the_worker_sleeps(qtbot, store: Store, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    worker = OutboxWorker(store, settings, idle_s=60.0)
    with qtbot.waitSignal(worker.problems, timeout=5000):
        worker.start()
    qtbot.waitUntil(lambda: worker.isRunning())
    started = time.perf_counter()
    assert worker.stop(timeout_ms=5000)
    assert time.perf_counter() - started < 0.5
    assert worker.isFinished()
    assert worker.stop()  # idempotent


def test_with_no_destination_the_worker_is_not_needed_but_starts_and_stops(
    qtbot, store: Store
) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    assert not OutboxWorker.needed(settings)
    worker = OutboxWorker(store, settings)
    with qtbot.waitSignal(worker.problems, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == [{}]
    assert worker.stop()


def test_stop_before_the_senders_are_built_ends_the_thread(
    qtbot, store: Store, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    worker = OutboxWorker(store, settings)
    worker.start()
    assert worker.stop()
    assert not worker.isRunning()


def test_trigger_sends_an_entry_queued_while_it_sleeps(
    qtbot, store: Store, settings: Settings, stand_ins: DestinationStandIns, credentials
) -> None:  # type: ignore[no-untyped-def]
    worker = OutboxWorker(store, settings, idle_s=60.0)
    try:
        with qtbot.waitSignal(worker.problems, timeout=5000):
            worker.start()
        queue(store, settings, ["FMPW5"], records_for(["FMPW5"]))
        worker.trigger()
        qtbot.waitUntil(
            lambda: {i.status for i in store.outbox()} == {OutboxStatus.SENT}, timeout=5000
        )
    finally:
        assert worker.stop()


def test_logging_from_the_worker_leaves_no_thread_behind(
    qtbot, store: Store, settings: Settings, stand_ins: DestinationStandIns, credentials, caplog
) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO)  # as the app logs: the processor logs each failed attempt
    stand_ins.omni.queue = deque(["503"])
    queue(store, settings, ["FMPW7"], records_for(["FMPW7"]))
    worker = OutboxWorker(store, settings)
    try:
        worker.start()
        qtbot.waitUntil(lambda: any(i.attempts for i in store.outbox() if i.destination == OMNI))
    finally:
        assert worker.stop()
    assert "DESTINATION_SERVER_ERROR" in caplog.text
    # the suite's teardown fails the test if the worker's thread is still counted
