"""The desk's hand-on loop: delivers to the stand-ins, reports problems, stops at once, and
queues a completed handover's entries on its own thread (a crash in between loses nothing)."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pytest

from returns_desk.desk import EventBus, HandonLoop
from returns_desk.desk.runtime import sender_maker
from returns_desk.handon import OMNI, POS, DestinationCredentialsMissingError
from returns_desk.handon.completions import QUEUED_EVENT, RecordCache
from returns_desk.handon.events import HandonProblems, HandonWaiting, OutboxChanged
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.settings import Settings
from returns_desk.store import OutboxStatus, Store
from returns_desk.ui.event_bridge import EventBridge
from returns_desk.ui.handon import HandonFeed, HandonView
from returns_desk.workflow.engine import COMPLETED_EVENT
from tests.handon.conftest import received_session, records_for
from tests.ui.handon.conftest import queue


class Events:
    """A bus and what it carried, thread-safe."""

    def __init__(self) -> None:
        self.bus = EventBus()
        self.seen: list[object] = []
        self._lock = threading.Lock()
        self.bus.subscribe(object, self._take)

    def _take(self, event: object) -> None:
        with self._lock:
            self.seen.append(event)

    def of(self, kind: type) -> list:  # type: ignore[type-arg]
        with self._lock:
            return [e for e in self.seen if isinstance(e, kind)]


@pytest.fixture
def events() -> Events:
    return Events()


def make_loop(
    store: Store, settings: Settings, data_dir: Path, events: Events, **kw: float
) -> HandonLoop:
    return HandonLoop(
        store,
        settings.handon,
        lambda: RecordCache.in_folder(data_dir),
        events.bus.publish,
        sender_maker(settings),
        idle_s=kw.get("idle_s", 60.0),
        error_wait_s=0.05,
    )


@pytest.fixture
def running(store, settings, data_dir, events) -> Iterator[HandonLoop]:  # type: ignore[no-untyped-def]
    loop = make_loop(store, settings, data_dir, events)
    yield loop
    assert loop.stop()


def complete(store: Store, tracking_ids: list[str], task_id: str = "T1") -> int:
    """A handover that received these parcels, closed and noted as the engine does."""
    session_id = received_session(store, tracking_ids, task_id=task_id)
    store.log_event(COMPLETED_EVENT, session_id)
    return session_id


def test_the_loop_delivers_queued_entries_and_the_view_follows(
    qtbot, store, settings, stand_ins: DestinationStandIns, credentials, data_dir, events, running
) -> None:  # type: ignore[no-untyped-def]
    ids = ["FMPW1", "FMPW2", "FMPW3"]
    queue(store, settings, ids, records_for(ids))
    bridge = EventBridge(events.bus)
    feed = HandonFeed(bridge)
    view = HandonView(store, data_dir)
    qtbot.addWidget(view)
    view.show()
    feed.changed.connect(view.entries_changed)
    feed.problems.connect(view.show_problems)
    qtbot.waitUntil(lambda: view.count(OMNI, "waiting") == 3)  # read off the GUI thread
    with qtbot.waitSignal(feed.problems, timeout=5000) as blocker:
        running.start()
    assert blocker.args == [{}]
    # only the loop's OutboxChanged events refresh the view here
    qtbot.waitUntil(lambda: view.count(OMNI, "sent") == 3 and view.count(POS, "sent") == 3)
    assert all(item.status is OutboxStatus.SENT for item in store.outbox())
    assert stand_ins.accepted(OMNI) == {f"R-{key}": 1 for key in ids}
    assert stand_ins.accepted("pos") == {f"SP-{key}": 1 for key in ids}
    assert view.problem_lines() == []
    bridge.close()


def test_a_destination_without_credentials_is_a_calm_line_and_its_entries_wait(
    qtbot, store, settings, data_dir, events, running
) -> None:  # type: ignore[no-untyped-def]
    queue(store, settings, ["FMPW9"], records_for(["FMPW9"]))
    running.start()
    qtbot.waitUntil(lambda: bool(events.of(HandonProblems)), timeout=5000)
    problems = events.of(HandonProblems)[0].problems
    assert set(problems) == {OMNI, POS}
    assert all(isinstance(p, DestinationCredentialsMissingError) for p in problems.values())
    view = HandonView(store, data_dir)
    qtbot.addWidget(view)
    view.show_problems(problems)
    lines = view.problem_lines()
    assert len(lines) == 2 and lines[0].startswith("Omni: No user name and password")
    assert {item.status for item in store.outbox()} == {OutboxStatus.PENDING}


def test_stop_is_immediate_while_the_loop_sleeps(qtbot, events, running) -> None:  # type: ignore[no-untyped-def]
    running.start()
    qtbot.waitUntil(lambda: bool(events.of(HandonProblems)), timeout=5000)
    started = time.perf_counter()
    assert running.stop(timeout_s=5.0)
    assert time.perf_counter() - started < 0.5
    assert not running.is_alive()
    assert running.stop()  # idempotent


def test_stop_before_the_senders_are_built_ends_the_thread(running) -> None:  # type: ignore[no-untyped-def]
    running.start()
    assert running.stop()
    assert not running.is_alive()


def test_trigger_sends_an_entry_queued_while_it_sleeps(
    qtbot, store, settings, stand_ins, credentials, events, running
) -> None:  # type: ignore[no-untyped-def]
    running.start()
    qtbot.waitUntil(lambda: bool(events.of(HandonProblems)), timeout=5000)
    queue(store, settings, ["FMPW5"], records_for(["FMPW5"]))
    running.trigger()
    qtbot.waitUntil(lambda: {i.status for i in store.outbox()} == {OutboxStatus.SENT}, timeout=5000)


def test_a_completion_is_queued_on_the_loops_thread_once(
    qtbot, store, settings, stand_ins, credentials, data_dir, events, running
) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.handon import RecordBook

    ids = ["FMPW11", "FMPW12"]
    RecordBook.in_folder(data_dir).save(records_for(ids))
    running.start()
    sid = complete(store, ids)
    from tests.desk_events import completed_event

    running.on_completed(completed_event(sid))
    running.on_completed(completed_event(sid))  # twice: queued once
    qtbot.waitUntil(lambda: len(store.outbox()) == 4, timeout=5000)
    qtbot.waitUntil(lambda: {i.status for i in store.outbox()} == {OutboxStatus.SENT})
    assert store.event_sessions(QUEUED_EVENT) == {sid}
    assert [e.session_id for e in events.of(OutboxChanged) if e.queued] == [sid]


def test_a_completion_left_unqueued_by_a_crash_is_queued_at_the_next_start(
    qtbot, store, settings, data_dir, events
) -> None:  # type: ignore[no-untyped-def]
    sid = complete(store, ["FMPW21"])  # noted, then the process died before queueing
    loop = make_loop(store, settings, data_dir, events)
    try:
        loop.start()
        qtbot.waitUntil(lambda: store.event_sessions(QUEUED_EVENT) == {sid}, timeout=5000)
    finally:
        assert loop.stop()
    assert {i.idempotency_key for i in store.outbox()} == {"FMPW21"}


def test_a_damaged_records_file_makes_entries_wait_with_a_notice(
    qtbot, store, settings, data_dir, events, running
) -> None:  # type: ignore[no-untyped-def]
    (data_dir / RecordCache.in_folder(data_dir).path.name).write_text("{ not json", "utf-8")
    running.start()
    sid = complete(store, ["FMPW31"])
    from tests.desk_events import completed_event

    running.on_completed(completed_event(sid))
    qtbot.waitUntil(lambda: bool(events.of(HandonWaiting)), timeout=5000)
    waiting = events.of(HandonWaiting)[0]
    assert waiting.session_id == sid and "cannot be read" in waiting.error.user_text
    assert {i.status for i in store.outbox()} == {OutboxStatus.NEEDS_DATA}


def test_logging_from_the_loop_leaves_no_thread_behind(
    qtbot, store, settings, stand_ins, credentials, caplog, running
) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO)  # as the app logs: the processor logs each failed attempt
    stand_ins.omni.queue = deque(["503"])
    queue(store, settings, ["FMPW7"], records_for(["FMPW7"]))
    running.start()
    qtbot.waitUntil(lambda: any(i.attempts for i in store.outbox() if i.destination == OMNI))
    assert running.stop()
    assert "DESTINATION_SERVER_ERROR" in caplog.text
