"""The serial scanner reader against a real pseudo-terminal: framing, decoding, unplugging."""

from __future__ import annotations

import errno
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial
from serial.tools.list_ports_common import ListPortInfo

from returns_desk.devices import serial_scanner
from returns_desk.devices.serial_scanner import (
    Frame,
    LabelFramer,
    LinkReason,
    LinkState,
    LinkStatus,
    PortInfo,
    ReaderTiming,
    SerialConfig,
    SerialScanner,
    decode_label,
    list_ports,
    open_failure_reason,
)
from tests.devices.pty_scanner import PtyScanner, needs_pty

FAST = ReaderTiming(
    read_timeout_s=0.05,
    flush_after_s=0.1,
    retry_first_s=0.01,
    retry_max_s=0.05,
    presence_every_s=0.02,
)


class Reader:
    """A ``SerialScanner`` on a Python thread; frames and statuses in one queue, in order."""

    def __init__(
        self, port: str, timing: ReaderTiming = FAST, usb_id: str = "", **kwargs: object
    ) -> None:
        self.events: queue.Queue[Frame | LinkStatus] = queue.Queue()
        self.scanner = SerialScanner(
            SerialConfig(port, usb_id=usb_id),
            on_frame=self.events.put,
            on_status=self.events.put,
            timing=timing,
            **kwargs,  # type: ignore[arg-type]
        )
        self.stop_event = threading.Event()
        self.thread = threading.Thread(
            target=self.scanner.run, args=(self.stop_event,), name="serial-reader"
        )
        self.thread.start()

    def next(self, timeout_s: float = 2.0) -> Frame | LinkStatus:
        return self.events.get(timeout=timeout_s)

    def frame(self) -> Frame:
        event = self.next()
        assert isinstance(event, Frame), event
        return event

    def status(self) -> LinkStatus:
        event = self.next()
        assert isinstance(event, LinkStatus), event
        return event

    def stop(self) -> float:
        """Stop and join; how long it took."""
        started = time.monotonic()
        self.stop_event.set()
        self.scanner.interrupt()
        self.thread.join(5)
        assert not self.thread.is_alive()
        return time.monotonic() - started


@pytest.fixture
def reader(device: PtyScanner) -> Iterator[Reader]:
    r = Reader(device.port)
    assert r.status() == LinkStatus(LinkState.CONNECTED, LinkReason.OPENED, device.port)
    yield r
    r.stop()


# --- decoding and framing (no port) --------------------------------------------------------


def test_decode_label_is_tolerant() -> None:
    assert decode_label(b"FMPC1234567890") == "FMPC1234567890"
    assert decode_label(b"\x02FMPC1234567890\x03") == "FMPC1234567890"  # STX/ETX
    assert decode_label(b" \x00FMPC12\x1d34\x7f ") == "FMPC1234"  # NUL, GS, DEL
    assert decode_label("Café".encode()) == "Café"  # UTF-8
    assert decode_label(b"Caf\xe9\x9b") == "Café"  # not UTF-8: latin-1, C1 control removed
    assert decode_label(b"\x00\x1b\x07") == ""


def test_framer_cr_lf_crlf_and_reads_split_anywhere() -> None:
    stream = b"FMPC0000000001\rFMPC0000000002\nFMPC0000000003\r\n\r\n"
    expected = [
        Frame("FMPC0000000001", "CR"),
        Frame("FMPC0000000002", "LF"),
        Frame("FMPC0000000003", "CR"),  # CRLF: the LF is an empty line, dropped
    ]
    assert LabelFramer().feed(stream) == expected
    framer = LabelFramer()
    one_byte_at_a_time = [
        frame for i in range(len(stream)) for frame in framer.feed(stream[i : i + 1])
    ]
    assert one_byte_at_a_time == expected
    assert not framer.pending


def test_framer_garbage_and_overflow() -> None:
    framer = LabelFramer(max_length=16)
    assert framer.feed(b"\x00\xff\x1b[0m\r") == [Frame("ÿ[0m", "CR")]  # noise: short text
    assert framer.feed(b"\x00\x00\r\n") == []  # nothing printable: no frame
    assert framer.feed(b"A" * 10) == [] and framer.pending
    assert framer.feed(b"B" * 10) == [Frame("A" * 10 + "B" * 10, "")]  # no CR/LF: given up
    assert not framer.pending
    assert framer.feed(b"FMPC1") == [] and framer.flush() == Frame("FMPC1", "")
    assert framer.flush() is None


def test_open_failure_reasons() -> None:
    def posix(number: int) -> serial.SerialException:
        return serial.SerialException(number, f"could not open port x: [Errno {number}]")

    assert open_failure_reason(posix(errno.ENOENT)) is LinkReason.NOT_FOUND
    assert open_failure_reason(posix(errno.EACCES)) is LinkReason.NO_ACCESS
    assert open_failure_reason(posix(errno.EBUSY)) is LinkReason.NO_ACCESS
    assert open_failure_reason(posix(errno.EIO)) is LinkReason.FAILED
    # pyserial on Windows puts the WinError into the text, with no errno
    windows = "could not open port 'COM9': FileNotFoundError(2, 'The system cannot find the file')"
    assert open_failure_reason(serial.SerialException(windows)) is LinkReason.NOT_FOUND
    busy = "could not open port 'COM3': PermissionError(13, 'Access is denied.', None, 5)"
    assert open_failure_reason(serial.SerialException(busy)) is LinkReason.NO_ACCESS
    assert open_failure_reason(ValueError("Invalid baud rate")) is LinkReason.FAILED


def test_list_ports_names_usb_ids_and_sorts_naturally(monkeypatch: pytest.MonkeyPatch) -> None:
    def port(device: str, description: str, vid: int | None = None) -> ListPortInfo:
        info = ListPortInfo(device, skip_link_detection=True)
        info.description = description
        if vid is not None:
            info.vid, info.pid = vid, 0x0B61
        return info

    found = [port("COM10", "n/a"), port("COM3", "Honeywell Scanner", 0x0C2E), port("COM2", "COM2")]
    monkeypatch.setattr(serial_scanner._list_ports, "comports", lambda: found)
    assert [(p.device, p.description, p.vid_pid) for p in list_ports()] == [
        ("COM2", "", ""),
        ("COM3", "Honeywell Scanner", "0C2E:0B61"),
        ("COM10", "", ""),
    ]


def test_list_ports_on_this_machine_does_not_raise() -> None:
    assert all(port.device for port in list_ports())


# --- a real port ---------------------------------------------------------------------------


@needs_pty
@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"])
def test_a_label_arrives(device: PtyScanner, reader: Reader, terminator: bytes) -> None:
    device.send(b"FMPC1234567890" + terminator)
    assert reader.frame().text == "FMPC1234567890"
    device.send(b"FMPC0987654321" + terminator)  # the LF of a CRLF made no empty frame
    assert reader.frame().text == "FMPC0987654321"


@needs_pty
def test_a_label_split_across_reads(device: PtyScanner, reader: Reader) -> None:
    for piece in (b"FMPC12", b"34567", b"890\r", b"\nFMPC00", b"00000001\r\n"):
        device.send(piece)
        device.wait_read()  # the reader has taken this piece: the next one is another read
    assert reader.frame() == Frame("FMPC1234567890", "CR")
    assert reader.frame() == Frame("FMPC0000000001", "CR")


@needs_pty
def test_garbage_bytes_are_removed_or_dropped(device: PtyScanner, reader: Reader) -> None:
    device.send(b"\x00\x00\r\n\x02FMPC1234567890\x03\r\n\x1b\x07\r")
    assert reader.frame() == Frame("FMPC1234567890", "CR")
    device.send(b"\xff\xfe\r")
    assert reader.frame() == Frame("ÿþ", "CR")  # shown for what it is; too short to be a scan


@needs_pty
def test_bytes_without_cr_lf_come_out_after_a_silence(device: PtyScanner, reader: Reader) -> None:
    device.send(b"FMPC1234567890")
    assert reader.frame() == Frame("FMPC1234567890", "")


@needs_pty
def test_unplug_and_plug_back_in(device: PtyScanner, reader: Reader) -> None:
    device.send(b"FMPC0000000001\r")
    assert reader.frame().text == "FMPC0000000001"

    device.unplug()
    lost = reader.status()
    assert (lost.state, lost.reason) == (LinkState.DISCONNECTED, LinkReason.LOST)
    assert lost.detail  # pyserial's words, for the log
    with pytest.raises(queue.Empty):  # retrying quietly: still "lost", not "not found"
        reader.next(timeout_s=0.2)

    device.plug()
    assert reader.status().state is LinkState.CONNECTED
    device.send(b"FMPC0000000002\r\n")
    assert reader.frame().text == "FMPC0000000002"


@needs_pty
def test_stop_is_prompt_while_waiting_to_reconnect(device: PtyScanner) -> None:
    slow_retry = ReaderTiming(read_timeout_s=0.05, retry_first_s=30, retry_max_s=30)
    r = Reader(device.port, timing=slow_retry)
    assert r.status().state is LinkState.CONNECTED
    device.unplug()
    assert r.status().reason is LinkReason.LOST
    assert r.stop() < 0.2
    assert r.status() == LinkStatus(LinkState.OFF, LinkReason.STOPPED, device.port)


@needs_pty
def test_stop_is_prompt_while_a_read_waits(device: PtyScanner) -> None:
    r = Reader(device.port, timing=ReaderTiming(read_timeout_s=30))
    assert r.status().state is LinkState.CONNECTED
    assert r.stop() < 0.2  # the read is cancelled, not waited out
    assert r.status().state is LinkState.OFF


def test_a_port_that_never_existed(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-port")
    r = Reader(missing)
    status = r.status()
    assert (status.state, status.reason, status.port) == (
        LinkState.DISCONNECTED,
        LinkReason.NOT_FOUND,
        missing,
    )
    with pytest.raises(queue.Empty):  # retries go on without repeating themselves
        r.next(timeout_s=0.1)
    assert r.stop() < 0.2


@needs_pty
def test_a_port_in_use_by_another_reader(device: PtyScanner, reader: Reader) -> None:
    second = Reader(device.port)
    assert second.status().reason is LinkReason.NO_ACCESS
    second.stop()


def test_a_file_that_is_not_a_port(tmp_path: Path) -> None:
    not_a_port = tmp_path / "settings.toml"
    not_a_port.write_text("")
    r = Reader(str(not_a_port))
    status = r.status()
    assert (status.state, status.reason) == (LinkState.DISCONNECTED, LinkReason.FAILED)
    assert "configure" in status.detail.lower()
    r.stop()


@needs_pty
def test_a_port_gone_from_the_system_list_counts_as_unplugged(device: PtyScanner) -> None:
    """Some Windows drivers keep a dead handle that reads nothing instead of failing."""
    present = {device.port}
    r = Reader(device.port, list_devices=lambda: set(present))
    assert r.status().state is LinkState.CONNECTED
    present.clear()
    assert r.status().reason is LinkReason.LOST
    assert r.status().state is LinkState.CONNECTED  # the handle reopens; nothing to check now
    r.stop()


@needs_pty
def test_the_reader_does_not_spin(device: PtyScanner, tmp_path: Path) -> None:
    """Idle, and waiting for a port that is not there: the process uses next to no CPU."""
    idle = Reader(device.port)
    missing = Reader(str(tmp_path / "no-such-port"))
    assert idle.status().state is LinkState.CONNECTED
    assert missing.status().reason is LinkReason.NOT_FOUND
    started = time.process_time()
    threading.Event().wait(0.3)
    assert time.process_time() - started < 0.06
    idle.stop(), missing.stop()


@needs_pty
def test_a_scanner_back_under_another_port_name_is_found_by_its_usb_id(tmp_path: Path) -> None:
    """Windows may give a scanner plugged into another USB socket a new COM number."""
    usb = "0C2E:0B61"
    first = PtyScanner(tmp_path / "COM3")
    present = [PortInfo(first.port, "Honeywell scanner", usb)]
    r = Reader(
        first.port,
        usb_id=usb,
        find_ports=lambda: list(present),
        list_devices=lambda: [p.device for p in present],
    )
    moved = None
    try:
        assert r.status() == LinkStatus(LinkState.CONNECTED, LinkReason.OPENED, first.port)
        first.unplug()
        present.clear()
        assert r.status().reason is LinkReason.LOST
        moved = PtyScanner(tmp_path / "COM7")
        present[:] = [PortInfo("COM1", "Modem", "1234:0001"), PortInfo(moved.port, "", usb)]
        assert r.status() == LinkStatus(LinkState.CONNECTED, LinkReason.OPENED, moved.port)
        moved.send(b"FMPC0000000007\r")
        assert r.frame().text == "FMPC0000000007"
    finally:
        r.stop()
        first.close()
        if moved is not None:
            moved.close()


@needs_pty
def test_two_ports_with_the_scanners_usb_id_are_not_guessed_between(tmp_path: Path) -> None:
    usb = "0C2E:0B61"
    one, two = PtyScanner(tmp_path / "COM5"), PtyScanner(tmp_path / "COM6")
    ports = [PortInfo(one.port, "", usb), PortInfo(two.port, "", usb)]
    r = Reader(str(tmp_path / "COM3"), usb_id=usb, find_ports=lambda: ports, list_devices=None)
    try:
        assert r.status().reason is LinkReason.NOT_FOUND  # which one? the admin must choose
        with pytest.raises(queue.Empty):
            r.next(timeout_s=0.2)
    finally:
        r.stop()
        one.close()
        two.close()
