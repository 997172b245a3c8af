"""A label from a scanner in serial (COM port) mode, as the scanner test screen lists it.

Apart from ``serial_input`` so that the screen can show one without importing pyserial and
the reader: a keyboard-only terminal (the default) never loads them.
"""

from __future__ import annotations

from returns_desk.ui.scanner.burst import Burst


class SerialBurst(Burst, frozen=True):
    """It arrives in one piece, so there are no key gaps (``gaps_ms`` is empty);
    ``terminator`` is "CR" or "LF", or "" when a silence ended it."""

    port: str = ""
