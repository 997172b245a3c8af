"""The admin PIN prompt: right, wrong, three strikes, a lock that outlives the prompt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from returns_desk.admin_pin import PinLockout
from returns_desk.settings import Settings
from returns_desk.ui.admin import PinDialog, ask_admin_pin
from tests.clocks import FakeClock
from tests.ui.admin.conftest import quick_hash

PIN_HASH = quick_hash("2468")


def open_prompt(qtbot) -> PinDialog:  # type: ignore[no-untyped-def]
    dialog = PinDialog(PIN_HASH)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def enter(qtbot, dialog: PinDialog, digits: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.entry, digits)
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)


def test_the_right_pin_typed_opens(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_prompt(qtbot)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        enter(qtbot, dialog, "2468")
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_keypad_alone_works(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_prompt(qtbot)
    for key in ("2", "4", "9", "back", "6", "8"):
        qtbot.mouseClick(dialog.keys[key], Qt.MouseButton.LeftButton)
    assert dialog.entry.text() == "2468"
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_a_wrong_pin_then_the_right_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_prompt(qtbot)
    qtbot.keyClicks(dialog.entry, "12ab34")  # letters are not taken
    assert dialog.entry.text() == "1234"
    qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.entry.text() == ""
    assert "2 tries left" in dialog.message.text()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        enter(qtbot, dialog, "2468")


def test_three_wrong_pins_lock_the_prompt(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_prompt(qtbot)
    enter(qtbot, dialog, "0000")
    enter(qtbot, dialog, "1111")
    assert "One try left" in dialog.message.text()
    enter(qtbot, dialog, "2222")
    assert dialog.locked() and dialog.isVisible()
    assert "3 times" in dialog.message.text() and not dialog.message.isHidden()
    assert "30 seconds" in dialog.message.text()
    assert not dialog.entry.isEnabled() and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog, "2468")  # the right PIN no longer helps
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter now closes
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_escape_cancels(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_prompt(qtbot)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog.entry, Qt.Key.Key_Escape)


def test_no_pin_set_asks_nothing(qapp) -> None:  # type: ignore[no-untyped-def]
    assert ask_admin_pin(None, Settings()) is True


def test_a_new_prompt_does_not_give_fresh_tries(qtbot) -> None:  # type: ignore[no-untyped-def]
    first = open_prompt(qtbot)
    for pin in ("000000", "111111", "222222"):
        enter(qtbot, first, pin)
    assert first.locked()
    second = open_prompt(qtbot)  # the clerk closes the prompt and opens it again
    assert second.locked() and not second.entry.isEnabled()
    assert "locked for" in second.message.text()


def test_each_miss_after_the_lock_doubles_the_wait(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(1_000_000.0)
    lockout = PinLockout(tmp_path / "lockout.json", clock=clock)
    waits = [lockout.failed() for _ in range(6)]
    assert waits == [0.0, 0.0, 30.0, 60.0, 120.0, 240.0]
    again = PinLockout(tmp_path / "lockout.json", clock=clock)  # a restart of the app
    assert again.wait_s() == 240.0
    clock.advance(240.0)
    dialog = PinDialog(PIN_HASH, lockout=again)
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.locked()
    enter(qtbot, dialog, "999999")  # one more miss: locked at once, for longer
    assert dialog.locked() and "8 minutes" in dialog.message.text()
    clock.advance(480.0)
    dialog = PinDialog(PIN_HASH, lockout=PinLockout(tmp_path / "lockout.json", clock=clock))
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        enter(qtbot, dialog, "2468")
    assert PinLockout(tmp_path / "lockout.json").failures == 0  # the right PIN resets it


def test_the_lock_waits_at_most_an_hour(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lockout = PinLockout(tmp_path / "lockout.json", clock=FakeClock())
    assert max(lockout.failed() for _ in range(40)) == 3600.0
