"""Scanners and other devices the app talks to directly, not through the keyboard (no Qt).

The constants here are what the settings validate against; importing them does not import
pyserial, so loading the settings stays cheap.
"""

#: The rates a barcode scanner's serial (COM port) mode offers; 9600 is every scanner's default.
BAUD_RATES: tuple[int, ...] = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
DEFAULT_BAUD_RATE = 9600
