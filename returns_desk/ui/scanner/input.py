"""The application-wide scanner input: every key goes through here first, whatever has focus.

The classic failure of scan screens is a scan lost because focus moved. So this filter
looks at key presses where they enter the app, at the window (``QWindow``), before any
widget sees them. It is application-wide: it watches every top-level window, and every
window that gets the keyboard focus later (a dialog, a menu) as it gets it. It is not a
filter on the ``QApplication`` itself, which would run Python for every event of every
object, and each of those calls must take the GIL from the poller thread.

- a printable key starts a *burst*; its key events are held back while the burst lasts;
- Enter or Tab ends it: a burst that is long and fast enough is a scan, its keys are
  dropped and ``scanned`` is emitted; otherwise the held keys are replayed, in order, to the
  window (and so to the focused widget) and the Enter or Tab follows them;
- a pause longer than the maximum gap, or any other key, ends a burst as typing: replayed;
- any character a key brings stays in a burst, printable or not and whatever its
  modifiers: GS between the fields of a GS1 code (often sent as Ctrl+]), NUL, STX, an
  invisible format character. A burst is one read whatever it holds (``normalise`` removes
  the control characters from the code). Without Ctrl/Alt such a character may start a
  burst too. Backspace, Escape and Delete are editing keys, never part of a burst.

Where a burst starts decides whether it is read at all (``reach.py``): only the desk's own
window records scans and reports bursts (``burst_finished``, the scanner test); a password or
PIN field is never read; in another window (a dialog) a scan is ``held``, never recorded, and
other typing reaches that window's field untouched.

Human typing therefore reaches its field intact, only late by at most the maximum gap
(80 ms by default) and a millisecond or two. Keys are timed with our own monotonic clock,
because ``QKeyEvent.timestamp()`` is 0 for synthetic events; tests inject a fake clock.

The pause and the rules agree: the timer that ends a burst as typing ends it only once the
gap is over the maximum by that clock (a timer can fire early), so an Enter or Tab within
the maximum gap still ends the burst as a scan. An Enter or Tab that comes after the pause
ended it, but within another maximum gap, is still reported as that burst's terminator (a
burst with one gap too long: what the scanner test shows), while the keys and the Enter go
on as typing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow

from returns_desk.ui.scanner.burst import (
    Burst,
    BurstRules,
    BurstVerdict,
    classify,
    gaps_between,
    looks_like_caps_lock,
)
from returns_desk.ui.scanner.duplicates import DuplicateWindow
from returns_desk.ui.scanner.reach import Reach
from returns_desk.ui.timers import single_shot
from returns_desk.workflow.barcode import BarcodeRules, LabelKind, label_kind, normalise

log = logging.getLogger(__name__)

_KEY_PRESS = QEvent.Type.KeyPress
_KEY_RELEASE = QEvent.Type.KeyRelease
_TERMINATORS = {Qt.Key.Key_Return: "Enter", Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Tab: "Tab"}
_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
}
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


_EDITING_KEYS = {Qt.Key.Key_Backspace, Qt.Key.Key_Escape, Qt.Key.Key_Delete}


def _burst_char(key: int, text: str) -> bool:
    """One character, printable or not (GS, NUL ...), from a key that is not for editing."""
    return len(text) == 1 and key not in _EDITING_KEYS


class ScannerInput(QObject):
    """Turns scanner bursts into ``scanned(str)``; see the module docstring."""

    scanned = Signal(str)  # the raw text of a recognised scan (terminator removed)
    burst_finished = Signal(object)  # every Burst, scan or typing (the scanner test screen)
    caps_lock_suspected = Signal(bool)
    held = Signal(str)  # a scan read while another window was in front: offered, not recorded
    burst_started = Signal()  # the first key of what may be a scan: background work may wait

    def __init__(
        self,
        rules: BurstRules,
        barcode_rules: BarcodeRules,
        *,
        duplicate_window_s: float = 1.5,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        reach: Callable[[QWindow], Reach] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.rules = rules
        self._barcode_rules = barcode_rules
        self._clock, self._now = clock, now
        self._held: list[tuple[QWindow, QKeyEvent]] = []  # held-back key events, in order
        self._text: list[str] = []
        self._times: list[float] = []
        self._swallow_releases: set[int] = set()  # keys of a recognised scan still down
        self._duplicates = DuplicateWindow(duplicate_window_s)
        self._replaying = False
        self._installed_on: QGuiApplication | None = None
        self._watched: list[QWindow] = []
        self._caps_lock: bool | None = None
        self._reach_of = reach  # None: every window is the desk (a bare filter, the tests)
        self._reach = Reach.DESK  # where the burst being held started
        self._pause_ms = max(1, round(rules.max_gap_ms))
        self._pause = single_shot(self, self._on_pause_timeout, self._pause_ms)
        self._pause.setTimerType(Qt.TimerType.PreciseTimer)
        self._pause_checked = False  # the timer found the gap within the rule once already
        # a burst the pause ended, reported once it is clear that no Enter or Tab follows it
        self._ended: Burst | None = None
        self._ended_at = 0.0  # the time of its last key
        self._report = single_shot(self, self._on_report_timeout, self._pause_ms)

    # --- installation ------------------------------------------------------------------

    def install(self, app: QGuiApplication) -> None:
        """Watch every window of ``app``, now and as windows get the focus."""
        if self._installed_on is None:
            self._installed_on = app
            app.focusWindowChanged.connect(self._on_app_focus_window_changed)
            for window in app.topLevelWindows():
                self._watch(window)

    def uninstall(self) -> None:
        """Remove the filter, giving back any keys still held (idempotent)."""
        self._pause.stop()
        self._replay()
        self._flush_report()
        if self._installed_on is not None:
            self._installed_on.focusWindowChanged.disconnect(self._on_app_focus_window_changed)
            self._installed_on = None
        for window in self._watched:
            if shiboken6.isValid(window):
                window.removeEventFilter(self)
        self._watched = []

    def watches(self, window: QWindow) -> bool:
        return any(w is window for w in self._watched)

    def _watch(self, window: QWindow | None) -> None:
        self._watched = [w for w in self._watched if shiboken6.isValid(w)]
        if window is not None and not self.watches(window):
            window.installEventFilter(self)
            self._watched.append(window)

    @Slot(QWindow)
    def _on_app_focus_window_changed(self, window: QWindow | None) -> None:
        self._watch(window)

    def set_rules(self, rules: BurstRules, duplicate_window_s: float) -> None:
        """New timings from the settings, from the next burst on."""
        self._end_as_typing()
        self._flush_report()
        self.rules = rules
        self._duplicates = DuplicateWindow(duplicate_window_s)
        self._pause_ms = max(1, round(rules.max_gap_ms))
        self._pause.setInterval(self._pause_ms)
        self._report.setInterval(self._pause_ms)

    @property
    def busy(self) -> bool:
        """A burst is being held back right now."""
        return bool(self._text)

    # --- the filter ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An exception leaving an event filter crashes PySide6 6.11 (shiboken's error
        # printer): a bug here, or one still pending from a slot, is logged and the key
        # goes on, unfiltered.
        try:
            return self._filter(watched, event)
        except Exception:
            log.exception("the scanner filter hit a bug; the key goes on unfiltered")
            return False

    def _filter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind != _KEY_PRESS and kind != _KEY_RELEASE:
            return False
        if self._replaying or not isinstance(watched, QWindow):
            return False
        assert isinstance(event, QKeyEvent)
        if kind == _KEY_RELEASE:
            return self._on_release(watched, event)
        return self._on_press(watched, event)

    def _on_press(self, window: QWindow, event: QKeyEvent) -> bool:
        key = event.key()
        now = self._clock()
        if key in _TERMINATORS:
            if not self._text:
                self._terminate_ended(_TERMINATORS[Qt.Key(key)], now)
                return False  # a human Enter or Tab
            return self._finish(_TERMINATORS[Qt.Key(key)], now, key)
        if key in _MODIFIER_KEYS:
            if self._text:  # Shift inside a burst (capitals): keep it with the burst
                self._held.append((window, event.clone()))
                return True
            return False
        text = event.text()
        command = bool(event.modifiers() & _COMMAND_MODIFIERS)
        member = _burst_char(key, text)
        if member and self._text:
            command = False  # GS sent as Ctrl+] inside a label: still the label
        if event.isAutoRepeat() or command or not member:
            self._end_as_typing()  # e.g. Backspace, arrows, F-keys: what came before was typing
            return False
        if self._text and (now - self._times[-1]) * 1000.0 > self.rules.max_gap_ms:
            self._end_as_typing()  # a pause: what came before was typing
        if not self._text:
            self._reach = Reach.DESK if self._reach_of is None else self._reach_of(window)
            if self._reach is Reach.SECRET:
                return False  # a password or PIN: not held, not timed, not reported
            self.burst_started.emit()
        self._text.append(text)
        self._times.append(now)
        self._held.append((window, event.clone()))
        self._pause_checked = False
        self._pause.start(self._pause_ms)
        return True

    def _on_release(self, window: QWindow, event: QKeyEvent) -> bool:
        key = event.key()
        if key in self._swallow_releases:
            self._swallow_releases.discard(key)
            return True
        if self._text:
            self._held.append((window, event.clone()))
            return True
        return False

    @Slot()
    def _on_pause_timeout(self) -> None:
        """The pause after the last key: typing, once the gap is over the maximum by the
        scanner's clock (a timer may fire a little early; it looks again once, then ends)."""
        if self._text and not self._pause_checked:
            gap_ms = (self._clock() - self._times[-1]) * 1000.0
            if gap_ms <= self.rules.max_gap_ms:
                self._pause_checked = True
                self._pause.start(max(1, round(self.rules.max_gap_ms - gap_ms) + 1))
                return
        self._end_as_typing(by_pause=True)

    @Slot()
    def _on_report_timeout(self) -> None:
        self._flush_report()

    def _flush_report(self) -> None:
        """Report the burst the pause ended: no Enter or Tab came for it."""
        self._report.stop()
        ended, self._ended = self._ended, None
        if ended is not None:
            self.burst_finished.emit(ended)

    def _terminate_ended(self, terminator: str, now: float) -> None:
        """An Enter or Tab soon after a pause ended a burst: that burst's terminator, after
        a gap too long (the keys went on as typing, and so does the Enter or Tab)."""
        ended = self._ended
        if ended is None:
            return
        gap_ms = (now - self._ended_at) * 1000.0
        if gap_ms > 2 * self.rules.max_gap_ms:
            self._flush_report()
            return
        self._ended = None
        self._report.stop()
        gaps = (*ended.gaps_ms, gap_ms)
        verdict = classify(ended.text, gaps, True, self.rules)
        if verdict is BurstVerdict.SCAN:  # within the rule by the clock, but typed already
            verdict = BurstVerdict.GAP_TOO_LONG
        self.burst_finished.emit(Burst(ended.text, gaps, terminator, verdict, ended.at))

    # --- deciding ------------------------------------------------------------------------

    def _finish(self, terminator: str, now: float, key: int) -> bool:
        """Enter or Tab ended a burst: a scan (swallowed) or typing (replayed, key goes on)."""
        text = "".join(self._text)
        gaps = gaps_between([*self._times, now])
        verdict = classify(text, gaps, True, self.rules)
        if self._reach is not Reach.DESK:
            return self._finish_elsewhere(text, verdict, key)
        if verdict is not BurstVerdict.SCAN:
            self._emit(Burst(text, gaps, terminator, verdict, self._now()))
            self._replay()
            return False
        self._swallow_releases |= self._keys_still_down() | {key}
        self._drop_held()
        code = normalise(text, self._barcode_rules)
        if self._duplicates.is_double_read(code, now):
            verdict = BurstVerdict.DOUBLE_READ
        self._emit(Burst(text, gaps, terminator, verdict, self._now(), code))
        caps = looks_like_caps_lock(text)
        if caps is not None and caps != self._caps_lock:
            self._caps_lock = caps
            self.caps_lock_suspected.emit(caps)
        if verdict is BurstVerdict.SCAN:
            self.scanned.emit(text)
        return True

    def _finish_elsewhere(self, text: str, verdict: BurstVerdict, key: int) -> bool:
        """A burst in another window: a scan held (a parcel's, in a text field), else typing."""
        code = normalise(text, self._barcode_rules)
        parcel = label_kind(code, self._barcode_rules) is LabelKind.SHIPMENT
        if verdict is not BurstVerdict.SCAN or (self._reach is Reach.FIELD and not parcel):
            self._replay()  # the window's own typing, Enter or Tab included
            return False
        self._swallow_releases |= self._keys_still_down() | {key}
        self._drop_held()
        self.held.emit(text)
        return True

    def _end_as_typing(self, *, by_pause: bool = False) -> None:
        if self._text and self._reach is Reach.DESK:
            text = "".join(self._text)
            gaps = gaps_between(self._times)
            burst = Burst(text, gaps, "", BurstVerdict.NO_TERMINATOR, self._now())
            if by_pause and len(text) > 1:  # an Enter or Tab may still come for it
                self._flush_report()
                self._ended, self._ended_at = burst, self._times[-1]
                self._report.start()
            else:
                self._emit(burst)
        self._replay()

    def _emit(self, burst: Burst) -> None:
        self._flush_report()  # in the order the bursts came
        self.burst_finished.emit(burst)

    # --- held keys -----------------------------------------------------------------------

    def _keys_still_down(self) -> set[int]:
        down: set[int] = set()
        for _, event in self._held:
            if event.type() == _KEY_PRESS:
                down.add(event.key())
            else:
                down.discard(event.key())
        return down

    def _drop_held(self) -> None:
        self._pause.stop()
        self._held, self._text, self._times = [], [], []

    def _replay(self) -> None:
        """Give the held keys back to their window, in order, past this filter."""
        held = self._held
        self._drop_held()
        if not held:
            return
        self._replaying = True
        try:
            for window, event in held:
                if shiboken6.isValid(window):
                    QCoreApplication.sendEvent(window, event)
        finally:
            self._replaying = False
