"""The scanner filter: bursts become scans whatever has focus, typing reaches its field intact."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from returns_desk.ui.scanner.burst import (
    Burst,
    BurstRules,
    BurstVerdict,
    classify,
    gaps_between,
    looks_like_caps_lock,
)
from returns_desk.ui.scanner.input import ScannerInput
from returns_desk.workflow.barcode import BarcodeRules
from tests.ui.conftest import FakeClock

RULES = BurstRules(min_length=8, mean_gap_ms=35, max_gap_ms=80)


# --- the pure rules (no display needed) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "gaps", "terminated", "verdict"),
    [
        ("FMPC0127902385", (10.0,) * 14, True, BurstVerdict.SCAN),
        ("FMPC0127902385", (34.0,) * 14, True, BurstVerdict.SCAN),
        ("FMPC0127902385", (36.0,) * 14, True, BurstVerdict.TOO_SLOW),
        ("FMPC0127902385", (10.0,) * 13 + (81.0,), True, BurstVerdict.GAP_TOO_LONG),
        ("FMPC012", (5.0,) * 7, True, BurstVerdict.TOO_SHORT),
        ("FMPC0127902385", (10.0,) * 13, False, BurstVerdict.NO_TERMINATOR),
    ],
)
def test_classify(
    text: str, gaps: tuple[float, ...], terminated: bool, verdict: BurstVerdict
) -> None:
    assert classify(text, gaps, terminated, RULES) is verdict


def test_gaps_and_caps_lock_rules() -> None:
    assert gaps_between([1.0, 1.01, 1.03]) == pytest.approx((10.0, 20.0))
    assert looks_like_caps_lock("fmpc0127902385") is True
    assert looks_like_caps_lock("FMPC0127902385") is False
    assert looks_like_caps_lock("0127902385") is None


# --- the filter on a real window ------------------------------------------------------


class Bench:
    def __init__(self, qtbot, duplicate_window_s: float = 1.5) -> None:  # type: ignore[no-untyped-def]
        self.clock = FakeClock()
        self.widget = QWidget()
        layout = QVBoxLayout(self.widget)
        self.field = QLineEdit()
        self.other = QLineEdit()
        layout.addWidget(self.field)
        layout.addWidget(self.other)
        qtbot.addWidget(self.widget)
        self.widget.show()
        self.field.setFocus()
        self.scanner = ScannerInput(
            RULES, BarcodeRules(), duplicate_window_s=duplicate_window_s, clock=self.clock
        )
        app = QApplication.instance()
        assert app is not None
        self.scanner.install(app)
        self.scans: list[str] = []
        self.bursts: list[Burst] = []
        self.caps: list[bool] = []
        self.entered: list[str] = []
        self.scanner.scanned.connect(self.scans.append)
        self.scanner.burst_finished.connect(self.bursts.append)
        self.scanner.caps_lock_suspected.connect(self.caps.append)
        self.field.returnPressed.connect(lambda: self.entered.append(self.field.text()))

    def keys(self, text: str, gap_ms: float, terminator: Qt.Key | None = Qt.Key.Key_Return) -> None:
        window = self.widget.windowHandle()
        for char in text:
            self.clock.advance_ms(gap_ms)
            QTest.keyClick(window, char)
        if terminator is not None:
            self.clock.advance_ms(gap_ms)
            QTest.keyClick(window, terminator)


@pytest.fixture
def bench(qtbot) -> Iterator[Bench]:  # type: ignore[no-untyped-def]
    b = Bench(qtbot)
    yield b
    b.scanner.uninstall()


def test_a_burst_is_a_scan_and_never_reaches_the_focused_field(bench: Bench) -> None:
    bench.keys("FMPC0127902385", 10)
    assert bench.scans == ["FMPC0127902385"]
    assert bench.field.text() == "" and bench.entered == []
    (burst,) = bench.bursts
    assert burst.verdict is BurstVerdict.SCAN and burst.code == "FMPC0127902385"
    assert burst.gaps_ms == pytest.approx((10.0,) * 14) and burst.terminator == "Enter"


def test_tab_ends_a_scan_too_and_focus_does_not_move(bench: Bench) -> None:
    bench.keys("FMPC0127902385", 10, Qt.Key.Key_Tab)
    assert bench.scans == ["FMPC0127902385"]
    assert QApplication.focusWidget() in (bench.field, None)


def test_human_typing_reaches_the_field_intact(bench: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    bench.keys("hello world", 150)
    assert bench.field.text() == "hello world"
    assert bench.entered == ["hello world"]  # Enter arrived after the text, once
    assert bench.scans == []


def test_fast_typing_with_short_gaps_but_a_slow_mean_is_typing(bench: Bench) -> None:
    bench.keys("FMPC0127902385", 50)  # every gap under 80 ms, the mean over 35 ms
    assert bench.field.text() == "FMPC0127902385"
    assert bench.entered == ["FMPC0127902385"]
    assert bench.scans == [] and bench.bursts[-1].verdict is BurstVerdict.TOO_SLOW


def test_a_pause_splits_a_burst_and_the_keys_are_replayed(bench: Bench) -> None:
    bench.keys("FMPC0127", 10, None)
    bench.clock.advance_ms(200)
    bench.keys("902385", 10)
    assert bench.field.text() == "FMPC0127902385"
    assert bench.scans == []
    assert [b.verdict for b in bench.bursts] == [BurstVerdict.NO_TERMINATOR, BurstVerdict.TOO_SHORT]


def test_a_lone_key_arrives_after_the_pause_timer(bench: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    bench.keys("x", 10, None)
    assert bench.field.text() == ""  # held while a burst might be starting
    qtbot.waitUntil(lambda: bench.field.text() == "x", timeout=2000)


def test_editing_keys_keep_their_order(bench: Bench) -> None:
    bench.keys("abc", 150, None)
    QTest.keyClick(bench.widget.windowHandle(), Qt.Key.Key_Backspace)
    assert bench.field.text() == "ab"


def test_double_reads_are_ignored_within_the_window_only(bench: Bench) -> None:
    bench.keys("FMPC0127902385", 5)
    bench.keys("FMPC0127902385", 5)  # the same label read twice
    bench.keys("FMPP0049618531", 5)  # a different label is not delayed
    assert bench.scans == ["FMPC0127902385", "FMPP0049618531"]
    assert bench.bursts[1].verdict is BurstVerdict.DOUBLE_READ
    bench.clock.advance_ms(1600)
    bench.keys("FMPC0127902385", 5)
    assert bench.scans[-1] == "FMPC0127902385" and len(bench.scans) == 3
    assert bench.field.text() == ""


def test_lower_case_scans_raise_the_caps_lock_warning(bench: Bench) -> None:
    bench.keys("fmpc0127902385", 5)
    assert bench.scans == ["fmpc0127902385"]
    assert bench.bursts[-1].code == "FMPC0127902385"  # normalised
    assert bench.caps == [True]
    bench.keys("FMPP0049618531", 5)
    assert bench.caps == [True, False]


def test_shift_inside_a_burst_is_kept_with_it(bench: Bench) -> None:
    window = bench.widget.windowHandle()
    for char in "FMPC0127902385":
        bench.clock.advance_ms(5)
        if char.isalpha():
            QTest.keyPress(window, Qt.Key.Key_Shift)
        QTest.keyClick(window, char)
        if char.isalpha():
            QTest.keyRelease(window, Qt.Key.Key_Shift)
    bench.clock.advance_ms(5)
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert bench.scans == ["FMPC0127902385"]
    assert bench.field.text() == ""


def test_windows_that_get_the_focus_later_are_watched_too(bench: Bench, qtbot) -> None:  # type: ignore[no-untyped-def]
    later = QLineEdit()
    qtbot.addWidget(later)
    later.show()
    later.activateWindow()
    handle = later.windowHandle()
    qtbot.waitUntil(lambda: bench.scanner.watches(handle), timeout=2000)
    for char in "FMPC0127902385":
        bench.clock.advance_ms(5)
        QTest.keyClick(handle, char)
    bench.clock.advance_ms(5)
    QTest.keyClick(handle, Qt.Key.Key_Return)
    assert bench.scans == ["FMPC0127902385"] and later.text() == ""


def test_uninstall_gives_back_held_keys(bench: Bench) -> None:
    bench.keys("ab", 10, None)
    bench.scanner.uninstall()
    assert bench.field.text() == "ab"
    bench.keys("FMPC0127902385", 5)  # no filter any more: plain typing
    assert bench.field.text() == "abFMPC0127902385"


# --- control characters inside a label (GS1 codes, NUL, STX) -------------------------


def _control(bench: Bench, char: str, gap_ms: float, ctrl: bool) -> None:
    """What a scanner types for GS (Ctrl+] on a keyboard wedge) or a NUL: text, no key."""
    window = bench.widget.windowHandle()
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    bench.clock.advance_ms(gap_ms)
    for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
        QTest.sendKeyEvent(action, window, Qt.Key.Key_unknown, char, modifier)


@pytest.mark.parametrize(("char", "ctrl"), [("\x1d", True), ("\x1d", False), ("\x00", False)])
def test_a_control_character_inside_a_burst_keeps_it_one_read(
    bench: Bench, char: str, ctrl: bool
) -> None:
    bench.keys("FMPC12", 10, terminator=None)
    _control(bench, char, 10, ctrl)
    bench.keys("34567890", 10)
    assert bench.scans == [f"FMPC12{char}34567890"]  # the raw read, as the scanner sent it
    (burst,) = bench.bursts
    assert burst.verdict is BurstVerdict.SCAN and burst.code == "FMPC1234567890"
    assert bench.field.text() == "" and bench.entered == []  # nothing leaked into the field


def test_a_nul_before_a_label_does_not_send_it_to_the_field(bench: Bench) -> None:
    _control(bench, "\x00", 10, False)
    bench.keys("FMPC1234567890", 10)
    assert [b.code for b in bench.bursts] == ["FMPC1234567890"]
    assert bench.field.text() == ""


def test_backspace_and_a_human_ctrl_chord_still_end_typing(bench: Bench) -> None:
    bench.keys("ab", 200, terminator=None)
    QTest.keyClick(bench.widget.windowHandle(), Qt.Key.Key_Backspace)
    assert bench.field.text() == "a"  # the Backspace edited the typed text
    _control(bench, "\x03", 200, True)  # Ctrl+C before any burst: not held as a scan
    assert not bench.scanner.busy and bench.scans == []


def test_a_bug_in_the_filter_lets_the_key_through_and_is_logged(
    bench: Bench, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An exception leaving a Python event filter crashes PySide6 6.11; the filter keeps it."""

    def broken(*args: object) -> bool:
        raise RuntimeError("a bug")

    monkeypatch.setattr(bench.scanner, "_on_press", broken)
    bench.keys("AB", 200, None)
    assert bench.field.text() == "AB"  # typed as if no filter were there
    assert "the scanner filter hit a bug" in caplog.text


def test_the_first_key_of_a_burst_says_a_scan_may_be_coming(bench: Bench) -> None:
    """So that the drain gives way (DockEngine.give_way_to_scans) before the Enter arrives."""
    started: list[int] = []
    bench.scanner.burst_started.connect(lambda: started.append(len(bench.scans)))
    bench.keys("FMPC0127902385", 10)
    assert started == [0]  # once, before the scan was taken
    assert bench.scans == ["FMPC0127902385"]


# --- the pause and the terminator agree with the rules ----------------------------------


def test_an_enter_within_the_maximum_gap_is_a_scan_even_when_the_pause_timer_is_early(
    bench: Bench,
) -> None:
    bench.keys("FMPC0127902385", 8, None)
    bench.clock.advance_ms(78)
    bench.scanner._on_pause_timeout()  # a timer may fire a little early: 78 ms by the clock
    assert bench.scanner.busy and bench.field.text() == ""  # still the burst's keys
    bench.clock.advance_ms(2)
    QTest.keyClick(bench.widget.windowHandle(), Qt.Key.Key_Return)  # 80 ms: within the rule
    assert bench.scans == ["FMPC0127902385"]
    assert bench.bursts[-1].terminator == "Enter"
    assert bench.bursts[-1].max_gap_ms == pytest.approx(80.0)


def test_an_enter_just_after_the_pause_is_the_bursts_terminator_with_a_gap_too_long(
    bench: Bench,
) -> None:
    bench.keys("FMPC0127902385", 8, None)
    bench.clock.advance_ms(95)
    bench.scanner._on_pause_timeout()  # 95 ms: the burst is typing, its keys go on
    assert bench.field.text() == "FMPC0127902385"
    QTest.keyClick(bench.widget.windowHandle(), Qt.Key.Key_Return)
    assert bench.scans == [] and bench.entered == ["FMPC0127902385"]  # typing, Enter too
    (burst,) = bench.bursts  # one burst, ended by the Enter: not "no Enter/Tab"
    assert burst.terminator == "Enter" and burst.verdict is BurstVerdict.GAP_TOO_LONG
    assert burst.max_gap_ms == pytest.approx(95.0)


def test_a_burst_the_pause_ended_without_an_enter_is_reported_without_one(
    bench: Bench, qtbot
) -> None:  # type: ignore[no-untyped-def]
    bench.keys("FMPC0127902385", 8, None)
    bench.clock.advance_ms(100)
    bench.scanner._on_pause_timeout()
    qtbot.waitUntil(lambda: len(bench.bursts) == 1, timeout=2000)
    assert bench.bursts[0].verdict is BurstVerdict.NO_TERMINATOR
    assert bench.bursts[0].terminator == ""
    bench.clock.advance_ms(400)  # an Enter long after is a person's, nothing of the burst
    QTest.keyClick(bench.widget.windowHandle(), Qt.Key.Key_Return)
    assert len(bench.bursts) == 1
