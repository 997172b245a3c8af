"""SerialInput: a scanner in serial (COM port) mode, a real pseudo-terminal standing in for it.

Everything is waited for by signal; every test stops its thread (the suite fails a test that
leaves a QThread running).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Slot

from returns_desk.devices.serial_scanner import ReaderTiming, SerialConfig
from returns_desk.settings import Settings
from returns_desk.ui.actions import Actions
from returns_desk.ui.scanner.burst import BurstRules, BurstVerdict
from returns_desk.ui.scanner.serial_burst import SerialBurst
from returns_desk.ui.scanner.serial_input import SerialInput
from returns_desk.ui.screens.scanner_test import ScannerTestScreen
from returns_desk.workflow.barcode import BarcodeRules
from tests.devices.pty_scanner import PtyScanner, needs_pty

FAST = ReaderTiming(read_timeout_s=0.05, flush_after_s=0.1, retry_first_s=0.01, retry_max_s=0.05)
AT = datetime(2025, 3, 1, 10, 30).astimezone()


def make_input(port: str, *, timing: ReaderTiming = FAST, window_s: float = 60.0) -> SerialInput:
    return SerialInput(
        SerialConfig(port),
        BurstRules(min_length=8),
        BarcodeRules(prefixes=("*",)),
        duplicate_window_s=window_s,
        timing=timing,
        list_devices=None,
        now=lambda: AT,
    )


def is_state(state: str):  # type: ignore[no-untyped-def]
    return lambda got, _text: got == state


@pytest.fixture
def serial_input(qtbot, device: PtyScanner) -> Iterator[SerialInput]:  # type: ignore[no-untyped-def]
    reader = make_input(device.port)
    with qtbot.waitSignal(reader.status_changed, check_params_cb=is_state("connected")) as got:
        reader.start()
    assert got.args == ["connected", f"Scanner on {device.port} connected"]
    yield reader
    reader.stop()


class Recorder(QObject):
    """Collects what a signal carries, in the GUI thread (a slot of a GUI-thread object)."""

    def __init__(self, *signals) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.items: list = []
        for signal in signals:
            signal.connect(self.add)

    @Slot(object)
    def add(self, item: object) -> None:
        self.items.append(item)

    def wait_for(self, qtbot, count: int) -> list:  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: len(self.items) >= count, timeout=3000)
        return self.items


@needs_pty
def test_a_label_is_scanned_like_a_keyboard_scan(qtbot, device, serial_input) -> None:  # type: ignore[no-untyped-def]
    with (
        qtbot.waitSignal(serial_input.scanned) as scanned,
        qtbot.waitSignal(serial_input.burst_finished) as burst,
    ):
        device.send(b"*FMPC1234567890\r\n")
    # as ScannerInput.scanned: the text as read; the controller normalises it
    assert scanned.args == ["*FMPC1234567890"]
    assert burst.args[0] == SerialBurst(
        "*FMPC1234567890", (), "CR", BurstVerdict.SCAN, AT, "FMPC1234567890", device.port
    )


@needs_pty
def test_a_double_read_is_ignored_and_a_different_label_is_not_delayed(
    qtbot, device, serial_input
) -> None:  # type: ignore[no-untyped-def]
    scans, bursts = Recorder(serial_input.scanned), Recorder(serial_input.burst_finished)
    device.send(b"FMPC0000000001\rFMPC0000000001\rFMPC0000000002\r")
    assert [(b.code, b.verdict) for b in bursts.wait_for(qtbot, 3)] == [
        ("FMPC0000000001", BurstVerdict.SCAN),
        ("FMPC0000000001", BurstVerdict.DOUBLE_READ),
        ("FMPC0000000002", BurstVerdict.SCAN),
    ]
    assert scans.wait_for(qtbot, 2) == ["FMPC0000000001", "FMPC0000000002"]


@needs_pty
def test_noise_and_a_missing_cr_lf_are_shown_but_not_scanned(qtbot, device, serial_input) -> None:  # type: ignore[no-untyped-def]
    scans, bursts = Recorder(serial_input.scanned), Recorder(serial_input.burst_finished)
    device.send(b"\x00\xff\r\n")
    device.send(b"FMPC1234567890")  # the scanner's suffix is not set: no CR/LF
    assert [(b.text, b.terminator, b.verdict) for b in bursts.wait_for(qtbot, 2)] == [
        ("ÿ", "CR", BurstVerdict.TOO_SHORT),
        ("FMPC1234567890", "", BurstVerdict.NO_TERMINATOR),
    ]
    assert scans.items == []


@needs_pty
def test_unplugged_then_back(qtbot, device, serial_input) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(serial_input.status_changed) as lost:
        device.unplug()
    state, text = lost.args
    assert state == "disconnected" and serial_input.state == "disconnected"
    assert text == (
        f"Scanner on {device.port} disconnected — plug it back in; scans resume by themselves"
    )
    with qtbot.waitSignal(serial_input.status_changed, check_params_cb=is_state("connected")):
        device.plug()
    with qtbot.waitSignal(serial_input.scanned) as scanned:
        device.send(b"FMPC1234567890\r\n")
    assert scanned.args == ["FMPC1234567890"]


@needs_pty
def test_stop_is_prompt_while_waiting_to_reconnect(qtbot, device) -> None:  # type: ignore[no-untyped-def]
    reader = make_input(device.port, timing=ReaderTiming(read_timeout_s=0.05, retry_first_s=30))
    with qtbot.waitSignal(reader.status_changed, check_params_cb=is_state("connected")):
        reader.start()
    with qtbot.waitSignal(reader.status_changed, check_params_cb=is_state("disconnected")):
        device.unplug()
    with qtbot.waitSignal(reader.status_changed) as off:
        started = time.monotonic()
        assert reader.stop()
        took = time.monotonic() - started
    assert took < 0.2 and not reader.isRunning()
    assert off.args == ["off", f"Serial scanner on {device.port} off"]
    assert reader.stop()  # idempotent


@needs_pty
def test_nothing_arrives_after_stop(qtbot, device, serial_input) -> None:  # type: ignore[no-untyped-def]
    """A label read just before stop() is not delivered to a window that is closing."""
    scans, bursts = Recorder(serial_input.scanned), Recorder(serial_input.burst_finished)
    device.send(b"FMPC1234567890\r\n")
    device.wait_read()  # read by the thread; stop() joins it, so its signal is posted by then
    serial_input.stop()
    QCoreApplication.sendPostedEvents()
    assert scans.items == [] and bursts.items == []


@needs_pty
def test_stop_is_prompt_while_reading(qtbot, device) -> None:  # type: ignore[no-untyped-def]
    reader = make_input(device.port, timing=ReaderTiming(read_timeout_s=30))
    with qtbot.waitSignal(reader.status_changed, check_params_cb=is_state("connected")):
        reader.start()
    started = time.monotonic()
    assert reader.stop()
    assert time.monotonic() - started < 0.2
    assert reader.state == "off"


def test_a_port_that_never_existed_says_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = str(tmp_path / "COM9")
    reader = make_input(missing)
    with qtbot.waitSignal(reader.status_changed) as got:
        reader.start()
    assert got.args == [
        "disconnected",
        f"No scanner on {missing} — plug it in (scans start by themselves) or choose its port "
        "in Settings, Scanner",
    ]
    assert reader.isRunning()  # it keeps trying: the scanner may be plugged in later
    reader.stop()


def test_from_settings() -> None:
    assert SerialInput.from_settings(Settings()) is None  # keyboard scanners only: the default
    reader = SerialInput.from_settings(Settings(scanner_port=" COM3 ", scanner_baud=115200))
    assert reader is not None
    assert reader.port == "COM3" and reader.state == "off" and not reader.isRunning()
    assert reader.stop()


def test_the_scanner_test_screen_shows_serial_labels_without_timing(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    screen = ScannerTestScreen(Actions(owner), BurstRules(), 1.5)
    qtbot.addWidget(screen)
    assert screen.serial_status.isHidden()
    screen.set_serial_status("disconnected", "Scanner on COM3 disconnected")
    assert screen.serial_state == "disconnected"
    assert not screen.serial_status.isHidden()
    assert screen.serial_status.text() == "Scanner on COM3 disconnected"

    scan = SerialBurst("FMPC1234567890", (), "CR", BurstVerdict.SCAN, AT, "FMPC1234567890", "COM3")
    screen.add_burst(scan)
    assert screen.timing.currentWidget() is screen.no_timing
    row = [screen.model.index(0, column).data() for column in range(screen.model.columnCount())]
    assert row[1:] == [
        "FMPC1234567890 ⏎CR",
        "14",
        "n/a (serial)",
        "n/a (serial)",
        "Scan",
        "FMPC1234567890",
    ]
    noise = SerialBurst("FMPC12", (), "", BurstVerdict.NO_TERMINATOR, AT, "", "COM3")
    screen.add_burst(noise)
    assert screen.model.index(0, 5).data() == "No CR/LF at the end (ignored)"


@needs_pty
def test_the_window_takes_scans_from_a_serial_scanner(qtbot, sandbox, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Settings name a port: the window opens it, says so, and records its labels."""
    from tests.ui.conftest import Desk, scanning_fe

    device = PtyScanner(tmp_path / "ttyDock")
    settings = Settings(
        api_base_url=sandbox.base_url,
        seller_location_id="LOC1",
        terminal_id="DOCK-T",
        scanner_port=device.port,
    )
    desk = Desk(qtbot, sandbox, tmp_path / "data", settings=settings)
    try:
        window = desk.window
        desk.wait(lambda: window.serial_status.text() == f"Scanner on {device.port} connected")
        assert window.serial_status.isVisible()
        _fe, ids = scanning_fe(desk, parcels=2)
        device.send(ids[0].encode("ascii") + b"\r\n")
        desk.wait(lambda: desk.view().counts.dock_scanned == 1)
        assert window.scanning.banner.kind == "matched"
        device.unplug()
        desk.wait(lambda: window.serial_status.property("state") == "disconnected")
        assert "disconnected" in window.serial_status.text()
    finally:
        desk.close()
        device.close()
    assert window.serial_scanner is not None and not window.serial_scanner.isRunning()
