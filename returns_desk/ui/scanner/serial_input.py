"""A scanner in serial (COM port) mode, behind the same interface as the keyboard one.

``SerialInput`` is a ``QThread`` that runs ``devices.serial_scanner.SerialScanner`` (open,
read, reconnect after an unplug) and speaks the language of ``ScannerInput``: ``scanned(str)``
for each label taken as a scan and ``burst_finished(Burst)`` for everything read, so the
main window connects both inputs to the same slots. A label shorter than the shortest scan
is noise, the same label again within the duplicate window is a double read (the same
``DuplicateWindow`` as the keyboard input), and bytes with no CR/LF are shown but never
scanned. ``status_changed(state, text)`` says whether the scanner is connected, in words
for the clerk.

Only signals leave the thread, and what they carry is immutable. They reach this object in
the GUI thread first, which emits the public signals there: nothing arrives after ``stop()``,
not even a label read just before it, so a window that is closing never gets a late scan.
The thread sleeps in the port's read (a fraction of a second) or on the stop event while it
waits to reconnect, and ``stop()`` cancels both, so it returns at once.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QObject, QThread, Signal, Slot

from returns_desk.devices.serial_scanner import (
    DEFAULT_TIMING,
    Frame,
    LinkReason,
    LinkState,
    LinkStatus,
    ReaderTiming,
    SerialConfig,
    SerialScanner,
    available_devices,
)
from returns_desk.settings import Settings
from returns_desk.ui.scanner.burst import BurstRules, BurstVerdict, classify
from returns_desk.ui.scanner.duplicates import DuplicateWindow
from returns_desk.ui.scanner.serial_burst import SerialBurst
from returns_desk.workflow.barcode import BarcodeRules, normalise

log = logging.getLogger(__name__)


class SerialInput(QThread):
    """Reads a serial scanner until ``stop()``; see the module docstring."""

    scanned = Signal(str)  # the text of a label taken as a scan, as ScannerInput.scanned
    burst_finished = Signal(object)  # every label read, as a SerialBurst
    status_changed = Signal(str, str)  # "connected"/"disconnected"/"off", text for the clerk
    crashed = Signal(str)  # a bug's traceback (also logged); the reader starts again
    # from the thread to this object, in the GUI thread
    _link_changed = Signal(object)  # LinkStatus
    _burst_read = Signal(object)  # SerialBurst
    _bug = Signal(str)

    def __init__(
        self,
        config: SerialConfig,
        rules: BurstRules,
        barcode_rules: BarcodeRules,
        *,
        duplicate_window_s: float = 1.5,
        timing: ReaderTiming = DEFAULT_TIMING,
        list_devices: Callable[[], Iterable[str]] | None = available_devices,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        error_wait_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SerialInput")
        self.rules = rules
        self._barcode_rules = barcode_rules
        self._duplicates = DuplicateWindow(duplicate_window_s)  # used on the thread only
        self._clock, self._now = clock, now
        self._error_wait_s = error_wait_s
        self._stopping = threading.Event()
        self._reader = SerialScanner(
            config,
            on_frame=self._on_reader_frame,
            on_status=self._link_changed.emit,
            timing=timing,
            list_devices=list_devices,
            clock=clock,
        )
        self.state = LinkState.OFF.value  # the last state shown (GUI thread)
        self.status_text = self._text(LinkStatus(LinkState.OFF, LinkReason.STOPPED, config.port))
        self._link_changed.connect(self._on_self_link_changed)
        self._burst_read.connect(self._on_self_burst_read)
        self._bug.connect(self._on_self_bug)

    @classmethod
    def from_settings(cls, settings: Settings, parent: QObject | None = None) -> SerialInput | None:
        """The serial scanner the settings name, or None when they name none (keyboard only)."""
        if not settings.scanner_port:
            return None
        rules = BurstRules(
            settings.scanner_min_length, settings.scanner_mean_gap_ms, settings.scanner_max_gap_ms
        )
        return cls(
            SerialConfig(settings.scanner_port, settings.scanner_baud, settings.scanner_usb_id),
            rules,
            settings.barcode_rules(),
            duplicate_window_s=settings.duplicate_window_s,
            parent=parent,
        )

    @property
    def port(self) -> str:
        return self._reader.port_name  # the configured one, or where the scanner moved

    # --- the thread ----------------------------------------------------------------------

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._reader.run(self._stopping)
            except Exception:  # a bug: reported to the GUI thread, the reader starts again
                self._bug.emit(traceback.format_exc())
                self._stopping.wait(self._error_wait_s)

    def stop(self, timeout_ms: int = 5000) -> bool:
        """End the reader and wait for it, at most ``timeout_ms`` (never ``terminate()``).

        Idempotent; the status is "off" afterwards. A stopped input is not started again.
        """
        self._stopping.set()
        self._reader.interrupt()
        finished = self.wait(timeout_ms) if self.isRunning() else True
        if self.state != LinkState.OFF:
            self._show(LinkStatus(LinkState.OFF, LinkReason.STOPPED, self.port))
        return finished

    def _on_reader_frame(self, frame: Frame) -> None:
        """On the thread: a frame becomes a burst, and a scan unless it is noise or a repeat."""
        text, code = frame.text, ""
        if frame.terminator:
            verdict = classify(text, (), True, self.rules)
        else:
            verdict = BurstVerdict.NO_TERMINATOR
        if verdict is BurstVerdict.SCAN:
            code = normalise(text, self._barcode_rules)
            if self._duplicates.is_double_read(code, self._clock()):
                verdict = BurstVerdict.DOUBLE_READ
        self._burst_read.emit(
            SerialBurst(text, (), frame.terminator, verdict, self._now(), code, self.port)
        )

    # --- back in the GUI thread --------------------------------------------------------

    @Slot(object)
    def _on_self_link_changed(self, status: LinkStatus) -> None:
        if self._stopping.is_set():
            return  # stop() has shown "off"; what the thread said before is stale
        self._show(status)

    @Slot(object)
    def _on_self_burst_read(self, burst: SerialBurst) -> None:
        if self._stopping.is_set():
            return  # read just before stop(): the window may be closing
        self.burst_finished.emit(burst)
        if burst.verdict is BurstVerdict.SCAN:
            self.scanned.emit(burst.text)

    @Slot(str)
    def _on_self_bug(self, text: str) -> None:
        log.error("serial scanner on %s failed:\n%s", self.port, text)
        self.crashed.emit(text)

    def _show(self, status: LinkStatus) -> None:
        if status.state is LinkState.CONNECTED or status.state is LinkState.OFF:
            log.info("serial scanner on %s: %s", status.port, status.reason.value)
        else:
            log.warning(
                "serial scanner on %s: %s (%s)", status.port, status.reason.value, status.detail
            )
        self.state = status.state.value
        self.status_text = self._text(status)
        self.status_changed.emit(self.state, self.status_text)

    def _text(self, status: LinkStatus) -> str:
        texts = {
            LinkReason.OPENED: self.tr("Scanner on %1 connected"),
            LinkReason.LOST: self.tr(
                "Scanner on %1 disconnected — plug it back in; scans resume by themselves"
            ),
            LinkReason.NOT_FOUND: self.tr(
                "No scanner on %1 — plug it in (scans start by themselves) or choose its port "
                "in Settings, Scanner"
            ),
            LinkReason.NO_ACCESS: self.tr(
                "Scanner port %1 is in use by another program or not allowed — close that "
                "program or call IT"
            ),
            LinkReason.FAILED: self.tr(
                "Scanner port %1 cannot be opened (%2) — check the port and the baud rate in "
                "Settings, Scanner"
            ),
            LinkReason.STOPPED: self.tr("Serial scanner on %1 off"),
        }
        text = texts[status.reason].replace("%1", status.port)
        return text.replace("%2", status.detail[:120])
