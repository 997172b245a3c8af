"""What a terminal's scanners are set to: the serial (COM port) rates, the label rules.

Plain values, below the packages that use them (``devices`` reads a serial scanner,
``workflow.barcode`` normalises what it types), so that loading the settings loads neither.
"""

from __future__ import annotations

import re

import msgspec

#: The rates a barcode scanner's serial (COM port) mode offers; 9600 is every scanner's default.
BAUD_RATES: tuple[int, ...] = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
DEFAULT_BAUD_RATE = 9600

DEFAULT_SHIPMENT_PATTERN = r"[A-Z]{4}[0-9]{10}"


class BarcodeRules(msgspec.Struct, frozen=True):
    """Scanner set-up of a terminal: prefixes/suffixes to strip, the tracking-id shape."""

    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    shipment_pattern: str = DEFAULT_SHIPMENT_PATTERN

    def __post_init__(self) -> None:
        re.compile(self.shipment_pattern)  # a bad pattern fails when settings load
