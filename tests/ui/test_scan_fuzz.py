"""The scan path from raw key events to the stored row, fuzzed: never an untyped error,
never a wrong record.

Each example is one scanner burst of arbitrary characters (control characters, GS, NUL,
emoji, right-to-left text, formula signs ...) typed into the real window as key events at
scanner speed, then Enter. Afterwards exactly one row is stored holding the burst as it
came and the code ``normalise`` makes of it, or, for a read the record cannot keep, no row
and a NOT RECORDED notice. pytest-qt fails the test on any exception raised in a Qt
callback (the filter, the controller), so an untyped error cannot pass unnoticed.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from returns_desk.workflow.barcode import MAX_RAW_SCAN, BarcodeRules, normalise
from tests.ui.conftest import Desk, scanning_fe
from tests.workflow.test_engine import LOCKER

SCANNER_GAP_MS = 8.0

#: What a key event can carry: any character but a lone surrogate and U+FEFF (the byte-order
#: mark): converting the text to a QString drops both, so no key event can bring them (a
#: burst ending in one reached the filter as a key without text: typing, not a scan).
KEY_TEXT = st.characters(exclude_categories=("Cs",), exclude_characters="\ufeff")
SPECIAL = st.sampled_from(["\x1d", "\x00", "\x02", "\x04", "\x7f", " ", "=", "\uff1d", "\u200f"])
BURST = st.lists(st.one_of(KEY_TEXT, SPECIAL), min_size=8, max_size=40).map("".join)


def burst(desk: Desk, text: str) -> None:
    """``text`` as a scanner types it: one key event per character, then Enter."""
    window = desk.window.windowHandle()
    desk.clock.advance(10.0)  # past the double-read window of the previous example
    for char in text:
        desk.clock.advance_ms(SCANNER_GAP_MS)
        for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
            QTest.sendKeyEvent(
                action, window, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
            )
    desk.clock.advance_ms(SCANNER_GAP_MS)
    QTest.keyClick(window, Qt.Key.Key_Return)


def stored(desk: Desk, session_id: int) -> list:  # type: ignore[type-arg]
    return desk.controller.engine.store.scans(session_id)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=BURST)
def test_any_burst_is_stored_as_it_came_or_refused_with_a_notice(desk: Desk, text: str) -> None:
    if not desk.controller.views:
        scanning_fe(desk)
    session_id = desk.view().session_id
    before = stored(desk, session_id)
    burst(desk, text)
    after = stored(desk, session_id)
    (row,) = after[len(before) :]  # exactly one row for one read
    assert row.raw == text
    assert row.code == normalise(text, BarcodeRules())
    assert row.session_id == session_id


def test_a_read_longer_than_the_cap_is_refused_with_a_notice(desk: Desk) -> None:
    fe, ids = scanning_fe(desk, parcels=1)
    session_id = desk.view(fe.fe_id).session_id
    burst(desk, ids[0] + "0" * MAX_RAW_SCAN)
    assert stored(desk, session_id) == []
    banner = desk.window.scanning.banner  # where the clerk looks after each scan
    assert banner.kind == "error" and "NOT RECORDED" in banner.title.text()
    assert "not a label the app can record" in banner.detail.text()
    assert desk.sounds[-1] == "error"
    burst(desk, ids[0])
    assert [row.code for row in stored(desk, session_id)] == [ids[0]]


def test_a_database_another_program_locked_says_not_recorded_and_recovers(desk: Desk) -> None:
    fe, ids = scanning_fe(desk, parcels=1)
    session_id = desk.view(fe.fe_id).session_id
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(desk.folder / "returns-desk.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        burst(desk, ids[0])
        banner = desk.window.scanning.banner
        assert banner.kind == "error" and "NOT RECORDED" in banner.title.text()
        assert "another program" in banner.detail.text()
        assert desk.view(fe.fe_id).counts.dock_scanned == 0
    finally:
        locker.communicate("\n", timeout=60)
    burst(desk, ids[0])
    desk.wait(lambda: desk.view(fe.fe_id).counts.matched == 1)
    assert [row.code for row in stored(desk, session_id)] == [ids[0]]
