"""Barcode scanners that present as a serial (COM) port: list, open, frame, decode, reconnect.

No Qt: ``ui/scanner/serial_input.py`` runs ``SerialScanner.run`` on a ``QThread`` and turns
what it reports into signals. The reader

- opens the port with pyserial (8 data bits, no parity, 1 stop bit at the configured rate,
  exclusively, so a second program cannot steal half the scans);
- frames the bytes into labels: CR or LF ends one (CRLF is CR and an empty line, dropped);
  bytes with no CR/LF followed by a silence are handed on as an *unterminated* frame, so the
  scanner test screen can say that the scanner's suffix is not set;
- decodes tolerantly (UTF-8, else latin-1, which maps every byte) and removes control
  characters: line noise never raises, and a prefix/suffix the scanner adds is removed later
  by ``workflow.barcode.normalise``, as for keyboard scanners;
- reports its link as codes (``LinkStatus``), never prose: ``connected`` once open,
  ``disconnected`` when opening fails or the device vanishes (a read raises, as on Linux and
  Windows when a USB scanner is unplugged, or the port drops out of the system's list), then
  it tries to open the port again after 0.25, 0.5, 1, 1, 1 … s and reports ``connected``
  again when it is back; ``off`` when asked to stop;
- finds the scanner again by its USB vendor and product id (``SerialConfig.usb_id``) when
  its port name is gone but one port of that id is present: Windows may give a scanner
  plugged into another USB socket a new COM number.

It never raises for device trouble and never spins: reads wait ``read_timeout_s`` for data
and retries sleep on the stop event. ``interrupt()`` cancels a read in progress, so a stop
does not even wait for the read timeout. Nothing here logs: a log record made on a thread
Python did not start (a ``QThread``) leaves a ``_DummyThread`` behind, so the details of
each status travel in ``LinkStatus.detail`` to the caller, who logs them.
"""

from __future__ import annotations

import contextlib
import errno
import re
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

import serial
from serial.tools import list_ports as _list_ports

from returns_desk.settings.scanner import DEFAULT_BAUD_RATE

#: What pyserial and the OS raise when a port cannot be opened or read: device trouble,
#: never a bug. (``serial.SerialException`` is an ``OSError``; ``ValueError`` is a setting
#: the driver refuses.)
DEVICE_ERRORS: tuple[type[Exception], ...] = (OSError, ValueError)

_TERMINATOR = re.compile(rb"[\r\n]")
_READ_CHUNK = 4096
_NOT_FOUND_ERRNOS = {errno.ENOENT, errno.ENODEV, errno.ENXIO}
_NO_ACCESS_ERRNOS = {errno.EACCES, errno.EPERM, errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK}


# --- the port picker ----------------------------------------------------------------------


@dataclass(frozen=True)
class PortInfo:
    """One serial port the system knows, for the port picker."""

    device: str  # what to open: "COM3", "/dev/ttyACM0"
    description: str = ""  # the driver's or the USB device's name; "" when it has none
    vid_pid: str = ""  # USB vendor and product id, "0C2E:0B61"; "" when not a USB device


def list_ports() -> list[PortInfo]:
    """The serial ports present now, COM2 before COM10; empty when they cannot be listed."""
    try:
        found = _list_ports.comports()
    except OSError:
        return []
    ports = []
    for info in found:
        description = "" if info.description in (None, "n/a", info.device) else info.description
        vid_pid = f"{info.vid:04X}:{info.pid:04X}" if info.vid is not None else ""
        ports.append(PortInfo(info.device, description or "", vid_pid))
    return sorted(ports, key=lambda p: _natural_key(p.device))


def _natural_key(text: str) -> list[tuple[int, int | str]]:
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text)]


def available_devices() -> set[str]:
    """The names of the ports present now (``list_ports`` without the details)."""
    return {port.device for port in list_ports()}


# --- bytes to labels ----------------------------------------------------------------------


def decode_label(raw: bytes) -> str:
    """A label's bytes as text: UTF-8, else latin-1 (never fails), control characters gone."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf")).strip()


@dataclass(frozen=True)
class Frame:
    """One label as read: its text and what ended it ("CR", "LF", or "" for a silence)."""

    text: str
    terminator: str


class LabelFramer:
    """Bytes in, frames out: CR or LF ends a label, wherever the reads happen to split it.

    Empty lines (the LF of a CRLF, a blank line, a frame of nothing but control bytes) are
    dropped. More than ``max_length`` bytes without CR/LF is not a label: they come out as
    an unterminated frame, so the buffer never grows without bound.
    """

    def __init__(self, max_length: int = 512) -> None:
        self._buffer = bytearray()
        self._max_length = max_length

    @property
    def pending(self) -> bool:
        """Bytes of a label whose CR/LF has not come yet."""
        return bool(self._buffer)

    def feed(self, data: bytes) -> list[Frame]:
        self._buffer += data
        frames = []
        while match := _TERMINATOR.search(self._buffer):
            raw = bytes(self._buffer[: match.start()])
            terminator = "CR" if match.group() == b"\r" else "LF"
            del self._buffer[: match.end()]
            if text := decode_label(raw):
                frames.append(Frame(text, terminator))
        if len(self._buffer) > self._max_length and (frame := self.flush()):
            frames.append(frame)
        return frames

    def flush(self) -> Frame | None:
        """What is pending, as an unterminated frame (None when it decodes to nothing)."""
        raw = bytes(self._buffer)
        self._buffer.clear()
        text = decode_label(raw)
        return Frame(text, "") if text else None

    def reset(self) -> None:
        self._buffer.clear()


# --- the link -----------------------------------------------------------------------------


class LinkState(StrEnum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    OFF = "off"


class LinkReason(StrEnum):
    OPENED = "opened"  # connected
    NOT_FOUND = "not_found"  # no such port: not plugged in, or a wrong name
    NO_ACCESS = "no_access"  # in use by another program, or no permission
    FAILED = "failed"  # the port exists but cannot be opened or set up (see the detail)
    LOST = "lost"  # it was open and went away: unplugged; waiting for it to come back
    STOPPED = "stopped"  # off: the reader was stopped


@dataclass(frozen=True)
class LinkStatus:
    state: LinkState
    reason: LinkReason
    port: str
    detail: str = ""  # the OS's or pyserial's words, for the log


def open_failure_reason(exc: BaseException) -> LinkReason:
    """Why a port did not open, from pyserial's exception (errno on POSIX, text on Windows)."""
    number = exc.errno if isinstance(exc, OSError) else None
    text = str(exc)
    if number in _NOT_FOUND_ERRNOS or "FileNotFoundError" in text:
        return LinkReason.NOT_FOUND
    if (
        number in _NO_ACCESS_ERRNOS
        or "PermissionError" in text
        or "Access is denied" in text
        or "exclusively lock" in text
    ):
        return LinkReason.NO_ACCESS
    return LinkReason.FAILED


@dataclass(frozen=True)
class SerialConfig:
    """How to open the port; only the name and the rate are settings (8N1 is universal)."""

    port: str
    baud: int = DEFAULT_BAUD_RATE
    usb_id: str = ""  # "0C2E:0B61": the scanner's USB id, to find it under another name
    bytesize: int = serial.EIGHTBITS
    parity: str = serial.PARITY_NONE
    stopbits: float = serial.STOPBITS_ONE


@dataclass(frozen=True)
class ReaderTiming:
    """The reader's intervals; tests make them milliseconds."""

    read_timeout_s: float = 0.2  # one read's wait for data (a stop cancels it anyway)
    flush_after_s: float = 0.5  # bytes with no CR/LF, then this much silence: a frame
    retry_first_s: float = 0.25  # the first reopen after a failure or a loss ...
    retry_max_s: float = 1.0  # ... doubling up to this
    presence_every_s: float = 3.0  # while idle, check the port is still in the system's list


DEFAULT_TIMING = ReaderTiming()


class _Port(Protocol):
    """What the reader needs of a ``serial.Serial``."""

    @property
    def in_waiting(self) -> int: ...

    def read(self, size: int = 1) -> bytes: ...

    def cancel_read(self) -> None: ...

    def close(self) -> None: ...


class _PortGone(Exception):
    """The port dropped out of the system's list while its handle still read nothing."""


_READ_ERRORS: tuple[type[Exception], ...] = (*DEVICE_ERRORS, _PortGone)


def open_serial(config: SerialConfig, timeout_s: float) -> _Port:
    """Open the port as ``SerialConfig`` says; raises one of ``DEVICE_ERRORS``."""
    return serial.Serial(
        port=config.port,
        baudrate=config.baud,
        bytesize=config.bytesize,
        parity=config.parity,
        stopbits=config.stopbits,
        timeout=timeout_s,
        exclusive=True,
    )


class SerialScanner:
    """Reads one port until stopped, reconnecting when it goes away; see the module docstring.

    ``on_frame`` and ``on_status`` are called on the thread that runs ``run``.
    ``list_devices`` (``available_devices`` by default) lists the ports present; a port that
    was listed when opened and is no longer listed counts as unplugged, for drivers whose
    handle keeps reading nothing instead of failing.
    """

    def __init__(
        self,
        config: SerialConfig,
        *,
        on_frame: Callable[[Frame], None],
        on_status: Callable[[LinkStatus], None],
        timing: ReaderTiming = DEFAULT_TIMING,
        list_devices: Callable[[], Iterable[str]] | None = available_devices,
        find_ports: Callable[[], list[PortInfo]] = list_ports,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.port_name = config.port  # the port open or sought now (it may have moved)
        self._find_ports = find_ports
        self._on_frame, self._on_status = on_frame, on_status
        self._timing = timing
        self._list_devices = list_devices
        self._clock = clock
        self._framer = LabelFramer()
        self._lock = threading.Lock()  # guards _port between the reader and interrupt()
        self._port: _Port | None = None
        self._listed = False  # the port was in the system's list when it was opened
        self._last: tuple[LinkState, LinkReason] | None = None

    @property
    def status(self) -> tuple[LinkState, LinkReason] | None:
        """The last state and reason reported (None before the first)."""
        return self._last

    def run(self, stop: threading.Event) -> None:
        """Open, read, reopen … until ``stop`` is set; reports ``off`` at the end."""
        delay = self._timing.retry_first_s
        lost = False
        try:
            while not stop.is_set():
                port = self._open(stop, after_loss=lost)
                if port is None:
                    if stop.wait(delay):
                        break
                    delay = min(delay * 2, self._timing.retry_max_s)
                    continue
                delay, lost = self._timing.retry_first_s, False
                try:
                    self._read(port, stop)
                except _READ_ERRORS as exc:
                    lost = True
                    self._report(LinkState.DISCONNECTED, LinkReason.LOST, _describe(exc))
                finally:
                    self._close()
                if lost and stop.wait(delay):
                    break
        finally:
            self._report(LinkState.OFF, LinkReason.STOPPED)

    def interrupt(self) -> None:
        """Cut short a read in progress (any thread); call after setting the stop event."""
        with self._lock:
            if self._port is not None:
                with contextlib.suppress(*DEVICE_ERRORS):  # it ends by its timeout then
                    self._port.cancel_read()

    # --- inside run() ------------------------------------------------------------------

    def _open(self, stop: threading.Event, *, after_loss: bool) -> _Port | None:
        try:
            port = self._open_by_name_or_usb_id()
        except DEVICE_ERRORS as exc:
            reason = open_failure_reason(exc)
            if after_loss and reason is LinkReason.NOT_FOUND:
                reason = LinkReason.LOST  # still unplugged: say so, not "not found"
            self._report(LinkState.DISCONNECTED, reason, _describe(exc))
            return None
        with self._lock:
            self._port = port
        self._framer.reset()
        self._listed = self._is_listed()
        if not stop.is_set():
            self._report(LinkState.CONNECTED, LinkReason.OPENED)
        return port

    def _open_by_name_or_usb_id(self) -> _Port:
        """The configured port; else the one port with the scanner's USB id, if present."""
        timeout = self._timing.read_timeout_s
        try:
            port = open_serial(self.config, timeout)
            self.port_name = self.config.port
            return port
        except DEVICE_ERRORS as exc:
            moved = self._moved_to() if open_failure_reason(exc) is LinkReason.NOT_FOUND else ""
            if not moved:
                raise
        port = open_serial(replace(self.config, port=moved), timeout)
        self.port_name = moved
        return port

    def _moved_to(self) -> str:
        """The port name the scanner has now, when exactly one port has its USB id."""
        if not self.config.usb_id:
            return ""
        try:
            found = [p.device for p in self._find_ports() if p.vid_pid == self.config.usb_id]
        except DEVICE_ERRORS:
            return ""
        return found[0] if len(found) == 1 else ""

    def _read(self, port: _Port, stop: threading.Event) -> None:
        """Read until stopped; raises when the device goes away."""
        timing = self._timing
        last_data = self._clock()
        next_presence = last_data + timing.presence_every_s
        while not stop.is_set():
            waiting = port.in_waiting  # on Windows this is what fails once unplugged
            data = port.read(max(1, min(waiting, _READ_CHUNK)))
            now = self._clock()
            if data:
                last_data = now
                for frame in self._framer.feed(data):
                    self._on_frame(frame)
                continue
            silent = now - last_data >= timing.flush_after_s
            if silent and self._framer.pending and (rest := self._framer.flush()):
                self._on_frame(rest)
            if self._listed and now >= next_presence:
                next_presence = now + timing.presence_every_s
                if not self._is_listed():
                    raise _PortGone(f"{self.port_name} is no longer in the list of ports")

    def _close(self) -> None:
        with self._lock:
            port, self._port = self._port, None
            if port is not None:
                with contextlib.suppress(*DEVICE_ERRORS):  # an unplugged port may fail to close
                    port.close()
        self._framer.reset()

    def _is_listed(self) -> bool:
        if self._list_devices is None:
            return False
        try:
            devices = self._list_devices()
        except DEVICE_ERRORS:
            return False
        return any(_same_port(self.port_name, device) for device in devices)

    def _report(self, state: LinkState, reason: LinkReason, detail: str = "") -> None:
        if self._last == (state, reason):
            return
        self._last = (state, reason)
        self._on_status(LinkStatus(state, reason, self.port_name, detail))


def _same_port(a: str, b: str) -> bool:
    if sys.platform == "win32":
        return a.strip().upper() == b.strip().upper()
    return a == b


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
