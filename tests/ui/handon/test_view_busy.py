"""The Hand-on view on a busy dock's 50,000 entries: the GUI thread is never held up.

The view reads the counts and its page of entries off the GUI thread; on the GUI thread
only a page (200 rows) is shown. A timer on the GUI thread ticks every 2 ms while the view
is opened, refreshed in bursts, filtered, searched and scrolled; the longest gap between
ticks is how long the GUI thread was blocked. The bound is generous (the old view froze
for 0.6-0.8 s here); ``bench/handon_view.py`` gives the real figure.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from returns_desk.handon import OMNI, POS
from returns_desk.store import OutboxStatus, Store
from returns_desk.ui.handon import HandonView
from returns_desk.ui.handon.view import PAGE_ROWS
from tests.ui.handon.test_view import settle

ENTRIES = 50_000
GENEROUS_BOUND_S = 0.25  # a frame is 16 ms; this only catches a read on the GUI thread


STATUSES = ["sent"] * 40 + ["pending", "needs_attention", "needs_data", "skipped"]


def filled(status: str) -> int:
    return sum(1 for n in range(ENTRIES) if STATUSES[n % len(STATUSES)] == status)


def fill(store: Store, entries: int = ENTRIES) -> None:
    """``entries`` outbox entries, most sent, some waiting or needing a person."""
    statuses = STATUSES
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO outbox (destination, idempotency_key, payload, status, attempts, "
            "next_attempt_at, created_at, sent_at, last_error) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)",
            (
                (
                    (OMNI, POS)[n % 2],
                    f"FMPC{n:010d}",
                    f'{{"returnOrderCode": "R-{n}", "items": [{{"sku": "S", "qty": 1}}]}}',
                    statuses[n % len(statuses)],
                    1_700_000_000_000 + n,
                    1_700_000_000_000 + n,
                    1_700_000_000_000 + n if statuses[n % len(statuses)] == "sent" else None,
                    None if n % 44 < 40 else "HTTP 400: orderItems[0].sku is missing",
                )
                for n in range(entries)
            ),
        )


class Stalls:
    """The longest gap between ticks of a 2 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(2)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def busy(store: Store) -> Store:
    fill(store)
    return store


@pytest.fixture
def stalls(qtbot) -> Iterator[Stalls]:  # type: ignore[no-untyped-def]
    watch = Stalls()
    yield watch
    watch.stop()


def test_50000_entries_never_block_the_gui_thread(
    qtbot, busy: Store, data_dir: Path, stalls: Stalls
) -> None:  # type: ignore[no-untyped-def]
    view = HandonView(busy, data_dir, refresh_delay_ms=50)
    qtbot.addWidget(view)
    try:
        view.resize(1200, 700)
        stalls.start()
        view.show()
        settle(qtbot, view)
        assert view.model.rowCount() == PAGE_ROWS and view.model.total == ENTRIES
        assert view.count(OMNI, "sent") + view.count(POS, "sent") == filled("sent")
        newest = view.model.item(0).idempotency_key
        assert newest == f"FMPC{ENTRIES - 1:010d}"

        for round_ in range(5):  # the sender's batches: a burst of changes each
            stalls.stop()  # the test's own writes (each a synced commit) are not the view's
            for item in busy.outbox_page(status=OutboxStatus.PENDING, limit=20):
                busy.mark_outbox_sent(item.id)
            stalls.start()
            for _ in range(10):
                view.entries_changed()
            qtbot.wait(20)
            settle(qtbot, view)
            waiting = view.count(OMNI, "waiting") + view.count(POS, "waiting")
            assert waiting == filled("pending") - 20 * (round_ + 1)

        view.status_filter.setCurrentIndex(
            view.status_filter.findData(OutboxStatus.NEEDS_ATTENTION)
        )
        settle(qtbot, view)
        assert {i.status for i in view.model.items()} == {OutboxStatus.NEEDS_ATTENTION}
        view.status_filter.setCurrentIndex(0)
        view.search.setText("fmpc00000123")
        settle(qtbot, view)
        assert {i.idempotency_key[:12] for i in view.model.items()} == {"FMPC00000123"}
        view.search.clear()
        settle(qtbot, view)
        for _ in range(3):  # scrolled to the end: the next page, read off the thread
            rows = view.model.rowCount()
            view.table.scrollToBottom()
            qtbot.waitUntil(lambda rows=rows: view.model.rowCount() > rows)
        assert view.model.rowCount() == 4 * PAGE_ROWS
        view.table.selectRow(3)
        assert "Status:" in view.history.toPlainText()
        stalls.stop()
        assert stalls.longest < GENEROUS_BOUND_S, f"GUI thread blocked {stalls.longest:.3f} s"
    finally:
        view.close_reader()
